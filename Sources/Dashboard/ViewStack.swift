/// Drill-down history: Enter pushes the pane it leaves, Esc pops back to it.
public struct ViewStack: Sendable, Hashable {
    public private(set) var panes: [PaneID] = []
    public init() {}
    public mutating func push(_ p: PaneID) { if panes.last != p { panes.append(p) }; if panes.count > 16 { panes.removeFirst() } }
    public mutating func pop() -> PaneID? { panes.popLast() }
    public var isEmpty: Bool { panes.isEmpty }
}
