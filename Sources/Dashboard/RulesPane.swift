import Engine
import Terminal

/// One row per rule: name, tactic, severity, hit count, last hit, rate sparkline.
enum RulesPane: KeyedListPane {
    static let pane = PaneID.rules
    static func rows(_ snap: Snapshot, _ state: DashboardState) -> [RuleSummary] { rules(snap, state) }
    static func key(_ r: RuleSummary) -> String { r.id }

    static func rules(_ snap: Snapshot, _ state: DashboardState) -> [RuleSummary] {
        let f = state.filter(.rules)
        var rs = (f.isEmpty ? snap.rules : snap.rules.filter { f.matches(searchText($0)) })
        switch state.sortMode(.rules) {
        case .lastHit: rs.sort { ($0.lastHit ?? .min, $1.name) > ($1.lastHit ?? .min, $0.name) }
        case .name: rs.sort { $0.name.lowercased() < $1.name.lowercased() }
        case .severity: rs.sort { (severityRank($0.severity), $0.hitCount) > (severityRank($1.severity), $1.hitCount) }
        default: rs.sort { ($0.hitCount, $1.name) > ($1.hitCount, $0.name) }
        }
        return rs
    }

    static func severityRank(_ s: String) -> Int {
        switch s.lowercased() {
        case "high", "critical": return 3
        case "medium": return 2
        case "low": return 1
        default: return 0
        }
    }

    static func severityRole(_ s: String) -> Role {
        switch severityRank(s) { case 3: return .severityHigh; case 2: return .severityMedium; case 1: return .severityLow; default: return .severityInfo }
    }

    static func searchText(_ r: RuleSummary) -> String { "\(r.name) \(r.id) \(r.tactic) \(r.severity) \(r.kind)" }

    static func draw(_ c: Canvas, _ snap: Snapshot, _ state: DashboardState, rect: Rect, focused: Bool) {
        let rs = rules(snap, state)
        var title = "2 Rules (\(rs.count))  sort: \(state.sortMode(.rules)?.rawValue ?? "")"
        if !state.filter(.rules).isEmpty { title += "  /\(state.filter(.rules).text)" }
        if !snap.totals.ruleErrors.isEmpty { title += "  \(snap.totals.ruleErrors.count) rule errors" }
        c.box(rect, title: title, focused: focused)
        let inner = rect.inner
        guard inner.height >= 2, inner.width > 20 else { return }
        let w = inner.width
        let sparkW = w >= 70 ? 12 : 6
        let fixed: [(String, Int)] = [("TACTIC", w >= 70 ? 16 : 10), ("SEV", 6), ("HITS", 6), ("LAST", 8), ("RATE", sparkW)]
        let nameW = max(8, w - fixed.reduce(0) { $0 + $1.1 + 1 })
        c.text("RULE", row: inner.row, col: inner.col, width: nameW, role: .header)
        var x = inner.col + nameW + 1
        for (h, cw) in fixed { c.text(h, row: inner.row, col: x, width: cw, role: .header); x += cw + 1 }
        let h = inner.height - 1
        let sel = state.selection(.rules, keys: rs.map(\.id))
        let off = state.offset(.rules, selected: sel, count: rs.count, height: h)
        if rs.isEmpty { c.text("no rules", row: inner.row + 1, col: inner.col, width: w, role: .dim) }
        for i in 0..<min(h, max(0, rs.count - off)) {
            let r = rs[off + i]
            let row = inner.row + 1 + i
            let isSel = off + i == sel
            var st = c.style(r.hitCount > 0 ? .hit : .main)
            if isSel { st = c.selectedStyle(focused: focused, base: st) }
            func s(_ role: Role) -> CellStyle { isSel ? st : c.style(role) }
            c.screen.fill(row: row, col: inner.col, count: w, style: st)
            c.text(r.name, row: row, col: inner.col, width: nameW, style: st)
            var x = inner.col + nameW + 1
            c.text(r.tactic, row: row, col: x, width: fixed[0].1, style: s(.main)); x += fixed[0].1 + 1
            c.text(r.severity, row: row, col: x, width: 6, style: s(severityRole(r.severity))); x += 7
            let hits = String(r.hitCount)
            c.text(String(repeating: " ", count: max(0, 6 - hits.count)) + hits, row: row, col: x, width: 6, style: st); x += 7
            c.text(r.lastHit.map(clock) ?? "-", row: row, col: x, width: 8, style: s(.dim)); x += 9
            c.text(c.glyphs.sparkline(r.rateHistory, width: sparkW), row: row, col: x, width: sparkW, style: s(.sparkline))
        }
        // Rules that failed to load, under the rules, while there is room.
        let used = min(h, max(0, rs.count - off))
        for (i, e) in snap.totals.ruleErrors.prefix(max(0, h - used - 1)).enumerated() {
            c.text("! \(e.file): \(e.message)", row: inner.row + 2 + used + i, col: inner.col, width: w, role: .error)
        }
    }
}
