/// Binds a parsed query against the schema (names, types) and compiles it to a plan of closures.
/// Diagnostics use the codes of spec §8; a query with an error never runs.
final class Binder {
    let schema: Schema
    let ctx: EvalContext
    var diagnostics: [Diagnostic] = []
    /// Input slots each table's rows must have decoded; nil = every column.
    var required: [String: Set<Int>?] = [:]
    /// Table leg being bound (for recording required slots), if a single table feeds the row.
    var currentTable: String?
    var depth = 0
    /// Subqueries used by expressions bound since the current operator started.
    var pending: [Subquery] = []
    /// Set when the operator being bound calls `row_number()`, `prev()` or `next()`.
    var sequence: SequenceContext?

    init(schema: Schema, ctx: EvalContext) {
        self.schema = schema
        self.ctx = ctx
    }

    func error(_ code: String, _ message: String, _ range: SourceRange, token: String = "", hint: String? = nil) {
        diagnostics.append(Diagnostic(code, .error, message, at: range, token: token, hint: hint))
    }

    func warning(_ code: String, _ message: String, _ range: SourceRange, hint: String? = nil) {
        diagnostics.append(Diagnostic(code, .warning, message, at: range, hint: hint))
    }

    var hasErrors: Bool { diagnostics.contains { $0.isError } }

    func needAll(_ table: String) { required[table] = .some(nil) }

    func need(_ table: String, slot: Int) {
        if let existing = required[table] {
            guard var set = existing else { return }
            set.insert(slot)
            required[table] = set
        } else {
            required[table] = [slot]
        }
    }

    // MARK: statements

    /// Binds all statements; returns the result table of the query statement.
    func bind(_ q: QueryText) -> BoundTable? {
        var scope = LetScope()
        var result: BoundTable? = nil
        var sawQuery = false
        for st in q.statements {
            switch st {
            case .letScalar(let name, let e, _):
                scope = scope.with(name, .scalar(bindLetScalar(e, scope)))
            case .letTabular(let name, let t, _):
                scope = scope.with(name, .tabular(t, scope: scope))
                // Bind once now so its errors are reported even if unused.
                let saved = required
                _ = bindTabular(t, scope)
                required = saved
            case .letFunction(let name, let params, let body, _):
                scope = scope.with(name, .function(params, body, scope: scope))
            case .query(let t):
                if sawQuery {
                    error("KQL0305", "A hunting query has one result; this is a second tabular statement.", t.sourceRange)
                    continue
                }
                sawQuery = true
                result = bindTabular(t, scope)
            case .ignored:
                break
            }
        }
        if !sawQuery && diagnostics.isEmpty {
            error("KQL0107", "The query has no tabular expression to run (only let statements).", .none)
        }
        return result
    }

    /// A `let` scalar: subqueries it needs (`toscalar(…)`) travel with it and run before the
    /// operator that uses it, not before whatever operator happens to be bound next.
    func bindLetScalar(_ e: Expr, _ scope: LetScope, row: RowSchema = RowSchema(columns: [])) -> BoundExpr {
        let mark = pending.count
        var b = bindExpr(e, row, scope)
        b.deps = Array(pending[mark...])
        pending.removeSubrange(mark...)
        return b
    }

    // MARK: names

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        for i in 1...a.count {
            var cur = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[b.count]
    }

    static func suggestion(_ name: String, among candidates: [String]) -> String? {
        var best: (String, Int)? = nil
        for c in candidates {
            let d = editDistance(name, c)
            if d <= max(2, name.count / 4), best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }
}
