/// Counters of a `ProcessGraph`; link counts are over retained nodes.
public struct LineageStats: Sendable, Hashable {
    public var nodes = 0
    public var events = 0
    /// Nodes whose parent's creation row matched exactly / within tolerance / by PID+name.
    public var linkedExact = 0
    public var linkedTolerant = 0
    public var linkedFallback = 0
    /// Nodes whose parent is known only by inference.
    public var linkedToInferred = 0
    /// Nodes with no parent known.
    public var unresolved = 0
    /// Nodes whose own creation was never seen.
    public var inferred = 0
    public var evictedNodes = 0
    public var evictedEvents = 0
    /// Links refused because they would close a cycle or put a parent after its child.
    public var refusedLinks = 0

    public init() {}

    /// Nodes whose parent's creation row was found by any rule.
    public var linked: Int { linkedExact + linkedTolerant + linkedFallback }
}
