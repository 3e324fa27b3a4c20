import KQL

/// Decodes Advanced Hunting CSV exports: a header row of column names, then records whose
/// fields may be quoted (`""` for a quote; quoted fields may hold newlines and commas).
/// The table comes from the caller, else a `Type`/`TableName`/`$table` column, else the table
/// whose columns best match the header, else the caller's default.
final class CSVDecoder {
    let catalog: TableCatalog
    let buffers: RowBuffers
    var projection: ResolvedProjection
    private(set) var header: [String] = []
    private var tableColumn: Int?
    private var headerTable: TableInfo?
    private var slotMaps: [Int: [(slot: Int, alias: Bool)?]] = [:]
    private var starts: [Int] = []
    private var ends: [Int] = []
    private var doubled: [Bool] = []

    var hasHeader: Bool { !header.isEmpty }

    init(catalog: TableCatalog, projection: ResolvedProjection, buffers: RowBuffers) {
        self.catalog = catalog
        self.projection = projection
        self.buffers = buffers
    }

    /// Reads the header record.
    func setHeader(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> ScanFailure? {
        var s = s
        if e - s >= 3, p[s] == 0xEF, p[s + 1] == 0xBB, p[s + 2] == 0xBF { s += 3 }
        if let f = split(p, s, e) { return f }
        header = (0..<starts.count).map { field(p, $0) }
        tableColumn = header.firstIndex { $0 == "Type" || $0 == "TableName" || $0 == "$table" }
        headerTable = bestMatch()
        return nil
    }

    private func bestMatch() -> TableInfo? {
        var best: TableInfo?
        var bestScore = 0
        for t in catalog.tables {
            var score = 0
            for h in header { score += t.keys.lookup(h) != nil ? 4 : -2 }
            if score > bestScore || (score == bestScore && best != nil && t.schema.columns.count < best!.schema.columns.count) {
                if score > 0 { best = t; bestScore = score }
            }
        }
        return best
    }

    private func slotMap(_ t: TableInfo) -> [(slot: Int, alias: Bool)?] {
        if let m = slotMaps[t.id] { return m }
        let m = header.map { t.keys.lookup($0) }
        slotMaps[t.id] = m
        return m
    }

    /// Decodes one record; emits its table (nil = unknown).
    func decode(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, override: TableInfo?, fallback: TableInfo?,
                emit: (TableInfo?, Int, Int, RecordKind) throws -> Void) throws -> ScanFailure? {
        if let f = split(p, s, e) { return f }
        if starts.count != header.count {
            return .init("\(starts.count) fields where the header has \(header.count)")
        }
        var table = override
        if table == nil, let tc = tableColumn { table = catalog.table(named: field(p, tc)) }
        guard let t = table ?? headerTable ?? fallback else {
            try emit(nil, s, e, .csv)
            return nil
        }
        guard let entry = projection.entries[t.id] else { return nil }
        let map = slotMap(t)
        let id = t.id
        for slot in entry.slots { buffers.rows[id][slot] = t.nulls[slot] }
        for i in 0..<map.count {
            guard let (slot, _) = map[i], entry.mask[slot] else { continue }
            if ends[i] == starts[i] { continue }   // empty: the slot already holds the null
            buffers.rows[id][slot] = value(p, i, t.schema.columns[slot].type)
        }
        try emit(t, s, e, .csv)
        return nil
    }

    /// Every column of the record at `p[s..<e]`, freshly decoded.
    func decodeAll(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, table t: TableInfo) -> [Value] {
        var out = t.nulls
        guard split(p, s, e) == nil else { return out }
        let map = slotMap(t)
        for i in 0..<min(map.count, starts.count) {
            guard let (slot, _) = map[i] else { continue }
            if ends[i] == starts[i] { continue }   // empty: the slot already holds the null
            out[slot] = value(p, i, t.schema.columns[slot].type)
        }
        return out
    }

    private func value(_ p: UnsafePointer<UInt8>, _ i: Int, _ type: KQLType) -> Value {
        if !doubled[i] { return ValueConversion.text(p, starts[i], ends[i], type) }
        let u = unquote(p, i)
        return u.withUnsafeBufferPointer { b in
            b.baseAddress.map { ValueConversion.text($0, 0, b.count, type) } ?? Value.null(of: type)
        }
    }

    private func field(_ p: UnsafePointer<UInt8>, _ i: Int) -> String {
        doubled[i] ? String(decoding: unquote(p, i), as: UTF8.self) : ByteScan.string(p, starts[i], ends[i])
    }

    private func unquote(_ p: UnsafePointer<UInt8>, _ i: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(ends[i] - starts[i])
        var k = starts[i]
        while k < ends[i] {
            out.append(p[k])
            k += (p[k] == 0x22 && k + 1 < ends[i] && p[k + 1] == 0x22) ? 2 : 1
        }
        return out
    }

    /// Splits a record into field ranges (quotes excluded).
    private func split(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> ScanFailure? {
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        doubled.removeAll(keepingCapacity: true)
        var i = s
        while true {
            if i < e && p[i] == 0x22 {
                var j = i + 1
                var dq = false
                var close = -1
                while true {
                    guard let q = ByteScan.memchrIndex(p, j, e, 0x22) else {
                        return .init("unterminated quoted field \(starts.count + 1)")
                    }
                    if q + 1 < e && p[q + 1] == 0x22 { dq = true; j = q + 2; continue }
                    close = q
                    break
                }
                starts.append(i + 1); ends.append(close); doubled.append(dq)
                i = close + 1
                if i >= e { return nil }
                guard p[i] == 0x2C else { return .init("text after the closing quote of field \(starts.count)") }
                i += 1
            } else {
                let c = ByteScan.memchrIndex(p, i, e, 0x2C) ?? e
                starts.append(i); ends.append(c); doubled.append(false)
                if c >= e { return nil }
                i = c + 1
            }
            if i == e { starts.append(e); ends.append(e); doubled.append(false); return nil }
        }
    }
}
