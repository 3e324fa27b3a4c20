/// Scalar expressions → typed closures.
extension Binder {
    func bindExpr(_ e: Expr, _ row: RowSchema, _ scope: LetScope) -> BoundExpr {
        depth += 1
        defer { depth -= 1 }
        if depth > 1000 {
            error("KQL0901", "The expression is nested too deeply.", e.range)
            return .error(e.range)
        }
        switch e.kind {
        case .literal(let v):
            return .constant(v, e.range)
        case .name(let n):
            return bindName(n, e.range, row, scope)
        case .star:
            error("KQL0108", "'*' is only allowed as an argument of count() or in column lists.", e.range, token: "*")
            return .error(e.range)
        case .typeOf(let t):
            return BoundExpr(type: .string, eval: { _ in .string(t.rawValue) }, constant: .string(t.rawValue), range: e.range)
        case .tabular:
            error("KQL0304", "A tabular expression cannot be used as a scalar here.", e.range)
            return .error(e.range)
        case .unary(let op, let inner):
            let b = bindExpr(inner, row, scope)
            guard b.type.isNumeric || b.type == .timespan || b.type == .dynamic else {
                error("KQL0202", "Unary '\(op)' needs a number or timespan, not \(b.type).", e.range)
                return .error(e.range)
            }
            if op == "+" { return b }
            let f = b.eval
            return fold(BoundExpr(type: b.type, eval: { ValueOps.negate(f($0)) }, constant: nil, range: e.range), b.constant != nil)
        case .binary(let op, _, _) where op == "and" || op == "or":
            return bindLogicChain(op, e, row, scope)
        case .binary(let op, let l, let r):
            return bindBinary(op, l, r, e.range, row, scope)
        case .between(let x, let lo, let hi, let negated):
            return bindBetween(x, lo, hi, negated, e.range, row, scope)
        case .list(let op, let lhs, let items, let sub):
            return bindList(op, lhs, items, sub, e.range, row, scope)
        case .member(let base, let name):
            if case .name(let n) = base.kind, n == "$left" || n == "$right" {
                error("KQL0203", "$left/$right are only allowed in a join's on clause.", base.range, token: n)
                return .error(e.range)
            }
            let b = bindExpr(base, row, scope)
            guard b.type == .dynamic else {
                error("KQL0202", "Member access '.\(name)' needs a dynamic value, not \(b.type).", e.range)
                return .error(e.range)
            }
            let f = b.eval
            return BoundExpr(type: .dynamic, eval: { r in
                if case .dynamic(let d) = f(r) { return .dynamic(d[name]) }
                return .dynamic(.null)
            }, constant: nil, range: e.range)
        case .index(let base, let idx):
            let b = bindExpr(base, row, scope)
            let i = bindExpr(idx, row, scope)
            guard b.type == .dynamic else {
                error("KQL0202", "Indexing needs a dynamic value, not \(b.type).", e.range)
                return .error(e.range)
            }
            let f = b.eval, g = i.eval
            return BoundExpr(type: .dynamic, eval: { r in
                guard case .dynamic(let d) = f(r) else { return .dynamic(.null) }
                switch g(r) {
                case .long(let k): return .dynamic(d[Int(k)])
                case .int(let k): return .dynamic(d[Int(k)])
                case .string(let k): return .dynamic(d[k])
                default: return .dynamic(.null)
                }
            }, constant: nil, range: e.range)
        case .call(let name, let args):
            return bindCall(name, args, e.range, row, scope)
        }
    }

    /// `a and b and c …` / `a or b or …` bound as one n-ary node (long IOC chains stay shallow),
    /// evaluated left to right with short-circuit and three-valued logic (spec §4.3).
    func bindLogicChain(_ op: String, _ e: Expr, _ row: RowSchema, _ scope: LetScope) -> BoundExpr {
        var operands: [Expr] = []
        var node = e
        while case .binary(let o, let l, let r) = node.kind, o == op {
            operands.append(r)
            node = l
        }
        operands.append(node)
        operands.reverse()
        var bound: [BoundExpr] = []
        for x in operands {
            let b = bindExpr(x, row, scope)
            if b.type != .bool && b.type != .dynamic {
                error("KQL0202", "'\(op)' needs bool operands; this is \(b.type).", b.range)
                return .error(e.range, type: .bool)
            }
            bound.append(b)
        }
        let evals = bound.map(\.eval)
        let allConst = bound.allSatisfy { $0.constant != nil }
        let isAnd = op == "and"
        let eval: Eval = { r in
            var sawNull = false
            for f in evals {
                switch f(r).boolValue {
                case .some(let v): if v != isAnd { return .bool(v) }
                case .none: sawNull = true
                }
            }
            return sawNull ? .null(.bool) : .bool(isAnd)
        }
        return fold(BoundExpr(type: .bool, eval: eval, constant: nil, range: e.range), allConst)
    }

    /// Evaluates constant expressions once at compile time.
    func fold(_ b: BoundExpr, _ isConstant: Bool) -> BoundExpr {
        guard isConstant else { return b }
        let v = b.eval([])
        return BoundExpr(type: b.type, eval: { _ in v }, constant: v, range: b.range)
    }

    func bindName(_ n: String, _ range: SourceRange, _ row: RowSchema, _ scope: LetScope) -> BoundExpr {
        if let entry = row.entry(n) {
            let slot = entry.slot
            if let t = currentTable, let o = entry.origin { need(t, slot: o) }
            return BoundExpr(type: entry.type, eval: { $0[slot] }, constant: nil, range: range, column: n)
        }
        if let s = scope.lookup(n) {
            switch s {
            case .scalar(let b):
                var c = b
                c.range = range
                for d in b.deps where !pending.contains(where: { $0.box === d.box }) { pending.append(d) }
                c.deps = []
                return c
            case .tabular, .boundTable:
                error("KQL0204", "'\(n)' is a table; it cannot be used as a scalar value here.", range, token: n,
                      hint: "Use toscalar(\(n)) or `in (\(n))`.")
                return .error(range)
            case .function:
                error("KQL0204", "'\(n)' is a function; call it with parentheses.", range, token: n)
                return .error(range)
            }
        }
        let known = row.names
        var msg = "Unknown column '\(n)'"
        if let t = currentTable { msg += " on \(t)" }
        var hint: String? = nil
        if let s = Binder.suggestion(n, among: known) { msg += "; did you mean '\(s)'?"; hint = "Did you mean '\(s)'?" } else { msg += "." }
        error("KQL0201", msg, range, token: n, hint: hint)
        return .error(range)
    }

    // MARK: binary operators

    func bindBinary(_ op: String, _ l: Expr, _ r: Expr, _ range: SourceRange, _ row: RowSchema, _ scope: LetScope) -> BoundExpr {
        let lb = bindExpr(l, row, scope)
        let rb = bindExpr(r, row, scope)
        let bothConst = lb.constant != nil && rb.constant != nil
        switch op {
        case "and", "or":
            for b in [lb, rb] where b.type != .bool && b.type != .dynamic {
                error("KQL0202", "'\(op)' needs bool operands; this is \(b.type).", b.range)
                return .error(range, type: .bool)
            }
            let f = lb.eval, g = rb.eval
            let eval: Eval = op == "and"
                ? { r in
                    let a = f(r).boolValue
                    if a == false { return .bool(false) }
                    let b = g(r).boolValue
                    if b == false { return .bool(false) }
                    if a == true && b == true { return .bool(true) }
                    return .null(.bool)
                }
                : { r in
                    let a = f(r).boolValue
                    if a == true { return .bool(true) }
                    let b = g(r).boolValue
                    if b == true { return .bool(true) }
                    if a == false && b == false { return .bool(false) }
                    return .null(.bool)
                }
            return fold(BoundExpr(type: .bool, eval: eval, constant: nil, range: range), bothConst)
        case "==", "!=", "<>", "<", "<=", ">", ">=":
            let boolVsNumber = (lb.type == .bool && rb.type.isNumeric) || (rb.type == .bool && lb.type.isNumeric)
            if boolVsNumber && !(op == "==" || op == "!=" || op == "<>") {
                error("KQL0202", "The operator '\(op)' is not defined for bool and \(lb.type == .bool ? rb.type : lb.type).", range)
                return .error(range, type: .bool)
            }
            if !boolVsNumber && !ValueOps.comparable(lb.type, rb.type) {
                error("KQL0202", "Cannot compare values of types \(lb.type) and \(rb.type). Try adding explicit casts.", range)
                return .error(range, type: .bool)
            }
            if ["<", "<=", ">", ">="].contains(op) && (lb.type == .string || rb.type == .string) {
                error("KQL0202", "The operator '\(op)' is not defined for strings; use strcmp().", range)
                return .error(range, type: .bool)
            }
            return fold(BoundExpr(type: .bool, eval: comparison(op, Binder.boolAsNumber(lb, rb), Binder.boolAsNumber(rb, lb)), constant: nil, range: range), bothConst)
        case "+", "-", "*", "/", "%":
            guard let t = ValueOps.binaryResultType(op: ArithmeticOp(rawValue: op)!, lb.type, rb.type) else {
                error("KQL0202", "The operator '\(op)' is not defined for \(lb.type) and \(rb.type).", range)
                return .error(range)
            }
            let f = lb.eval, g = rb.eval
            let eval: Eval
            switch op {
            case "+": eval = { ValueOps.add(f($0), g($0)) }
            case "-": eval = { ValueOps.subtract(f($0), g($0)) }
            case "*": eval = { ValueOps.multiply(f($0), g($0)) }
            case "/": eval = { ValueOps.divide(f($0), g($0)) }
            default: eval = { ValueOps.modulo(f($0), g($0)) }
            }
            return fold(BoundExpr(type: t, eval: eval, constant: nil, range: range), bothConst)
        default:
            return bindStringOperator(op, lb, rb, range, bothConst)
        }
    }

    /// A bool compared with a number (`IsSigned == 1`) reads as 0 or 1.
    static func boolAsNumber(_ b: BoundExpr, _ other: BoundExpr) -> BoundExpr {
        guard b.type == .bool, other.type.isNumeric else { return b }
        let f = b.eval
        var c = b
        c.type = .long
        c.constant = nil
        c.eval = { r in
            switch f(r) {
            case .bool(let x): return .long(x ? 1 : 0)
            default: return .null(.long)
            }
        }
        return c
    }

    /// `==` / `!=` with the null rules of §4.2, relational operators null on null.
    func comparison(_ op: String, _ lb: BoundExpr, _ rb: BoundExpr) -> Eval {
        let f = lb.eval, g = rb.eval
        // Fast path: string column == constant string (case-sensitive, no allocation).
        if lb.type == .string, case .string(let c)? = rb.constant, op == "==" || op == "!=" || op == "<>" {
            let needle = PreparedNeedle(c, caseSensitive: true)
            let want = op == "=="
            return { r in
                if case .string(let s) = f(r) { return .bool(needle.equals(s) == want) }
                return .bool(false == want)
            }
        }
        switch op {
        case "==": return { r in ValueOps.equals(f(r), g(r)).map(Value.bool) ?? .null(.bool) }
        case "!=", "<>": return { r in ValueOps.notEquals(f(r), g(r)).map(Value.bool) ?? .null(.bool) }
        case "<": return { r in ValueOps.compare(f(r), g(r)).map { .bool($0 < 0) } ?? .null(.bool) }
        case "<=": return { r in ValueOps.compare(f(r), g(r)).map { .bool($0 <= 0) } ?? .null(.bool) }
        case ">": return { r in ValueOps.compare(f(r), g(r)).map { .bool($0 > 0) } ?? .null(.bool) }
        default: return { r in ValueOps.compare(f(r), g(r)).map { .bool($0 >= 0) } ?? .null(.bool) }
        }
    }

    /// Text of a value for string operators: strings as is, dynamic via tostring, others rejected at bind.
    static func text(_ v: Value) -> String {
        if case .string(let s) = v { return s }
        return v.text
    }

    func bindStringOperator(_ rawOp: String, _ lb: BoundExpr, _ rb: BoundExpr, _ range: SourceRange, _ bothConst: Bool) -> BoundExpr {
        var op = rawOp
        // Legacy spellings.
        switch op {
        case "notcontains": op = "!contains"
        case "notcontainscs": op = "!contains_cs"
        case "notstartswith": op = "!startswith"
        case "notendswith": op = "!endswith"
        case "nothas": op = "!has"
        default: break
        }
        if op == "matches regex" { return bindRegexMatch(lb, rb, range) }
        let negated = op.hasPrefix("!") && op != "!~" || op == "!~"
        var base = negated ? String(op.dropFirst()) : op
        if op == "=~" { base = "=~" }
        if op == "!~" { base = "=~" }
        let caseSensitive = base.hasSuffix("_cs")
        if caseSensitive { base = String(base.dropLast(3)) }
        for b in [lb, rb] where b.type != .string && b.type != .dynamic {
            if base == "=~" || base == "contains" || base == "startswith" || base == "endswith" || base == "has" || base == "hasprefix" || base == "hassuffix" {
                error("KQL0202", "The operator '\(rawOp)' needs string operands; this is \(b.type).", b.range,
                      hint: "Convert with tostring().")
                return .error(range, type: .bool)
            }
        }
        let f = lb.eval, g = rb.eval
        typealias Test = (PreparedNeedle, String) -> Bool
        let test: Test
        switch base {
        case "=~": test = { $0.equals($1) }
        case "contains": test = { $0.contains($1) }
        case "startswith": test = { $0.startsWith($1) }
        case "endswith": test = { $0.endsWith($1) }
        case "has": test = { $0.has($1) }
        case "hasprefix": test = { $0.hasPrefix($1) }
        case "hassuffix": test = { $0.hasSuffix($1) }
        default:
            error("KQL0302", "The operator '\(rawOp)' is not supported.", range, token: rawOp)
            return .error(range, type: .bool)
        }
        if let c = rb.constant {
            let needleText = Binder.text(c)
            if needleText.isEmpty && base != "=~" {
                warning("KQL0206", "The right side of '\(rawOp)' is empty, so it is true for every row.", rb.range)
            }
            let needle = PreparedNeedle(needleText, caseSensitive: caseSensitive)
            if lb.type == .string {
                return fold(BoundExpr(type: .bool, eval: { r in
                    if case .string(let s) = f(r) { return .bool(test(needle, s) != negated) }
                    return .bool(test(needle, "") != negated)
                }, constant: nil, range: range), bothConst)
            }
            return fold(BoundExpr(type: .bool, eval: { r in .bool(test(needle, Binder.text(f(r))) != negated) },
                                  constant: nil, range: range), bothConst)
        }
        return fold(BoundExpr(type: .bool, eval: { r in
            let needle = PreparedNeedle(Binder.text(g(r)), caseSensitive: caseSensitive)
            return .bool(test(needle, Binder.text(f(r))) != negated)
        }, constant: nil, range: range), bothConst)
    }

    func bindRegexMatch(_ lb: BoundExpr, _ rb: BoundExpr, _ range: SourceRange) -> BoundExpr {
        guard let c = rb.constant, case .string(let pattern) = c else {
            error("KQL0207", "The pattern of 'matches regex' must be a constant string.", rb.range)
            return .error(range, type: .bool)
        }
        let re: Regex
        do { re = try Regex(pattern) } catch {
            self.error("KQL0208", "Invalid regular expression: \(error.message)", rb.range, token: pattern)
            return .error(range, type: .bool)
        }
        let f = lb.eval
        return BoundExpr(type: .bool, eval: { r in .bool(re.matches(Binder.text(f(r)))) }, constant: nil, range: range)
    }

    // MARK: between and lists

    func bindBetween(_ x: Expr, _ lo: Expr, _ hi: Expr, _ negated: Bool, _ range: SourceRange, _ row: RowSchema, _ scope: LetScope) -> BoundExpr {
        let xb = bindExpr(x, row, scope), lb = bindExpr(lo, row, scope), hb = bindExpr(hi, row, scope)
        if xb.type == .string || lb.type == .string || hb.type == .string {
            error("KQL0202", "between is not defined for strings.", range)
            return .error(range, type: .bool)
        }
        let f = xb.eval, g = lb.eval
        var h = hb.eval
        // `datetime .. timespan` means [start, start + width].
        if (xb.type == .datetime || lb.type == .datetime) && hb.type == .timespan {
            let hh = hb.eval
            h = { r in ValueOps.add(g(r), hh(r)) }
        } else if !ValueOps.comparable(xb.type, lb.type) || !ValueOps.comparable(xb.type, hb.type) {
            error("KQL0202", "between needs bounds of the same kind as \(xb.type), not \(lb.type) .. \(hb.type).", range)
            return .error(range, type: .bool)
        }
        return BoundExpr(type: .bool, eval: { r in
            let v = f(r)
            guard let a = ValueOps.compare(v, g(r)), let b = ValueOps.compare(v, h(r)) else { return .null(.bool) }
            let inside = a >= 0 && b <= 0
            return .bool(inside != negated)
        }, constant: nil, range: range)
    }

    /// `in` as a logical OR of `==` (`!in`: AND of `!=`) with the null rules of spec §3.1/§4.2.
    static func inList(_ v: Value, _ values: [Value], negated: Bool) -> Value {
        var sawNull = false
        for x in values {
            switch ValueOps.equals(v, x) {
            case true?: return .bool(!negated)
            case nil: sawNull = true
            default: break
            }
        }
        return sawNull ? .null(.bool) : .bool(negated)
    }

    /// Flattens constant list items (dynamic arrays expand, nested arrays flatten).
    static func flatten(_ v: Value, into out: inout [Value]) {
        if case .dynamic(let d) = v {
            func walk(_ d: Dynamic) {
                if case .array(let a) = d { a.forEach(walk) } else { out.append(Value.fromDynamic(d)) }
            }
            walk(d)
        } else {
            out.append(v)
        }
    }

    func bindList(_ rawOp: String, _ lhs: Expr, _ items: [Expr], _ sub: TabularExpr?, _ range: SourceRange, _ row: RowSchema, _ scope: LetScope) -> BoundExpr {
        let op = rawOp == "notin" ? "!in" : (rawOp == "notin~" ? "!in~" : rawOp)
        let lb = bindExpr(lhs, row, scope)
        if let sub = sub {
            // `in (T | project x)`: the subquery's first column supplies the values, known before rows run.
            let saved = currentTable
            guard let bt = bindTabular(sub, scope) else { return .error(range, type: .bool) }
            currentTable = saved
            if bt.schema.entries.isEmpty {
                error("KQL0209", "The subquery of '\(op)' returns no columns.", sub.sourceRange)
                return .error(range, type: .bool)
            }
            let box = SubqueryBox()
            pending.append(Subquery(table: bt, box: box))
            let f = lb.eval
            let negated = op.hasPrefix("!")
            switch op {
            case "has_any", "has_all":
                return BoundExpr(type: .bool, eval: { r in
                    let s = Binder.text(f(r))
                    let hit = op == "has_any" ? box.values.contains { StringOps.has(s, Binder.text($0), caseSensitive: false) }
                                              : box.values.allSatisfy { StringOps.has(s, Binder.text($0), caseSensitive: false) }
                    return .bool(hit)
                }, constant: nil, range: range)
            case "in~", "!in~":
                return BoundExpr(type: .bool, eval: { r in .bool(box.folded.contains(StringOps.fold(Binder.text(f(r)))) != negated) }, constant: nil, range: range)
            default:
                if lb.type == .string {
                    return BoundExpr(type: .bool, eval: { r in .bool(box.exact.contains(Binder.text(f(r))) != negated) }, constant: nil, range: range)
                }
                return BoundExpr(type: .bool, eval: { r in
                    return Binder.inList(f(r), box.values, negated: negated)
                }, constant: nil, range: range)
            }
        }
        var bound: [BoundExpr] = []
        for it in items { bound.append(bindExpr(it, row, scope)) }
        let caseInsensitive = op.hasSuffix("~") || op == "has_any" || op == "has_all"
        if caseInsensitive && lb.type != .string && lb.type != .dynamic {
            error("KQL0202", "'\(op)' needs a string on its left; this is \(lb.type).", lhs.range, hint: "Convert with tostring().")
            return .error(range, type: .bool)
        }
        let f = lb.eval
        let allConst = bound.allSatisfy { $0.constant != nil }
        if allConst {
            var values: [Value] = []
            for b in bound { Binder.flatten(b.constant!, into: &values) }
            switch op {
            case "has_any", "has_all", "has_any_cs", "has_all_cs":
                let needles = values.map { PreparedNeedle(Binder.text($0), caseSensitive: op.hasSuffix("_cs")) }
                let any = op.hasPrefix("has_any")
                return BoundExpr(type: .bool, eval: { r in
                    let s = Binder.text(f(r))
                    return .bool(any ? needles.contains { $0.has(s) } : needles.allSatisfy { $0.has(s) })
                }, constant: nil, range: range)
            case "in~", "!in~":
                let needles = values.map { PreparedNeedle(Binder.text($0), caseSensitive: false) }
                let negated = op.hasPrefix("!")
                return BoundExpr(type: .bool, eval: { r in
                    let v = f(r)
                    let s: String
                    if case .string(let x) = v { s = x } else { s = Binder.text(v) }
                    return .bool(needles.contains { $0.equals(s) } != negated)
                }, constant: nil, range: range)
            default:
                let negated = op.hasPrefix("!")
                let hasNull = values.contains { $0.isNull }
                if lb.type == .string && !hasNull {
                    let set = Set(values.map { Binder.text($0) })
                    let typedOK = values.allSatisfy { $0.type == .string || $0.type == .dynamic }
                    if typedOK {
                        return BoundExpr(type: .bool, eval: { r in
                            if case .string(let s) = f(r) { return .bool(set.contains(s) != negated) }
                            return .bool(negated)
                        }, constant: nil, range: range)
                    }
                }
                return BoundExpr(type: .bool, eval: { r in
                    let v = f(r)
                    return Binder.inList(v, values, negated: negated)
                }, constant: nil, range: range)
            }
        }
        let evals = bound.map(\.eval)
        let negated = op.hasPrefix("!")
        return BoundExpr(type: .bool, eval: { r in
            let v = f(r)
            var values: [Value] = []
            for e in evals { Binder.flatten(e(r), into: &values) }
            switch op {
            case "has_any": return .bool(values.contains { StringOps.has(Binder.text(v), Binder.text($0), caseSensitive: false) })
            case "has_all": return .bool(values.allSatisfy { StringOps.has(Binder.text(v), Binder.text($0), caseSensitive: false) })
            case "in~", "!in~":
                return .bool(values.contains { StringOps.equals(Binder.text(v), Binder.text($0), caseSensitive: false) } != negated)
            default:
                return Binder.inList(v, values, negated: negated)
            }
        }, constant: nil, range: range)
    }
}
