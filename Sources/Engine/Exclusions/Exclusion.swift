/// A named KQL predicate attached to some rules (or all): hits for which it is true are suppressed.
public struct Exclusion: Sendable, Hashable {
    public var id: String
    public var name: String
    public var description: String
    /// Rule ids or names it applies to; empty (or containing "*") means every rule.
    public var rules: [String]
    /// The text that would follow `| where`.
    public var predicate: String
    /// Initial state from the file.
    public var enabled: Bool
    public var file: String
    /// Where the predicate starts in the file (1-based line; the column its lines are indented to).
    public var line: Int
    public var indent: Int

    public init(id: String, name: String, description: String = "", rules: [String] = [], predicate: String,
                enabled: Bool = true, file: String = "", line: Int = 1, indent: Int = 0) {
        self.id = id; self.name = name; self.description = description; self.rules = rules
        self.predicate = predicate; self.enabled = enabled; self.file = file; self.line = line; self.indent = indent
    }

    public var appliesToAll: Bool { rules.isEmpty || rules.contains("*") }

    public func applies(to rule: Rule) -> Bool {
        appliesToAll || rules.contains(rule.id) || rules.contains(rule.name)
    }
}

/// A new exclusion typed in the dashboard (or built from a hit), before it is compiled and saved.
public struct ExclusionDraft: Sendable, Hashable {
    public var id: String
    public var name: String
    public var rules: [String]
    public var predicate: String

    public init(id: String, name: String, rules: [String], predicate: String) {
        self.id = id; self.name = name; self.rules = rules; self.predicate = predicate
    }

    public var exclusion: Exclusion { Exclusion(id: id, name: name, rules: rules, predicate: predicate) }
}
