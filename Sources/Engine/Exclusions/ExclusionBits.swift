/// A set of exclusions by their position in `ExclusionSet.entries`: the first 64 in one word
/// kept inline (no allocation), any further ones in extra words.
public struct ExclusionBits: Hashable, Sendable {
    private var low: UInt64 = 0
    private var high: [UInt64] = []

    public init() {}

    public init<S: Sequence>(_ members: S) where S.Element == Int {
        for i in members { insert(i) }
    }

    public var isEmpty: Bool { low == 0 && high.allSatisfy { $0 == 0 } }

    public mutating func insert(_ i: Int) {
        precondition(i >= 0)
        if i < 64 { low |= 1 << UInt64(i); return }
        let w = i / 64 - 1
        if w >= high.count { high += Array(repeating: 0, count: w + 1 - high.count) }
        high[w] |= 1 << UInt64(i % 64)
    }

    public func contains(_ i: Int) -> Bool {
        if i < 64 { return i >= 0 && low & (1 << UInt64(i)) != 0 }
        let w = i / 64 - 1
        return w < high.count && high[w] & (1 << UInt64(i % 64)) != 0
    }

    public static func & (a: ExclusionBits, b: ExclusionBits) -> ExclusionBits {
        var r = ExclusionBits()
        r.low = a.low & b.low
        let n = min(a.high.count, b.high.count)
        if n > 0 { r.high = (0..<n).map { a.high[$0] & b.high[$0] } }
        return r
    }

    /// Whether the two share a member (`!(a & b).isEmpty` without building the intersection).
    public func intersects(_ b: ExclusionBits) -> Bool {
        if low & b.low != 0 { return true }
        for k in 0..<min(high.count, b.high.count) where high[k] & b.high[k] != 0 { return true }
        return false
    }

    /// The members, smallest first.
    public var members: [Int] {
        var out: [Int] = []
        func add(_ word: UInt64, _ base: Int) {
            var w = word
            while w != 0 { out.append(base + w.trailingZeroBitCount); w &= w - 1 }
        }
        add(low, 0)
        for (k, w) in high.enumerated() { add(w, 64 * (k + 1)) }
        return out
    }

    public static func == (a: ExclusionBits, b: ExclusionBits) -> Bool { a.members == b.members }
    public func hash(into h: inout Hasher) { h.combine(members) }
}
