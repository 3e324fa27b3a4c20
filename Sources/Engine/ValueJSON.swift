import KQL

/// JSON and CSV text of values for hit output.
public enum ValueJSON {
    public static func string(_ s: String) -> String { JSONQuote.quote(s) }

    public static func encode(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .long(let l): return String(l)
        case .real(let r): return r.isFinite ? v.text : string(v.text)
        case .string(let s): return string(s)
        case .datetime, .timespan, .guid: return string(v.text)
        case .dynamic(let d): return d.jsonText
        }
    }

    public static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// A CSV field (RFC 4180 quoting).
    public static func csvField(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
        }
        return s
    }
}

extension String {
    func replacingAll(_ a: Character, with b: String) -> String {
        var out = ""
        for c in self { if c == a { out += b } else { out.append(c) } }
        return out
    }
}
