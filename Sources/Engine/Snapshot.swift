import Foundation
// The contract between the engine (background evaluator) and the dashboard (UI thread):
// immutable, Sendable data published by the engine; commands sent back by the UI.

/// Ordered column name/value pairs, as text, for the detail pane.
public typealias SnapshotColumns = [(name: String, value: String)]

/// Everything the dashboard draws, as of one engine publication.
public struct Snapshot: Sendable {
    /// Increases with every publication; the UI redraws when it changes.
    public var version: UInt64
    /// Source names (files, directories, `stdin`, …).
    public var sources: [String]
    public var totals: SnapshotTotals
    /// Most recent events, oldest first, bounded by the engine.
    public var feed: ChunkedList<FeedEvent>
    public var rules: [RuleSummary]
    /// Recent hits of each rule keyed by rule id, oldest first, bounded by the engine.
    public var hitsByRule: [String: ChunkedList<RuleHit>]
    /// Lineage trees by `RuleHit.hitId`: the hit the dashboard has selected (`focusHit`) and the
    /// newest few of each rule. A hit without one here may carry a stored `tree` of its own.
    public var trees: [UInt64: SnapshotTree] = [:]
    public var exclusions: [ExclusionSummary]
    /// The answer to the latest `previewExclusion` command.
    public var exclusionPreview: ExclusionPreview?
    /// Exclusions that failed to load or to be added (`file:line:col: error[CODE]: message`), newest last.
    public var exclusionErrors: [String] = []
    /// A problem with the state database (e.g. disk full: hits kept in memory only), shown to the hunter.
    public var stateWarning: String? = nil

    public init(version: UInt64 = 0, sources: [String] = [], totals: SnapshotTotals = SnapshotTotals(),
                feed: [FeedEvent] = [], rules: [RuleSummary] = [], hitsByRule: [String: [RuleHit]] = [:],
                exclusions: [ExclusionSummary] = []) {
        self.version = version
        self.sources = sources
        self.totals = totals
        self.feed = ChunkedList(feed)
        self.rules = rules
        self.hitsByRule = hitsByRule.mapValues { ChunkedList($0) }
        self.exclusions = exclusions
    }

    public static let empty = Snapshot()

    /// Hits of one rule (empty when none are known).
    public func hits(of ruleId: String) -> ChunkedList<RuleHit> { hitsByRule[ruleId] ?? [] }

    /// The lineage tree to show for a hit: the engine's live one, else the one stored with it.
    public func tree(for hit: RuleHit) -> SnapshotTree? { trees[hit.hitId] ?? hit.tree }
}

public struct SnapshotTotals: Sendable {
    public var eventsRead: Int
    public var eventsPerSecond: Double
    public var malformedLines: Int
    /// The last few malformed lines, newest last.
    public var recentMalformed: [SnapshotMalformed]
    public var ruleErrors: [SnapshotRuleError]

    public init(eventsRead: Int = 0, eventsPerSecond: Double = 0, malformedLines: Int = 0,
                recentMalformed: [SnapshotMalformed] = [], ruleErrors: [SnapshotRuleError] = []) {
        self.eventsRead = eventsRead
        self.eventsPerSecond = eventsPerSecond
        self.malformedLines = malformedLines
        self.recentMalformed = recentMalformed
        self.ruleErrors = ruleErrors
    }
}

public struct SnapshotMalformed: Sendable, Hashable {
    public var file: String
    public var line: Int
    public var message: String
    public init(file: String, line: Int, message: String) {
        self.file = file; self.line = line; self.message = message
    }
}

public struct SnapshotRuleError: Sendable, Hashable {
    public var file: String
    public var message: String
    public init(file: String, message: String) { self.file = file; self.message = message }
}

/// One event of the live feed.
public struct FeedEvent: Sendable {
    public var eventId: UInt64
    /// 100 ns ticks since 0001-01-01 (see `Ticks`).
    public var time: Int64
    public var table: String
    public var device: String
    public var action: String
    public var processFileName: String
    /// The file path for file events, the command line for process events.
    public var pathOrCommand: String
    /// Ids of the rules this event hit (empty for most events).
    public var hitRuleIds: [String]
    /// Every column of the event, for the detail pane (decoded from the kept record when asked
    /// for, so that events nobody looks at cost nothing).
    public var columns: SnapshotColumns {
        get {
            switch columnSource {
            case .decoded(let c): return c
            case .jsonRecord(let r, let table): return LiveEngine.decodeColumns(r, table: table)
            }
        }
        set { columnSource = .decoded(newValue) }
    }
    public var columnSource: FeedColumns

    public init(eventId: UInt64, time: Int64, table: String, device: String, action: String,
                processFileName: String, pathOrCommand: String, hitRuleIds: [String] = [],
                columns: SnapshotColumns = []) {
        self.init(eventId: eventId, time: time, table: table, device: device, action: action, processFileName: processFileName,
                  pathOrCommand: pathOrCommand, hitRuleIds: hitRuleIds, columnSource: .decoded(columns))
    }

    public init(eventId: UInt64, time: Int64, table: String, device: String, action: String,
                processFileName: String, pathOrCommand: String, hitRuleIds: [String], columnSource: FeedColumns) {
        self.eventId = eventId; self.time = time; self.table = table; self.device = device
        self.action = action; self.processFileName = processFileName; self.pathOrCommand = pathOrCommand
        self.hitRuleIds = hitRuleIds; self.columnSource = columnSource
    }

    public var isHit: Bool { !hitRuleIds.isEmpty }
}

/// Where a feed event's columns come from.
public enum FeedColumns: Sendable {
    case decoded(SnapshotColumns)
    /// The event's JSON record (of `table`), decoded on demand.
    case jsonRecord(RecordSlice, table: String)
}

/// One loaded rule with its running statistics.
public struct RuleSummary: Sendable {
    public var id: String
    public var name: String
    public var tactics: [String]
    /// `High`, `Medium`, `Low`, `Informational` (free text; shown as given).
    public var severity: String
    /// Rule kind as declared (`Scheduled`, `NRT`, `Hunting`, …).
    public var kind: String
    public var hitCount: Int
    /// Ticks of the latest hit, nil when none yet.
    public var lastHit: Int64?
    /// Hits per interval, oldest first, for a sparkline.
    public var rateHistory: [Int]
    /// The rule's query text (shown in detail).
    public var query: String
    /// The rule's source file.
    public var file: String

    public init(id: String, name: String, tactics: [String] = [], severity: String = "", kind: String = "",
                hitCount: Int = 0, lastHit: Int64? = nil, rateHistory: [Int] = [], query: String = "",
                file: String = "") {
        self.id = id; self.name = name; self.tactics = tactics; self.severity = severity; self.kind = kind
        self.hitCount = hitCount; self.lastHit = lastHit; self.rateHistory = rateHistory
        self.query = query; self.file = file
    }

    public var tactic: String { tactics.joined(separator: ",") }
}

/// One rule hit.
public struct RuleHit: Sendable {
    public var hitId: UInt64
    public var eventId: UInt64
    public var ruleId: String
    public var time: Int64
    public var device: String { didSet { groupKey = RuleHit.groupKey(device, processFileName) } }
    public var processFileName: String { didSet { groupKey = RuleHit.groupKey(device, processFileName) } }
    /// Device and process, lowercased: the hits pane groups and sorts by it.
    public private(set) var groupKey: String
    public var processCommandLine: String
    public var path: String
    /// Exclusions that matched this hit; non-empty means suppressed (or would be, in shadow mode).
    public var suppressedBy: [String]
    /// Lineage from root to the hitting process, with its events.
    public var tree: SnapshotTree?
    /// Every column of the hitting event.
    public var columns: SnapshotColumns
    /// The hunter's mark (new / investigating / benign / malicious) and note.
    public var triage = HitTriage()

    public init(hitId: UInt64, eventId: UInt64, ruleId: String, time: Int64, device: String,
                processFileName: String, processCommandLine: String = "", path: String,
                suppressedBy: [String] = [], tree: SnapshotTree? = nil, columns: SnapshotColumns = []) {
        self.hitId = hitId; self.eventId = eventId; self.ruleId = ruleId; self.time = time
        self.device = device; self.processFileName = processFileName
        groupKey = RuleHit.groupKey(device, processFileName)
        self.processCommandLine = processCommandLine; self.path = path
        self.suppressedBy = suppressedBy; self.tree = tree; self.columns = columns
    }

    static func groupKey(_ device: String, _ process: String) -> String { device.lowercased() + "\u{0}" + process.lowercased() }
}

/// A process lineage tree, drawn by the tree pane.
public struct SnapshotTree: Sendable {
    public var roots: [SnapshotTreeNode]
    public init(roots: [SnapshotTreeNode]) { self.roots = roots }
}

public struct SnapshotTreeNode: Sendable {
    /// Stable across snapshots (fold state is kept by id), e.g. "device/pid/creation-ticks".
    public var id: String
    public var fileName: String
    public var pid: Int64?
    public var commandLine: String
    /// Reconstructed from a child's Initiating* columns rather than seen directly.
    public var inferred: Bool
    /// A parent that could not be resolved at all.
    public var unresolved: Bool
    /// The process that produced the hit.
    public var isHitProcess: Bool
    /// All known fields of the process, for the detail pane.
    public var fields: SnapshotColumns
    public var events: [SnapshotTreeEvent]
    public var children: [SnapshotTreeNode]

    public init(id: String, fileName: String, pid: Int64? = nil, commandLine: String = "",
                inferred: Bool = false, unresolved: Bool = false, isHitProcess: Bool = false,
                fields: SnapshotColumns = [], events: [SnapshotTreeEvent] = [], children: [SnapshotTreeNode] = []) {
        self.id = id; self.fileName = fileName; self.pid = pid; self.commandLine = commandLine
        self.inferred = inferred; self.unresolved = unresolved; self.isHitProcess = isHitProcess
        self.fields = fields; self.events = events; self.children = children
    }
}

/// An event (file write, network, …) performed by a tree node's process.
public struct SnapshotTreeEvent: Sendable {
    public var time: Int64
    public var action: String
    public var path: String
    /// The event in the feed, when known.
    public var eventId: UInt64?
    /// This event is the one that hit the rule.
    public var isHit: Bool
    public var columns: SnapshotColumns

    public init(time: Int64, action: String, path: String, eventId: UInt64? = nil, isHit: Bool = false,
                columns: SnapshotColumns = []) {
        self.time = time; self.action = action; self.path = path; self.eventId = eventId
        self.isHit = isHit; self.columns = columns
    }
}

/// One exclusion, for the Exclusions pane.
public struct ExclusionSummary: Sendable {
    public var id: String
    public var name: String
    public var enabled: Bool
    /// Shadow mode: hits are marked as would-be-suppressed but still shown.
    public var shadow: Bool
    public var ruleIds: [String]
    /// Retained hits it hides (or greys, in shadow mode) right now; 0 when off.
    public var suppressedCount: Int
    /// Retained hits its predicate matches, whatever its state.
    public var matching: Int
    /// The predicate, for the detail pane.
    public var predicate: String

    public init(id: String, name: String, enabled: Bool = true, shadow: Bool = false, ruleIds: [String] = [],
                suppressedCount: Int = 0, matching: Int? = nil, predicate: String = "") {
        self.id = id; self.name = name; self.enabled = enabled; self.shadow = shadow
        self.ruleIds = ruleIds; self.suppressedCount = suppressedCount
        self.matching = matching ?? suppressedCount; self.predicate = predicate
    }
}

/// How many retained hits a draft exclusion would remove, or why it does not compile.
public struct ExclusionPreview: Sendable, Hashable {
    public var draft: ExclusionDraft
    public var wouldRemove: Int
    /// `line:col: message` relative to the predicate, nil when it compiles.
    public var error: String?
    public init(draft: ExclusionDraft, wouldRemove: Int, error: String?) {
        self.draft = draft; self.wouldRemove = wouldRemove; self.error = error
    }
}

/// Commands from the UI to the engine; their effect shows in a later snapshot.
public enum EngineCommand: Sendable, Hashable {
    case toggleExclusion(String)
    case setExclusionShadow(String, Bool)
    /// Compile a draft and count the retained hits it would remove (answer in `exclusionPreview`).
    case previewExclusion(ExclusionDraft)
    /// Compile a draft, save it to the exclusions file and turn it on.
    case addExclusion(ExclusionDraft)
    /// Marks a hit (by `RuleHit.hitId`) and stores the mark.
    case setTriage(hitId: UInt64, state: TriageState, note: String)
    /// The hit the dashboard shows (nil: none): its tree is built into every snapshot.
    case focusHit(UInt64?)
    case quit
}

/// Where the dashboard gets snapshots from and sends commands to. Must never block for long.
public protocol SnapshotSource: Sendable {
    func latest() -> Snapshot
    func send(_ command: EngineCommand)
}
