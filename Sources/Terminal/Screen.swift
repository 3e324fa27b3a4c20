/// A character-cell screen. Rows and columns are 0-based; text that runs past the right edge is
/// clipped. Implementations sanitise text again before drawing it (see `Sanitizer`).
public protocol Screen: AnyObject {
    var rows: Int { get }
    var cols: Int { get }
    /// Whether Unicode box drawing and symbols can be shown (UTF-8 locale).
    var unicode: Bool { get }
    /// Whether colours should be used (false under NO_COLOR or on a monochrome terminal).
    var colors: Bool { get }
    func clear()
    /// Draws `text` starting at (row, col); returns the column after the last cell written.
    @discardableResult
    func put(_ text: String, row: Int, col: Int, style: CellStyle) -> Int
    func refresh()
    /// Waits up to `timeoutMs` for a key; nil on timeout.
    func readKey(timeoutMs: Int) -> Key?
}

extension Screen {
    /// Fills `count` cells with spaces in `style`.
    public func fill(row: Int, col: Int, count: Int, style: CellStyle) {
        guard count > 0 else { return }
        put(String(repeating: " ", count: count), row: row, col: col, style: style)
    }
}
