@testable import Dashboard
import Engine
import Terminal

/// Drives key handling and rendering against a fake screen, like the UI loop does.
final class Harness {
    let source: DemoSnapshotSource
    let screen: GridScreen
    var state = DashboardState()
    let handler = KeyHandler()
    var theme = Theme.builtIn

    init(_ snapshot: Snapshot = Fixtures.seedSnapshot(), rows: Int = 35, cols: Int = 120, unicode: Bool = true) {
        source = DemoSnapshotSource(snapshot)
        screen = GridScreen(rows: rows, cols: cols, unicode: unicode)
        draw()
    }

    func draw() { render(snapshot: source.latest(), state: state, into: screen, theme: theme) }

    func press(_ keys: Key...) {
        for k in keys {
            for c in handler.handle(k, state: &state, snapshot: source.latest(), rows: screen.rows, cols: screen.cols,
                                    unicode: screen.unicode) { source.send(c) }
        }
        draw()
    }

    func type(_ text: String) { for ch in text { press(.char(ch)) } }
}

extension Harness {
    /// Text rows inside a pane's border (empty when the pane is not shown).
    func pane(_ p: PaneID) -> [String] {
        let layout = Layout(rows: screen.rows, cols: screen.cols, focus: state.focus)
        guard let r = layout.panes[p]?.inner else { return [] }
        return (r.row..<(r.row + r.height)).map { row in
            screen.cells[row][r.col..<(r.col + r.width)].map(\.text).joined()
        }
    }

    /// Indices (within the pane) of the rows containing `needle`.
    func paneRows(_ p: PaneID, containing needle: String) -> [Int] {
        pane(p).indices.filter { pane(p)[$0].contains(needle) }
    }
}
