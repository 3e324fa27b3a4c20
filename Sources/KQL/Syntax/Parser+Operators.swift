/// Tabular operators after `|`.
extension Parser {
    /// Operators that parse but that hunttop does not run; the binder reports them (KQL0301).
    static let unsupportedOperators: Set<String> = [
        "make-series", "top-nested", "top-hitters", "evaluate", "mv-apply", "partition", "scan", "fork",
        "facet", "sample", "sample-distinct", "find", "search", "parse-kv", "project-smart", "reduce",
        "consume", "make-graph", "graph-match", "graph-to-table", "graph-merge", "externaldata",
    ]

    mutating func parseOperator() throws -> QueryOperator {
        let t = cur
        guard t.kind == .word else { throw ParseError(expected("an operator after '|'")) }
        advance()
        switch t.text {
        case "where", "filter":
            return .where(try parseExpression())
        case "project":
            return .project(try parseNamedList())
        case "project-away":
            return .projectAway(try parseNamePatterns())
        case "project-keep":
            return .projectKeep(try parseNamePatterns())
        case "project-rename":
            var pairs: [(new: String, old: String)] = []
            repeat {
                let new = try parseName("a new column name")
                _ = try expectPunct("=")
                let old = try parseName("a column name")
                pairs.append((new, old))
            } while eatPunct(",")
            return .projectRename(pairs)
        case "project-reorder":
            var names = try parseNamePatterns(allowOrder: true)
            names = names.filter { !$0.isEmpty }
            return .projectReorder(names)
        case "extend":
            return .extend(try parseNamedList())
        case "take", "limit":
            return .take(try parseExpression())
        case "count":
            var name: String? = nil
            if eatWord("as") { name = try parseName("a column name") }
            return .count(name)
        case "summarize":
            try skipOperatorParameters()
            var aggs: [NamedExpr] = []
            if !peekWord("by") { aggs = try parseNamedList() }
            var by: [NamedExpr] = []
            if eatWord("by") { by = try parseNamedList() }
            return .summarize(aggregates: aggs, by: by)
        case "sort", "order":
            try expectWord("by")
            return .sort(try parseSortKeys())
        case "top":
            let n = try parseBinary(.additive)
            try expectWord("by")
            return .top(n, try parseSortKeys())
        case "distinct":
            if peekPunct("*") { advance(); return .distinct([], star: true) }
            var cols: [Expr] = []
            repeat { cols.append(try parseExpression()) } while eatPunct(",")
            return .distinct(cols, star: false)
        case "join", "lookup":
            var kind = t.text == "join" ? "innerunique" : "leftouter"
            while cur.kind == .word && peekPunct("=", 1) {
                let key = advance().text
                advance()
                let v = try parseName("a value")
                if key == "kind" { kind = v }
            }
            let right: TabularExpr
            if eatPunct("(") {
                right = try parseTabular()
                _ = try expectPunct(")")
            } else {
                let start = i
                let src = try parseTabularSource()
                right = TabularExpr(source: src, sourceRange: rangeFrom(start), stages: [])
            }
            var on: [JoinCondition] = []
            if eatWord("on") {
                repeat {
                    let start = i
                    let l = try parseJoinSide()
                    if eatPunct("==") {
                        let r = try parseJoinSide()
                        on.append(JoinCondition(left: l.name, right: r.name, range: rangeFrom(start)))
                    } else {
                        on.append(JoinCondition(left: l.name, right: l.name, range: rangeFrom(start)))
                    }
                } while eatPunct(",") || eatWord("and")
            } else if eatWord("where") {
                throw ParseError(Diagnostic("KQL0303", .error, "join … where (time-window joins) is not supported.", at: tokens[i - 1].range, token: "where"))
            }
            return t.text == "join" ? .join(kind: kind, right: right, on: on) : .lookup(kind: kind, right: right, on: on)
        case "union":
            guard case .union(let kind, let ws, let legs, _) = try parseUnionSource() else { throw ParseError(expected("union legs")) }
            return .union(kind: kind, withSource: ws, legs: legs)
        case "mv-expand", "mvexpand":
            try skipOperatorParameters()
            var limit: Int? = t.text == "mvexpand" ? 128 : nil
            let cols = try parseNamedList()
            var toType: KQLType? = nil
            if eatWord("to") {
                try expectWord("typeof")
                _ = try expectPunct("(")
                toType = KQLType(name: try parseName("a type"))
                _ = try expectPunct(")")
            }
            if eatWord("limit") {
                if case .long(let n) = advance().value { limit = Int(n) }
            }
            return .mvExpand(columns: cols, toType: toType, limit: limit)
        case "parse", "parse-where":
            var kind = "simple"
            while cur.kind == .word && peekPunct("=", 1) {
                let key = advance().text
                advance()
                let v = try parseName("a value")
                if key == "kind" { kind = v }
            }
            let src = try parseBinary(.string)
            try expectWord("with")
            var pieces: [ParsePiece] = []
            while !atEnd && !peekPunct("|") && !peekPunct(";") && !peekPunct(")") {
                if cur.kind == .string {
                    var s = ""
                    while cur.kind == .string { s += advance().value.stringPayload ?? "" }
                    pieces.append(.literal(s))
                } else if eatPunct("*") {
                    pieces.append(.wildcard)
                } else {
                    let name = try parseName("a column name or a string")
                    var ty = KQLType.string
                    if eatPunct(":") {
                        let tn = try parseName("a type")
                        ty = KQLType(name: tn) ?? .string
                    }
                    pieces.append(.column(name, ty))
                }
            }
            return .parse(kind: kind, source: src, pattern: pieces, keepOnlyMatching: t.text == "parse-where")
        case "invoke":
            return .invoke(try parseExpression())
        case "serialize":
            if atEnd || peekPunct("|") || peekPunct(";") || peekPunct(")") { return .serialize([]) }
            return .serialize(try parseNamedList())
        case "render":
            // `render chart [with (prop = value, …)]`: a display hint, ignored.
            _ = try parseName("a chart type after render")
            if eatWord("with") {
                _ = try expectPunct("(", "'(' after 'with'")
                var level = 1
                while level > 0 && !atEnd {
                    if peekPunct("(") { level += 1 }
                    if peekPunct(")") { level -= 1 }
                    advance()
                }
            }
            return .render
        case "as":
            try skipOperatorParameters()
            return .asName(try parseName("a name"))
        case "getschema":
            return .getschema
        default:
            if Parser.unsupportedOperators.contains(t.text) {
                skip(untilStatementEnd: false)
                return .unsupported(t.text)
            }
            throw ParseError(Diagnostic("KQL0106", .error, "Unknown tabular operator '\(t.text)'.", at: t.range, token: t.text))
        }
    }

    /// `hint.strategy=shuffle`, `kind=…` and similar `name=value` parameters before an operator's body.
    mutating func skipOperatorParameters() throws {
        while cur.kind == .word {
            if peekPunct(".", 1) && peekPunct("=", 3) && cur.text.hasPrefix("hint") {
                advance(); advance(); advance(); advance(); advance()
            } else if Parser.operatorParameters.contains(cur.text) && peekPunct("=", 1) {
                advance(); advance(); advance()
            } else {
                return
            }
        }
    }

    static let operatorParameters: Set<String> = ["kind", "bagexpansion", "with_itemindex", "isfuzzy", "withsource", "with_source"]

    mutating func parseJoinSide() throws -> (side: String?, name: String) {
        if cur.kind == .word && (cur.text == "$left" || cur.text == "$right") {
            let side = advance().text
            _ = try expectPunct(".")
            return (side, try parseName("a column name"))
        }
        return (nil, try parseName("a join column"))
    }

    /// `a, b = expr, (c, d) = expr`
    mutating func parseNamedList() throws -> [NamedExpr] {
        var out: [NamedExpr] = []
        repeat {
            if peekPunct("(") && peek(1).kind == .word && (peekPunct(",", 2) || peekPunct(")", 2)) && tupleAssignmentAhead() {
                advance()
                var names: [String] = []
                repeat { names.append(try parseName("a column name")) } while eatPunct(",")
                _ = try expectPunct(")")
                _ = try expectPunct("=")
                out.append(NamedExpr(name: nil, names: names, expr: try parseExpression()))
                continue
            }
            if (cur.kind == .word || (peekPunct("[") && peek(1).kind == .string)) && isAssignmentAhead() {
                let name = try parseName("a column name")
                _ = try expectPunct("=")
                out.append(NamedExpr(name: name, expr: try parseExpression()))
            } else {
                out.append(NamedExpr(name: nil, expr: try parseExpression()))
            }
        } while eatPunct(",")
        return out
    }

    func isAssignmentAhead() -> Bool {
        if cur.kind == .word { return peekPunct("=", 1) }
        return peekPunct("=", 3)
    }

    func tupleAssignmentAhead() -> Bool {
        var k = i + 1
        while k < tokens.count, !tokens[k].isPunct(")") { k += 1 }
        return k + 1 < tokens.count && tokens[k + 1].isPunct("=")
    }

    /// Column names, possibly with `*` wildcards (`Initiating*`).
    mutating func parseNamePatterns(allowOrder: Bool = false) throws -> [String] {
        var out: [String] = []
        repeat {
            var name = ""
            if peekPunct("*") { advance(); name = "*" }
            if cur.kind == .word || (peekPunct("[") && peek(1).kind == .string) {
                if !name.isEmpty && cur.range.start != tokens[i - 1].range.end { out.append(name); continue }
                name += try parseName("a column name")
            }
            while peekPunct("*") && cur.range.start == tokens[i - 1].range.end {
                advance(); name += "*"
                if cur.kind == .word && cur.range.start == tokens[i - 1].range.end { name += advance().text }
            }
            if name.isEmpty { throw ParseError(expected("a column name")) }
            if allowOrder && (peekWord("asc") || peekWord("desc") || peekWord("granny-asc") || peekWord("granny-desc")) { advance() }
            out.append(name)
        } while eatPunct(",")
        return out
    }

    mutating func parseSortKeys() throws -> [SortKey] {
        var keys: [SortKey] = []
        repeat {
            let e = try parseExpression()
            var asc = false
            if eatWord("asc") { asc = true } else { _ = eatWord("desc") }
            var nullsFirst: Bool? = nil
            if eatWord("nulls") {
                if eatWord("first") { nullsFirst = true } else { try expectWord("last"); nullsFirst = false }
            }
            keys.append(SortKey(expr: e, ascending: asc, nullsFirst: nullsFirst))
        } while eatPunct(",")
        return keys
    }
}
