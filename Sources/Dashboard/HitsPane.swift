import Engine
import Terminal

/// The hits of the selected rule; in device/process order repeated device and process are
/// shown once per group, with the group's size.
enum HitsPane: IdListPane {
    static let pane = PaneID.hits
    static func rows(_ snap: Snapshot, _ state: DashboardState) -> HitsView { hits(snap, state) }
    static func id(_ h: RuleHit) -> UInt64 { h.hitId }

    static func hits(_ snap: Snapshot, _ state: DashboardState) -> HitsView {
        guard let rule = RulesPane.selected(snap, state) else { return HitsView(all: [], order: []) }
        guard let memo = state.frame else { return sortedHits(snap, state, rule: rule) }
        return memo.hits(.init(what: rule.id, filter: state.filter(.hits), sort: state.sortMode(.hits))) {
            sortedHits(snap, state, rule: rule)
        }
    }

    static func sortedHits(_ snap: Snapshot, _ state: DashboardState, rule: RuleSummary) -> HitsView {
        let f = state.filter(.hits)
        let all = snap.hits(of: rule.id)
        var order = Array(all.indices)
        if !f.isEmpty { order = order.filter { f.matches(searchText(all[$0])) } }
        // Sort plain numbers: each hit's group as its rank among the groups' keys, then newest first.
        var rank: [String: Int] = [:]
        if state.sortMode(.hits) == .grouped {
            for i in order { rank[all[i].groupKey] = 0 }
            for (r, k) in rank.keys.sorted().enumerated() { rank[k] = r }
        }
        var keyed = order.map { i -> (group: Int, time: Int64, id: UInt64, index: Int) in
            let h = all[i]
            return (rank[h.groupKey] ?? 0, h.time, h.hitId, i)
        }
        keyed.sort { a, b in a.group != b.group ? a.group < b.group : (a.time, a.id) > (b.time, b.id) }
        return HitsView(all: all, order: keyed.map(\.index))
    }

    static func searchText(_ h: RuleHit) -> String {
        "\(clock(h.time)) \(h.device) \(h.processFileName) \(h.processCommandLine) \(h.path) \(h.suppressedBy.joined(separator: " ")) \(h.triage.state.rawValue) \(h.triage.note)"
    }

    static func draw(_ c: Canvas, _ snap: Snapshot, _ state: DashboardState, rect: Rect, focused: Bool) {
        let rule = RulesPane.selected(snap, state)
        let hs = hits(snap, state)
        var title = "3 Hits"
        if let r = rule { title += " (\(hs.count)): \(r.name)" }
        if state.sortMode(.hits) == .newest { title += "  sort: newest" }
        if !state.filter(.hits).isEmpty { title += "  /\(state.filter(.hits).text)" }
        c.box(rect, title: title, focused: focused)
        let inner = rect.inner
        guard inner.height >= 2, inner.width > 20 else { return }
        let w = inner.width
        let grouped = state.sortMode(.hits) == .grouped
        let devW = w >= 70 ? 16 : 11, procW = w >= 70 ? 16 : 11
        var x = inner.col
        for (hdr, cw) in [("TIME", 8), ("DEVICE", devW), ("PROCESS", procW), ("#", 4)] {
            c.text(hdr, row: inner.row, col: x, width: cw, role: .header); x += cw + 1
        }
        c.text("PATH", row: inner.row, col: x, width: inner.col + w - x, role: .header)
        let h = inner.height - 1
        let sel = state.selection(.hits, ids: hs.lazy.map(\.hitId))
        let off = state.offset(.hits, selected: sel, count: hs.count, height: h)
        if hs.isEmpty {
            c.text(rule == nil ? "select a rule" : "no hits", row: inner.row + 1, col: inner.col, width: w, role: .dim)
        }
        // Group sizes by (device, process), for the first row of each group.
        var groupSize: [Int: Int] = [:]
        if grouped {
            var i = 0
            while i < hs.count {
                var j = i + 1
                let key = hs[i].groupKey
                while j < hs.count, hs[j].groupKey == key { j += 1 }
                groupSize[i] = j - i
                i = j
            }
        }
        for i in 0..<min(h, max(0, hs.count - off)) {
            let idx = off + i
            let hit = hs[idx]
            let row = inner.row + 1 + i
            // Hits listed with exclusions are shadow-mode ones (the engine hides the others): greyed.
            let excluded = !hit.suppressedBy.isEmpty
            var st = c.style(excluded ? .suppressed : .main)
            if idx == sel { st = c.selectedStyle(focused: focused, base: st) }
            c.screen.fill(row: row, col: inner.col, count: w, style: st)
            let repeated = grouped && idx > 0 && sameGroup(hs[idx - 1], hit) && i > 0
            var x = inner.col
            c.text(clock(hit.time), row: row, col: x, width: 8, style: st); x += 9
            c.text(repeated ? c.glyphs.ditto : hit.device, row: row, col: x, width: devW, style: st); x += devW + 1
            c.text(repeated ? c.glyphs.ditto : hit.processFileName, row: row, col: x, width: procW, style: st); x += procW + 1
            let n = groupSize[idx].map { $0 > 1 ? "x\($0)" : "" } ?? ""
            c.text(n, row: row, col: x, width: 4, style: st); x += 5
            if !hit.suppressedBy.isEmpty {
                // Shadow-mode exclusions only mark what they would suppress.
                let shadowOnly = hit.suppressedBy.allSatisfy { id in snap.exclusions.first { $0.id == id }?.shadow == true }
                let tag = "[\(shadowOnly ? "shadow" : "excluded"):\(hit.suppressedBy.joined(separator: ","))] "
                let tagStyle = idx == sel ? st : c.style(shadowOnly ? .warning : .suppressed)
                x = c.text(tag, row: row, col: x, width: inner.col + w - x, style: tagStyle)
            }
            let mark = TriageKeys.tag(hit.triage)
            if !mark.isEmpty {
                x = c.text(mark, row: row, col: x, width: inner.col + w - x, style: idx == sel ? st : c.style(.warning))
            }
            c.tail(hit.path, row: row, col: x, width: inner.col + w - x, style: st)
        }
    }

    static func sameGroup(_ a: RuleHit, _ b: RuleHit) -> Bool { a.groupKey == b.groupKey }
}

typealias HitsView = ListView<RuleHit>
