import Engine
import Terminal

/// Draws one frame: a pure function of the snapshot, the UI state and the screen size.
/// `snapshot` is the latest one; while paused the frozen one is drawn and the newest only counted.
/// Returns the id of the hit whose tree the frame shows (or would, were it known).
@discardableResult
public func render(snapshot: Snapshot, state: DashboardState, into screen: Screen,
                   theme: Theme = .builtIn, keyTable: KeyTable = .standard) -> UInt64? {
    var state = state
    state.frame = FrameMemo()
    let canvas = Canvas(screen: screen, theme: screen.colors ? theme : theme.withoutColors,
                        glyphs: screen.unicode ? .unicode : .ascii)
    screen.clear()
    let layout = Layout(rows: screen.rows, cols: screen.cols, focus: state.focus)
    if layout.tooSmall {
        let msg = ["Terminal too small: \(screen.cols)x\(screen.rows)",
                   "hunttop needs at least \(Layout.minCols)x\(Layout.minRows)",
                   "Enlarge the window, or press q to quit"]
        let top = max(0, (screen.rows - msg.count) / 2)
        for (i, m) in msg.enumerated() where top + i < screen.rows {
            let w = min(screen.cols, Sanitizer.width(m))
            canvas.text(m, row: top + i, col: max(0, (screen.cols - w) / 2), width: screen.cols, role: i == 0 ? .warning : .main)
        }
        return nil
    }
    let shown = state.frozen ?? snapshot
    if let tab = layout.tabBarRow { TabBar.draw(canvas, state: state, row: tab, width: screen.cols) }
    for (pane, rect) in layout.panes {
        let focused = pane == state.focus
        switch pane {
        case .feed: FeedPane.draw(canvas, shown, state, rect: rect, focused: focused)
        case .rules: RulesPane.draw(canvas, shown, state, rect: rect, focused: focused)
        case .hits: HitsPane.draw(canvas, shown, state, rect: rect, focused: focused)
        case .tree: TreePane.draw(canvas, shown, state, rect: rect, focused: focused)
        case .detail: DetailPane.draw(canvas, shown, state, rect: rect, focused: focused)
        case .exclusions: ExclusionsPane.draw(canvas, shown, state, rect: rect, focused: focused)
        }
    }
    if state.showHelp { HelpScreen.draw(canvas, table: keyTable, rows: screen.rows, cols: screen.cols) }
    StatusLine.draw(canvas, latest: snapshot, shown: shown, state: state, row: layout.statusRow, width: screen.cols)
    return HitsPane.selected(shown, state)?.hitId
}
