/// Decodes JSON string content (between the quotes) to a Swift String.
enum JSONText {
    /// Content without backslashes becomes a String directly; otherwise escapes are decoded.
    /// Bad escapes and lone surrogates become U+FFFD; bytes are kept as UTF-8 otherwise.
    static func decode(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, escaped: Bool) -> String {
        if !escaped { return ByteScan.string(p, start, end) }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        unescape(p, start, end, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func unescape(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, into out: inout [UInt8]) {
        var i = start
        while i < end {
            let b = p[i]
            if b != 0x5C { out.append(b); i += 1; continue }
            guard i + 1 < end else { appendScalar(0xFFFD, &out); break }
            let e = p[i + 1]
            i += 2
            switch e {
            case 0x22: out.append(0x22)
            case 0x5C: out.append(0x5C)
            case 0x2F: out.append(0x2F)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                guard let u = hex4(p, i, end) else { appendScalar(0xFFFD, &out); continue }
                i += 4
                if u >= 0xD800 && u < 0xDC00 {
                    if i + 6 <= end, p[i] == 0x5C, p[i + 1] == 0x75, let lo = hex4(p, i + 2, end),
                       lo >= 0xDC00 && lo < 0xE000 {
                        i += 6
                        appendScalar(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00), &out)
                    } else {
                        appendScalar(0xFFFD, &out)
                    }
                } else if u >= 0xDC00 && u < 0xE000 {
                    appendScalar(0xFFFD, &out)
                } else {
                    appendScalar(u, &out)
                }
            default:
                appendScalar(0xFFFD, &out)
            }
        }
    }

    private static func hex4(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> UInt32? {
        guard i + 4 <= end else { return nil }
        var v: UInt32 = 0
        for k in 0..<4 {
            let c = p[i + k]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: return nil
            }
            v = v << 4 | d
        }
        return v
    }

    static func appendScalar(_ u: UInt32, _ out: inout [UInt8]) {
        switch u {
        case 0..<0x80: out.append(UInt8(u))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (u >> 6))); out.append(UInt8(0x80 | (u & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (u >> 12))); out.append(UInt8(0x80 | ((u >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (u & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (u >> 18))); out.append(UInt8(0x80 | ((u >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((u >> 6) & 0x3F))); out.append(UInt8(0x80 | (u & 0x3F)))
        }
    }
}
