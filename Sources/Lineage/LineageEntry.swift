import KQL
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

/// JSON string quoting, escaping every control character.
enum JSONText {
    static func quote(_ s: String) -> String { JSONQuote.quote(s) }
}
