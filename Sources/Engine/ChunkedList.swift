/// An append-only list stored in fixed-size chunks, for what snapshots share with the engine:
/// copying it copies chunk references, appending to a shared copy duplicates at most the last
/// chunk, and old elements are dropped a whole chunk at a time.
public struct ChunkedList<Element>: RandomAccessCollection, MutableCollection {
    @usableFromInline static var chunkShift: Int { 8 }
    @usableFromInline static var chunkSize: Int { 1 << chunkShift }
    /// Every chunk but the last holds exactly `chunkSize` elements.
    @usableFromInline var chunks: [[Element]] = []
    @usableFromInline var total = 0

    @inlinable public init() {}

    @inlinable public init<S: Sequence>(_ elements: S) where S.Element == Element {
        for e in elements { append(e) }
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { total }
    @inlinable public var count: Int { total }

    @inlinable public subscript(i: Int) -> Element {
        _read {
            precondition(i >= 0 && i < total, "ChunkedList index \(i) out of range 0..<\(total)")
            yield chunks[i >> Self.chunkShift][i & (Self.chunkSize - 1)]
        }
        set {
            precondition(i >= 0 && i < total, "ChunkedList index \(i) out of range 0..<\(total)")
            chunks[i >> Self.chunkShift][i & (Self.chunkSize - 1)] = newValue
        }
    }

    @inlinable public mutating func append(_ e: Element) {
        if chunks.isEmpty || chunks[chunks.count - 1].count == Self.chunkSize {
            var c: [Element] = []
            c.reserveCapacity(Self.chunkSize)
            chunks.append(c)
        }
        chunks[chunks.count - 1].append(e)
        total += 1
    }

    /// Drops the oldest whole chunks while at least `keep` elements remain, so the count stays
    /// between `keep` and `keep + chunkSize - 1` once it has grown past that.
    public mutating func trimFront(keeping keep: Int) {
        var drop = 0
        while drop < chunks.count - 1, total - (drop + 1) * Self.chunkSize >= keep { drop += 1 }
        guard drop > 0 else { return }
        chunks.removeFirst(drop)
        total -= drop * Self.chunkSize
    }

    public mutating func removeAll() {
        chunks.removeAll()
        total = 0
    }
}

extension ChunkedList: Sendable where Element: Sendable {}

extension ChunkedList: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Element...) { self.init(elements) }
}
