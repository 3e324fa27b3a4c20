/// JSON string quoting (RFC 8259) that leaves no control character raw: C0, DEL, C1 and the
/// JavaScript line separators are escaped, so quoted text is also safe to print on a terminal.
public enum JSONQuote {
    /// Whether `u` is written as an escape (besides `"` and `\`): C0, DEL, C1, U+2028/2029.
    public static func escapes(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029
    }

    public static func quote(_ s: String) -> String {
        var out = ""
        write(s, into: &out)
        return out
    }

    public static func write(_ s: String, into out: inout String) {
        var s = s
        out += "\""
        // Runs of bytes that need no escape are copied whole; only what must be escaped is looked at.
        s.withUTF8 { b in
            let n = b.count
            var run = 0, i = 0
            func flush(_ end: Int) {
                if end > run { out += String(decoding: UnsafeBufferPointer(rebasing: b[run..<end]), as: UTF8.self) }
            }
            while i < n {
                let c = b[i]
                var escape: String?
                var width = 1
                switch c {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x00..<0x20, 0x7F: escape = u4(UInt32(c))
                case 0xC2 where i + 1 < n && (0x80...0x9F).contains(b[i + 1]):   // C1 controls
                    escape = u4(UInt32(b[i + 1])); width = 2
                case 0xE2 where i + 2 < n && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9):   // U+2028/2029
                    escape = b[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"; width = 3
                default: break
                }
                if let e = escape {
                    flush(i)
                    out += e
                    i += width
                    run = i
                } else {
                    i += 1
                }
            }
            flush(n)
        }
        out += "\""
    }

    static func u4(_ v: UInt32) -> String {
        let h = String(v, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - h.count) + h
    }
}
