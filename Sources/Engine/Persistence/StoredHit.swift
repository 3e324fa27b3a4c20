/// A hit as kept in the state database: the hit (with its lineage snapshot and triage mark),
/// the rule's name, and where in the input it came from (the resume offset).
public struct StoredHit: Sendable {
    public var hit: RuleHit
    public var ruleName: String
    /// The input the hitting row came from, and its 1-based line there.
    public var source: String
    public var line: Int

    public init(hit: RuleHit, ruleName: String, source: String, line: Int) {
        self.hit = hit; self.ruleName = ruleName; self.source = source; self.line = line
    }

    /// Identifies the hit across restarts: the same rule on the same input line is the same hit.
    public var key: HitKey { HitKey(ruleId: hit.ruleId, source: source, line: line) }
}

public struct HitKey: Hashable, Sendable {
    public var ruleId: String
    public var source: String
    public var line: Int
    public init(ruleId: String, source: String, line: Int) { self.ruleId = ruleId; self.source = source; self.line = line }
}
