/// Obfuscated string literals (`h'…'`, `h@"…"`) must never be echoed (spec §1.2): this masks
/// their contents with `*`, keeping every other character and every column where it was.
public enum Redaction {
    public static func redact(_ text: String) -> String {
        var lexer = Lexer(text)
        let tokens = lexer.tokenize()
        var scalars = Array(text.unicodeScalars)
        for t in tokens where t.obfuscated {
            let r = t.range
            // Keep the prefix and the quotes; star out what lies between them.
            var i = r.start
            while i < r.end, scalars[i] != "'" && scalars[i] != "\"" { i += 1 }
            let open = i, close = r.end - 1
            if close > open + 1 { for k in (open + 1)..<close where scalars[k] != "\n" && scalars[k] != "\r" { scalars[k] = "*" } }
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }
}
