/// Function calls: built-in scalars from the function table, the logic forms the binder owns
/// (`not`, `iff`, `case`), user `let` functions, and aggregates misplaced outside summarize.
extension Binder {
    static let aggregateNames: Set<String> = [
        "count", "countif", "dcount", "dcountif", "sum", "sumif", "avg", "avgif", "min", "max", "minif", "maxif",
        "make_set", "make_set_if", "make_list", "make_list_if", "makeset", "makelist", "arg_max", "arg_min",
        "any", "take_any", "anyif", "take_anyif", "percentile", "percentiles", "stdev", "variance", "make_bag",
        "make_bag_if", "count_distinct", "hll", "tdigest", "binary_all_or", "make_list_with_nulls", "argmax", "argmin",
    ]

    func bindCall(_ name: String, _ args: [Expr], _ range: SourceRange, _ row: RowSchema, _ scope: LetScope) -> BoundExpr {
        if let s = scope.lookup(name) {
            if case .function(let params, let body, let fscope) = s {
                return bindUserFunction(name, params, body, fscope, args, range, row, scope)
            }
        }
        switch name {
        case "not":
            guard args.count == 1 else {
                error("KQL0211", "not() takes 1 argument, not \(args.count).", range)
                return .error(range, type: .bool)
            }
            let b = bindExpr(args[0], row, scope)
            let f = b.eval
            return fold(BoundExpr(type: .bool, eval: { r in
                if let v = f(r).boolValue { return .bool(!v) }
                return .null(.bool)
            }, constant: nil, range: range), b.constant != nil)
        case "iff", "iif":
            guard args.count == 3 else {
                error("KQL0211", "\(name)() takes 3 arguments, not \(args.count).", range)
                return .error(range)
            }
            let c = bindExpr(args[0], row, scope), a = bindExpr(args[1], row, scope), b = bindExpr(args[2], row, scope)
            let t = unify(a.type, b.type, range)
            let fc = c.eval, fa = a.eval, fb = b.eval
            return BoundExpr(type: t, eval: { r in fc(r).boolValue == true ? fa(r) : fb(r) }, constant: nil, range: range)
        case "case":
            guard args.count >= 3, args.count % 2 == 1 else {
                error("KQL0211", "case() takes pairs of predicate and value, then an else value.", range)
                return .error(range)
            }
            var preds: [Eval] = [], vals: [Eval] = []
            var t: KQLType? = nil
            var k = 0
            while k + 1 < args.count {
                preds.append(bindExpr(args[k], row, scope).eval)
                let v = bindExpr(args[k + 1], row, scope)
                t = t.map { unify($0, v.type, range) } ?? v.type
                vals.append(v.eval)
                k += 2
            }
            let e = bindExpr(args[args.count - 1], row, scope)
            let rt = unify(t ?? e.type, e.type, range)
            let fe = e.eval
            return BoundExpr(type: rt, eval: { r in
                for (i, p) in preds.enumerated() where p(r).boolValue == true { return vals[i](r) }
                return fe(r)
            }, constant: nil, range: range)
        case "row_number", "prev", "next":
            let seq = sequence ?? SequenceContext()
            sequence = seq
            if name == "row_number" {
                guard args.count <= 1 else {
                    error("KQL0211", "row_number() takes 0 or 1 argument, not \(args.count).", range)
                    return .error(range, type: .long)
                }
                let start = args.first.map { bindExpr($0, row, scope).constant?.int64Value ?? 1 } ?? 1
                return BoundExpr(type: .long, eval: { _ in .long(Int64(seq.index) + start) }, constant: nil, range: range)
            }
            guard (1...3).contains(args.count) else {
                error("KQL0211", "\(name)() takes 1 to 3 arguments, not \(args.count).", range)
                return .error(range)
            }
            let value = bindExpr(args[0], row, scope)
            let offset = args.count > 1 ? (bindExpr(args[1], row, scope).constant?.int64Value ?? 1) : 1
            let fallback = args.count > 2 ? bindExpr(args[2], row, scope).eval : { _ in Value.null(of: value.type) }
            let f = value.eval
            let step = Int(name == "prev" ? -offset : offset)
            return BoundExpr(type: value.type, eval: { r in
                let j = seq.index + step
                guard j >= 0, j < seq.rows.count else { return fallback(r) }
                return f(seq.rows[j])
            }, constant: nil, range: range)
        case "column_ifexists":
            guard args.count == 2 else {
                error("KQL0211", "column_ifexists() takes 2 arguments, not \(args.count).", range)
                return .error(range)
            }
            if case .literal(.string(let c)) = args[0].kind, row.entry(c) != nil {
                return bindName(c, range, row, scope)
            }
            return bindExpr(args[1], row, scope)
        case "toscalar":
            guard args.count == 1 else {
                error("KQL0211", "toscalar() takes 1 argument, not \(args.count).", range)
                return .error(range)
            }
            guard case .tabular(let sub) = args[0].kind else { return bindExpr(args[0], row, scope) }
            let saved = currentTable
            guard let bt = bindTabular(sub, scope) else { return .error(range) }
            currentTable = saved
            guard let first = bt.schema.entries.first else {
                error("KQL0209", "The subquery of toscalar() returns no columns.", range)
                return .error(range)
            }
            let box = SubqueryBox()
            pending.append(Subquery(table: bt, box: box))
            return BoundExpr(type: first.type, eval: { _ in box.scalar }, constant: nil, range: range, column: nil)
        default:
            break
        }
        if Binder.aggregateNames.contains(name) && Functions.lookup(name) == nil {
            error("KQL0210", "The aggregate '\(name)()' can only be used in summarize (or make-series).", range, token: name)
            return .error(range)
        }
        guard let fn = Functions.lookup(name) else {
            var msg = "Unknown function '\(name)'"
            var hint: String? = nil
            if let s = Binder.suggestion(name, among: Functions.names) { msg += "; did you mean '\(s)'?"; hint = "Did you mean '\(s)'?" } else { msg += "." }
            error("KQL0212", msg, range, token: name, hint: hint)
            return .error(range)
        }
        var bound: [BoundExpr] = []
        for a in args {
            if case .star = a.kind { bound.append(.constant(.string("*"), a.range)); continue }
            bound.append(bindExpr(a, row, scope))
        }
        guard fn.arity.contains(bound.count) else {
            let want = fn.arity.lowerBound == fn.arity.upperBound ? "\(fn.arity.lowerBound)" : "\(fn.arity.lowerBound) to \(fn.arity.upperBound)"
            error("KQL0211", "\(name)() takes \(want) arguments, not \(bound.count).", range, token: name)
            return .error(range)
        }
        let info = ArgumentInfo(types: bound.map(\.type), constants: bound.map(\.constant))
        switch fn.bind(info) {
        case .failure(let err):
            let r = err.argument.flatMap { $0 < bound.count ? bound[$0].range : nil } ?? range
            error(err.code, "\(name)(): \(err.message)", r, token: name)
            return .error(range)
        case .success(let (type, impl)):
            let evals = bound.map(\.eval)
            let ctx = self.ctx
            switch evals.count {
            case 0: return BoundExpr(type: type, eval: { _ in impl([], ctx) }, constant: nil, range: range)
            case 1:
                let a = evals[0]
                return BoundExpr(type: type, eval: { r in impl([a(r)], ctx) }, constant: nil, range: range)
            case 2:
                let a = evals[0], b = evals[1]
                return BoundExpr(type: type, eval: { r in impl([a(r), b(r)], ctx) }, constant: nil, range: range)
            default:
                return BoundExpr(type: type, eval: { r in impl(evals.map { $0(r) }, ctx) }, constant: nil, range: range)
            }
        }
    }

    /// The common type of two branches (numbers widen; anything else must match, dynamic absorbs).
    func unify(_ a: KQLType, _ b: KQLType, _ range: SourceRange) -> KQLType {
        if a == b { return a }
        if a.isNumeric && b.isNumeric { return (a == .real || b == .real || a == .decimal || b == .decimal) ? .real : .long }
        if a == .dynamic || b == .dynamic { return .dynamic }
        error("KQL0202", "The branches have different types: \(a) and \(b).", range)
        return a
    }

    func bindUserFunction(_ name: String, _ params: [FunctionParameter], _ body: FunctionBody, _ fscope: LetScope,
                          _ args: [Expr], _ range: SourceRange, _ row: RowSchema, _ scope: LetScope) -> BoundExpr {
        guard case .scalar(let lets, let expr) = body else {
            error("KQL0204", "'\(name)' is a tabular function; it cannot be used as a scalar.", range, token: name)
            return .error(range)
        }
        guard let s = bindFunctionScope(name, params, fscope, args, range, row, scope) else { return .error(range) }
        var inner = s
        for st in lets {
            if case .letScalar(let n, let e, _) = st { inner = inner.with(n, .scalar(bindLetScalar(e, inner, row: row))) }
        }
        return bindExpr(expr, row, inner)
    }

    /// Binds arguments to parameters (defaults filled in) in a scope derived from the function's own.
    func bindFunctionScope(_ name: String, _ params: [FunctionParameter], _ fscope: LetScope, _ args: [Expr],
                           _ range: SourceRange, _ row: RowSchema, _ scope: LetScope) -> LetScope? {
        let required = params.filter { $0.defaultValue == nil }.count
        guard args.count >= required && args.count <= params.count else {
            error("KQL0211", "\(name)() takes \(required == params.count ? "\(required)" : "\(required) to \(params.count)") arguments, not \(args.count).", range, token: name)
            return nil
        }
        var s = fscope
        for (k, p) in params.enumerated() {
            if p.tabular {
                guard k < args.count else { return nil }
                if case .name(let tn) = args[k].kind, let e = scope.lookup(tn) {
                    s = s.with(p.name, e)
                } else if case .name(let tn) = args[k].kind {
                    s = s.with(p.name, .tabular(TabularExpr(source: .name(tn), sourceRange: args[k].range, stages: []), scope: scope))
                } else if case .tabular(let t) = args[k].kind {
                    s = s.with(p.name, .tabular(t, scope: scope))
                }
                continue
            }
            let b = k < args.count ? bindExpr(args[k], row, scope) : bindExpr(p.defaultValue!, row, fscope)
            if let t = p.type, b.type != t, !(t.isNumeric && b.type.isNumeric), b.type != .dynamic, t != .dynamic {
                error("KQL0213", "Argument '\(p.name)' of \(name)() must be \(t), not \(b.type).", b.range)
            }
            s = s.with(p.name, .scalar(b))
        }
        return s
    }
}
