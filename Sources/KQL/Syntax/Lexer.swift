/// Turns query text into tokens (spec §1). Works on Unicode scalars; records lexical diagnostics
/// and keeps going, so one pass reports every lexical error.
public struct Lexer {
    let scalars: [Unicode.Scalar]
    private var pos = 0
    private var lineStarts: [Int] = [0]
    public private(set) var diagnostics: [Diagnostic] = []

    public init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "\r" {
                if i + 1 < scalars.count && scalars[i + 1] == "\n" { i += 1 }
                lineStarts.append(i + 1)
            } else if c == "\n" {
                lineStarts.append(i + 1)
            }
            i += 1
        }
    }

    /// 1-based line:column of a scalar offset.
    public func location(_ offset: Int) -> SourceLocation {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return SourceLocation(line: lo + 1, column: offset - lineStarts[lo] + 1)
    }

    func range(_ a: Int, _ b: Int) -> SourceRange {
        SourceRange(start: a, end: b, startLocation: location(a), endLocation: location(b))
    }

    func text(_ a: Int, _ b: Int) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[max(0, a)..<min(b, scalars.count)])
        return String(s)
    }

    /// Lexes everything; the last token is `.end`.
    public mutating func tokenize() -> [Token] {
        var out: [Token] = []
        while true {
            let t = next()
            out.append(t)
            if t.kind == .end { break }
        }
        return out
    }

    private func peek(_ k: Int = 0) -> Unicode.Scalar? {
        pos + k < scalars.count ? scalars[pos + k] : nil
    }

    private mutating func error(_ code: String, _ message: String, _ a: Int, _ b: Int, hint: String? = nil) {
        diagnostics.append(Diagnostic(code, .error, message, at: range(a, b), token: text(a, b), hint: hint))
    }

    static func isTrivia(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x0B, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029,
             0x202F, 0x205F, 0x3000, 0xFEFF, 0x200C, 0x200D, 0x2060:
            return true
        default: return false
        }
    }

    static func isIdentStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" || c == "$"
    }

    static func isIdentChar(_ c: Unicode.Scalar) -> Bool {
        isIdentStart(c) || isDigit(c)
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    private mutating func skipTrivia() {
        while let c = peek() {
            if Lexer.isTrivia(c) { pos += 1; continue }
            if c == "/" && peek(1) == "/" {
                while let d = peek(), d != "\n", d != "\r" { pos += 1 }
                continue
            }
            break
        }
    }

    /// Words joined by `-` into one operator word.
    static let hyphenated: Set<String> = [
        "project-away", "project-keep", "project-rename", "project-reorder", "project-smart",
        "mv-expand", "mv-apply", "top-nested", "top-hitters", "make-series", "parse-where", "parse-kv",
        "make-graph", "graph-match", "graph-to-table", "graph-merge",
    ]

    static let timespanUnits: [String: Int64] = {
        var m: [String: Int64] = [:]
        for u in ["d", "day", "days"] { m[u] = Ticks.perDay }
        for u in ["h", "hr", "hrs", "hour", "hours"] { m[u] = Ticks.perHour }
        for u in ["m", "min", "minute", "minutes"] { m[u] = Ticks.perMinute }
        for u in ["s", "sec", "second", "seconds"] { m[u] = Ticks.perSecond }
        for u in ["ms", "milli", "millis", "millisec", "millisecond", "milliseconds"] { m[u] = Ticks.perMillisecond }
        for u in ["micro", "micros", "microsec", "microsecond", "microseconds"] { m[u] = Ticks.perMicrosecond }
        for u in ["tick", "ticks"] { m[u] = 1 }
        return m
    }()
    static let nanoUnits: Set<String> = ["nano", "nanos", "nanosec", "nanosecond", "nanoseconds"]

    public mutating func next() -> Token {
        skipTrivia()
        let start = pos
        guard let c = peek() else { return Token(.end, "", range: range(pos, pos)) }

        // Strings, with the h / @ prefixes.
        if c == "'" || c == "\"" { return lexString(start: start, verbatim: false, obfuscated: false) }
        if c == "@" && (peek(1) == "'" || peek(1) == "\"") {
            pos += 1
            return lexString(start: start, verbatim: true, obfuscated: false)
        }
        if (c == "h" || c == "H") && (peek(1) == "'" || peek(1) == "\"") {
            pos += 1
            return lexString(start: start, verbatim: false, obfuscated: true)
        }
        if (c == "h" || c == "H") && peek(1) == "@" && (peek(2) == "'" || peek(2) == "\"") {
            pos += 2
            return lexString(start: start, verbatim: true, obfuscated: true)
        }
        if (c == "`" && peek(1) == "`" && peek(2) == "`") || (c == "~" && peek(1) == "~" && peek(2) == "~") {
            return lexMultiline(start: start, fence: c)
        }
        if Lexer.isDigit(c) { return lexNumber(start: start) }
        if Lexer.isIdentStart(c) { return lexWord(start: start) }
        if c == "!" , let d = peek(1), Lexer.isIdentStart(d) {
            return lexWord(start: start)
        }
        return lexPunct(start: start)
    }

    private mutating func lexWord(start: Int) -> Token {
        if peek() == "!" { pos += 1 }
        let wordStart = pos
        while let c = peek(), Lexer.isIdentChar(c) { pos += 1 }
        var word = text(wordStart, pos)
        // Hyphenated operator words.
        while peek() == "-", let d = peek(1), Lexer.isIdentStart(d) {
            var j = pos + 1
            while j < scalars.count, Lexer.isIdentChar(scalars[j]) { j += 1 }
            let candidate = word + "-" + text(pos + 1, j)
            if Lexer.hyphenated.contains(candidate) || Lexer.hyphenated.contains(where: { $0.hasPrefix(candidate + "-") }) {
                word = candidate; pos = j
            } else { break }
        }
        if (word == "in" || word == "notin") && peek() == "~" { pos += 1; word += "~" }
        let full = (start < wordStart ? "!" : "") + word
        return Token(.word, full, range: range(start, pos))
    }

    private mutating func lexNumber(start: Int) -> Token {
        if peek() == "0", peek(1) == "x" || peek(1) == "X" {
            pos += 2
            let hs = pos
            while let c = peek(), c.properties.isASCIIHexDigit { pos += 1 }
            if let v = UInt64(text(hs, pos), radix: 16) {
                return Token(.long, text(start, pos), value: .long(Int64(bitPattern: v)), range: range(start, pos))
            }
            error("KQL0004", "Malformed hexadecimal literal '\(text(start, pos))'.", start, pos)
            return Token(.invalid, text(start, pos), range: range(start, pos))
        }
        while let c = peek(), Lexer.isDigit(c) { pos += 1 }
        var isReal = false
        if peek() == ".", peek(1) != "." {
            isReal = true
            pos += 1
            while let c = peek(), Lexer.isDigit(c) { pos += 1 }
        }
        if let e = peek(), e == "e" || e == "E" {
            var j = pos + 1
            if j < scalars.count, scalars[j] == "+" || scalars[j] == "-" { j += 1 }
            if j < scalars.count, Lexer.isDigit(scalars[j]) {
                isReal = true
                pos = j
                while let c = peek(), Lexer.isDigit(c) { pos += 1 }
            }
        }
        let numText = text(start, pos)
        // A unit suffix makes a timespan; other letters make an identifier (`1st_seen`).
        if let c = peek(), Lexer.isIdentStart(c) {
            var j = pos
            while j < scalars.count, Lexer.isIdentChar(scalars[j]) { j += 1 }
            let suffix = text(pos, j)
            if let unit = Lexer.timespanUnits[suffix] ?? (Lexer.nanoUnits.contains(suffix) ? 0 : nil),
               let n = Double(numText) {
                pos = j
                let t = unit == 0 ? (n / 100).rounded(.down) : (n * Double(unit)).rounded()
                guard t.isFinite, abs(t) < 9.2e18 else {
                    error("KQL0004", "The timespan literal '\(text(start, pos))' is out of range.", start, pos)
                    return Token(.invalid, text(start, pos), range: range(start, pos))
                }
                return Token(.timespan, text(start, pos), value: .timespan(Int64(t)), range: range(start, pos))
            }
            if !isReal {
                pos = j
                return Token(.word, text(start, pos), range: range(start, pos))
            }
        }
        if isReal {
            return Token(.real, numText, value: .real(Double(numText) ?? .nan), range: range(start, pos))
        }
        if let v = Int64(numText) {
            return Token(.long, numText, value: .long(v), range: range(start, pos))
        }
        return Token(.real, numText, value: .real(Double(numText) ?? .infinity), range: range(start, pos))
    }

    private mutating func lexString(start: Int, verbatim: Bool, obfuscated: Bool) -> Token {
        let quote = peek()!
        pos += 1
        var value = String.UnicodeScalarView()
        while true {
            guard let c = peek(), c != "\n", c != "\r" else {
                error("KQL0001", "Unterminated string literal.", start, pos,
                      hint: "Close the string with \(quote) on the same line, or use a ``` multi-line literal.")
                return Token(.invalid, text(start, pos), range: range(start, pos))
            }
            pos += 1
            if c == quote {
                if verbatim && peek() == quote { value.append(quote); pos += 1; continue }
                break
            }
            if c == "\\" && !verbatim {
                guard let decoded = lexEscape(literalStart: start) else {
                    // Skip the rest of the literal so lexing can resume after it.
                    while let d = peek(), d != quote, d != "\n", d != "\r" { pos += 1 }
                    if peek() == quote { pos += 1 }
                    return Token(.invalid, text(start, pos), range: range(start, pos))
                }
                value.append(contentsOf: decoded.unicodeScalars)
                continue
            }
            value.append(c)
        }
        var t = Token(.string, text(start, pos), value: .string(String(value)), range: range(start, pos))
        t.obfuscated = obfuscated
        t.escaped = !verbatim
        return t
    }

    /// Decodes one escape after a backslash (spec §1.2); nil after reporting an invalid one.
    private mutating func lexEscape(literalStart: Int) -> String? {
        let escStart = pos - 1
        guard let e = peek() else { return nil }
        pos += 1
        switch e {
        case "\\", "'", "\"": return String(e)
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "a": return "\u{07}"
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "v": return "\u{0B}"
        case "x", "u", "U":
            let n = e == "x" ? 2 : (e == "u" ? 4 : 8)
            var v: UInt32 = 0
            for _ in 0..<n {
                guard let h = peek(), h.properties.isASCIIHexDigit, let d = UInt32(String(h), radix: 16) else {
                    error("KQL0003", "Invalid escape '\(text(escStart, pos))' in string literal: \\\(e) needs exactly \(n) hex digits.", escStart, pos,
                          hint: "Use a verbatim string @\"...\" for backslashes.")
                    return nil
                }
                v = v * 16 + d
                pos += 1
            }
            return Unicode.Scalar(v).map { String($0) } ?? "\u{FFFD}"
        case "0"..."7":
            var v = UInt32(e.value - 0x30)
            var k = 1
            while k < 3, let d = peek(), d >= "0" && d <= "7" { v = v * 8 + (d.value - 0x30); pos += 1; k += 1 }
            return String(Unicode.Scalar(v)!)
        default:
            error("KQL0002", "Invalid escape sequence '\\\(e)' in string literal.", escStart, pos,
                  hint: "In KQL, write @\"...\" (verbatim) or double the backslash: \"\\\\\(e)\".")
            return nil
        }
    }

    private mutating func lexMultiline(start: Int, fence: Unicode.Scalar) -> Token {
        pos += 3
        let bodyStart = pos
        while pos < scalars.count {
            if scalars[pos] == fence && peek(1) == fence && peek(2) == fence {
                let body = text(bodyStart, pos)
                pos += 3
                return Token(.string, text(start, pos), value: .string(body), range: range(start, pos))
            }
            pos += 1
        }
        error("KQL0001", "Unterminated multi-line string literal.", start, pos)
        return Token(.invalid, text(start, pos), range: range(start, pos))
    }

    static let punctuation: [String] = [
        "..", "==", "!=", "<>", "<=", ">=", "=>", "=~", "!~",
        "(", ")", "[", "]", "{", "}", "|", ".", ",", ";", ":", "=", "<", ">", "+", "-", "*", "/", "%", "@", "?", "~", "!",
    ]

    private mutating func lexPunct(start: Int) -> Token {
        for p in Lexer.punctuation {
            let ps = Array(p.unicodeScalars)
            if pos + ps.count <= scalars.count && Array(scalars[pos..<pos + ps.count]) == ps {
                pos += ps.count
                return Token(.punct, p, range: range(start, pos))
            }
        }
        let c = scalars[pos]
        pos += 1
        var hint: String? = nil
        switch c {
        case "&": hint = "KQL uses `and` / `or`, not && / ||."
        case "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}": hint = "This is a typographic quote; use ' or \"."
        case "\u{2013}", "\u{2014}": hint = "This is a typographic dash; use -."
        default: break
        }
        let shown = c.properties.generalCategory == .control || c.value > 0x7E
            ? "U+" + String(c.value, radix: 16, uppercase: true).leftPadded(4) : String(c)
        error("KQL0005", "Unexpected character '\(shown)'.", start, pos, hint: hint)
        return Token(.invalid, String(c), range: range(start, pos))
    }
}

extension String {
    func leftPadded(_ n: Int, with c: Character = "0") -> String {
        count >= n ? self : String(repeating: c, count: n - count) + self
    }
}
