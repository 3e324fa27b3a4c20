/// Tabular sources: tables, wildcards, `let` tables, tabular functions, union, datatable, print, range.
extension Binder {
    func bindTabular(_ t: TabularExpr, _ scope: LetScope) -> BoundTable? {
        depth += 1
        let savedTable = currentTable
        defer { depth -= 1; currentTable = savedTable }
        if depth > 200 {
            error("KQL0901", "The query is nested too deeply.", t.sourceRange)
            return nil
        }
        guard var cur = bindSource(t.source, t.sourceRange, scope) else { return nil }
        for stage in t.stages {
            guard let next = bindOperator(stage.op, stage.range, cur, scope) else { return nil }
            cur = next
        }
        return cur
    }

    func tableNames(matching pattern: String) -> [String] {
        schema.tableNames.filter { Binder.wildcard(pattern, $0) }
    }

    func bindSource(_ src: TabularExpr.Source, _ range: SourceRange, _ scope: LetScope) -> BoundTable? {
        switch src {
        case .name(let n):
            if n.contains("*") {
                let names = tableNames(matching: n)
                if names.isEmpty {
                    error("KQL0214", "No table matches '\(n)'.", range, token: n)
                    return nil
                }
                return unionOf(names.map { tableSource($0) }, kind: "outer", withSource: nil, names: names)
            }
            if let e = scope.lookup(n) {
                switch e {
                case .tabular(let t, let s):
                    currentTable = nil
                    return bindTabular(t, s)
                case .boundTable(let bt):
                    currentTable = nil
                    return bt
                case .function(let params, let body, let fscope):
                    return bindTabularCall(n, params, body, fscope, [], range, scope)
                case .scalar:
                    error("KQL0204", "'\(n)' is a scalar; a table is needed here.", range, token: n)
                    return nil
                }
            }
            if schema.table(n) != nil {
                currentTable = n
                if required[n] == nil { required[n] = .some([]) }
                return tableSource(n)
            }
            var msg = "Unknown table '\(n)'"
            if let s = Binder.suggestion(n, among: schema.tableNames) { msg += "; did you mean '\(s)'?" } else { msg += "." }
            error("KQL0214", msg, range, token: n)
            return nil
        case .call(let name, let args):
            if case .function(let params, let body, let fscope)? = scope.lookup(name) {
                return bindTabularCall(name, params, body, fscope, args, range, scope)
            }
            if name == "view" || name == "cluster" || name == "database" || name == "workspace" || name == "app" {
                error("KQL0301", "'\(name)()' (cross-cluster or views) is not supported by hunttop.", range, token: name)
                return nil
            }
            error("KQL0214", "Unknown tabular function '\(name)'.", range, token: name)
            return nil
        case .union(let kind, let ws, let legs, let fuzzy):
            var bound: [BoundTable] = []
            var names: [String] = []
            for leg in legs {
                currentTable = nil
                if case .name(let n) = leg.source, n.contains("*") {
                    let matched = tableNames(matching: n)
                    if matched.isEmpty && !fuzzy { error("KQL0214", "No table matches '\(n)'.", leg.sourceRange, token: n) }
                    for m in matched { bound.append(tableSource(m)); names.append(m) }
                    continue
                }
                guard let b = bindTabular(leg, scope) else { if fuzzy { continue } else { return nil } }
                bound.append(b)
                if case .name(let n) = leg.source { names.append(n) } else { names.append("union_arg\(names.count)") }
            }
            return unionOf(bound, kind: kind, withSource: ws, names: names)
        case .datatable(let cols, let values):
            guard !cols.isEmpty else { return nil }
            if values.count % cols.count != 0 {
                error("KQL0215", "datatable has \(values.count) values for \(cols.count) columns; the count must be a multiple.", range)
                return nil
            }
            var rows: [[Value]] = []
            var current: [Value] = []
            for (k, v) in values.enumerated() {
                let b = bindExpr(v, RowSchema(columns: []), scope)
                guard let c = b.constant else {
                    error("KQL0216", "datatable values must be constants.", v.range)
                    return nil
                }
                current.append(ValueOps.convert(c, to: cols[k % cols.count].type))
                if current.count == cols.count { rows.append(current); current = [] }
            }
            return BoundTable(plan: .inline(rows), schema: RowSchema(columns: cols), windowed: false)
        case .print(let items):
            var cols: [Column] = []
            var row: [Value] = []
            for (k, it) in items.enumerated() {
                let b = bindExpr(it.expr, RowSchema(columns: []), scope)
                cols.append(Column(name: it.name ?? b.column ?? "print_\(k)", type: b.type))
                row.append(b.eval([]))
            }
            return BoundTable(plan: .inline([row]), schema: RowSchema(columns: cols), windowed: false)
        case .range(let col, let from, let to, let step):
            let e = RowSchema(columns: [])
            let f = bindExpr(from, e, scope), t = bindExpr(to, e, scope), s = bindExpr(step, e, scope)
            var rows: [[Value]] = []
            var v = f.eval([])
            let end = t.eval([]), st = s.eval([])
            while let c = ValueOps.compare(v, end), c <= 0, rows.count < 1_000_000 {
                rows.append([v])
                let n = ValueOps.add(v, st)
                if ValueOps.compare(n, v).map({ $0 <= 0 }) ?? true { break }
                v = n
            }
            return BoundTable(plan: .inline(rows), schema: RowSchema(columns: [Column(name: col, type: f.type)]), windowed: false)
        case .parenthesized(let inner), .materialize(let inner):
            return bindTabular(inner, scope)
        case .unsupported(let name):
            error("KQL0301", "The source '\(name)' is not supported by hunttop (it needs data from outside the event stream).", range, token: name)
            return nil
        }
    }

    func tableSource(_ name: String) -> BoundTable {
        BoundTable(plan: .table(name), schema: RowSchema(table: schema.table(name)!), windowed: false)
    }

    /// `union`: all columns of all legs (kind=outer) or the common ones (kind=inner).
    func unionOf(_ legs: [BoundTable], kind: String, withSource: String?, names: [String]) -> BoundTable {
        for n in names where schema.table(n) != nil { needAll(n) }
        var cols: [Column] = []
        var seen: [String: KQLType] = [:]
        for leg in legs {
            for e in leg.schema.entries where seen[e.name] == nil {
                seen[e.name] = e.type
                cols.append(Column(name: e.name, type: e.type))
            }
        }
        if kind == "inner" {
            cols = cols.filter { c in legs.allSatisfy { $0.schema.entry(c.name) != nil } }
        }
        var plans: [Plan] = []
        for (k, leg) in legs.enumerated() {
            let slots: [Int?] = cols.map { c in leg.schema.entry(c.name)?.slot }
            let types = cols.map(\.type)
            let tag: Value? = withSource != nil ? .string(k < names.count ? names[k] : "") : nil
            plans.append(.stage(leg.plan, { _ in
                MapStage { row in
                    var out: [Value] = []
                    out.reserveCapacity(slots.count + 1)
                    if let tag { out.append(tag) }
                    for (i, s) in slots.enumerated() { out.append(s.map { row[$0] } ?? Value.null(of: types[i])) }
                    return out
                }
            }))
        }
        if let ws = withSource { cols.insert(Column(name: ws, type: .string), at: 0) }
        return BoundTable(plan: .union(plans), schema: RowSchema(columns: cols), windowed: legs.contains { $0.windowed })
    }

    func bindTabularCall(_ name: String, _ params: [FunctionParameter], _ body: FunctionBody, _ fscope: LetScope,
                         _ args: [Expr], _ range: SourceRange, _ scope: LetScope) -> BoundTable? {
        guard case .tabular(let lets, let t) = body else {
            error("KQL0204", "'\(name)' is a scalar function; a table is needed here.", range, token: name)
            return nil
        }
        guard var s = bindFunctionScope(name, params, fscope, args, range, RowSchema(columns: []), scope) else { return nil }
        for st in lets {
            switch st {
            case .letScalar(let n, let e, _): s = s.with(n, .scalar(bindLetScalar(e, s)))
            case .letTabular(let n, let tt, _): s = s.with(n, .tabular(tt, scope: s))
            case .letFunction(let n, let p, let b, _): s = s.with(n, .function(p, b, scope: s))
            default: break
            }
        }
        currentTable = nil
        return bindTabular(t, s)
    }
}
