import KQL

/// How a row's values are obtained from its record bytes (for full decoding on demand).
enum RecordKind: Sendable { case json, sysmon, csv }

/// Decodes JSON input: plain rows, streaming envelopes (`{"records":[…]}`), bare envelope
/// records (`{"category":…, "properties":{…}}`) and arrays of any of these. Needed slots are
/// written into the shared `RowBuffers`; other slots are left alone.
final class JSONRowDecoder {
    typealias Emit = (TableInfo?, Int, Int, RecordKind) throws -> Void

    let resolver: TableResolver
    let buffers: RowBuffers
    var projection: ResolvedProjection
    private var top = FieldList(capacity: 128)
    private var rec = FieldList(capacity: 16)
    private var props = FieldList(capacity: 128)

    init(catalog: TableCatalog, projection: ResolvedProjection, buffers: RowBuffers) {
        self.resolver = TableResolver(catalog: catalog)
        self.projection = projection
        self.buffers = buffers
    }

    deinit { top.deallocate(); rec.deallocate(); props.deallocate() }

    /// Decodes `p[start..<end]` (one line or a whole document) and emits each row with its
    /// table (nil = table unknown) and the byte range of the row object.
    /// `recordFilter` (document mode) is applied to each array element / envelope record.
    func decode(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
                override: TableInfo?, fallback: TableInfo?,
                recordFilter: ((UnsafeRawBufferPointer) -> Bool)? = nil,
                emit: Emit) throws -> ScanFailure? {
        let s = ByteScan.skipSpaces(p, start, end)
        if s == end { return nil }
        let c = p[s]
        if c == 0x5B {
            guard let e = JSONScanner.skipComposite(p, s, end) else { return .init("unterminated array") }
            if ByteScan.skipSpaces(p, e, end) != end { return .init("bytes after the JSON array") }
            var failure: ScanFailure?
            let f = try JSONScanner.forEachElement(p, s, e) { es, ee, kind in
                guard failure == nil else { return }
                guard kind == .object else { failure = .init("array element is not an object"); return }
                if let recordFilter, !recordFilter(UnsafeRawBufferPointer(start: p + es, count: ee - es)) { return }
                switch JSONScanner.scanObject(p, es, ee, into: &rec) {
                case .failure(let r): failure = r
                case .success: failure = try record(p, rec, es, ee, override, fallback, emit)
                }
            }
            return failure ?? f
        }
        guard c == 0x7B else { return .init("not a JSON object") }
        if let t = override, recordFilter == nil, let entry = projection.entries[t.id], fastRow(p, s, end, t, entry) {
            try emit(t, s, end, .json)
            return nil
        }
        let objEnd: Int
        switch JSONScanner.scanObject(p, s, end, into: &top) {
        case .failure(let r): return r
        case .success(let e): objEnd = e
        }
        if ByteScan.skipSpaces(p, objEnd, end) != end { return .init("bytes after the JSON object at byte \(objEnd + 1)") }
        if let ri = indexOf(p, top, "records"), top[ri].kind == .array {
            let arr = top[ri]
            var failure: ScanFailure?
            let f = try JSONScanner.forEachElement(p, arr.valueStart, arr.valueEnd) { es, ee, kind in
                guard failure == nil else { return }
                guard kind == .object else { failure = .init("record is not an object"); return }
                if let recordFilter, !recordFilter(UnsafeRawBufferPointer(start: p + es, count: ee - es)) { return }
                switch JSONScanner.scanObject(p, es, ee, into: &rec) {
                case .failure(let r): failure = r
                case .success: failure = try record(p, rec, es, ee, override, fallback, emit)
                }
            }
            return failure ?? f
        }
        return try record(p, top, s, objEnd, override, fallback, emit)
    }

    /// An envelope record (with `properties`) or a plain row.
    private func record(_ p: UnsafePointer<UInt8>, _ fields: FieldList, _ s: Int, _ e: Int,
                        _ override: TableInfo?, _ fallback: TableInfo?, _ emit: Emit) throws -> ScanFailure? {
        if let pi = indexOf(p, fields, "properties"), fields[pi].kind == .object {
            var table = override
            if table == nil, let ci = indexOf(p, fields, "category"),
               fields[ci].kind == .string || fields[ci].kind == .escapedString {
                let f = fields[ci]
                table = resolver.catalog.table(named: JSONText.decode(p, f.valueStart, f.valueEnd,
                                                                      escaped: f.kind == .escapedString))
            }
            let ps = fields[pi].valueStart, pe = fields[pi].valueEnd
            if case .failure(let r) = JSONScanner.scanObject(p, ps, pe, into: &props) { return r }
            try row(p, props, ps, pe, table, fallback, emit)
            return nil
        }
        try row(p, fields, s, e, override, fallback, emit)
        return nil
    }

    private func row(_ p: UnsafePointer<UInt8>, _ fields: FieldList, _ s: Int, _ e: Int,
                     _ override: TableInfo?, _ fallback: TableInfo?, _ emit: Emit) throws {
        if let t = override ?? resolver.resolve(p, fields) {
            if fill(p, fields, t) { try emit(t, s, e, .json) }
            return
        }
        if SysmonMapping.looksLikeSysmon(p, fields) {
            guard let (name, values) = SysmonMapping.map(p, fields), let t = resolver.catalog.table(named: name) else {
                try emit(nil, s, e, .sysmon)
                return
            }
            guard let entry = projection.entries[t.id] else { return }
            for slot in entry.slots {
                buffers.rows[t.id][slot] = values[t.schema.columns[slot].name] ?? t.nulls[slot]
            }
            try emit(t, s, e, .sysmon)
            return
        }
        if let t = fallback {
            if fill(p, fields, t) { try emit(t, s, e, .json) }
        } else {
            try emit(nil, s, e, .json)
        }
    }

    /// Writes the needed slots of `t` from `fields`; false when the projection skips `t`.
    @inline(__always)
    private func fill(_ p: UnsafePointer<UInt8>, _ fields: FieldList, _ t: TableInfo) -> Bool {
        guard let entry = projection.entries[t.id] else { return false }
        let id = t.id
        let cols = t.schema.columns
        for slot in entry.slots { buffers.rows[id][slot] = t.nulls[slot] }
        for f in fields {
            let hit: (slot: Int, alias: Bool)?
            if f.keyEscaped {
                hit = t.keys.lookup(JSONText.decode(p, f.keyStart, f.keyStart + f.keyCount, escaped: true))
            } else {
                guard entry.mayNeed(hash: f.keyHash) else { continue }
                hit = t.keys.lookup(p + f.keyStart, f.keyCount, f.keyHash)
            }
            guard let (slot, _) = hit, entry.mask[slot] else { continue }
            if f.isNullOrEmpty { continue }   // the slot already holds the null; never overwrite a value with it
            buffers.rows[id][slot] = ValueConversion.json(p, f, cols[slot].type)
        }
        return true
    }

    /// Fast path when the table is given: reads keys in order and stops once every needed
    /// column is found, checking only that the line ends with `}` (full decoding validates the
    /// rest). False — nothing emitted — for envelopes, escaped keys or anything unexpected, which
    /// then take the full path.
    private func fastRow(_ p: UnsafePointer<UInt8>, _ s: Int, _ end: Int, _ t: TableInfo,
                         _ entry: ResolvedProjection.Entry) -> Bool {
        guard let last = entry.slots.last, last < 128 else { return false }
        var e = end
        while e > s && ByteScan.isSpace(p[e - 1]) { e -= 1 }
        guard e - s >= 2, p[e - 1] == 0x7D else { return false }
        let id = t.id
        for slot in entry.slots { buffers.rows[id][slot] = t.nulls[slot] }
        var remaining = entry.slots.count
        var found: (UInt64, UInt64) = (0, 0)
        var i = ByteScan.skipSpaces(p, s + 1, e)
        var first = true
        while remaining > 0 {
            guard i < e, p[i] == 0x22, let (kClose, kEsc) = JSONScanner.scanString(p, i, e), !kEsc else { return false }
            let ks = i + 1, kc = kClose - ks
            if first {
                first = false
                let k = p + ks
                if ByteScan.equal(k, kc, "records") || ByteScan.equal(k, kc, "time") || ByteScan.equal(k, kc, "category")
                    || ByteScan.equal(k, kc, "properties") || ByteScan.equal(k, kc, "tenantId") { return false }
            }
            i = ByteScan.skipSpaces(p, kClose + 1, e)
            guard i < e, p[i] == 0x3A else { return false }
            i = ByteScan.skipSpaces(p, i + 1, e)
            guard let v = JSONScanner.scanValue(p, i, e) else { return false }
            let h = ByteScan.keyHash(p + ks, kc)
            if entry.mayNeed(hash: h), let (slot, alias) = t.keys.lookup(p + ks, kc, h), entry.mask[slot] {
                let f = JSONField(keyStart: ks, keyCount: kc, keyHash: h, keyEscaped: false,
                                  valueStart: v.start, valueEnd: v.end, kind: v.kind)
                if !f.isNullOrEmpty {
                    buffers.rows[id][slot] = ValueConversion.json(p, f, t.schema.columns[slot].type)
                }
                if !alias {
                    let bit: UInt64 = 1 << UInt64(slot & 63)
                    if slot < 64 {
                        if found.0 & bit == 0 { found.0 |= bit; remaining -= 1 }
                    } else if found.1 & bit == 0 {
                        found.1 |= bit; remaining -= 1
                    }
                }
            }
            i = ByteScan.skipSpaces(p, v.next, e)
            guard i < e else { return false }
            if p[i] == 0x2C { i = ByteScan.skipSpaces(p, i + 1, e); continue }
            if p[i] == 0x7D && i == e - 1 { break }
            return false
        }
        return true
    }

    /// Every column of the row object at `p[s..<e]`, freshly decoded.
    static func decodeAll(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, table t: TableInfo, kind: RecordKind) -> [Value] {
        var out = t.nulls
        var fields = FieldList()
        defer { fields.deallocate() }
        guard case .success = JSONScanner.scanObject(p, s, e, into: &fields) else { return out }
        if kind == .sysmon {
            if let (_, values) = SysmonMapping.map(p, fields) {
                for (i, c) in t.schema.columns.enumerated() { if let v = values[c.name] { out[i] = v } }
            }
            return out
        }
        for f in fields {
            let hit = f.keyEscaped
                ? t.keys.lookup(JSONText.decode(p, f.keyStart, f.keyStart + f.keyCount, escaped: true))
                : t.keys.lookup(p + f.keyStart, f.keyCount, f.keyHash)
            guard let (slot, _) = hit else { continue }
            if f.isNullOrEmpty { continue }   // the slot already holds the null; never overwrite a value with it
            out[slot] = ValueConversion.json(p, f, t.schema.columns[slot].type)
        }
        return out
    }

    private func indexOf(_ p: UnsafePointer<UInt8>, _ fields: FieldList, _ key: StaticString) -> Int? {
        let n = key.utf8CodeUnitCount
        for (i, f) in fields.enumerated() where f.keyCount == n && ByteScan.equal(p + f.keyStart, n, key) { return i }
        return nil
    }
}
