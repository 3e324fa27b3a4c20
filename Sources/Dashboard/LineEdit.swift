import Terminal

/// One line of text being typed, with a cursor: the keys the exclusion editor and the triage
/// note share (Enter saves, Esc cancels, ←/→/Home/End move, Backspace deletes, others insert).
public struct LineEdit: Sendable, Hashable {
    public var text: String
    /// Cursor position in `text`, in characters.
    public var cursor: Int
    /// Longest text accepted, in characters; nil: no limit.
    public var maxLength: Int?
    /// Typed newline characters are dropped (the text stays one line).
    public var rejectsNewlines = false

    public enum Outcome: Sendable, Equatable { case none, edited, save, cancel }

    public init(text: String, cursor: Int? = nil, maxLength: Int? = nil, rejectsNewlines: Bool = false) {
        self.text = text
        self.cursor = cursor ?? text.count
        self.maxLength = maxLength
        self.rejectsNewlines = rejectsNewlines
    }

    public mutating func handle(_ key: Key) -> Outcome {
        var chars = Array(text)
        cursor = min(max(0, cursor), chars.count)
        switch key {
        case .enter: return .save
        case .escape: return .cancel
        case .left: cursor = max(0, cursor - 1); return .none
        case .right: cursor = min(chars.count, cursor + 1); return .none
        case .home: cursor = 0; return .none
        case .end: cursor = chars.count; return .none
        case .backspace:
            guard cursor > 0 else { return .none }
            chars.remove(at: cursor - 1); cursor -= 1
        case .char(let ch):
            if rejectsNewlines && ch.isNewline { return .none }
            if let m = maxLength, chars.count >= m { return .none }
            chars.insert(ch, at: cursor); cursor += 1
        default: return .none
        }
        text = String(chars)
        return .edited
    }

    /// Draws the text in `width` cells at `col`, scrolled so the cursor (a reversed cell) shows.
    func draw(_ c: Canvas, row: Int, col: Int, width: Int) {
        let chars = Array(text)
        let at = min(max(0, cursor), chars.count)
        let start = max(0, at - width + 1)
        let shown = String(chars[min(start, chars.count)..<min(chars.count, start + width)])
        let before = String(chars[min(start, chars.count)..<at])
        c.text(shown, row: row, col: col, width: width, style: c.style(.status))
        var cur = c.style(.selected)
        cur.reverse = true
        let under = at < chars.count ? String(chars[at]) : " "
        c.text(under, row: row, col: col + min(width - 1, Sanitizer.width(before)), width: 1, style: cur)
    }
}
