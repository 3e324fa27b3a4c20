/// A FIFO in fixed-size chunks: appending never copies what is queued, and popping frees whole
/// chunks, so a queue of a million entries has no pause for growth or compaction.
struct ChunkedQueue<Element> {
    private static var chunkSize: Int { 4096 }
    private var chunks: [[Element]] = []
    /// Index of the oldest element in `chunks[0]`.
    private var head = 0
    private(set) var count = 0
    /// An emptied chunk kept for reuse.
    private var spare: [Element]?

    var isEmpty: Bool { count == 0 }

    mutating func append(_ e: Element) {
        if chunks.isEmpty || chunks[chunks.count - 1].count == Self.chunkSize {
            var c = spare ?? []
            spare = nil
            c.reserveCapacity(Self.chunkSize)
            chunks.append(c)
        }
        chunks[chunks.count - 1].append(e)
        count += 1
    }

    mutating func popFirst() -> Element? {
        guard count > 0 else { return nil }
        let e = chunks[0][head]
        head += 1
        count -= 1
        if head == chunks[0].count {
            var done = chunks.removeFirst()
            head = 0
            if spare == nil { done.removeAll(keepingCapacity: true); spare = done }
        }
        return e
    }
}
