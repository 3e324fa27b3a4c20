#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level matching behind the string predicates. Needles arrive pre-folded when
/// case-insensitive; haystack bytes are folded on the fly with the ASCII table.
@usableFromInline
enum ByteSearch {
    @usableFromInline
    enum Mode: Sendable { case equals, contains, startsWith, endsWith, has, hasPrefix, hasSuffix }

    /// Runs `mode` on raw haystack bytes. With `ci`, only ASCII is folded here (see `StringOps`).
    @inline(__always)
    static func run(_ mode: Mode, _ h: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>,
                    ci: Bool, startTerm: Bool, endTerm: Bool) -> Bool {
        let hc = h.count, nc = n.count
        switch mode {
        case .equals:
            return hc == nc && equalAt(h, 0, n, ci)
        case .startsWith:
            return nc <= hc && equalAt(h, 0, n, ci)
        case .endsWith:
            return nc <= hc && equalAt(h, hc - nc, n, ci)
        case .contains:
            if nc == 0 { return true }
            return find(h, n, from: 0, ci) != nil
        case .has, .hasPrefix, .hasSuffix:
            if nc == 0 { return true }
            let checkStart = startTerm && mode != .hasSuffix
            let checkEnd = endTerm && mode != .hasPrefix
            var from = 0
            while let p = find(h, n, from: from, ci) {
                let okStart = !checkStart || p == 0 || !isTermChar(before: p, h)
                let okEnd = !checkEnd || p + nc == hc || !isTermChar(at: p + nc, h)
                if okStart && okEnd { return true }
                from = p + 1
            }
            return false
        }
    }

    @inline(__always)
    static func equalAt(_ h: UnsafeBufferPointer<UInt8>, _ at: Int, _ n: UnsafeBufferPointer<UInt8>,
                        _ ci: Bool) -> Bool {
        let nc = n.count
        if nc == 0 { return true }
        let hb = h.baseAddress! + at, nb = n.baseAddress!
        if !ci { return memcmp(hb, nb, nc) == 0 }
        return CaseFolding.asciiFold.withUnsafeBufferPointer { t in
            for i in 0..<nc where t[Int(hb[i])] != nb[i] { return false }
            return true
        }
    }

    /// First index ≥ `from` where `n` occurs in `h`.
    @inline(__always)
    static func find(_ h: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>, from: Int,
                     _ ci: Bool) -> Int? {
        let hc = h.count, nc = n.count
        guard nc > 0, hc - from >= nc, let hb = h.baseAddress, let nb = n.baseAddress else {
            return nc == 0 && from <= hc ? from : nil
        }
        let last = hc - nc
        let first = nb[0]
        if !ci {
            var i = from
            while i <= last {
                guard let q = memchr(hb + i, Int32(first), last - i + 1) else { return nil }
                let p = hb.distance(to: q.assumingMemoryBound(to: UInt8.self))
                if nc == 1 || memcmp(hb + p + 1, nb + 1, nc - 1) == 0 { return p }
                i = p + 1
            }
            return nil
        }
        // ASCII-insensitive: a folded letter n matches c when (c | 0x20) == n, so the candidate
        // scan needs no table; the table verifies the middle.
        let firstMask: UInt8 = (first >= 0x61 && first <= 0x7A) ? 0x20 : 0
        let lastByte = nb[nc - 1]
        let lastMask: UInt8 = (lastByte >= 0x61 && lastByte <= 0x7A) ? 0x20 : 0
        return CaseFolding.asciiFold.withUnsafeBufferPointer { t -> Int? in
            let tb = t.baseAddress!
            var i = from
            while i <= last {
                if hb[i] | firstMask == first && hb[i + nc - 1] | lastMask == lastByte {
                    var k = 1
                    while k < nc - 1 && tb[Int(hb[i + k])] == nb[k] { k += 1 }
                    if k >= nc - 1 { return i }
                }
                i += 1
            }
            return nil
        }
    }

    /// True when the scalar ending just before byte `p` is a term character.
    @inline(__always)
    static func isTermChar(before p: Int, _ h: UnsafeBufferPointer<UInt8>) -> Bool {
        let b = h[p - 1]
        if b < 0x80 { return CaseFolding.isTermChar(UInt32(b)) }
        var s = p - 1
        while s > 0 && s > p - 4 && h[s] & 0xC0 == 0x80 { s -= 1 }
        return CaseFolding.isTermChar(decode(h, s))
    }

    /// True when the scalar starting at byte `q` is a term character.
    @inline(__always)
    static func isTermChar(at q: Int, _ h: UnsafeBufferPointer<UInt8>) -> Bool {
        let b = h[q]
        if b < 0x80 { return CaseFolding.isTermChar(UInt32(b)) }
        return CaseFolding.isTermChar(decode(h, q))
    }

    /// Decodes the scalar starting at `i` (lenient: malformed input gives U+FFFD).
    static func decode(_ h: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32 {
        let b0 = UInt32(h[i])
        func cont(_ k: Int) -> UInt32? {
            guard i + k < h.count, h[i + k] & 0xC0 == 0x80 else { return nil }
            return UInt32(h[i + k] & 0x3F)
        }
        if b0 < 0x80 { return b0 }
        if b0 & 0xE0 == 0xC0, let c1 = cont(1) { return (b0 & 0x1F) << 6 | c1 }
        if b0 & 0xF0 == 0xE0, let c1 = cont(1), let c2 = cont(2) { return (b0 & 0x0F) << 12 | c1 << 6 | c2 }
        if b0 & 0xF8 == 0xF0, let c1 = cont(1), let c2 = cont(2), let c3 = cont(3) {
            return (b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
        }
        return 0xFFFD
    }

    /// True when any byte is ≥ 0x80.
    @inline(__always)
    static func hasNonASCII(_ h: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let b = h.baseAddress else { return false }
        let c = h.count
        var i = 0
        let raw = UnsafeRawPointer(b)
        while i + 8 <= c {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return true }
            i += 8
        }
        while i < c { if b[i] >= 0x80 { return true }; i += 1 }
        return false
    }
}
