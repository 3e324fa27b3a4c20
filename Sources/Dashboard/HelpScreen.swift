import Terminal

/// Help, generated from the key table that dispatches keys.
enum HelpScreen {
    static func lines(_ table: KeyTable) -> [(String, String)] {
        table.bindings.map { ($0.displayKeys, $0.description) } + [("click", "Focus a pane and select the row")]
    }

    static func draw(_ c: Canvas, table: KeyTable, rows: Int, cols: Int) {
        let ls = lines(table)
        let keyW = min(24, (ls.map { Sanitizer.width($0.0) }.max() ?? 10))
        let w = min(cols - 2, keyW + 7 + (ls.map { Sanitizer.width($0.1) }.max() ?? 20))
        let h = min(rows - 2, ls.count + 3)
        let r = Rect(row: max(0, (rows - 1 - h) / 2), col: max(0, (cols - w) / 2), height: h, width: w)
        for y in r.row..<(r.row + r.height) { c.screen.fill(row: y, col: r.col, count: r.width, style: c.style(.help)) }
        c.box(r, title: "Help: keys (Esc or ? to close)", focused: true)
        let inner = r.inner
        for (i, (k, d)) in ls.prefix(inner.height).enumerated() {
            c.text(k, row: inner.row + i, col: inner.col + 1, width: keyW, role: .header)
            c.text(d, row: inner.row + i, col: inner.col + keyW + 3, width: inner.width - keyW - 4, role: .help)
        }
    }
}
