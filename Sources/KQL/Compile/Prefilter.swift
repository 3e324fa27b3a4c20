/// Literals that every matching input line must contain, taken from a query's leading `where`s
/// (architecture: "the fastest row is the one never parsed"). Each clause is a set of ASCII
/// alternatives; a line can match only if, for every clause, it contains one alternative
/// (compared ASCII-case-insensitively). Literals with bytes that an input format could escape
/// (backslash, quote, controls, non-ASCII) are never used, so a prefilter cannot change an answer.
public struct Prefilter: Sendable {
    public var clauses: [[String]]
    public var isEmpty: Bool { clauses.isEmpty }

    static let positiveOperators: Set<String> = [
        "==", "=~", "contains", "contains_cs", "startswith", "startswith_cs", "endswith", "endswith_cs",
        "has", "has_cs", "hasprefix", "hasprefix_cs", "hassuffix", "hassuffix_cs",
    ]

    static func usable(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: "\"") }
    }

    /// Clauses implied by a predicate over input columns (`columns`: names of untouched input columns).
    static func clauses(of e: Expr, columns: Set<String>) -> [[String]] {
        switch e.kind {
        case .binary("and", let l, let r):
            return clauses(of: l, columns: columns) + clauses(of: r, columns: columns)
        case .binary("or", let l, let r):
            let a = clauses(of: l, columns: columns), b = clauses(of: r, columns: columns)
            // (A1 ∧ A2) ∨ (B1 ∧ B2) implies (A1 ∨ B1): keep the shortest alternative lists.
            guard let x = a.min(by: { $0.count < $1.count }), let y = b.min(by: { $0.count < $1.count }) else { return [] }
            return [x + y]
        case .binary(let op, let l, let r) where positiveOperators.contains(op):
            guard case .name(let c) = l.kind, columns.contains(c), case .literal(.string(let s)) = r.kind, usable(s) else { return [] }
            return [[s]]
        case .list(let op, let l, let items, nil) where ["in", "in~", "has_any", "has_any_cs"].contains(op):
            guard case .name(let c) = l.kind, columns.contains(c), !items.isEmpty else { return [] }
            var lits: [String] = []
            for it in items {
                switch it.kind {
                case .literal(.string(let s)) where usable(s): lits.append(s)
                case .literal(.dynamic(.array(let a))):
                    for d in a {
                        guard case .string(let s) = d, usable(s) else { return [] }
                        lits.append(s)
                    }
                default: return []
                }
            }
            return [lits]
        default:
            return []
        }
    }

    /// The prefilter of a tabular expression reading one table directly, else empty.
    static func of(_ t: TabularExpr, table: TableSchema) -> Prefilter {
        var clauses: [[String]] = []
        let cols = Set(table.columns.map(\.name))
        for st in t.stages {
            guard case .where(let e) = st.op else { break }
            clauses += Prefilter.clauses(of: e, columns: cols)
        }
        return Prefilter(clauses: clauses)
    }
}
