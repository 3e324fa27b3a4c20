/// JSON string quoting (RFC 8259) that leaves no control character raw: C0, DEL, C1 and the
/// JavaScript line separators are escaped, so quoted text is also safe to print on a terminal.
public enum JSONQuote {
    public static func quote(_ s: String) -> String {
        var out = ""
        write(s, into: &out)
        return out
    }

    public static func write(_ s: String, into out: inout String) {
        out.reserveCapacity(out.utf8.count + s.utf8.count + 2)
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
