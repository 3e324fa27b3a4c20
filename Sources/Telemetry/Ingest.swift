import Glibc
import KQL

/// Drives inputs to rows: for each source → each line → prefilter → decode the needed slots
/// into a reused buffer → `onRow`. `run` reads every input to its end, or, when some input
/// follows, until `stopFlag` is raised. Use one `Ingest` on one thread.
public final class Ingest {
    public let inputs: [InputSpec]
    public let options: IngestOptions
    public let catalog: TableCatalog
    public let stopFlag: StopFlag
    /// Counters so far (raw storage: bumped per line without exclusivity checks).
    public var stats: IngestStats { statsStorage.pointee }
    private let statsStorage: UnsafeMutablePointer<IngestStats> = {
        let p = UnsafeMutablePointer<IngestStats>.allocate(capacity: 1)
        p.initialize(to: IngestStats())
        return p
    }()

    private let buffers: RowBuffers
    private let projection: ResolvedProjection
    private let fallback: TableInfo?
    private var pacer: ReplayPacer?
    private var sources: [Source] = []
    private var folders: [(path: String, spec: InputSpec, known: Set<String>)] = []
    private var lastRescan = 0.0
    private let jsonLiterals: (@Sendable (UnsafeRawBufferPointer) -> Bool)?
    private let csvLiterals: (@Sendable (UnsafeRawBufferPointer) -> Bool)?

    /// `stopFlag` lets another thread stop `run`; pass your own to hold it before the ingest exists.
    public init(inputs: [InputSpec], options: IngestOptions = IngestOptions(), catalog: TableCatalog = .standard,
                stopFlag: StopFlag = StopFlag()) throws {
        self.inputs = inputs
        self.stopFlag = stopFlag
        let groups = options.prefilterLiterals
        if !options.prefilterClauses.isEmpty {
            let j = LiteralClauses(options.prefilterClauses, encoding: .json)
            let c = LiteralClauses(options.prefilterClauses, encoding: .csv)
            if j.isEmpty {
                jsonLiterals = nil
                csvLiterals = nil
            } else {
                jsonLiterals = { @Sendable (line: UnsafeRawBufferPointer) -> Bool in j.matches(line) }
                csvLiterals = { @Sendable (line: UnsafeRawBufferPointer) -> Bool in c.matches(line) }
            }
        } else {
            jsonLiterals = groups.isEmpty ? nil : LiteralSet.predicate(anyOf: groups.map { LiteralSet(allOf: $0, encoding: .json) })
            csvLiterals = groups.isEmpty ? nil : LiteralSet.predicate(anyOf: groups.map { LiteralSet(allOf: $0, encoding: .csv) })
        }
        self.options = options
        self.catalog = catalog
        buffers = RowBuffers(catalog: catalog)
        projection = ResolvedProjection(options.projection, catalog: catalog,
                                        forceSlots: options.replay == nil ? [] : ["Timestamp"])
        if let d = options.defaultTable {
            guard let t = catalog.table(named: d) else { throw TelemetryError.unknownTable(d) }
            fallback = t
        } else {
            fallback = nil
        }
        pacer = options.replay.map { ReplayPacer(mode: $0) }
        for spec in inputs {
            if let t = spec.table, catalog.table(named: t) == nil { throw TelemetryError.unknownTable(t) }
            switch spec.location {
            case .stdin:
                try sources.append(makeSource(path: nil, spec: spec))
            case .path(let path):
                if Self.isDirectory(path) {
                    let files = Self.listFiles(path)
                    for f in files { try sources.append(makeSource(path: f, spec: spec)) }
                    if spec.follow { folders.append((path, spec, Set(files))) }
                } else {
                    try sources.append(makeSource(path: path, spec: spec))
                }
            }
        }
    }

    deinit {
        statsStorage.deinitialize(count: 1)
        statsStorage.deallocate()
    }

    /// Asks `run` to return soon (callable from any thread).
    public func stop() { stopFlag.stop() }

    /// Reads inputs and calls `onRow` for every decoded row; `onIdle` when every input is
    /// caught up (follow mode), e.g. to flush a batch. Throws on I/O errors, on a malformed
    /// line in strict mode, or whatever `onRow` throws.
    @discardableResult
    public func run(onIdle: () throws -> Void = {}, _ onRow: (RowRef) throws -> Void) throws -> IngestStats {
        while !stopFlag.isStopped {
            var progress = false
            var open = false
            for src in sources where !src.done {
                let before = src.reader.bytesRead
                let status = try src.reader.pump(onOversize: { [unowned self] line in
                    statsStorage.pointee.lines += 1
                    try malformed(src.reader.name, line, "line longer than \(src.reader.maxLineBytes) bytes")
                }) { line, number in
                    statsStorage.pointee.lines += 1
                    try handleLine(src, line, number, onRow)
                }
                statsStorage.pointee.bytes += src.reader.bytesRead - before
                switch status {
                case .progress: progress = true; open = true
                case .idle:
                    try flushDocument(src, complete: false, onRow)
                    open = true
                case .finished:
                    try finish(src, onRow)
                    src.done = true
                }
                if stopFlag.isStopped { break }
            }
            try rescanFolders()
            if !open && folders.isEmpty { break }
            if !progress {
                try onIdle()
                usleep(useconds_t(options.pollInterval * 1_000_000))
            }
        }
        return statsStorage.pointee
    }

    // MARK: - Sources

    final class Source {
        let reader: LineReader
        let spec: InputSpec
        let override: TableInfo?
        var format: InputFormat
        let json: JSONRowDecoder
        let csv: CSVDecoder
        var pending: [UInt8] = []        // CSV record spanning lines, or a JSON document
        var pendingLine = 0
        var pendingQuotes = false
        var done = false

        init(reader: LineReader, spec: InputSpec, override: TableInfo?, json: JSONRowDecoder, csv: CSVDecoder) {
            self.reader = reader; self.spec = spec; self.override = override
            self.format = spec.format; self.json = json; self.csv = csv
        }
    }

    private func makeSource(path: String?, spec: InputSpec) throws -> Source {
        let reader = try LineReader(path: path, follow: spec.follow)
        return Source(reader: reader, spec: spec, override: spec.table.flatMap { catalog.table(named: $0) },
                      json: JSONRowDecoder(catalog: catalog, projection: projection, buffers: buffers),
                      csv: CSVDecoder(catalog: catalog, projection: projection, buffers: buffers))
    }

    private func rescanFolders() throws {
        guard !folders.isEmpty else { return }
        let now = ReplayPacer.monotonicNow()
        guard now - lastRescan >= options.folderRescanInterval else { return }
        lastRescan = now
        for i in folders.indices {
            for f in Self.listFiles(folders[i].path) where !folders[i].known.contains(f) {
                folders[i].known.insert(f)
                try sources.append(makeSource(path: f, spec: folders[i].spec))
            }
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Regular files of a folder, sorted by name (hidden files skipped).
    static func listFiles(_ path: String) -> [String] {
        guard let d = opendir(path) else { return [] }
        defer { closedir(d) }
        var out: [String] = []
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasPrefix(".") { continue }
            let full = path.hasSuffix("/") ? path + name : path + "/" + name
            var st = stat()
            if stat(full, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG { out.append(full) }
        }
        return out.sorted()
    }

    // MARK: - Lines

    private func handleLine(_ src: Source, _ line: UnsafeRawBufferPointer, _ number: Int,
                            _ onRow: (RowRef) throws -> Void) throws {
        guard let base = line.baseAddress else { return }
        let p = base.assumingMemoryBound(to: UInt8.self)
        let n = line.count
        if src.format == .auto {
            var s = ByteScan.skipSpaces(p, 0, n)
            if n - s >= 3, p[s] == 0xEF, p[s + 1] == 0xBB, p[s + 2] == 0xBF { s += 3 }
            if s == n { return }
            if p[s] == 0x7B || p[s] == 0x5B {
                src.format = JSONScanner.skipComposite(p, s, n) == nil ? .jsonDocument : .jsonLines
            } else {
                src.format = .csv
            }
        }
        switch src.format {
        case .auto, .jsonLines:
            var s = 0
            if n >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { s = 3 }
            if ByteScan.skipSpaces(p, s, n) == n { return }
            if !passes(line, jsonLiterals) { statsStorage.pointee.prefiltered += 1; return }
            let failure = try src.json.decode(p, s, n, override: src.override, fallback: fallback) { t, rs, re, kind in
                try emit(src, t, line, rs, re, kind, number, onRow)
            }
            if let failure { try malformed(src.reader.name, number, failure.reason) }
        case .jsonDocument:
            if src.pending.isEmpty { src.pendingLine = number }
            src.pending.append(contentsOf: line)
            src.pending.append(0x0A)
        case .csv:
            let quotes = Self.countQuotes(p, n) & 1 == 1
            if src.pending.isEmpty && !quotes {
                if ByteScan.skipSpaces(p, 0, n) == n { return }
                try csvRecord(src, line, number, onRow)
                return
            }
            if src.pending.isEmpty { src.pendingLine = number; src.pendingQuotes = false }
            else { src.pending.append(0x0A) }
            src.pending.append(contentsOf: line)
            if quotes { src.pendingQuotes.toggle() }
            if !src.pendingQuotes {
                let rec = src.pending
                src.pending.removeAll(keepingCapacity: true)
                try rec.withUnsafeBytes { try csvRecord(src, $0, src.pendingLine, onRow) }
            }
        }
    }

    private func csvRecord(_ src: Source, _ rec: UnsafeRawBufferPointer, _ number: Int,
                           _ onRow: (RowRef) throws -> Void) throws {
        let p = rec.baseAddress!.assumingMemoryBound(to: UInt8.self)
        if !src.csv.hasHeader {
            if let f = src.csv.setHeader(p, 0, rec.count) { try malformed(src.reader.name, number, "bad CSV header: " + f.reason) }
            return
        }
        if !passes(rec, csvLiterals) { statsStorage.pointee.prefiltered += 1; return }
        let failure = try src.csv.decode(p, 0, rec.count, override: src.override, fallback: fallback) { t, rs, re, kind in
            try emit(src, t, rec, rs, re, kind, number, onRow)
        }
        if let failure { try malformed(src.reader.name, number, failure.reason) }
    }

    @inline(__always)
    private func passes(_ bytes: UnsafeRawBufferPointer, _ literals: (@Sendable (UnsafeRawBufferPointer) -> Bool)?) -> Bool {
        if let pf = options.prefilter, !pf(bytes) { return false }
        if let literals, !literals(bytes) { return false }
        return true
    }

    private static func countQuotes(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        var c = 0, i = 0
        while let k = ByteScan.memchrIndex(p, i, n, 0x22) { c += 1; i = k + 1 }
        return c
    }

    /// Decodes a buffered JSON document once it is complete (or at the end, whatever it is).
    private func flushDocument(_ src: Source, complete atEnd: Bool, _ onRow: (RowRef) throws -> Void) throws {
        guard src.format == .jsonDocument, !src.pending.isEmpty else { return }
        let doc = src.pending
        let ok: Bool = doc.withUnsafeBufferPointer { b in
            let p = b.baseAddress!
            let s = ByteScan.skipSpaces(p, 0, b.count)
            return s < b.count && JSONScanner.skipComposite(p, s, b.count) != nil
        }
        guard ok || atEnd else { return }
        src.pending.removeAll(keepingCapacity: true)
        let first = src.pendingLine
        try doc.withUnsafeBytes { raw in
            let p = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let filter: ((UnsafeRawBufferPointer) -> Bool)? = options.prefilter == nil && jsonLiterals == nil ? nil : { [unowned self] in
                passes($0, jsonLiterals)
            }
            let failure = try src.json.decode(p, 0, raw.count, override: src.override, fallback: fallback,
                                              recordFilter: filter) { t, rs, re, kind in
                let line = first + Self.countNewlines(p, rs)
                try emit(src, t, raw, rs, re, kind, line, onRow)
            }
            if let failure { try malformed(src.reader.name, first, failure.reason) }
        }
    }

    private static func countNewlines(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        var c = 0, i = 0
        while let k = ByteScan.memchrIndex(p, i, n, 0x0A) { c += 1; i = k + 1 }
        return c
    }

    private func finish(_ src: Source, _ onRow: (RowRef) throws -> Void) throws {
        switch src.format {
        case .jsonDocument:
            try flushDocument(src, complete: true, onRow)
        case .csv where !src.pending.isEmpty:
            src.pending.removeAll()
            try malformed(src.reader.name, src.pendingLine, "quoted CSV field never closed")
        default: break
        }
    }

    // MARK: - Rows and problems

    private func emit(_ src: Source, _ t: TableInfo?, _ raw: UnsafeRawBufferPointer, _ rs: Int, _ re: Int,
                      _ kind: RecordKind, _ number: Int, _ onRow: (RowRef) throws -> Void) throws {
        guard let t else {
            statsStorage.pointee.unknownTable += 1
            let why = kind == .sysmon ? "Sysmon event without an MDE mapping" : "cannot tell which table this row belongs to"
            options.onUnknownTable?(MalformedLine(source: src.reader.name, line: number, reason: why))
            return
        }
        if pacer != nil {
            let ts = t.schema.slot(of: "Timestamp").flatMap { s -> Int64? in
                if case .datetime(let v) = buffers.rows[t.id][s] { return v }
                return nil
            }
            pacer!.pace(ticks: ts)
        }
        statsStorage.pointee.rows += 1
        try onRow(RowRef(table: t, values: buffers.rows[t.id], source: src.reader.name, lineNumber: number,
                         rawLine: raw, recordStart: rs, recordEnd: re, kind: kind,
                         csv: kind == .csv ? src.csv : nil))
    }

    private func malformed(_ source: String, _ line: Int, _ reason: String) throws {
        statsStorage.pointee.malformed += 1
        let m = MalformedLine(source: source, line: line, reason: reason)
        if options.strict { throw TelemetryError.malformed(m) }
        options.onMalformed?(m)
    }
}
