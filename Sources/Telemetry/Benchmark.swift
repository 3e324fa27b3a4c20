import KQL

/// Throughput figures for a file, for `hunttop --bench FILE` (build in release).
public enum Benchmark {
    public struct Result: Sendable, CustomStringConvertible {
        public let label: String
        public let lines: Int
        public let rows: Int
        public let bytes: Int64
        public let seconds: Double
        public var linesPerSecond: Double { Double(lines) / seconds }
        public var megabytesPerSecond: Double { Double(bytes) / 1e6 / seconds }
        public var description: String {
            let lps = Int(linesPerSecond.rounded())
            let mbs = Int(megabytesPerSecond.rounded())
            return "\(label): \(lines) lines, \(rows) rows in \((seconds * 1000).rounded() / 1000) s = \(lps) lines/s, \(mbs) MB/s"
        }
    }

    /// The columns the seed rule reads.
    public static let seedColumns = ["InitiatingProcessFileName", "InitiatingProcessCommandLine",
                                     "InitiatingProcessParentFileName", "FolderPath", "Timestamp"]

    /// One pass over `path` decoding `columns` of `table` (optionally behind a literal prefilter).
    public static func run(path: String, table: String = "DeviceFileEvents", columns: [String] = seedColumns,
                           prefilter: LiteralSet? = nil, label: String? = nil) throws -> Result {
        var options = IngestOptions()
        options.projection = Projection(columns: [table: columns])
        options.defaultTable = table
        if let prefilter { options.prefilter = LiteralSet.predicate(anyOf: [prefilter]) }
        let ingest = try Ingest(inputs: [InputSpec(.path(path))], options: options)
        var sink = 0
        let t0 = ReplayPacer.monotonicNow()
        let stats = try ingest.run { row in
            if case .string(let s) = row.values[0] { sink &+= s.utf8.count }
            sink &+= row.values.count
        }
        let dt = ReplayPacer.monotonicNow() - t0
        _ = sink
        return Result(label: label ?? "\(columns.count) columns of \(table)", lines: stats.lines, rows: stats.rows,
                      bytes: stats.bytes, seconds: dt)
    }

    /// Line scan only, seed columns, seed columns behind the seed rule's literals, all columns.
    public static func suite(path: String) throws -> [Result] {
        let all = Schema.standard.table("DeviceFileEvents")!.columns.map(\.name)
        return [
            try run(path: path, columns: [], label: "lines only (0 columns)"),
            try run(path: path, label: "seed rule columns (5)"),
            try run(path: path, prefilter: LiteralSet(allOf: ["ping.exe", ".eml"]),
                    label: "seed columns + prefilter ping.exe & .eml"),
            try run(path: path, columns: all, label: "all \(all.count) columns"),
        ]
    }
}
