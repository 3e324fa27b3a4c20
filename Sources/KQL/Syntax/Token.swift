/// Lexical token kinds. Words are not split into keywords here: the parser decides by context,
/// since most KQL keywords double as names (spec §1.1).
public enum TokenKind: Sendable, Equatable {
    case word          // identifier or keyword, including hyphenated operator words and `in~`, `!has`, …
    case string        // any string literal form; `text` holds the decoded value
    case long
    case real
    case timespan      // `text` holds the literal; value in `ticks`
    case punct         // punctuation; `text` is the symbol
    case end
    case invalid       // a lexical error already reported
}

public struct Token: Sendable {
    public var kind: TokenKind
    /// Source text (for strings and timespans, the raw text; see `value`).
    public var text: String
    /// Decoded string value, parsed number or timespan ticks.
    public var value: Value
    public var range: SourceRange
    /// For strings: obfuscated `h'…'` literal (its text is masked in diagnostics).
    public var obfuscated = false
    /// For strings: a regular (non-verbatim) literal.
    public var escaped = false

    public init(_ kind: TokenKind, _ text: String, value: Value = .null(.string), range: SourceRange) {
        self.kind = kind; self.text = text; self.value = value; self.range = range
    }

    public func isWord(_ w: String) -> Bool { kind == .word && text == w }
    public func isPunct(_ p: String) -> Bool { kind == .punct && text == p }

    /// The text a diagnostic may show (obfuscated literals masked).
    public var displayText: String { obfuscated ? "h\"****\"" : text }
}
