/// Recursive-descent parser for queries (statements and tabular expressions); scalar
/// expressions are in `Parser+Expressions.swift`, operators in `Parser+Operators.swift`.
/// Syntax errors are collected: the parser skips to the next `|` or `;` and goes on.
public struct Parser {
    var tokens: [Token]
    var i = 0
    let lexer: Lexer
    public private(set) var diagnostics: [Diagnostic] = []
    /// Names declared by tabular `let`s and tabular functions so far (to tell tabular from scalar).
    var tabularNames: Set<String> = []
    var depth = 0
    static let maxDepth = 200
    /// Depth of the expression tree being built (nesting plus left-deep operator chains), bounded
    /// so that the binder, compiler and evaluator, which recurse over the tree, cannot overflow.
    var treeDepth = 0
    static let maxTreeDepth = 2_000

    public init(_ text: String) {
        var lx = Lexer(text)
        tokens = lx.tokenize()
        lexer = lx
        diagnostics = lx.diagnostics
    }

    /// Parses the whole text. Diagnostics (lexical and syntax) are in `diagnostics`.
    public mutating func parse() -> QueryText {
        var statements: [Statement] = []
        while !atEnd {
            if eatPunct(";") { continue }
            let start = i
            do {
                statements.append(try parseStatement())
                if !atEnd && !peekPunct(";") {
                    throw ParseError(expected("';' or the end of the query"))
                }
            } catch let e as ParseError {
                report(e.diagnostic)
                skip(untilStatementEnd: true)
                if i == start { i += 1 }
            } catch {}
        }
        return QueryText(statements: statements)
    }

    // MARK: tokens

    var cur: Token { tokens[i] }
    var atEnd: Bool { tokens[i].kind == .end }
    func peek(_ k: Int) -> Token { tokens[min(i + k, tokens.count - 1)] }
    func peekWord(_ w: String, _ k: Int = 0) -> Bool { peek(k).isWord(w) }
    func peekPunct(_ p: String, _ k: Int = 0) -> Bool { peek(k).isPunct(p) }

    @discardableResult
    mutating func advance() -> Token {
        let t = tokens[i]
        if t.kind != .end { i += 1 }
        return t
    }

    mutating func eatPunct(_ p: String) -> Bool {
        if peekPunct(p) { i += 1; return true }
        return false
    }

    mutating func eatWord(_ w: String) -> Bool {
        if peekWord(w) { i += 1; return true }
        return false
    }

    mutating func expectPunct(_ p: String, _ what: String? = nil) throws -> Token {
        guard peekPunct(p) else { throw ParseError(expected(what ?? "'\(p)'")) }
        return advance()
    }

    mutating func expectWord(_ w: String) throws {
        guard eatWord(w) else { throw ParseError(expected("'\(w)'")) }
    }

    mutating func report(_ d: Diagnostic) {
        // One error per position is enough.
        if !diagnostics.contains(where: { $0.range.start == d.range.start }) {
            diagnostics.append(d)
        }
    }

    func expected(_ what: String) -> Diagnostic {
        let t = cur
        if t.kind == .end {
            return Diagnostic("KQL0101", .error, "Expected \(what) but the query ended.", at: t.range)
        }
        return Diagnostic("KQL0101", .error, "Expected \(what), found '\(t.displayText)'.", at: t.range, token: t.displayText)
    }

    func rangeFrom(_ startTok: Int) -> SourceRange {
        let a = tokens[min(startTok, tokens.count - 1)].range
        let b = tokens[max(startTok, i - 1)].range
        return a.union(b)
    }

    /// Skips to the next `|` (or `;` / end) at bracket depth 0.
    mutating func skip(untilStatementEnd: Bool) {
        var level = 0
        while !atEnd {
            let t = cur
            if t.kind == .punct {
                if ["(", "[", "{"].contains(t.text) { level += 1 }
                if [")", "]", "}"].contains(t.text) {
                    if level == 0 && !untilStatementEnd { return }
                    level = max(0, level - 1)
                }
                if level == 0 && t.text == ";" { return }
                if level == 0 && t.text == "|" && !untilStatementEnd { return }
            }
            i += 1
        }
    }

    // MARK: statements

    mutating func parseStatement() throws -> Statement {
        let start = i
        if eatWord("let") {
            let name = try parseName("a name after 'let'")
            _ = try expectPunct("=")
            if isFunctionDefinition() {
                let (params, body) = try parseFunctionDefinition()
                if case .tabular = body { tabularNames.insert(name) }
                return .letFunction(name, params, body, rangeFrom(start))
            }
            if looksTabular() {
                let t = try parseTabular()
                tabularNames.insert(name)
                return .letTabular(name, t, rangeFrom(start))
            }
            let e = try parseExpression()
            return .letScalar(name, e, rangeFrom(start))
        }
        if peekWord("set") && peek(1).kind == .word {
            skip(untilStatementEnd: true)
            return .ignored("set", rangeFrom(start))
        }
        if peekWord("declare") || peekWord("alias") || peekWord("restrict") || peekWord("pattern") {
            skip(untilStatementEnd: true)
            return .ignored(tokens[start].text, rangeFrom(start))
        }
        return .query(try parseTabular())
    }

    /// `(params) {` starts a function: `()` then `{`, or `(name:` …
    func isFunctionDefinition() -> Bool {
        guard peekPunct("(") else { return false }
        if peekPunct(")", 1) && peekPunct("{", 2) { return true }
        return peek(1).kind == .word && peekPunct(":", 2)
    }

    mutating func parseFunctionDefinition() throws -> ([FunctionParameter], FunctionBody) {
        _ = try expectPunct("(")
        var params: [FunctionParameter] = []
        if !peekPunct(")") {
            repeat {
                let name = try parseName("a parameter name")
                _ = try expectPunct(":")
                var p = FunctionParameter(name: name, type: nil, tabular: false, defaultValue: nil)
                if eatPunct("(") {
                    p.tabular = true
                    var level = 1
                    while level > 0 && !atEnd {
                        if peekPunct("(") { level += 1 }
                        if peekPunct(")") { level -= 1 }
                        advance()
                    }
                    tabularNames.insert(name)
                } else {
                    let tt = try parseName("a type")
                    guard let ty = KQLType(name: tt) else {
                        throw ParseError(Diagnostic("KQL0104", .error, "Unknown type '\(tt)'.", at: tokens[i - 1].range, token: tt))
                    }
                    p.type = ty
                }
                if eatPunct("=") { p.defaultValue = try parseExpression() }
                params.append(p)
            } while eatPunct(",")
        }
        _ = try expectPunct(")")
        _ = try expectPunct("{", "'{' to open the function body")
        var lets: [Statement] = []
        while peekWord("let") {
            lets.append(try parseStatement())
            _ = try expectPunct(";")
        }
        let body: FunctionBody
        if looksTabular() {
            body = .tabular(lets: lets, try parseTabular())
        } else {
            body = .scalar(lets: lets, try parseExpression())
        }
        _ = eatPunct(";")
        _ = try expectPunct("}", "'}' to close the function body")
        for p in params where p.tabular { tabularNames.remove(p.name) }
        return (params, body)
    }

    static let tabularSourceWords: Set<String> = [
        "union", "datatable", "materialize", "print", "externaldata", "external_data", "find", "search",
        "evaluate", "view", "cluster", "database",
    ]

    /// Decides whether the expression at the cursor is tabular: a known tabular start word, a table or
    /// tabular name, or any `|` at depth 0 before the statement ends.
    func looksTabular() -> Bool { looksTabular(at: i) }

    func looksTabular(at start: Int) -> Bool {
        let t = tokens[start]
        if t.isPunct("(") && start + 1 < tokens.count && looksTabular(at: start + 1) { return true }
        func peekPunct(_ p: String, _ k: Int) -> Bool { tokens[min(start + k, tokens.count - 1)].isPunct(p) }
        func peek(_ k: Int) -> Token { tokens[min(start + k, tokens.count - 1)] }
        if t.kind == .word {
            if Parser.tabularSourceWords.contains(t.text) && !(t.text == "print" && false) { return true }
            if t.text == "range" && peek(1).kind == .word { return true }
            if tabularNames.contains(t.text) || Schema.standard.table(t.text) != nil { return true }
            if peekPunct("*", 1) { return true }
            if t.text == "toscalar" { return false }
        }
        var level = 0
        var k = start
        while k < tokens.count {
            let tk = tokens[k]
            if tk.kind == .end { break }
            if tk.kind == .punct {
                if ["(", "[", "{"].contains(tk.text) { level += 1 }
                if [")", "]", "}"].contains(tk.text) { level -= 1; if level < 0 { break } }
                if level == 0 && tk.text == ";" { break }
                if level == 0 && tk.text == "|" { return true }
            }
            k += 1
        }
        return false
    }

    /// A name: identifier, keyword used as a name, or bracketed `['x']`.
    mutating func parseName(_ what: String) throws -> String {
        if cur.kind == .word && !cur.text.hasPrefix("!") { return advance().text }
        if peekPunct("[") && peek(1).kind == .string && peekPunct("]", 2) {
            advance()
            let s = advance().value.stringPayload ?? ""
            advance()
            return s
        }
        if cur.kind == .string {
            return advance().value.stringPayload ?? ""
        }
        throw ParseError(expected(what))
    }

    // MARK: tabular expressions

    mutating func parseTabular() throws -> TabularExpr {
        depth += 1
        defer { depth -= 1 }
        guard depth < Parser.maxDepth else {
            throw ParseError(Diagnostic("KQL0901", .error, "The query is nested too deeply.", at: cur.range))
        }
        let start = i
        let source = try parseTabularSource()
        let sourceRange = rangeFrom(start)
        var stages: [PipeStage] = []
        while eatPunct("|") {
            guard stages.count < Parser.maxTreeDepth / 2 else {   // plans and runs recurse per stage
                throw ParseError(Diagnostic("KQL0901", .error,
                    "The query is too long: more than \(Parser.maxTreeDepth / 2) pipe stages.", at: cur.range))
            }
            let opStart = i
            do {
                let op = try parseOperator()
                stages.append(PipeStage(op: op, range: rangeFrom(opStart)))
            } catch let e as ParseError {
                report(e.diagnostic)
                skip(untilStatementEnd: false)
            }
        }
        return TabularExpr(source: source, sourceRange: sourceRange, stages: stages)
    }

    mutating func parseTabularSource() throws -> TabularExpr.Source {
        let t = cur
        if t.isPunct("(") {
            advance()
            let inner = try parseTabular()
            _ = try expectPunct(")")
            return .parenthesized(inner)
        }
        guard t.kind == .word || t.isPunct("[") else { throw ParseError(expected("a table name")) }
        switch t.text {
        case "union":
            advance()
            return try parseUnionSource()
        case "datatable":
            advance()
            return try parseDatatable()
        case "print":
            advance()
            return .print(try parseNamedList())
        case "range" where peek(1).kind == .word:
            advance()
            let col = try parseName("a column name")
            try expectWord("from")
            let from = try parseExpression()
            try expectWord("to")
            let to = try parseExpression()
            try expectWord("step")
            let step = try parseExpression()
            return .range(col, from, to, step)
        case "materialize":
            advance()
            _ = try expectPunct("(")
            let inner = try parseTabular()
            _ = try expectPunct(")")
            return .materialize(inner)
        case "externaldata", "external_data", "find", "search", "evaluate", "cluster", "database", "view":
            advance()
            skipBalancedUntilPipe()
            return .unsupported(t.text)
        default:
            break
        }
        var name = try parseName("a table name")
        // Wildcard table names: `Device*`, `Device*Events`.
        while peekPunct("*") && cur.range.start == tokens[i - 1].range.end {
            advance()
            name += "*"
            if cur.kind == .word && cur.range.start == tokens[i - 1].range.end { name += advance().text }
        }
        if peekPunct("(") && cur.range.start == tokens[i - 1].range.end || (peekPunct("(") && !name.contains("*")) {
            advance()
            var args: [Expr] = []
            if !peekPunct(")") {
                repeat { args.append(try parseExpression()) } while eatPunct(",")
            }
            _ = try expectPunct(")")
            return .call(name, args)
        }
        return .name(name)
    }

    /// Skips an unsupported construct up to the next `|`, `;` or closing bracket at depth 0.
    mutating func skipBalancedUntilPipe() {
        skip(untilStatementEnd: false)
    }

    mutating func parseUnionSource() throws -> TabularExpr.Source {
        var kind = "outer", withSource: String? = nil, fuzzy = false
        while cur.kind == .word && peekPunct("=", 1) {
            let key = advance().text
            advance()
            let v = try parseName("a value")
            switch key {
            case "kind": kind = v
            case "withsource": withSource = v
            case "isfuzzy": fuzzy = v == "true"
            default: break
            }
        }
        var legs: [TabularExpr] = []
        repeat {
            let start = i
            if peekPunct("(") {
                advance()
                legs.append(try parseTabular())
                _ = try expectPunct(")")
            } else {
                let src = try parseTabularSource()
                legs.append(TabularExpr(source: src, sourceRange: rangeFrom(start), stages: []))
            }
        } while eatPunct(",")
        return .union(kind: kind, withSource: withSource, legs: legs, fuzzy: fuzzy)
    }

    mutating func parseDatatable() throws -> TabularExpr.Source {
        _ = try expectPunct("(")
        var cols: [Column] = []
        repeat {
            let name = try parseName("a column name")
            _ = try expectPunct(":")
            let tn = try parseName("a type")
            guard let ty = KQLType(name: tn) else {
                throw ParseError(Diagnostic("KQL0104", .error, "Unknown type '\(tn)'.", at: tokens[i - 1].range, token: tn))
            }
            cols.append(Column(name: name, type: ty))
        } while eatPunct(",")
        _ = try expectPunct(")")
        _ = try expectPunct("[")
        var values: [Expr] = []
        if !peekPunct("]") {
            repeat {
                if peekPunct("]") { break }
                values.append(try parseExpression())
            } while eatPunct(",")
        }
        _ = try expectPunct("]")
        return .datatable(cols, values)
    }
}

struct ParseError: Error {
    let diagnostic: Diagnostic
    init(_ d: Diagnostic) { diagnostic = d }
}
