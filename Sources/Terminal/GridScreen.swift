/// A fake screen: a grid of cells in memory, for tests. Keys are fed by the test.
public final class GridScreen: Screen {
    public struct GridCell: Hashable, Sendable {
        /// The cell's text; "" for the right half of a wide character.
        public var text: String
        public var style: CellStyle
    }

    public private(set) var rows: Int
    public private(set) var cols: Int
    public let unicode: Bool
    public let colors: Bool
    public private(set) var cells: [[GridCell]]
    /// Number of `refresh()` calls so far.
    public private(set) var refreshCount = 0
    private var pendingKeys: [Key?] = []
    /// When true, `readKey` reports `.hangup` once the queued keys run out (so loops under test end).
    public var hangupWhenEmpty = false

    public init(rows: Int, cols: Int, unicode: Bool = true, colors: Bool = true) {
        self.rows = rows
        self.cols = cols
        self.unicode = unicode
        self.colors = colors
        self.cells = Self.blank(rows: rows, cols: cols)
    }

    private static func blank(rows: Int, cols: Int) -> [[GridCell]] {
        Array(repeating: Array(repeating: GridCell(text: " ", style: .plain), count: max(0, cols)), count: max(0, rows))
    }

    /// Changes the size and queues a `.resize` key, as a terminal would.
    public func resize(rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
        cells = Self.blank(rows: rows, cols: cols)
        pendingKeys.append(.resize)
    }

    /// Queues keys for `readKey`.
    public func feed(_ keys: [Key]) { pendingKeys.append(contentsOf: keys.map { Optional($0) }) }
    /// Queues `count` key timeouts (readKey returns nil).
    public func feedIdle(_ count: Int) { pendingKeys.append(contentsOf: Array(repeating: nil, count: count)) }
    public func feed(text: String) { pendingKeys.append(contentsOf: text.map { Optional(Key.char($0)) }) }

    public func clear() { cells = Self.blank(rows: rows, cols: cols) }

    @discardableResult
    public func put(_ text: String, row: Int, col: Int, style: CellStyle) -> Int {
        guard row >= 0, row < rows else { return col }
        var c = col
        for cell in Sanitizer.cells(text) {
            if c >= cols { break }
            if c < 0 { c += cell.width; continue }
            let t = unicode ? cell.text : (cell.text.unicodeScalars.first!.isASCII ? cell.text : "?")
            if cell.width == 2 && unicode {
                if c + 1 >= cols { cells[row][c] = GridCell(text: " ", style: style); c += 1; break }
                cells[row][c] = GridCell(text: t, style: style)
                cells[row][c + 1] = GridCell(text: "", style: style)
                c += 2
            } else {
                cells[row][c] = GridCell(text: t, style: style)
                c += 1
            }
        }
        return c
    }

    public func refresh() { refreshCount += 1 }

    public func readKey(timeoutMs: Int) -> Key? {
        if pendingKeys.isEmpty { return hangupWhenEmpty ? .hangup : nil }
        return pendingKeys.removeFirst()
    }

    /// Keys not yet read.
    public var queuedKeys: Int { pendingKeys.count }

    /// The text of one row, trailing spaces kept.
    public func text(row: Int) -> String {
        guard row >= 0, row < rows else { return "" }
        return cells[row].map(\.text).joined()
    }

    /// The whole screen, one line per row, trailing spaces trimmed.
    public var lines: [String] {
        (0..<rows).map { r in
            var s = text(row: r)
            while s.last == " " { s.removeLast() }
            return s
        }
    }

    public var dump: String { lines.joined(separator: "\n") }

    public func contains(_ needle: String) -> Bool {
        (0..<rows).contains { text(row: $0).contains(needle) }
    }

    /// Rows (0-based) whose text contains `needle`.
    public func rowsContaining(_ needle: String) -> [Int] {
        (0..<rows).filter { text(row: $0).contains(needle) }
    }

    public func style(row: Int, col: Int) -> CellStyle { cells[row][col].style }

    /// The style of the first cell of `needle` on the first row containing it.
    public func style(of needle: String) -> CellStyle? {
        for r in 0..<rows {
            let cs = cells[r]
            // Scan by cell position so wide characters map to the right column.
            for start in 0..<cs.count where cs[start].text != "" {
                var s = ""
                var i = start
                while i < cs.count, s.count < needle.count { s += cs[i].text; i += 1 }
                if s.hasPrefix(needle) { return cs[start].style }
            }
        }
        return nil
    }
}
