import KQL

/// A rule whose query compiled.
public struct CompiledRule: @unchecked Sendable {
    public let rule: Rule
    public let query: CompiledQuery
    /// Warnings from the compiler, with positions in the rule's file.
    public let warnings: [RuleError]
}

/// Every rule loaded from the `--rules` paths: the ones that compiled and the errors of the others.
public struct RuleSet: @unchecked Sendable {
    public var rules: [CompiledRule]
    public var errors: [RuleError]

    public init(rules: [CompiledRule], errors: [RuleError]) { self.rules = rules; self.errors = errors }

    /// Loads and compiles every rule file under `paths`; a bad rule is reported, the others still run.
    public static func load(paths: [String], now: Int64 = 0) -> RuleSet {
        var set = RuleSet(rules: [], errors: [])
        var seen = Set<String>()
        for file in paths.flatMap({ RuleLoader.files(at: $0) }) {
            switch RuleLoader.load(file: file) {
            case .failure(let e): set.errors.append(e)
            case .success(let rule): set.add(rule, now: now, seen: &seen)
            }
        }
        return set
    }

    mutating func add(_ rule: Rule, now: Int64, seen: inout Set<String>) {
        let (q, diags) = KQLCompiler.compile(rule.query, now: now)
        func located(_ d: Diagnostic) -> RuleError {
            let (l, c) = rule.fileLocation(d)
            return RuleError(file: rule.file, line: l, column: c, code: d.code, message: d.message)
        }
        guard let q else {
            errors += diags.filter(\.isError).map(located)
            return
        }
        var r = rule
        if seen.contains(r.id) { r.id += "#\(rules.count)" }
        seen.insert(r.id)
        rules.append(CompiledRule(rule: r, query: q, warnings: diags.filter { !$0.isError }.map(located)))
    }
}
