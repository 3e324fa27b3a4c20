import Foundation
import KQL

/// An exclusion compiled as `<Table> | where <predicate>` for each table its rules read.
/// Matching runs the query on one row; not thread-safe (one evaluator thread uses it).
public final class CompiledExclusion: @unchecked Sendable {
    public let exclusion: Exclusion
    /// Indices (in the rule set) of the rules it applies to.
    public let ruleIndices: Set<Int>
    private let matchers: [String: RowGate]

    init(exclusion: Exclusion, ruleIndices: Set<Int>, queries: [String: CompiledQuery]) {
        self.exclusion = exclusion
        self.ruleIndices = ruleIndices
        matchers = Dictionary(uniqueKeysWithValues: queries.map { ($0.key, RowGate($0.value, table: $0.key)) })
    }

    public var id: String { exclusion.id }
    public var tables: [String] { matchers.keys.sorted() }

    /// Slots of `table` the predicate reads (nil: every column), for rows it is matched on
    /// that are not decoded whole.
    public func requiredSlots(_ table: String) -> Set<Int>? {
        guard let m = matchers[table] else { return [] }
        return m.query.requiredSlots[table] ?? nil
    }

    /// True when the predicate holds on `values` (a full row of `table`, in schema slot order).
    public func matches(table: String, values: [Value]) -> Bool {
        matchers[table]?.passes(values) ?? false
    }

    /// Compiles `x` for the rules of `rules` it applies to. Errors carry the exclusion file's line:col.
    public static func compile(_ x: Exclusion, rules: RuleSet, now: Int64 = 0) -> Result<CompiledExclusion, RuleError> {
        var indices = Set<Int>()
        var tables = Set<String>()
        for (i, cr) in rules.rules.enumerated() where x.applies(to: cr.rule) {
            indices.insert(i)
            tables.formUnion(cr.query.tables)
        }
        // With no rule loaded, still check it against the table of the hunting rules we ship.
        if tables.isEmpty { tables = ["DeviceFileEvents"] }
        if x.predicate.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return .failure(RuleError(file: x.file, line: x.line, column: x.indent + 1, code: "EXCL", message: "exclusion '\(x.id)': empty predicate"))
        }
        var queries: [String: CompiledQuery] = [:]
        for t in tables.sorted() {
            // The predicate starts on line 2, column 9 of this text.
            let text = "\(t)\n| where \(x.predicate)"
            let (q, diags) = KQLCompiler.compile(text, now: now)
            if let d = diags.first(where: \.isError) ?? (q == nil ? diags.first : nil) {
                let (l, c) = location(d, in: x)
                return .failure(RuleError(file: x.file, line: l, column: c, code: d.code,
                                          message: "exclusion '\(x.id)' on \(t): \(d.message)"))
            }
            guard let q else { continue }
            if q.windowed {
                return .failure(RuleError(file: x.file, line: x.line, column: x.indent + 1, code: "EXCL",
                                          message: "exclusion '\(x.id)': a predicate must not aggregate, sort or join"))
            }
            queries[t] = q
        }
        return .success(CompiledExclusion(exclusion: x, ruleIndices: indices, queries: queries))
    }

    /// A diagnostic's position in the exclusions file.
    static func location(_ d: Diagnostic, in x: Exclusion) -> (line: Int, column: Int) {
        let l = d.location.line, c = d.location.column
        let (pl, pc): (Int, Int) = l <= 1 ? (1, 1) : (l == 2 ? (1, max(1, c - 8)) : (l - 1, c))
        return (pl + x.line - 1, pc + x.indent)
    }
}
