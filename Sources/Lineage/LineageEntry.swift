/// One element of a hit's `Lineage` field.
public struct LineageEntry: Sendable, Hashable {
    public let fileName: String
    public let processId: Int64
    public let commandLine: String
    public let inferred: Bool

    public init(fileName: String, processId: Int64, commandLine: String, inferred: Bool) {
        self.fileName = fileName; self.processId = processId
        self.commandLine = commandLine; self.inferred = inferred
    }

    public init(_ node: ProcessNode) {
        self.init(fileName: node.fileName, processId: node.processId,
                  commandLine: node.commandLine, inferred: node.inferred)
    }

    /// `{"FileName":…,"ProcessId":…,"CommandLine":…,"inferred":…}`
    public var json: String {
        "{\"FileName\":\(JSONText.quote(fileName)),\"ProcessId\":\(processId),"
            + "\"CommandLine\":\(JSONText.quote(commandLine)),\"inferred\":\(inferred)}"
    }

    /// A JSON array of the entries, in order (root first for a chain).
    public static func jsonArray(_ entries: [LineageEntry]) -> String {
        "[" + entries.map(\.json).joined(separator: ",") + "]"
    }
}

/// Minimal JSON string quoting (RFC 8259), escaping every control character.
enum JSONText {
    static func quote(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
