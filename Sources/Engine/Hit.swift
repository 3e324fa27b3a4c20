import KQL

/// One ancestor in a hit's lineage chain (root first in `Hit.lineage`).
public struct LineageStep: Sendable, Equatable {
    public var fileName: String
    public var processId: Int64?
    public var commandLine: String
    public var inferred: Bool
    public init(fileName: String, processId: Int64?, commandLine: String, inferred: Bool) {
        self.fileName = fileName; self.processId = processId; self.commandLine = commandLine; self.inferred = inferred
    }
    public var json: String {
        ValueJSON.object([("FileName", ValueJSON.string(fileName)),
                          ("ProcessId", processId.map(String.init) ?? "null"),
                          ("CommandLine", ValueJSON.string(commandLine)),
                          ("inferred", inferred ? "true" : "false")])
    }
}

/// A result row of a rule: its columns, where it came from and the process chain behind it.
public struct Hit: Sendable {
    public var ruleIndex: Int
    public var columns: [(name: String, value: Value)]
    public var source: String
    public var line: Int
    public var lineage: [LineageStep]?

    public func value(_ name: String) -> Value? { columns.first { $0.name == name }?.value }
}
