/// Refuses regex features KQL does not support (spec §7) before RE2 sees the pattern, with a
/// message naming the feature, and rewrites `(?<name>` to RE2's `(?P<name>`.
enum RegexSyntaxCheck {
    static func check(_ pattern: String) throws(RegexError) -> String {
        let p = Array(expandVerbose(pattern).unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        var inClass = false
        func fail(_ what: String) -> RegexError {
            RegexError("Unsupported regex feature in '\(pattern)': \(what) (KQL regexes are linear-time RE2 syntax).")
        }
        func at(_ k: Int) -> Character? { k < p.count ? Character(p[k]) : nil }
        while i < p.count {
            let c = Character(p[i])
            if c == "\\" {
                guard let n = at(i + 1) else { throw RegexError("Invalid regular expression '\(pattern)': trailing backslash.") }
                if !inClass, let d = n.wholeNumberValue, d >= 1, n.isASCII { throw fail("backreference \\\(n)") }
                if n == "G" { throw fail("\\G anchor") }
                if n == "Z" { throw fail("\\Z anchor (use \\z)") }
                out.append(p[i]); out.append(p[i + 1]); i += 2; continue
            }
            if inClass {
                if c == "]" { inClass = false }
                out.append(p[i]); i += 1; continue
            }
            if c == "[" {
                inClass = true
                out.append(p[i]); i += 1
                // A leading ']' (after optional '^') is a literal member.
                if at(i) == "^" { out.append(p[i]); i += 1 }
                if at(i) == "]" { out.append(p[i]); i += 1 }
                continue
            }
            if c == "(" && at(i + 1) == "?" {
                switch (at(i + 2), at(i + 3)) {
                case ("=", _): throw fail("lookahead (?=")
                case ("!", _): throw fail("negative lookahead (?!")
                case ("<", "="): throw fail("lookbehind (?<=")
                case ("<", "!"): throw fail("negative lookbehind (?<!")
                case (">", _): throw fail("atomic group (?>")
                case ("(", _): throw fail("conditional (?(")
                case ("R", _), ("&", _), ("P", ">"), ("P", "="): throw fail("recursion or named backreference")
                case let (d?, _) where d.isNumber || d == "+" || d == "-" && at(i + 3)?.isNumber == true:
                    throw fail("recursion (?\(d)")
                case ("<", _):
                    out.append(contentsOf: "(?P".unicodeScalars); i += 2; continue
                default: break
                }
            }
            if (c == "+" || c == "*" || c == "?" || c == "}") && at(i + 1) == "+" {
                throw fail("possessive quantifier \(c)+")
            }
            out.append(p[i]); i += 1
        }
        return String(out)
    }

    /// RE2 lacks `(?x)`: when the pattern starts with a flag group containing `x`, drop the flag,
    /// unescaped whitespace outside classes, and `#` comments to end of line.
    static func expandVerbose(_ pattern: String) -> String {
        let p = Array(pattern.unicodeScalars)
        guard p.count >= 4, p[0] == "(", p[1] == "?", let close = p.firstIndex(of: ")"),
              p[2..<close].allSatisfy({ "imsxU".unicodeScalars.contains($0) }), p[2..<close].contains("x") else { return pattern }
        var out = String.UnicodeScalarView()
        let flags = p[2..<close].filter { $0 != "x" }
        if !flags.isEmpty { out.append(contentsOf: "(?".unicodeScalars); out.append(contentsOf: flags); out.append(")") }
        var i = close + 1, inClass = false
        while i < p.count {
            let c = p[i]
            if c == "\\", i + 1 < p.count { out.append(c); out.append(p[i + 1]); i += 2; continue }
            if inClass { if c == "]" { inClass = false }; out.append(c); i += 1; continue }
            if c == "[" { inClass = true; out.append(c); i += 1; continue }
            if c.properties.isWhitespace { i += 1; continue }
            if c == "#" { while i < p.count && p[i] != "\n" { i += 1 }; continue }
            out.append(c); i += 1
        }
        return String(out)
    }
}
