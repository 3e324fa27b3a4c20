import Engine

/// Sort orders each pane can cycle through with `s`.
public enum SortMode: String, Sendable, Hashable {
    case newest, oldest                         // feed
    case hitCount = "hits", lastHit = "last hit", name, severity   // rules
    case grouped = "device/process"             // hits (also: newest)
    case suppressed                             // exclusions (also: name)

    static func modes(for pane: PaneID) -> [SortMode] {
        switch pane {
        case .feed: return [.newest, .oldest]
        case .rules: return [.hitCount, .lastHit, .name, .severity]
        case .hits: return [.grouped, .newest]
        case .exclusions: return [.name, .suppressed]
        case .tree, .detail: return []
        }
    }
}

/// Everything the UI remembers between frames. Pure data: keys change it, `render` reads it.
public struct DashboardState: Sendable {
    public var focus: PaneID = .feed
    /// Selected row of each pane by identity (event id, rule id, hit id, tree line, …).
    public var selectedKey: [PaneID: String] = [:]
    /// Fallback row index when the selected identity is gone.
    public var selectedIndex: [PaneID: Int] = [:]
    public var scroll: [PaneID: Int] = [:]
    public var filters: [PaneID: Filter] = [:]
    public var sort: [PaneID: SortMode] = [:]
    /// Text being typed after `/`, nil when not editing.
    public var filterInput: String?
    /// The triage note being typed (`c` on a hit), nil when not editing.
    public var noteInput: NoteInput?
    /// The new-exclusion editor (started with `x` on a hit), nil when closed.
    public var exclusionEditor: ExclusionEditor?
    public var showHelp = false
    /// The snapshot shown while paused (display only; the engine goes on).
    public var frozen: Snapshot?
    /// Tree node ids folded by the user.
    public var collapsed: Set<String> = []
    /// The pane whose selection the detail pane shows.
    public var detailSource: PaneID = .feed
    public var stack = ViewStack()
    /// Changes whenever the state changes; the loop redraws when it does.
    public var revision: UInt64 = 0
    /// Set by the quit action.
    public var quitRequested = false
    /// Shared lists of the frame being drawn (set by `render` only).
    var frame: FrameMemo?

    public init() {}

    public var paused: Bool { frozen != nil }

    public func sortMode(_ p: PaneID) -> SortMode? { sort[p] ?? SortMode.modes(for: p).first }
    public func filter(_ p: PaneID) -> Filter { filters[p] ?? Filter("") }
}
