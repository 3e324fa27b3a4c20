import KQL
import Terminal

/// Drawing helpers over a `Screen` with a theme and a glyph set.
struct Canvas {
    let screen: Screen
    let theme: Theme
    let glyphs: Glyphs

    func style(_ role: Role) -> CellStyle { theme.style(role) }

    /// Draws `text` fitted (and padded when `pad`) to `width` cells.
    @discardableResult
    func text(_ s: String, row: Int, col: Int, width: Int, role: Role = .main, pad: Bool = false) -> Int {
        text(s, row: row, col: col, width: width, style: style(role), pad: pad)
    }

    @discardableResult
    func text(_ s: String, row: Int, col: Int, width: Int, style st: CellStyle, pad: Bool = false) -> Int {
        guard width > 0 else { return col }
        let t = pad ? Sanitizer.pad(s, width: width, ellipsis: glyphs.ellipsis)
                    : Sanitizer.fit(s, width: width, ellipsis: glyphs.ellipsis)
        return screen.put(t, row: row, col: col, style: st)
    }

    /// Draws `s` cut from the left (keeping its end, as for paths) to `width` cells.
    @discardableResult
    func tail(_ s: String, row: Int, col: Int, width: Int, style st: CellStyle) -> Int {
        guard width > 0 else { return col }
        return screen.put(Sanitizer.fitTail(s, width: width, ellipsis: glyphs.ellipsis), row: row, col: col, style: st)
    }

    /// A bordered box with a title on its top edge.
    func box(_ r: Rect, title: String, focused: Bool) {
        guard r.height >= 2, r.width >= 2 else { return }
        let b = style(focused ? .borderFocus : .border)
        let h = String(repeating: glyphs.horizontal, count: r.width - 2)
        screen.put(glyphs.topLeft + h + glyphs.topRight, row: r.row, col: r.col, style: b)
        for y in (r.row + 1)..<(r.row + r.height - 1) {
            screen.put(glyphs.vertical, row: y, col: r.col, style: b)
            screen.put(glyphs.vertical, row: y, col: r.col + r.width - 1, style: b)
        }
        screen.put(glyphs.bottomLeft + h + glyphs.bottomRight, row: r.row + r.height - 1, col: r.col, style: b)
        if r.width > 6 {
            text(" " + title + " ", row: r.row, col: r.col + 2, width: r.width - 4, role: focused ? .titleFocus : .title)
        }
    }

    /// Style of a selected row: full highlight in the focused pane, underline elsewhere.
    func selectedStyle(focused: Bool, base: CellStyle) -> CellStyle {
        if focused {
            var s = style(.selected)
            if s.fg == .default { s.fg = base.fg }
            s.bold = s.bold || base.bold
            return s
        }
        var s = base
        s.underline = true
        return s
    }
}

/// Time of day of a tick value, `HH:MM:SS`.
func clock(_ ticks: Int64) -> String {
    let perDay: Int64 = 864_000_000_000
    var r = ticks % perDay
    if r < 0 { r += perDay }
    let s = r / 10_000_000
    func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))"
}

/// Full date and time of a tick value, `yyyy-MM-dd HH:MM:SS`.
func dateTime(_ ticks: Int64) -> String {
    let iso = Ticks.formatDatetime(ticks)   // yyyy-MM-ddTHH:mm:ss.fffffffZ
    return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(8))
}
