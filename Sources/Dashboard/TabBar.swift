import Terminal

/// The top line in one-pane-at-a-time layout: pane names with their digits.
enum TabBar {
    static func draw(_ c: Canvas, state: DashboardState, row: Int, width: Int) {
        c.screen.fill(row: row, col: 0, count: width, style: c.style(.tabInactive))
        var x = 0
        for p in PaneID.allCases {
            guard x < width else { break }
            x = c.text(" \(p.rawValue) \(p.title) ", row: row, col: x, width: width - x, role: p == state.focus ? .tabActive : .tabInactive)
        }
    }
}
