import Engine
import Terminal

/// Each exclusion: on/off, shadow, rules it applies to, suppressed count.
enum ExclusionsPane: KeyedListPane {
    static let pane = PaneID.exclusions
    static func rows(_ snap: Snapshot, _ state: DashboardState) -> [ExclusionSummary] { exclusions(snap, state) }
    static func key(_ x: ExclusionSummary) -> String { x.id }

    static func exclusions(_ snap: Snapshot, _ state: DashboardState) -> [ExclusionSummary] {
        let f = state.filter(.exclusions)
        var xs = (f.isEmpty ? snap.exclusions : snap.exclusions.filter { f.matches(searchText($0)) })
        if state.sortMode(.exclusions) == .suppressed {
            xs.sort { ($0.suppressedCount, $1.name) > ($1.suppressedCount, $0.name) }
        } else {
            xs.sort { $0.name.lowercased() < $1.name.lowercased() }
        }
        return xs
    }

    static func searchText(_ x: ExclusionSummary) -> String { "\(x.name) \(x.id) \(x.ruleIds.joined(separator: " "))" }

    static func draw(_ c: Canvas, _ snap: Snapshot, _ state: DashboardState, rect: Rect, focused: Bool) {
        let xs = exclusions(snap, state)
        var title = "6 Exclusions (\(xs.count))"
        if state.sortMode(.exclusions) == .suppressed { title += "  sort: suppressed" }
        if !snap.exclusionErrors.isEmpty { title += "  \(snap.exclusionErrors.count) error\(snap.exclusionErrors.count == 1 ? "" : "s") (see detail)" }
        if !state.filter(.exclusions).isEmpty { title += "  /\(state.filter(.exclusions).text)" }
        c.box(rect, title: title, focused: focused)
        let inner = rect.inner
        guard inner.height >= 1, inner.width > 20 else { return }
        if xs.isEmpty { c.text("no exclusions", row: inner.row, col: inner.col, width: inner.width, role: .dim); return }
        let sel = state.selection(.exclusions, keys: xs.map(\.id))
        let off = state.offset(.exclusions, selected: sel, count: xs.count, height: inner.height)
        let w = inner.width
        for i in 0..<min(inner.height, xs.count - off) {
            let x = xs[off + i]
            let row = inner.row + i
            var st = c.style(x.enabled ? .main : .dim)
            if off + i == sel { st = c.selectedStyle(focused: focused, base: st) }
            c.screen.fill(row: row, col: inner.col, count: w, style: st)
            let box = x.enabled ? "[\(c.glyphs.check)]" : "[ ]"
            var col = c.text(box + " ", row: row, col: inner.col, width: 4, style: st)
            let count = !x.enabled ? "off, \(x.matching) match" : x.shadow ? "\(x.suppressedCount) shadowed" : "\(x.suppressedCount) suppressed"
            let names = x.ruleIds.map { id in snap.rules.first { $0.id == id }?.name ?? id }
            let tail = "  \(count)  rules: \(names.joined(separator: ", "))"
            let shadow = x.shadow ? "SHADOW " : ""
            if x.shadow { col = c.text(shadow, row: row, col: col, width: 7, style: focused && off + i == sel ? st : c.style(.warning)) }
            let nameW = max(6, min(Sanitizer.width(x.name), w - (col - inner.col) - min(Sanitizer.width(tail), w / 2)))
            col = c.text(x.name, row: row, col: col, width: nameW, style: st)
            c.text(tail, row: row, col: col, width: inner.col + w - col, style: st)
        }
    }
}
