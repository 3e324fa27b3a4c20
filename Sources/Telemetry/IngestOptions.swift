import Synchronization

/// Settings shared by all inputs of one `Ingest`.
public struct IngestOptions: Sendable {
    /// Needed columns per table.
    public var projection: Projection = .all
    /// Table for rows whose table cannot be told from the content.
    public var defaultTable: String?
    /// Called with each raw JSON line / CSV record before decoding; false skips it. It sees the
    /// bytes as they are in the input, whatever the format.
    public var prefilter: (@Sendable (UnsafeRawBufferPointer) -> Bool)?
    /// Literal prefilter: a line is decoded when it contains (ASCII case-insensitively) every
    /// literal of at least one group. Ingest matches the literals in each input's own encoding
    /// (JSON or CSV escaping), so it never changes an answer. Empty = no literal prefilter.
    public var prefilterLiterals: [[String]] = []
    /// Rules' literal clauses (`[rule][clause][alternative]`), used instead of `prefilterLiterals`
    /// when set: a line passes when some rule has every clause present (see `LiteralClauses`).
    public var prefilterClauses: [[[String]]] = []
    /// Malformed lines throw instead of being reported and skipped.
    public var strict = false
    /// Called once per malformed line.
    public var onMalformed: (@Sendable (MalformedLine) -> Void)?
    /// Called once per row whose table is unknown (no match, no default, unmapped Sysmon event).
    public var onUnknownTable: (@Sendable (MalformedLine) -> Void)?
    /// Pace rows as `--replay` says.
    public var replay: ReplayMode?
    /// Sleep between polls when every followed input is idle (seconds).
    public var pollInterval = 0.1
    /// How often a followed folder is re-listed for new files (seconds).
    public var folderRescanInterval = 1.0

    public init() {}
}

/// Counters of one `Ingest` run.
public struct IngestStats: Sendable, Equatable {
    /// Physical lines read (prefiltered and blank ones included).
    public var lines = 0
    public var bytes: Int64 = 0
    /// Lines (or CSV records) the prefilter skipped.
    public var prefiltered = 0
    public var rows = 0
    public var malformed = 0
    public var unknownTable = 0

    public init() {}
}

/// A stop request that another thread may raise.
public final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    public func stop() { flag.store(true, ordering: .relaxed) }
    public var isStopped: Bool { flag.load(ordering: .relaxed) }
}
