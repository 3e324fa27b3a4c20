/// Scalar expressions: precedence climbing over one table (spec §4.1).
extension Parser {
    /// Binary operator levels, loosest first. Levels marked non-chaining reject `a < b < c`.
    enum Level: Int, Comparable {
        case or = 1, and, equality, relational, additive, multiplicative, string
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
        var chains: Bool { self == .or || self == .and || self == .additive || self == .multiplicative }
    }

    static let stringOperators: Set<String> = {
        var s: Set<String> = ["=~", "!~", "matches", "like", "notlike", "likecs", "notlikecs", "notcontains", "notcontainscs", "notstartswith", "notendswith", "nothas"]
        for base in ["has", "hasprefix", "hassuffix", "contains", "startswith", "endswith"] {
            s.insert(base); s.insert("!" + base); s.insert(base + "_cs"); s.insert("!" + base + "_cs")
        }
        return s
    }()

    static let listOperators: Set<String> = ["in", "!in", "in~", "!in~", "has_any", "has_all", "notin", "notin~", "has_any_cs", "has_all_cs"]

    /// The operator at the cursor with its level, or nil.
    func binaryOperator() -> (String, Level)? {
        let t = cur
        if t.kind == .punct {
            switch t.text {
            case "==", "!=", "<>": return (t.text, .equality)
            case "<", "<=", ">", ">=": return (t.text, .relational)
            case "+", "-": return (t.text, .additive)
            case "*", "/", "%": return (t.text, .multiplicative)
            case "=~", "!~": return (t.text, .string)
            default: return nil
            }
        }
        guard t.kind == .word else { return nil }
        switch t.text {
        case "or": return ("or", .or)
        case "and": return ("and", .and)
        case "between", "!between": return (t.text, .equality)
        case _ where Parser.listOperators.contains(t.text): return (t.text, .equality)
        case "matches" where peekWord("regex", 1): return ("matches regex", .string)
        case _ where Parser.stringOperators.contains(t.text) && t.text != "matches": return (t.text, .string)
        default: return nil
        }
    }

    public mutating func parseExpression() throws -> Expr {
        depth += 1
        treeDepth += 1
        defer { depth -= 1; treeDepth -= 1 }
        guard depth < Parser.maxDepth else {
            throw ParseError(Diagnostic("KQL0901", .error, "The expression is nested too deeply.", at: cur.range))
        }
        return try parseBinary(.or)
    }

    mutating func parseBinary(_ minLevel: Level) throws -> Expr {
        var lhs = try parseUnary()
        var lastNonChaining: Level? = nil
        let entryTreeDepth = treeDepth
        defer { treeDepth = entryTreeDepth }
        while let (op, level) = binaryOperator(), level >= minLevel {
            treeDepth += 1
            guard treeDepth < Parser.maxTreeDepth else {
                throw ParseError(Diagnostic("KQL0901", .error,
                    "The expression is too long: more than \(Parser.maxTreeDepth) chained operators.", at: cur.range))
            }
            if let last = lastNonChaining, last == level {
                throw ParseError(Diagnostic("KQL0102", .error,
                    "Operators of this kind cannot be chained: '\(cur.text)' follows another comparison; add parentheses.",
                    at: cur.range, token: cur.text))
            }
            let opTok = advance()
            if op == "matches regex" { advance() }
            let rhs: Expr
            switch op {
            case "between", "!between":
                _ = try expectPunct("(", "'(' after \(op)")
                let lo = try parseBinary(.additive)
                _ = try expectPunct("..", "'..' in the between range")
                let hi = try parseBinary(.additive)
                _ = try expectPunct(")")
                lhs = Expr(.between(lhs, lo, hi, negated: op == "!between"), lhs.range.union(tokens[i - 1].range))
                lastNonChaining = level
                continue
            case _ where Parser.listOperators.contains(op):
                lhs = try parseListOperand(op: op, lhs: lhs)
                lastNonChaining = level
                continue
            default:
                if op == "like" || op == "notlike" || op == "likecs" || op == "notlikecs" {
                    throw ParseError(Diagnostic("KQL0302", .error, "The operator '\(op)' is not supported; use contains, startswith or matches regex.",
                                                at: opTok.range, token: op))
                }
                let next = Level(rawValue: level.rawValue + 1) ?? .string
                rhs = level == .string ? try parseUnary() : try parseBinary(next)
            }
            lhs = Expr(.binary(op, lhs, rhs), lhs.range.union(rhs.range))
            if !level.chains { lastNonChaining = level } else { lastNonChaining = nil }
        }
        return lhs
    }

    /// `in (a, b)`, `in (dynamicList)`, `in ((subquery))` / `in (T | project x)`.
    mutating func parseListOperand(op: String, lhs: Expr) throws -> Expr {
        _ = try expectPunct("(", "'(' after \(op)")
        if looksTabularInParens() {
            let sub = try parseTabular()
            let close = try expectPunct(")")
            return Expr(.list(op, lhs, [], subquery: sub), lhs.range.union(close.range))
        }
        var items: [Expr] = []
        if !peekPunct(")") {
            repeat {
                if peekPunct(")") { break }
                items.append(try parseExpression())
            } while eatPunct(",")
        }
        let close = try expectPunct(")")
        return Expr(.list(op, lhs, items, subquery: nil), lhs.range.union(close.range))
    }

    /// Inside `in ( … )`: a tabular expression when there is a `|` at this depth or it names a table.
    func looksTabularInParens() -> Bool {
        if peekPunct("(") { return false }
        let t = cur
        if t.kind == .word && (tabularNames.contains(t.text) || Schema.standard.table(t.text) != nil) && !peekPunct("(", 1) {
            return true
        }
        return looksTabular()
    }

    mutating func parseUnary() throws -> Expr {
        if peekPunct("-") || peekPunct("+") {
            depth += 1
            defer { depth -= 1 }
            guard depth < Parser.maxDepth else {   // `- - - … 1` must not recurse without bound
                throw ParseError(Diagnostic("KQL0901", .error, "The expression is nested too deeply.", at: cur.range))
            }
            let t = advance()
            let e = try parseUnary()
            return Expr(.unary(t.text, e), t.range.union(e.range))
        }
        if peekPunct("!") {
            throw ParseError(Diagnostic("KQL0103", .error, "'!' is not a KQL operator.", at: cur.range, token: "!",
                                        hint: "Write not(...) instead of !."))
        }
        return try parsePostfix(try parsePrimary())
    }

    mutating func parsePostfix(_ base: Expr) throws -> Expr {
        var e = base
        while true {
            if peekPunct(".") && (peek(1).kind == .word || (peekPunct("[", 1))) {
                advance()
                let name = try parseName("a member name")
                e = Expr(.member(e, name), e.range.union(tokens[i - 1].range))
            } else if peekPunct("[") {
                advance()
                let idx = try parseExpression()
                let close = try expectPunct("]")
                e = Expr(.index(e, idx), e.range.union(close.range))
            } else {
                return e
            }
        }
    }

    static let typedLiteralWords: Set<String> = [
        "datetime", "date", "timespan", "time", "guid", "int", "int32", "long", "int64", "real", "double",
        "decimal", "bool", "boolean", "dynamic",
    ]

    mutating func parsePrimary() throws -> Expr {
        let t = cur
        switch t.kind {
        case .string:
            advance()
            var s = t.value.stringPayload ?? ""
            var r = t.range
            while cur.kind == .string {
                s += cur.value.stringPayload ?? ""
                r = r.union(cur.range)
                advance()
            }
            return Expr(.literal(.string(s)), r)
        case .long, .real, .timespan:
            advance()
            return Expr(.literal(t.value), t.range)
        case .invalid:
            // Already reported by the lexer; stands in for the bad literal so no error cascades.
            advance()
            return Expr(.literal(.string("")), t.range)
        case .punct:
            if t.text == "(" {
                advance()
                let e = try parseExpression()
                _ = try expectPunct(")")
                return e
            }
            if t.text == "[" && peek(1).kind == .string && peekPunct("]", 2) {
                let name = try parseName("a name")
                return Expr(.name(name), t.range.union(tokens[i - 1].range))
            }
            if t.text == "*" {
                advance()
                return Expr(.star, t.range)
            }
            throw ParseError(expected("an expression"))
        case .word:
            if t.text == "true" || t.text == "false" {
                advance()
                return Expr(.literal(.bool(t.text == "true")), t.range)
            }
            if Parser.typedLiteralWords.contains(t.text) && peekPunct("(", 1) {
                return try parseTypedLiteral()
            }
            if t.text == "typeof" && peekPunct("(", 1) {
                advance(); advance()
                let tn = try parseName("a type")
                guard let ty = KQLType(name: tn) else {
                    throw ParseError(Diagnostic("KQL0104", .error, "Unknown type '\(tn)'.", at: tokens[i - 1].range, token: tn))
                }
                let close = try expectPunct(")")
                return Expr(.typeOf(ty), t.range.union(close.range))
            }
            if ["and", "or"].contains(t.text) || t.text.hasPrefix("!") {
                throw ParseError(Diagnostic("KQL0105", .error, "Expected a name, found the keyword '\(t.text)'.", at: t.range, token: t.text,
                                            hint: "Bracket it to use it as a name: ['\(t.text)']."))
            }
            advance()
            if peekPunct("(") {
                advance()
                var args: [Expr] = []
                if (t.text == "toscalar" || t.text == "materialize") && looksTabularInParens() {
                    let sub = try parseTabular()
                    args.append(Expr(.tabular(sub), rangeFrom(i - 1)))
                } else if !peekPunct(")") {
                    repeat {
                        if peekPunct("*") && (peekPunct(")", 1) || peekPunct(",", 1)) {
                            args.append(Expr(.star, advance().range))
                        } else if cur.kind == .word && peekPunct("=", 1) && !peekPunct("==", 1) {
                            // Named argument `name = value` (e.g. in pack or evaluate): keep the value.
                            advance(); advance()
                            args.append(try parseExpression())
                        } else {
                            args.append(try parseExpression())
                        }
                    } while eatPunct(",")
                }
                let close = try expectPunct(")", "')' to close the call to \(t.text)")
                return Expr(.call(t.text, args), t.range.union(close.range))
            }
            return Expr(.name(t.text), t.range)
        default:
            throw ParseError(expected("an expression"))
        }
    }

    /// The raw source text between the parentheses of `datetime(…)` and friends.
    mutating func rawParenthesized() throws -> (String, SourceRange) {
        let open = try expectPunct("(")
        var level = 1
        let startTok = i
        while !atEnd {
            if peekPunct("(") { level += 1 }
            if peekPunct(")") { level -= 1; if level == 0 { break } }
            advance()
        }
        let close = try expectPunct(")")
        let text = startTok < i - 1 ? lexer.text(open.range.end, close.range.start) : ""
        return (text.trimmingSpaces, open.range.union(close.range))
    }

    mutating func parseTypedLiteral() throws -> Expr {
        let kw = advance()
        guard let type = KQLType(name: kw.text) else { throw ParseError(expected("a type")) }
        if type == .dynamic {
            let open = try expectPunct("(")
            let d = try parseDynamicValue()
            let close = try expectPunct(")")
            return Expr(.literal(.dynamic(d)), kw.range.union(open.range).union(close.range))
        }
        let (raw, r) = try rawParenthesized()
        let range = kw.range.union(r)
        if raw == "null" { return Expr(.literal(.null(of: type)), range) }
        func bad() -> ParseError {
            ParseError(Diagnostic("KQL0006", .error, "Malformed \(type) literal '\(kw.text)(\(raw))'.", at: range, token: "\(kw.text)(\(raw))"))
        }
        switch type {
        case .datetime:
            guard let t = Ticks.parseDatetime(raw) else { throw bad() }
            return Expr(.literal(.datetime(t)), range)
        case .timespan:
            if let t = Ticks.parseTimespan(raw) { return Expr(.literal(.timespan(t)), range) }
            var lx = Lexer(raw)
            let toks = lx.tokenize()
            if toks.count == 2, toks[0].kind == .timespan, case .timespan(let t) = toks[0].value {
                return Expr(.literal(.timespan(t)), range)
            }
            // `time(15 seconds)`
            let parts = raw.split(separator: " ")
            if parts.count == 2, let n = Double(parts[0]), let u = Lexer.timespanUnits[String(parts[1])], abs(n * Double(u)) < 9.2e18 {
                return Expr(.literal(.timespan(Int64(n * Double(u)))), range)
            }
            throw bad()
        case .guid:
            let g = raw.lowercased()
            guard g.count == 36 else { throw bad() }
            return Expr(.literal(.guid(g)), range)
        case .int:
            guard let v = Int32(raw) else { throw bad() }
            return Expr(.literal(.int(v)), range)
        case .long:
            guard let v = Int64(raw) else { throw bad() }
            return Expr(.literal(.long(v)), range)
        case .real, .decimal:
            switch raw {
            case "nan": return Expr(.literal(.real(.nan)), range)
            case "+inf", "inf": return Expr(.literal(.real(.infinity)), range)
            case "-inf": return Expr(.literal(.real(-.infinity)), range)
            default:
                guard let v = Double(raw) else { throw bad() }
                return Expr(.literal(.real(v)), range)
            }
        case .bool:
            switch raw {
            case "true", "1": return Expr(.literal(.bool(true)), range)
            case "false", "0": return Expr(.literal(.bool(false)), range)
            default: throw bad()
            }
        case .string, .dynamic:
            throw bad()
        }
    }

    /// The JSON-like body of `dynamic(…)`, with typed literals allowed inside.
    mutating func parseDynamicValue() throws -> Dynamic {
        depth += 1
        defer { depth -= 1 }
        guard depth < Parser.maxDepth else {
            throw ParseError(Diagnostic("KQL0901", .error, "The dynamic literal is nested too deeply.", at: cur.range))
        }
        let t = cur
        if eatPunct("[") {
            var items: [Dynamic] = []
            if !peekPunct("]") {
                repeat {
                    if peekPunct("]") { break }
                    items.append(try parseDynamicValue())
                } while eatPunct(",")
            }
            _ = try expectPunct("]")
            return .array(items)
        }
        if eatPunct("{") {
            var bag = DynamicBag()
            if !peekPunct("}") {
                repeat {
                    if peekPunct("}") { break }
                    let key = try parseName("a property name")
                    _ = try expectPunct(":")
                    bag[key] = try parseDynamicValue()
                } while eatPunct(",")
            }
            _ = try expectPunct("}")
            return .bag(bag)
        }
        if peekPunct("-"), peek(1).kind == .long || peek(1).kind == .real {
            advance()
            let n = advance()
            switch n.value {
            case .long(let v): return .long(-v)
            case .real(let v): return .real(-v)
            default: break
            }
        }
        switch t.kind {
        case .string: advance(); return .string(t.value.stringPayload ?? "")
        case .long: advance(); if case .long(let v) = t.value { return .long(v) }
        case .real: advance(); if case .real(let v) = t.value { return .real(v) }
        case .timespan: advance(); if case .timespan(let v) = t.value { return .timespan(v) }
        case .word:
            if t.text == "null" { advance(); return .null }
            if t.text == "true" || t.text == "false" { advance(); return .bool(t.text == "true") }
            if Parser.typedLiteralWords.contains(t.text) && peekPunct("(", 1) {
                let e = try parseTypedLiteral()
                if case .literal(let v) = e.kind {
                    switch v {
                    case .datetime(let x): return .datetime(x)
                    case .timespan(let x): return .timespan(x)
                    case .long(let x): return .long(x)
                    case .int(let x): return .long(Int64(x))
                    case .real(let x): return .real(x)
                    case .bool(let x): return .bool(x)
                    case .guid(let x): return .guid(x)
                    case .dynamic(let d): return d
                    case .null: return .null
                    case .string(let s): return .string(s)
                    }
                }
            }
        default: break
        }
        throw ParseError(expected("a value in the dynamic literal"))
    }
}
