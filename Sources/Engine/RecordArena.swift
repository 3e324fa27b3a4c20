/// Copies of recent events' raw records packed into shared blocks, so keeping an event's bytes
/// for the detail pane costs no allocation of its own.
struct RecordArena {
    static let blockSize = 1 << 20
    private var block: RecordBlock?

    /// Copies `bytes` and returns where they now live. Records over a quarter of a block get a
    /// block of their own.
    mutating func copy(_ bytes: UnsafeRawBufferPointer) -> RecordSlice {
        let n = bytes.count
        if n > Self.blockSize / 4 {
            let own = RecordBlock(capacity: max(n, 1))
            return own.store(bytes)
        }
        if block == nil || block!.room < n { block = RecordBlock(capacity: Self.blockSize) }
        return block!.store(bytes)
    }
}

/// One block of record bytes. Each range is written once by the engine before any snapshot
/// can name it and never again, so readers on other threads see only finished bytes.
final class RecordBlock: @unchecked Sendable {
    private let base: UnsafeMutableRawPointer
    private let capacity: Int
    private var used = 0

    init(capacity: Int) {
        self.capacity = capacity
        base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 1)
    }

    deinit { base.deallocate() }

    var room: Int { capacity - used }

    func store(_ bytes: UnsafeRawBufferPointer) -> RecordSlice {
        precondition(bytes.count <= room)
        if let src = bytes.baseAddress, bytes.count > 0 { (base + used).copyMemory(from: src, byteCount: bytes.count) }
        let s = RecordSlice(block: self, offset: used, count: bytes.count)
        used += bytes.count
        return s
    }

    func read<R>(_ offset: Int, _ count: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base + offset, count: count))
    }
}

/// The bytes of one record inside a `RecordBlock` (which it keeps alive).
public struct RecordSlice: Sendable {
    let block: RecordBlock
    let offset: Int
    public let count: Int

    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try block.read(offset, count, body)
    }
}
