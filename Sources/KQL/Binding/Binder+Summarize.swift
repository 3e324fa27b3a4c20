/// `summarize aggregates by keys`: a window operator grouping rows in first-seen order.
extension Binder {
    func bindSummarize(_ aggs: [NamedExpr], _ by: [NamedExpr], _ range: SourceRange, _ input: BoundTable, _ scope: LetScope) -> BoundTable? {
        let row = input.schema
        var keyEvals: [Eval] = []
        var columns: [Column] = []
        for (k, b) in by.enumerated() {
            let bound = bindExpr(b.expr, row, scope)
            var name = b.name ?? bound.column
            // `bin(T, 1h)`, `tostring(x)` and other conversions of one column are named after it.
            if name == nil, case .call(let fn, let args) = b.expr.kind, Binder.keyNamingFunctions.contains(fn),
               let first = args.first, case .name(let c) = first.kind {
                name = c
            }
            columns.append(Column(name: name ?? "Column\(k + 1)", type: bound.type))
            keyEvals.append(bound.eval)
        }
        var plans: [AggregatePlan] = []
        // Aggregates nested in scalar expressions (`countif(x) * 100.0 / count()`) become hidden
        // columns; the expression is then computed over the group's row.
        var post: [(index: Int, eval: Eval)] = []
        var hidden: [Column] = []
        var items: [(name: String?, names: [String], call: Expr)] = []
        var wrappers: [(position: Int, expr: Expr, name: String?)] = []
        for a in aggs {
            if case .call(let fn, _) = a.expr.kind, Binder.aggregateNames.contains(fn) {
                items.append((a.name, a.names, a.expr))
                continue
            }
            var calls: [Expr] = []
            let rewritten = Binder.extractAggregates(a.expr, into: &calls, base: items.count)
            if calls.isEmpty {
                error("KQL0222", "summarize needs an aggregate function call here (count(), dcount(x), make_set(x), …).", a.expr.range)
                return nil
            }
            let start = items.count
            for (k, c) in calls.enumerated() { items.append(("__agg_\(start + k)", [], c)) }
            wrappers.append((items.count, rewritten, a.name ?? (calls.count == 1 ? nil : "Column\(wrappers.count + 1)")))
        }
        for item in items {
            guard case .call(let fn, let args) = item.call.kind else { continue }
            var bargs: [(eval: Eval, type: KQLType, column: String?, constant: Value?)] = []
            for arg in args {
                if case .star = arg.kind { bargs.append(({ _ in .string("*") }, .string, nil, .string("*"))); continue }
                let b = bindExpr(arg, row, scope)
                bargs.append((b.eval, b.type, b.column, b.constant))
            }
            let canonical = fn == "makeset" ? "make_set" : (fn == "makelist" ? "make_list" : (fn == "argmax" ? "arg_max" : (fn == "argmin" ? "arg_min" : fn)))
            switch Aggregates.plan(canonical, bargs, outputName: item.name, row: row) {
            case .success(let p):
                var p = p
                if !item.names.isEmpty {
                    for (k, n) in item.names.enumerated() where k < p.columns.count { p.columns[k] = Column(name: n, type: p.columns[k].type) }
                }
                plans.append(p)
                columns += p.columns
            case .failure(let err):
                let m = err.message
                error(m == "unknown" ? "KQL0221" : "KQL0211", m == "unknown" ? "Unknown aggregate function '\(fn)'." : m, item.call.range, token: fn)
                return nil
            }
        }
        if !wrappers.isEmpty {
            let aggRow = RowSchema(columns: columns)
            for w in wrappers {
                let b = bindExpr(w.expr, aggRow, scope)
                post.append((columns.count + hidden.count, b.eval))
                // `tostring(make_set(X))` is named as its aggregate would be (`set_X`).
                var name = w.name ?? "Column\(hidden.count + 1)"
                if w.name == nil, case .call(let fn, let args) = items[w.position - 1].call.kind {
                    let bargs = args.map { a -> (eval: Eval, type: KQLType, column: String?, constant: Value?) in
                        if case .name(let n) = a.kind { return ({ _ in .null(.string) }, row.entry(n)?.type ?? .string, n, nil) }
                        return ({ _ in .null(.string) }, .string, nil, nil)
                    }
                    let canonical = fn == "makeset" ? "make_set" : (fn == "makelist" ? "make_list" : fn)
                    if case .success(let p) = Aggregates.plan(canonical, bargs, outputName: nil, row: row), let c = p.columns.first { name = c.name }
                }
                hidden.append(Column(name: name, type: b.type))
            }
        }
        // Duplicate output names get a numeric suffix, as Kusto does.
        var seen: [String: Int] = [:]
        for k in columns.indices {
            let n = columns[k].name
            if let c = seen[n] {
                seen[n] = c + 1
                columns[k] = Column(name: "\(n)\(c)", type: columns[k].type)
            } else { seen[n] = 1 }
        }
        let hasKeys = !by.isEmpty
        let aggPlans = plans
        // Output: keys, plain aggregates and computed columns, without the hidden ones.
        let visible: [Int] = (columns + hidden).indices.filter { !(columns + hidden)[$0].name.hasPrefix("__agg_") }
        let posts = post
        let finish: ([Value]) -> [Value] = { r in
            guard !posts.isEmpty else { return r }
            var x = r
            for p in posts { x.append(p.eval(r)) }
            return visible.map { x[$0] }
        }
        columns = visible.map { (columns + hidden)[$0] }
        var t = input
        typealias Groups = (order: [[Value]], groups: [[Value]: [Accumulator]])
        t.plan = .stage(input.plan, { _ in FoldStage<Groups>(initial: { ([], [:]) }, fold: { st, r in
            let key = keyEvals.map { $0(r) }
            if let accs = st.groups[key] {
                for acc in accs { acc.add(r) }
            } else {
                let accs = aggPlans.map { $0.make() }
                for acc in accs { acc.add(r) }
                st.groups[key] = accs
                st.order.append(key)
            }
        }, emit: { st in
            if !hasKeys && st.order.isEmpty {
                return [finish(aggPlans.flatMap { $0.make().result() })]
            }
            return st.order.map { key in finish(key + st.groups[key]!.flatMap { $0.result() }) }
        }) })
        t.schema = RowSchema(columns: columns)
        t.windowed = true
        return t
    }
}

extension Binder {
    static let keyNamingFunctions: Set<String> = [
        "bin", "floor", "bin_at", "tostring", "toint", "tolong", "todouble", "toreal", "tobool", "todatetime",
        "totimespan", "toguid", "todynamic", "tolower", "toupper",
    ]

    /// Replaces each aggregate call inside `e` by a name `__agg_N`, collecting the calls.
    static func extractAggregates(_ e: Expr, into calls: inout [Expr], base: Int) -> Expr {
        func walk(_ e: Expr) -> Expr {
            switch e.kind {
            case .call(let fn, let args):
                if aggregateNames.contains(fn) || fn == "argmax" || fn == "argmin" {
                    calls.append(e)
                    return Expr(.name("__agg_\(base + calls.count - 1)"), e.range)
                }
                return Expr(.call(fn, args.map(walk)), e.range)
            case .binary(let op, let l, let r): return Expr(.binary(op, walk(l), walk(r)), e.range)
            case .unary(let op, let x): return Expr(.unary(op, walk(x)), e.range)
            case .between(let x, let lo, let hi, let n): return Expr(.between(walk(x), walk(lo), walk(hi), negated: n), e.range)
            case .list(let op, let l, let items, let sub): return Expr(.list(op, walk(l), items.map(walk), subquery: sub), e.range)
            case .member(let b, let n): return Expr(.member(walk(b), n), e.range)
            case .index(let b, let i): return Expr(.index(walk(b), walk(i)), e.range)
            default: return e
            }
        }
        return walk(e)
    }
}
