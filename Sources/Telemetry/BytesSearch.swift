import Glibc
import CByteSearch

/// Case-insensitive (ASCII) search for one byte string: memchr on a rare anchor byte in both
/// cases, then compare the rest folding ASCII case.
public struct BytesSearch: Sendable {
    /// The needle, ASCII letters lower-cased.
    public let needle: [UInt8]
    private let anchor: Int
    private let anchorLower: UInt8
    private let anchorUpper: UInt8
    /// The longest run of the needle with no ASCII letters (so no case to fold), searched with
    /// glibc's vectorised memmem; empty when shorter than 3 bytes.
    private let exactRun: [UInt8]
    private let exactOffset: Int

    public init(_ bytes: [UInt8]) {
        needle = bytes.map(Self.lower)
        var best = 0
        var bestRank = Int.max
        for (i, b) in needle.enumerated() {
            let r = Self.rank(b)
            if r < bestRank { bestRank = r; best = i }
        }
        anchor = best
        anchorLower = needle.isEmpty ? 0 : needle[best]
        anchorUpper = needle.isEmpty ? 0 : Self.upper(needle[best])
        var runStart = 0, bestStart = 0, bestLen = 0
        for i in 0...needle.count {
            let isLetter = i < needle.count && ((needle[i] >= 0x61 && needle[i] <= 0x7A) || needle[i] >= 0x80)
            if i == needle.count || isLetter {
                if i - runStart > bestLen { bestLen = i - runStart; bestStart = runStart }
                runStart = i + 1
            }
        }
        exactRun = bestLen >= 3 ? Array(needle[bestStart..<bestStart + bestLen]) : []
        exactOffset = bestStart
    }

    /// True when the search can use memmem on a case-free run (the fast path).
    public var hasExactRun: Bool { !exactRun.isEmpty }

    public init(_ literal: String) { self.init(Array(literal.utf8)) }

    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }
    @inline(__always) static func upper(_ b: UInt8) -> UInt8 { (b >= 0x61 && b <= 0x7A) ? b & ~0x20 : b }

    /// Rough commonness of a byte in telemetry JSON (lower = rarer = better anchor).
    private static func rank(_ b: UInt8) -> Int {
        switch b {
        case 0x22, 0x3A, 0x2C, 0x5C, 0x30...0x39, 0x2D, 0x2E: return 100   // JSON punctuation, digits, - .
        case 0x65, 0x61, 0x69, 0x6F, 0x6E, 0x74, 0x73, 0x72, 0x63, 0x6C: return 80   // e a i o n t s r c l
        case 0x64, 0x6D, 0x70, 0x75, 0x66, 0x67, 0x68, 0x62, 0x79, 0x77: return 50
        case 0x20, 0x5F: return 60
        case 0x61...0x7A: return 20                                              // k j q v x z
        default: return 30
        }
    }

    /// Offset of the first case-insensitive match in `p[0..<count]`, or nil.
    public func firstIndex(in p: UnsafePointer<UInt8>, count: Int) -> Int? {
        let n = needle.count
        if n == 0 { return 0 }
        guard count >= n else { return nil }
        if !exactRun.isEmpty { return firstIndexByRun(in: p, count: count) }
        let twoCases = anchorLower != anchorUpper
        return needle.withUnsafeBufferPointer { nb -> Int? in
            let np = nb.baseAddress!
            var from = anchor
            let last = count - n + anchor
            var nextLower = -1, nextUpper = twoCases ? -1 : Int.max
            while from <= last {
                if nextLower < from { nextLower = ByteScan.memchrIndex(p, from, last + 1, anchorLower) ?? Int.max }
                if twoCases && nextUpper < from { nextUpper = ByteScan.memchrIndex(p, from, last + 1, anchorUpper) ?? Int.max }
                let hit = min(nextLower, nextUpper)
                if hit == Int.max { return nil }
                let start = hit - anchor
                var k = 0
                while k < n && Self.lower(p[start + k]) == np[k] { k += 1 }
                if k == n { return start }
                from = hit + 1
            }
            return nil
        }
    }

    private func firstIndexByRun(in p: UnsafePointer<UInt8>, count: Int) -> Int? {
        let n = needle.count
        return needle.withUnsafeBufferPointer { nb -> Int? in
            exactRun.withUnsafeBufferPointer { rb -> Int? in
                let np = nb.baseAddress!
                var from = exactOffset
                while from < count {
                    let r = hunttop_memmem(p + from, count - from, rb.baseAddress!, rb.count)
                    if r < 0 { return nil }
                    let hit = from + r
                    let start = hit - exactOffset
                    if start >= 0 && start + n <= count {
                        var k = 0
                        while k < n && Self.lower(p[start + k]) == np[k] { k += 1 }
                        if k == n { return start }
                    }
                    from = hit + 1
                }
                return nil
            }
        }
    }

    public func contains(_ buffer: UnsafeRawBufferPointer) -> Bool {
        guard let base = buffer.baseAddress else { return needle.isEmpty }
        return firstIndex(in: base.assumingMemoryBound(to: UInt8.self), count: buffer.count) != nil
    }

    public func contains(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { contains($0) }
    }
}
