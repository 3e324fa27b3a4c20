/// Row-level operators (where, project*, extend, take, mv-expand, parse, invoke, union) and the
/// window ones that sort or dedupe; summarize and join live in their own files.
extension Binder {
    func bindOperator(_ op: QueryOperator, _ range: SourceRange, _ input: BoundTable, _ scope: LetScope) -> BoundTable? {
        let mark = pending.count
        let ref = PlanRef(input.plan)
        var deferred = input
        deferred.plan = .ref(ref)
        let outerSequence = sequence
        sequence = nil
        defer { sequence = outerSequence }
        guard var out = bindOperatorBody(op, range, deferred, scope) else { return nil }
        if let seq = sequence {
            // row_number()/prev()/next(): the operator runs once its whole input is known.
            guard case .stage(let inner, let make) = out.plan else {
                error("KQL0307", "row_number(), prev() and next() can only be used in where, extend, project or serialize.", range)
                return nil
            }
            out.plan = .stage(inner, { down in
                let s = make(down)
                s.next = down
                return SequencedStage(inner: s, ctx: seq)
            })
            out.windowed = true
        }
        if pending.count > mark {
            // Subqueries run first: a barrier holds the input rows until each one is complete.
            var plan = input.plan
            if pending[mark...].contains(where: { $0.table.plan.references(ref) }) {
                // A subquery over this operator's own input (e.g. inside an invoked function) would
                // have to run before itself.
                error("KQL0306", "A subquery here reads the input of the operator that uses it; hunttop cannot run that yet.", range)
                pending.removeSubrange(mark...)
                return nil
            }
            for sub in pending[mark...] {
                let box = sub.box
                let slots = [sub.table.schema.entries[0].slot]
                plan = .join(left: plan, right: sub.table.plan, make: { collect in BarrierStage(collect, box, slots: slots) })
            }
            pending.removeSubrange(mark...)
            ref.plan = plan
            out.windowed = true
        }
        return out
    }

    func bindOperatorBody(_ op: QueryOperator, _ range: SourceRange, _ input: BoundTable, _ scope: LetScope) -> BoundTable? {
        var t = input
        let row = input.schema
        switch op {
        case .where(let e):
            let b = bindExpr(e, row, scope)
            if b.type != .bool && b.type != .dynamic {
                error("KQL0217", "where needs a bool predicate; this expression is \(b.type).", e.range)
                return nil
            }
            let p = b.eval
            t.plan = .stage(t.plan, { _ in FilterStage(p) })
        case .extend(let items):
            var schema = row
            var assignments: [(Int, Eval)] = []
            for (k, it) in items.enumerated() {
                let b = bindExpr(it.expr, row, scope)
                let name = it.name ?? b.column ?? "Column\(k + 1)"
                if let idx = schema.entries.firstIndex(where: { $0.name == name }) {
                    schema.entries[idx].type = b.type
                    schema.entries[idx].origin = nil
                    assignments.append((schema.entries[idx].slot, b.eval))
                } else {
                    schema.entries.append(.init(name: name, type: b.type, slot: schema.width, origin: nil))
                    assignments.append((schema.width, b.eval))
                    schema.width += 1
                }
            }
            let width = schema.width
            t.plan = .stage(t.plan, { _ in ExtendStage(assignments, width: width) })
            t.schema = schema
        case .project(let items):
            var entries: [RowSchema.Entry] = []
            var evals: [Eval] = []
            for (k, it) in items.enumerated() {
                if case .star = it.expr.kind {
                    for e in row.entries {
                        let s = e.slot
                        if let tb = currentTable, let o = e.origin { need(tb, slot: o) }
                        entries.append(.init(name: e.name, type: e.type, slot: entries.count, origin: e.origin))
                        evals.append({ $0[s] })
                    }
                    continue
                }
                let b = bindExpr(it.expr, row, scope)
                let name = it.name ?? b.column ?? "Column\(k + 1)"
                if entries.contains(where: { $0.name == name }) {
                    error("KQL0218", "The column '\(name)' appears twice in project.", it.expr.range, token: name)
                }
                let origin = it.name == nil && b.column != nil ? row.entry(b.column!)?.origin : nil
                entries.append(.init(name: name, type: b.type, slot: entries.count, origin: origin))
                evals.append(b.eval)
            }
            t.plan = .stage(t.plan, { _ in ProjectStage(evals) })
            t.schema = RowSchema(entries: entries, width: entries.count)
        case .projectAway(let patterns):
            for p in patterns where !p.contains("*") && row.entry(p) == nil {
                unknownColumn(p, range, row)
            }
            t.schema.entries = row.entries.filter { e in !patterns.contains { Binder.wildcard($0, e.name) } }
        case .projectKeep(let patterns):
            for p in patterns where !p.contains("*") && row.entry(p) == nil {
                unknownColumn(p, range, row)
            }
            t.schema.entries = row.entries.filter { e in patterns.contains { Binder.wildcard($0, e.name) } }
        case .projectRename(let pairs):
            for (new, old) in pairs {
                guard let idx = t.schema.entries.firstIndex(where: { $0.name == old }) else {
                    unknownColumn(old, range, row)
                    continue
                }
                t.schema.entries[idx].name = new
            }
        case .projectReorder(let patterns):
            var first: [RowSchema.Entry] = []
            for p in patterns {
                let matched = row.entries.filter { Binder.wildcard(p, $0.name) && !first.map(\.name).contains($0.name) }
                if matched.isEmpty && !p.contains("*") { unknownColumn(p, range, row) }
                first += matched
            }
            t.schema.entries = first + row.entries.filter { e in !first.contains { $0.name == e.name } }
        case .take(let e):
            let b = bindExpr(e, RowSchema(columns: []), scope)
            guard let n = b.constant?.int64Value, n >= 0 else {
                error("KQL0219", "take needs a constant non-negative number.", e.range)
                return nil
            }
            t.plan = .stage(t.plan, { _ in TakeStage(Int(n)) })
        case .count(let name):
            t.plan = .stage(t.plan, { _ in FoldStage<Int64>(initial: { 0 }, fold: { n, _ in n += 1 }, emit: { [[.long($0)]] }) })
            t.schema = RowSchema(columns: [Column(name: name ?? "Count", type: .long)])
            t.windowed = true
        case .summarize(let aggs, let by):
            return bindSummarize(aggs, by, range, t, scope)
        case .sort(let keys):
            guard let cmp = bindSortKeys(keys, row, scope) else { return nil }
            t.plan = .stage(t.plan, { _ in WindowStage { rows in Binder.stableSorted(rows, cmp) } })
            t.windowed = true
        case .top(let nExpr, let keys):
            let nb = bindExpr(nExpr, RowSchema(columns: []), scope)
            guard let n = nb.constant?.int64Value, n >= 0 else {
                error("KQL0219", "top needs a constant non-negative number.", nExpr.range)
                return nil
            }
            guard let cmp = bindSortKeys(keys, row, scope) else { return nil }
            t.plan = .stage(t.plan, { _ in WindowStage { rows in Array(Binder.stableSorted(rows, cmp).prefix(Int(n))) } })
            t.windowed = true
        case .distinct(let cols, let star):
            var evals: [Eval] = []
            var entries: [RowSchema.Entry] = []
            if star {
                for e in row.entries {
                    let s = e.slot
                    if let tb = currentTable, let o = e.origin { need(tb, slot: o) }
                    evals.append({ $0[s] })
                    entries.append(.init(name: e.name, type: e.type, slot: entries.count, origin: nil))
                }
            } else {
                for (k, c) in cols.enumerated() {
                    let b = bindExpr(c, row, scope)
                    evals.append(b.eval)
                    entries.append(.init(name: b.column ?? "Column\(k + 1)", type: b.type, slot: entries.count, origin: nil))
                }
            }
            typealias Seen = (set: Set<[Value]>, out: [[Value]])
            t.plan = .stage(t.plan, { _ in FoldStage<Seen>(initial: { ([], []) }, fold: { st, r in
                let key = evals.map { $0(r) }
                if st.set.insert(key).inserted { st.out.append(key) }
            }, emit: { $0.out }) })
            t.schema = RowSchema(entries: entries, width: entries.count)
            t.windowed = true
        case .join(let kind, let right, let on):
            return bindJoin(kind: kind, right: right, on: on, lookup: false, range, t, scope)
        case .lookup(let kind, let right, let on):
            return bindJoin(kind: kind, right: right, on: on, lookup: true, range, t, scope)
        case .union(let kind, let ws, let legs):
            var bound: [BoundTable] = [t]
            var names = ["union_arg0"]
            for leg in legs {
                let saved = currentTable
                currentTable = nil
                guard let b = bindTabular(leg, scope) else { return nil }
                currentTable = saved
                bound.append(b)
                if case .name(let n) = leg.source { names.append(n) } else { names.append("union_arg\(names.count)") }
            }
            if let ct = currentTable { needAll(ct) }
            return unionOf(bound, kind: kind, withSource: ws, names: names)
        case .mvExpand(let columns, let toType, let limit):
            return bindMvExpand(columns, toType, limit, range, t, scope)
        case .parse(let kind, let source, let pattern, let keepOnly):
            return bindParse(kind, source, pattern, keepOnly, range, t, scope)
        case .invoke(let call):
            guard case .call(let name, let args) = call.kind,
                  case .function(let params, let body, let fscope)? = scope.lookup(name), let first = params.first, first.tabular else {
                error("KQL0220", "invoke needs a call of a tabular function whose first parameter is a table.", call.range)
                return nil
            }
            if let ct = currentTable { needAll(ct) }
            let pseudo = "__invoke_input_\(depth)"
            let s = scope.with(pseudo, .boundTable(t))
            let argExprs = [Expr(.name(pseudo), call.range)] + args
            return bindTabularCall(name, params, body, fscope, argExprs, call.range, s)
        case .serialize(let items):
            if !items.isEmpty { return bindOperator(.extend(items), range, t, scope) }
        case .render, .asName:
            break
        case .getschema:
            let rows: [[Value]] = row.entries.enumerated().map { [.string($0.element.name), .long(Int64($0.offset)), .string("System.\($0.element.type)"), .string($0.element.type.rawValue)] }
            t.plan = .stage(t.plan, { _ in WindowStage { _ in rows } })
            t.schema = RowSchema(columns: [Column(name: "ColumnName", type: .string), Column(name: "ColumnOrdinal", type: .long),
                                           Column(name: "DataType", type: .string), Column(name: "ColumnType", type: .string)])
            t.windowed = true
        case .unsupported(let name):
            error("KQL0301", "The operator '\(name)' is not supported by hunttop yet.", range, token: name)
            return nil
        }
        return t
    }

    func unknownColumn(_ name: String, _ range: SourceRange, _ row: RowSchema) {
        var msg = "Unknown column '\(name)'"
        if let s = Binder.suggestion(name, among: row.names) { msg += "; did you mean '\(s)'?" } else { msg += "." }
        error("KQL0201", msg, range, token: name)
    }

    /// `*` wildcard match of a whole name (`Initiating*`, `*Id`, `Device*Events`).
    static func wildcard(_ pattern: String, _ name: String) -> Bool {
        guard pattern.contains("*") else { return pattern == name }
        let p = Array(pattern.unicodeScalars), n = Array(name.unicodeScalars)
        var pi = 0, ni = 0, star = -1, mark = 0
        while ni < n.count {
            if pi < p.count && p[pi] != "*" && p[pi] == n[ni] { pi += 1; ni += 1 }
            else if pi < p.count && p[pi] == "*" { star = pi; mark = ni; pi += 1 }
            else if star >= 0 { pi = star + 1; mark += 1; ni = mark }
            else { return false }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// A row comparator for sort/top: `desc` by default, nulls last for desc and first for asc.
    func bindSortKeys(_ keys: [SortKey], _ row: RowSchema, _ scope: LetScope) -> (([Value], [Value]) -> Bool)? {
        var ks: [(Eval, Bool, Bool)] = []
        for k in keys {
            let b = bindExpr(k.expr, row, scope)
            ks.append((b.eval, k.ascending, k.nullsFirst ?? k.ascending))
        }
        return { a, b in
            for (f, asc, nullsFirst) in ks {
                let x = f(a), y = f(b)
                let xn = x.isNull || (x.doubleValue?.isNaN ?? false), yn = y.isNull || (y.doubleValue?.isNaN ?? false)
                if xn || yn {
                    if xn && yn { continue }
                    return xn ? nullsFirst : !nullsFirst
                }
                let c: Int
                if case .string(let s) = x, case .string(let t) = y { c = StringOps.compareOrdinal(s, t) } else { c = ValueOps.compare(x, y) ?? 0 }
                if c != 0 { return asc ? c < 0 : c > 0 }
            }
            return false
        }
    }

    static func stableSorted(_ rows: [[Value]], _ less: ([Value], [Value]) -> Bool) -> [[Value]] {
        rows.enumerated().sorted { a, b in
            if less(a.element, b.element) { return true }
            if less(b.element, a.element) { return false }
            return a.offset < b.offset
        }.map(\.element)
    }
}
