/// How a process node is attached to its parent.
public enum LinkKind: String, Sendable, Hashable, CaseIterable {
    /// Parent's own creation row seen; its creation time equals the child's claim to the tick.
    case exact
    /// Parent's creation row seen; creation times differ within the tolerance.
    case tolerant
    /// Parent's creation row seen; matched on PID + image name + time order only.
    case fallback
    /// Parent known only from Initiating* columns of other rows (its creation was never seen).
    case inferredParent
    /// No parent known.
    case unresolved
}
