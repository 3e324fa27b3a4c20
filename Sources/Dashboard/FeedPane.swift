import Engine
import Terminal

/// Newest events scrolling; rows that hit a rule highlighted.
enum FeedPane: IdListPane {
    static let pane = PaneID.feed
    static func rows(_ snap: Snapshot, _ state: DashboardState) -> ListView<FeedEvent> { events(snap, state) }
    static func id(_ e: FeedEvent) -> UInt64 { e.eventId }

    static func events(_ snap: Snapshot, _ state: DashboardState) -> ListView<FeedEvent> {
        guard let memo = state.frame else { return filtered(snap, state) }
        return memo.feed(.init(what: "feed", filter: state.filter(.feed), sort: state.sortMode(.feed))) { filtered(snap, state) }
    }

    static func filtered(_ snap: Snapshot, _ state: DashboardState) -> ListView<FeedEvent> {
        let f = state.filter(.feed)
        let all = snap.feed
        var order = f.isEmpty ? Array(all.indices) : all.indices.filter { f.matches(searchText(all[$0])) }
        if state.sortMode(.feed) != .oldest { order.reverse() }
        return ListView(all: all, order: order)
    }

    static func searchText(_ e: FeedEvent) -> String {
        "\(clock(e.time)) \(e.table) \(e.device) \(e.action) \(e.processFileName) \(e.pathOrCommand) \(e.hitRuleIds.joined(separator: " "))"
    }

    static func draw(_ c: Canvas, _ snap: Snapshot, _ state: DashboardState, rect: Rect, focused: Bool) {
        let evs = events(snap, state)
        var title = "1 Feed  \(formatRate(snap.totals.eventsPerSecond)) ev/s  \(snap.totals.eventsRead) read"
        if !state.filter(.feed).isEmpty { title += "  /\(state.filter(.feed).text) (\(evs.count))" }
        if state.sortMode(.feed) == .oldest { title += "  sort: oldest" }
        c.box(rect, title: title, focused: focused)
        let inner = rect.inner
        guard inner.height >= 2, inner.width > 10 else { return }
        let w = inner.width
        let wide = w >= 100
        // time, [table], device, action, process, path/command
        let cols: [(String, Int)] = wide
            ? [("TIME", 8), ("TABLE", 18), ("DEVICE", 16), ("ACTION", 16), ("PROCESS", 16)]
            : [("TIME", 8), ("DEVICE", 10), ("ACTION", 12), ("PROCESS", 12)]
        var x = inner.col
        for (h, cw) in cols { c.text(h, row: inner.row, col: x, width: cw, role: .header); x += cw + 1 }
        c.text("PATH/COMMAND", row: inner.row, col: x, width: inner.col + w - x, role: .header)
        let h = inner.height - 1
        let sel = state.selection(.feed, ids: evs.lazy.map(\.eventId))
        let off = state.offset(.feed, selected: sel, count: evs.count, height: h)
        if evs.isEmpty {
            c.text(snap.feed.isEmpty ? "waiting for events…" : "no event matches the filter", row: inner.row + 1,
                   col: inner.col, width: w, role: .dim)
        }
        for i in 0..<min(h, max(0, evs.count - off)) {
            let e = evs[off + i]
            let row = inner.row + 1 + i
            var st = c.style(e.isHit ? .hit : .main)
            if off + i == sel { st = c.selectedStyle(focused: focused, base: st) }
            let fields = wide ? [clock(e.time), e.table, e.device, e.action, e.processFileName]
                              : [clock(e.time), e.device, e.action, e.processFileName]
            c.screen.fill(row: row, col: inner.col, count: w, style: st)
            var x = inner.col
            for (j, (_, cw)) in cols.enumerated() { c.text(fields[j], row: row, col: x, width: cw, style: st); x += cw + 1 }
            // Paths keep their end (the file name); command lines their start.
            if e.table.contains("File") { c.tail(e.pathOrCommand, row: row, col: x, width: inner.col + w - x, style: st) }
            else { c.text(e.pathOrCommand, row: row, col: x, width: inner.col + w - x, style: st) }
        }
    }
}

func formatRate(_ r: Double) -> String {
    if r >= 10_000 { return "\(Int(r / 1000))k" }
    if r >= 100 { return "\(Int(r.rounded()))" }
    let t = (r * 10).rounded() / 10
    return "\(t)"
}
