/// A bound scalar expression: its static type, its compiled closure, and its value when constant.
struct BoundExpr {
    var type: KQLType
    var eval: Eval
    var constant: Value?
    var range: SourceRange
    /// Set when the expression is a plain column reference.
    var column: String?
    /// Subqueries a `let` scalar needs run first (`let n = toscalar(…)`).
    var deps: [Subquery] = []

    static func constant(_ v: Value, _ range: SourceRange) -> BoundExpr {
        BoundExpr(type: v.type, eval: { _ in v }, constant: v, range: range, column: nil)
    }

    /// A bound expression whose type is known but that must not run (after an error).
    static func error(_ range: SourceRange, type: KQLType = .dynamic) -> BoundExpr {
        BoundExpr(type: type, eval: { _ in .null(type) }, constant: nil, range: range, column: nil)
    }
}

/// What a name in scope refers to.
enum ScopeEntry {
    case scalar(BoundExpr)
    case tabular(TabularExpr, scope: LetScope)
    /// A tabular value already compiled (tabular function parameters).
    case boundTable(BoundTable)
    case function([FunctionParameter], FunctionBody, scope: LetScope)
}

/// `let` names visible at a point of the query (immutable chain).
final class LetScope {
    let entries: [String: ScopeEntry]
    let parent: LetScope?
    init(_ entries: [String: ScopeEntry] = [:], parent: LetScope? = nil) { self.entries = entries; self.parent = parent }
    func lookup(_ name: String) -> ScopeEntry? { entries[name] ?? parent?.lookup(name) }
    func with(_ name: String, _ e: ScopeEntry) -> LetScope { LetScope([name: e], parent: self) }
}

/// A compiled tabular expression: its plan and the schema of the rows it produces.
struct BoundTable {
    var plan: Plan
    var schema: RowSchema
    /// Rows may only be produced after all input is seen (window operators present).
    var windowed: Bool
}
