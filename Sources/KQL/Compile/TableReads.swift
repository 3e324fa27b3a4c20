/// Where a query text reads a table: every tabular expression whose source is the table's name,
/// in the query and in `let` statements, inside joins, unions and subqueries. Nil when a
/// function body reads it (a call may expand it any number of times).
enum TableReads {
    static func of(_ table: String, in q: QueryText) -> [TabularExpr]? {
        var found: [TabularExpr] = []
        var inFunctions: [TabularExpr] = []
        for st in q.statements {
            if case .letFunction(_, _, let body, _) = st { walk(body, table, &inFunctions) } else { walk([st], table, &found) }
        }
        return inFunctions.isEmpty ? found : nil
    }

    static func walk(_ statements: [Statement], _ table: String, _ out: inout [TabularExpr]) {
        for st in statements {
            switch st {
            case .letScalar(_, let e, _): walk(e, table, &out)
            case .letTabular(_, let t, _), .query(let t): walk(t, table, &out)
            case .letFunction(_, _, let body, _): walk(body, table, &out)
            case .ignored: break
            }
        }
    }

    static func walk(_ body: FunctionBody, _ table: String, _ out: inout [TabularExpr]) {
        switch body {
        case .scalar(let lets, let e): walk(lets, table, &out); walk(e, table, &out)
        case .tabular(let lets, let t): walk(lets, table, &out); walk(t, table, &out)
        }
    }

    static func walk(_ t: TabularExpr, _ table: String, _ out: inout [TabularExpr]) {
        switch t.source {
        case .name(let n): if n == table { out.append(t) }
        case .call(_, let args): args.forEach { walk($0, table, &out) }
        case .union(_, _, let legs, _): legs.forEach { walk($0, table, &out) }
        case .parenthesized(let inner), .materialize(let inner): walk(inner, table, &out)
        case .datatable, .print, .range, .unsupported: break
        }
        for st in t.stages {
            switch st.op {
            case .where(let e), .take(let e), .invoke(let e): walk(e, table, &out)
            case .project(let xs), .extend(let xs), .serialize(let xs): xs.forEach { walk($0.expr, table, &out) }
            case .summarize(let aggs, let by): (aggs + by).forEach { walk($0.expr, table, &out) }
            case .sort(let keys): keys.forEach { walk($0.expr, table, &out) }
            case .top(let n, let keys): walk(n, table, &out); keys.forEach { walk($0.expr, table, &out) }
            case .distinct(let xs, _): xs.forEach { walk($0, table, &out) }
            case .join(_, let right, _), .lookup(_, let right, _): walk(right, table, &out)
            case .union(_, _, let legs): legs.forEach { walk($0, table, &out) }
            case .mvExpand(let xs, _, _): xs.forEach { walk($0.expr, table, &out) }
            case .parse(_, let source, _, _): walk(source, table, &out)
            case .projectAway, .projectKeep, .projectRename, .projectReorder, .count, .render, .asName, .getschema, .unsupported: break
            }
        }
    }

    static func walk(_ e: Expr, _ table: String, _ out: inout [TabularExpr]) {
        switch e.kind {
        case .literal, .name, .star, .typeOf: break
        case .call(_, let args): args.forEach { walk($0, table, &out) }
        case .unary(_, let x), .member(let x, _): walk(x, table, &out)
        case .binary(_, let l, let r), .index(let l, let r): walk(l, table, &out); walk(r, table, &out)
        case .between(let x, let lo, let hi, _): walk(x, table, &out); walk(lo, table, &out); walk(hi, table, &out)
        case .list(_, let x, let items, let sub):
            walk(x, table, &out); items.forEach { walk($0, table, &out) }
            if let sub { walk(sub, table, &out) }
        case .tabular(let t): walk(t, table, &out)
        }
    }
}
