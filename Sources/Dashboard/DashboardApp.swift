import Engine
import Terminal

/// The UI loop: wakes on a key or every tick, redraws only when the snapshot version or the UI
/// state changed, never waits on the engine.
public final class DashboardApp {
    public private(set) var state = DashboardState()
    /// Called on the UI thread after each frame reaches the terminal, with the snapshot it drew
    /// (latency measurement: `hunttop bench-latency`).
    public var onDraw: ((Snapshot) -> Void)?

    public init() {}

    /// Runs until quit (q, F10, Ctrl-C, or input gone). Returns the exit status.
    public func run(source: SnapshotSource, screen: Screen, options: DashboardOptions = DashboardOptions()) -> Int32 {
        let handler = KeyHandler(table: options.keyTable)
        var drawnVersion: UInt64? = nil
        var drawnRevision: UInt64 = 0
        var drawnSize = (0, 0)
        var focusSent: UInt64?? = .none
        while true {
            let latest = source.latest()
            let size = (screen.rows, screen.cols)
            // While paused only the status line's "+N new" depends on the latest version.
            if drawnVersion != latest.version || drawnRevision != state.revision || size != drawnSize {
                // Paused: the frozen snapshot takes the focused hit's tree once the engine built it.
                if case .some(.some(let f)) = focusSent, var fr = state.frozen, fr.trees[f] == nil, let t = latest.trees[f] {
                    fr.trees[f] = t
                    state.frozen = fr
                }
                let focus = render(snapshot: latest, state: state, into: screen, theme: options.theme, keyTable: options.keyTable)
                screen.refresh()
                // The engine builds the tree of the hit on screen; tell it when that changes.
                if focusSent != .some(focus) { source.send(.focusHit(focus)); focusSent = .some(focus) }
                onDraw?(latest)
                drawnVersion = latest.version
                drawnRevision = state.revision
                drawnSize = size
            }
            guard let key = screen.readKey(timeoutMs: options.tickMilliseconds) else { continue }
            let commands = handler.handle(key, state: &state, snapshot: source.latest(),
                                          rows: screen.rows, cols: screen.cols, unicode: screen.unicode)
            for c in commands { source.send(c) }
            if state.quitRequested { return 0 }
        }
    }
}
