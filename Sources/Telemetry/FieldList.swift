/// Reused storage for the fields of one scanned object: raw memory, no per-append checks.
/// `JSONField` is plain data, so nothing needs deinitialising; call `deallocate()` when done.
struct FieldList: RandomAccessCollection {
    private(set) var base: UnsafeMutablePointer<JSONField>
    private(set) var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = Swift.max(capacity, 4)
        base = .allocate(capacity: self.capacity)
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }
    subscript(i: Int) -> JSONField {
        precondition(i >= 0 && i < count)
        return base[i]
    }

    @inline(__always)
    mutating func append(_ f: JSONField) {
        if count == capacity { grow() }
        (base + count).initialize(to: f)
        count += 1
    }

    mutating func removeAll() { count = 0 }

    private mutating func grow() {
        let n = UnsafeMutablePointer<JSONField>.allocate(capacity: capacity * 2)
        n.moveInitialize(from: base, count: count)
        base.deallocate()
        base = n
        capacity *= 2
    }

    func deallocate() { base.deallocate() }
}
