/// `summarize aggregates by keys`: a window operator grouping rows in first-seen order.
extension Binder {
    func bindSummarize(_ aggs: [NamedExpr], _ by: [NamedExpr], _ range: SourceRange, _ input: BoundTable, _ scope: LetScope) -> BoundTable? {
        let row = input.schema
        var keyEvals: [Eval] = []
        var columns: [Column] = []
        for (k, b) in by.enumerated() {
            let bound = bindExpr(b.expr, row, scope)
            var name = b.name ?? bound.column
            if name == nil, case .call(let fn, let args) = b.expr.kind, fn == "bin" || fn == "floor" || fn == "bin_at",
               let first = args.first, case .name(let c) = first.kind {
                name = c
            }
            columns.append(Column(name: name ?? "Column\(k + 1)", type: bound.type))
            keyEvals.append(bound.eval)
        }
        var plans: [AggregatePlan] = []
        for a in aggs {
            guard case .call(let fn, let args) = a.expr.kind, Binder.aggregateNames.contains(fn) else {
                // A scalar over aggregates (`count() * 2`) or a non-aggregate: not supported.
                if case .call(let fn, _) = a.expr.kind, Functions.lookup(fn) == nil {
                    error("KQL0221", "Unknown aggregate function '\(fn)'.", a.expr.range, token: fn)
                } else {
                    error("KQL0222", "summarize needs an aggregate function call here (count(), dcount(x), make_set(x), …).", a.expr.range)
                }
                return nil
            }
            var bargs: [(eval: Eval, type: KQLType, column: String?, constant: Value?)] = []
            for arg in args {
                if case .star = arg.kind { bargs.append(({ _ in .string("*") }, .string, nil, .string("*"))); continue }
                let b = bindExpr(arg, row, scope)
                bargs.append((b.eval, b.type, b.column, b.constant))
            }
            let canonical = fn == "makeset" ? "make_set" : (fn == "makelist" ? "make_list" : fn)
            switch Aggregates.plan(canonical, bargs, outputName: a.name, row: row) {
            case .success(let p):
                var p = p
                if !a.names.isEmpty {
                    for (k, n) in a.names.enumerated() where k < p.columns.count { p.columns[k] = Column(name: n, type: p.columns[k].type) }
                }
                plans.append(p)
                columns += p.columns
            case .failure(let err):
                let m = err.message
                error(m == "unknown" ? "KQL0221" : "KQL0211", m == "unknown" ? "Unknown aggregate function '\(fn)'." : m, a.expr.range, token: fn)
                return nil
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
        var t = input
        t.plan = .stage(input.plan, { _ in WindowStage { rows in
            var order: [[Value]] = []
            var groups: [[Value]: [Accumulator]] = [:]
            for r in rows {
                let key = keyEvals.map { $0(r) }
                if groups[key] == nil {
                    groups[key] = aggPlans.map { $0.make() }
                    order.append(key)
                }
                for acc in groups[key]! { acc.add(r) }
            }
            if !hasKeys && order.isEmpty {
                return [aggPlans.flatMap { $0.make().result() }]
            }
            return order.map { key in key + groups[key]!.flatMap { $0.result() } }
        } })
        t.schema = RowSchema(columns: columns)
        t.windowed = true
        return t
    }
}
