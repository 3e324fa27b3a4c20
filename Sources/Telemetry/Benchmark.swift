import Glibc
import KQL

/// Throughput figures for a file, for `hunttop --bench FILE` (build in release).
public enum Benchmark {
    public struct Result: Sendable, CustomStringConvertible {
        public let label: String
        public let lines: Int
        public let rows: Int
        public let bytes: Int64
        public let seconds: Double
        /// User + system CPU time of the process during the run (robust to other load).
        public let cpuSeconds: Double
        public var linesPerSecond: Double { Double(lines) / seconds }
        public var megabytesPerSecond: Double { Double(bytes) / 1e6 / seconds }
        public var linesPerCPUSecond: Double { Double(lines) / cpuSeconds }
        public var description: String {
            let lps = Int(linesPerSecond.rounded())
            let mbs = Int(megabytesPerSecond.rounded())
            let cps = Int(linesPerCPUSecond.rounded())
            return "\(label): \(lines) lines, \(rows) rows in \((seconds * 1000).rounded() / 1000) s wall = \(lps) lines/s, \(mbs) MB/s; "
                + "\((cpuSeconds * 1000).rounded() / 1000) s CPU = \(cps) lines per CPU-second"
        }
    }

    /// The columns the seed rule reads.
    public static let seedColumns = ["InitiatingProcessFileName", "InitiatingProcessCommandLine",
                                     "InitiatingProcessParentFileName", "FolderPath", "Timestamp"]

    /// One pass over `path` decoding `columns` of `table` (optionally behind a literal prefilter).
    /// `tableGiven`: the input is declared to hold `table` rows (no detection per line).
    public static func run(path: String, table: String = "DeviceFileEvents", columns: [String] = seedColumns,
                           tableGiven: Bool = false, prefilter: [String]? = nil, label: String? = nil) throws -> Result {
        var options = IngestOptions()
        options.projection = Projection(columns: [table: columns])
        options.defaultTable = table
        if let prefilter { options.prefilterLiterals = [prefilter] }
        let ingest = try Ingest(inputs: [InputSpec(.path(path), table: tableGiven ? table : nil)], options: options)
        var sink = 0
        let t0 = ReplayPacer.monotonicNow()
        let c0 = cpuTime()
        let stats = try ingest.run { row in
            if case .string(let s) = row.values[0] { sink &+= s.utf8.count }
            sink &+= row.values.count
        }
        let dt = ReplayPacer.monotonicNow() - t0
        let dc = cpuTime() - c0
        _ = sink
        return Result(label: label ?? "\(columns.count) columns of \(table)", lines: stats.lines, rows: stats.rows,
                      bytes: stats.bytes, seconds: dt, cpuSeconds: dc)
    }

    static func cpuTime() -> Double {
        var u = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
        return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6
            + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
    }

    /// `read(2)` + memchr line splitting alone (the I/O floor; also warms the page cache).
    public static func readLines(path: String) throws -> Result {
        let reader = try LineReader(path: path)
        var lines = 0, sink = 0
        let t0 = ReplayPacer.monotonicNow(), c0 = cpuTime()
        while try reader.pump({ line, _ in lines += 1; sink &+= line.count }) != .finished {}
        _ = sink
        return Result(label: "read + split lines", lines: lines, rows: 0, bytes: reader.bytesRead,
                      seconds: ReplayPacer.monotonicNow() - t0, cpuSeconds: cpuTime() - c0)
    }

    /// Line split, JSON scan without columns, seed columns, seed columns behind the seed rule's
    /// literals, all columns.
    public static func suite(path: String) throws -> [Result] {
        let all = Schema.standard.table("DeviceFileEvents")!.columns.map(\.name)
        _ = try readLines(path: path)
        return [
            try readLines(path: path),
            try run(path: path, columns: [], label: "lines only (0 columns)"),
            try run(path: path, label: "seed rule columns (5), table detected"),
            try run(path: path, tableGiven: true, label: "seed rule columns (5), table given"),
            try run(path: path, prefilter: ["ping.exe -t 127.0.0.1", ".eml"],
                    label: "seed columns + prefilter 'ping.exe -t 127.0.0.1' & '.eml'"),
            try run(path: path, columns: all, label: "all \(all.count) columns"),
        ]
    }
}
