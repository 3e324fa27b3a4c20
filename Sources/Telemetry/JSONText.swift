import KQL

/// Decodes JSON string content (between the quotes) to a Swift String.
enum JSONText {
    /// Content without backslashes becomes a String directly; otherwise escapes are decoded.
    /// Bad escapes and lone surrogates become U+FFFD; bytes are kept as UTF-8 otherwise.
    static func decode(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, escaped: Bool) -> String {
        if !escaped { return ByteScan.string(p, start, end) }
        return String(unsafeUninitializedCapacity: maxDecodedCount(end - start)) { out in
            unescape(p, start, end, into: out.baseAddress!)
        }
    }

    /// Decoded bytes never exceed this (a 2-byte bad escape becomes 3 bytes of U+FFFD).
    static func maxDecodedCount(_ n: Int) -> Int { n + n / 2 + 4 }

    static func unescapeAppending(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, to out: inout [UInt8]) {
        let cap = maxDecodedCount(end - start)
        let old = out.count
        out.append(contentsOf: repeatElement(0, count: cap))
        let n = out.withUnsafeMutableBufferPointer { unescape(p, start, end, into: $0.baseAddress! + old) }
        out.removeLast(cap - n)
    }

    /// Writes the decoded content to `o` (room for `maxDecodedCount` bytes); returns its length.
    static func unescape(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, into o: UnsafeMutablePointer<UInt8>) -> Int {
        var i = start
        var n = 0
        while i < end {
            let k = ByteScan.memchrIndex(p, i, end, 0x5C) ?? end
            if k > i { (o + n).update(from: p + i, count: k - i); n += k - i }
            i = k
            if i >= end { break }
            guard i + 1 < end else { n += put(0xFFFD, o + n); break }
            let e = p[i + 1]
            i += 2
            switch e {
            case 0x22: o[n] = 0x22; n += 1
            case 0x5C: o[n] = 0x5C; n += 1
            case 0x2F: o[n] = 0x2F; n += 1
            case 0x62: o[n] = 0x08; n += 1
            case 0x66: o[n] = 0x0C; n += 1
            case 0x6E: o[n] = 0x0A; n += 1
            case 0x72: o[n] = 0x0D; n += 1
            case 0x74: o[n] = 0x09; n += 1
            case 0x75:
                guard let u = hex4(p, i, end) else { n += put(0xFFFD, o + n); continue }
                i += 4
                if u >= 0xD800 && u < 0xDC00 {
                    if i + 6 <= end, p[i] == 0x5C, p[i + 1] == 0x75, let lo = hex4(p, i + 2, end),
                       lo >= 0xDC00 && lo < 0xE000 {
                        i += 6
                        n += put(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00), o + n)
                    } else {
                        n += put(0xFFFD, o + n)
                    }
                } else if u >= 0xDC00 && u < 0xE000 {
                    n += put(0xFFFD, o + n)
                } else {
                    n += put(u, o + n)
                }
            default:
                n += put(0xFFFD, o + n)
            }
        }
        return n
    }

    /// UTF-8 of one scalar at `o`; returns the byte count.
    @inline(__always)
    static func put(_ u: UInt32, _ o: UnsafeMutablePointer<UInt8>) -> Int {
        switch u {
        case 0..<0x80: o[0] = UInt8(u); return 1
        case 0x80..<0x800:
            o[0] = UInt8(0xC0 | (u >> 6)); o[1] = UInt8(0x80 | (u & 0x3F)); return 2
        case 0x800..<0x10000:
            o[0] = UInt8(0xE0 | (u >> 12)); o[1] = UInt8(0x80 | ((u >> 6) & 0x3F)); o[2] = UInt8(0x80 | (u & 0x3F))
            return 3
        default:
            o[0] = UInt8(0xF0 | (u >> 18)); o[1] = UInt8(0x80 | ((u >> 12) & 0x3F))
            o[2] = UInt8(0x80 | ((u >> 6) & 0x3F)); o[3] = UInt8(0x80 | (u & 0x3F))
            return 4
        }
    }

    private static func hex4(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> UInt32? {
        guard i + 4 <= end else { return nil }
        var v: UInt32 = 0
        for k in 0..<4 {
            guard let d = HexDigit.value(p[i + k]) else { return nil }
            v = v << 4 | UInt32(d)
        }
        return v
    }
}
