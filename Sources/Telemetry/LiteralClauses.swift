/// A line prefilter from several rules' literal clauses: a line passes when, for some rule, every
/// clause has one of its alternatives in the line (ASCII case-insensitively, in the input's own
/// escaping), or when the line could hide a literal (see `LiteralSet`). Never changes an answer.
public struct LiteralClauses: Sendable {
    struct Clause: Sendable { var alternatives: [BytesSearch] }
    let rules: [[Clause]]
    let hide: LiteralSet

    /// `rules[r][c]` lists the alternatives of clause `c` of rule `r`.
    public init(_ rules: [[[String]]], encoding: LiteralSet.Encoding = .json) {
        self.rules = rules.map { clauses in
            clauses.map { alts in
                Clause(alternatives: alts.map { BytesSearch(LiteralSet.encode(LiteralSet.longestASCIIRun(Array($0.utf8)), encoding)) })
            }
            .filter { !$0.alternatives.isEmpty && !$0.alternatives.contains { $0.needle.isEmpty } }
            // Cheapest rejections first: clauses searchable with memmem, then longer needles.
            .sorted { a, b in
                let ea = a.alternatives.allSatisfy(\.hasExactRun), eb = b.alternatives.allSatisfy(\.hasExactRun)
                if ea != eb { return ea }
                return (a.alternatives.map(\.needle.count).min() ?? 0) > (b.alternatives.map(\.needle.count).min() ?? 0)
            }
        }
        hide = LiteralSet(allOf: rules.flatMap { $0.flatMap { $0 } }, encoding: encoding)
    }

    public var isEmpty: Bool { rules.isEmpty || rules.contains { $0.isEmpty } }

    public func matches(_ line: UnsafeRawBufferPointer) -> Bool {
        if isEmpty { return true }
        for rule in rules {
            var all = true
            for clause in rule where !clause.alternatives.contains(where: { $0.contains(line) }) { all = false; break }
            if all { return true }
        }
        return hide.mayHide(line)
    }
}
