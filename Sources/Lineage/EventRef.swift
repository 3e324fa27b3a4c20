/// Opaque id the engine assigns to each retained event (e.g. a sequence number).
public struct EventRef: Hashable, Sendable, Comparable {
    public let raw: UInt64
    public init(_ raw: UInt64) { self.raw = raw }
    public static func < (a: EventRef, b: EventRef) -> Bool { a.raw < b.raw }
}

/// Identifies a process node inside one `ProcessGraph`. Slots are reused after eviction;
/// the generation makes a stale id miss instead of naming another process.
public struct NodeID: Hashable, Sendable {
    let index: Int32
    let generation: UInt32
    init(index: Int32, generation: UInt32) { self.index = index; self.generation = generation }
}
