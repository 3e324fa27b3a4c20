/// A rendered-ready slice of the graph: nodes in pre-order with their depth.
public struct LineageTree: Sendable, Hashable {
    public struct EventLine: Sendable, Hashable {
        public let ref: EventRef
        public let summary: EventSummary
        /// The event the tree was built around.
        public let isFocus: Bool
    }

    public struct Node: Sendable, Hashable {
        public let process: ProcessNode
        public let depth: Int
        public let events: [EventLine]
        /// Events of this process not listed (over the per-node limit, or on an ancestor).
        public let moreEvents: Int
        /// Children of this process not listed.
        public let moreChildren: Int
        /// On the path from the root to the focus process (or the focus itself).
        public let onFocusPath: Bool
        public let isFocus: Bool
    }

    /// Pre-order; `nodes[0]` is the root (depth 0).
    public let nodes: [Node]
    /// True when the root's parent is unknown (shown as unresolved, never invented).
    public let rootParentUnresolved: Bool
    public let focusEvent: EventRef?
    public let focusNode: NodeID?
}
