/// Scalar expression syntax. Every node carries its source range.
public final class Expr: Sendable {
    public indirect enum Kind: Sendable {
        case literal(Value)
        case name(String)
        /// `f(args)`; `*` arguments appear as `.star`.
        case call(String, [Expr])
        case star
        case unary(String, Expr)
        case binary(String, Expr, Expr)
        /// `x between (lo .. hi)`; negated for `!between`.
        case between(Expr, Expr, Expr, negated: Bool)
        /// `x in (…)`, `in~`, `!in`, `!in~`, `has_any`, `has_all`, … with scalar items or one subquery.
        case list(String, Expr, [Expr], subquery: TabularExpr?)
        case member(Expr, String)
        case index(Expr, Expr)
        /// `typeof(T)` inside `extract(…, typeof(long))`, `to typeof(…)`.
        case typeOf(KQLType)
        /// A tabular expression where a scalar is expected (`toscalar(T)`), kept for the binder.
        case tabular(TabularExpr)
    }
    public let kind: Kind
    public let range: SourceRange
    public init(_ kind: Kind, _ range: SourceRange) { self.kind = kind; self.range = range }
}

/// `name = expr` or a bare `expr` in project/extend/summarize lists.
public struct NamedExpr: Sendable {
    public var name: String?
    /// `(a, b) = expr` tuple names (rare; kept for check).
    public var names: [String]
    public var expr: Expr
    public init(name: String?, names: [String] = [], expr: Expr) { self.name = name; self.names = names; self.expr = expr }
}

public struct SortKey: Sendable {
    public var expr: Expr
    public var ascending: Bool
    public var nullsFirst: Bool?
}

public struct JoinCondition: Sendable {
    public var left: String
    public var right: String
    public var range: SourceRange
}

/// One tabular operator after `|`.
public indirect enum QueryOperator: Sendable {
    case `where`(Expr)
    case project([NamedExpr])
    case projectAway([String])
    case projectKeep([String])
    case projectRename([(new: String, old: String)])
    case projectReorder([String])
    case extend([NamedExpr])
    case take(Expr)
    case count(String?)
    case summarize(aggregates: [NamedExpr], by: [NamedExpr])
    case sort([SortKey])
    case top(Expr, [SortKey])
    case distinct([Expr], star: Bool)
    case join(kind: String, right: TabularExpr, on: [JoinCondition])
    case lookup(kind: String, right: TabularExpr, on: [JoinCondition])
    case union(kind: String, withSource: String?, legs: [TabularExpr])
    case mvExpand(columns: [NamedExpr], toType: KQLType?, limit: Int?)
    case parse(kind: String, source: Expr, pattern: [ParsePiece], keepOnlyMatching: Bool)
    case invoke(Expr)
    case serialize([NamedExpr])
    case render
    case asName(String)
    case getschema
    /// A known but unsupported operator; the binder reports it.
    case unsupported(String)
}

public enum ParsePiece: Sendable {
    case literal(String)
    case wildcard
    case column(String, KQLType)
}

public struct PipeStage: Sendable {
    public var op: QueryOperator
    public var range: SourceRange
}

/// A tabular expression: a source and the operators piped after it.
public final class TabularExpr: Sendable {
    public enum Source: Sendable {
        /// A table name, a tabular `let` or a wildcard such as `Device*`.
        case name(String)
        /// `f(args)` of a tabular function.
        case call(String, [Expr])
        case union(kind: String, withSource: String?, legs: [TabularExpr], fuzzy: Bool)
        case datatable([Column], [Expr])
        case print([NamedExpr])
        case range(String, Expr, Expr, Expr)
        case parenthesized(TabularExpr)
        case materialize(TabularExpr)
        case unsupported(String)
    }
    public let source: Source
    public let sourceRange: SourceRange
    public let stages: [PipeStage]
    public init(source: Source, sourceRange: SourceRange, stages: [PipeStage]) {
        self.source = source; self.sourceRange = sourceRange; self.stages = stages
    }
}

public struct FunctionParameter: Sendable {
    public var name: String
    public var type: KQLType?
    /// Tabular parameter `T:(col:type, …)` or `T:(*)`.
    public var tabular: Bool
    public var defaultValue: Expr?
}

public enum Statement: Sendable {
    case letScalar(String, Expr, SourceRange)
    case letTabular(String, TabularExpr, SourceRange)
    case letFunction(String, [FunctionParameter], FunctionBody, SourceRange)
    case query(TabularExpr)
    /// `set x = y;` options and other accepted-but-ignored statements.
    case ignored(String, SourceRange)
}

public enum FunctionBody: Sendable {
    case scalar(lets: [Statement], Expr)
    case tabular(lets: [Statement], TabularExpr)
}

public struct QueryText: Sendable {
    public var statements: [Statement]
}
