import Engine
import Terminal

/// Every column of the selected event, process, rule, hit or exclusion; long values wrapped.
enum DetailPane {
    struct Line { var name: String; var value: String; var role: Role }

    /// Title and name/value fields of whatever the detail source pane has selected.
    static func fields(_ snap: Snapshot, _ state: DashboardState, glyphs: Glyphs) -> (String, [(String, String)]) {
        switch state.detailSource {
        case .feed:
            if let e = FeedPane.selected(snap, state) { return ("event \(e.eventId)", eventFields(e)) }
        case .rules:
            if let r = RulesPane.selected(snap, state) {
                return ("rule \(r.name)", [("Name", r.name), ("Id", r.id), ("Severity", r.severity), ("Tactics", r.tactic),
                                           ("Kind", r.kind), ("Hits", String(r.hitCount)),
                                           ("Last hit", r.lastHit.map(dateTime) ?? "-"), ("File", r.file), ("Query", r.query)])
            }
        case .hits:
            if let h = HitsPane.selected(snap, state) {
                var f: [(String, String)] = [("Hit", String(h.hitId)), ("Rule", h.ruleId)]
                if h.triage.state != .new { f.append(("Triage", h.triage.state.rawValue)) }
                if !h.triage.note.isEmpty { f.append(("Note", h.triage.note)) }
                if !h.suppressedBy.isEmpty { f.append(("Excluded by", h.suppressedBy.joined(separator: ", "))) }
                f += h.columns.isEmpty
                    ? [("Time", dateTime(h.time)), ("Device", h.device), ("Process", h.processFileName),
                       ("Command line", h.processCommandLine), ("Path", h.path)]
                    : h.columns.map { ($0.name, $0.value) }
                return ("hit \(h.hitId)", f)
            }
        case .tree:
            if let l = TreePane.selected(snap, state, glyphs: glyphs) {
                switch l.kind {
                case .node(let n):
                    var f: [(String, String)] = [("File name", n.fileName), ("Process id", n.pid.map(String.init) ?? "?"),
                                                 ("Command line", n.commandLine)]
                    if n.inferred { f.append(("Inferred", "yes: seen only as a parent in a child's event")) }
                    if n.unresolved { f.append(("Unresolved", "yes: parent not found")) }
                    f += n.fields.map { ($0.name, $0.value) }
                    return ("process \(n.fileName)", f)
                case .event(let e):
                    if !e.columns.isEmpty { return ("event", e.columns.map { ($0.name, $0.value) }) }
                    if let id = e.eventId, let fe = snap.feed.first(where: { $0.eventId == id }) {
                        return ("event \(id)", eventFields(fe))
                    }
                    return ("event", [("Time", dateTime(e.time)), ("Action", e.action), ("Path", e.path)])
                }
            }
        case .exclusions:
            if let x = ExclusionsPane.selected(snap, state) {
                return ("exclusion \(x.name)", [("Name", x.name), ("Id", x.id), ("Enabled", x.enabled ? "on" : "off"),
                                                ("Shadow", x.shadow ? "yes" : "no"), ("Rules", x.ruleIds.joined(separator: ", ")),
                                                ("Suppressed", String(x.suppressedCount)), ("Matching", String(x.matching)),
                                                ("Predicate", x.predicate)])
            }
        case .detail:
            break
        }
        // Nothing selected: engine health.
        var f: [(String, String)] = [("Sources", snap.sources.joined(separator: ", ")),
                                     ("Events read", String(snap.totals.eventsRead)),
                                     ("Malformed lines", String(snap.totals.malformedLines))]
        for m in snap.totals.recentMalformed { f.append(("\(m.file):\(m.line)", m.message)) }
        for e in snap.totals.ruleErrors { f.append(("Rule error", "\(e.file): \(e.message)")) }
        for e in snap.exclusionErrors { f.append(("Exclusion error", e)) }
        return ("engine", f)
    }

    static func eventFields(_ e: FeedEvent) -> [(String, String)] {
        if !e.columns.isEmpty { return e.columns.map { ($0.name, $0.value) } }
        return [("Timestamp", dateTime(e.time)), ("Table", e.table), ("DeviceName", e.device), ("ActionType", e.action),
                ("Process", e.processFileName), ("Path/command", e.pathOrCommand)]
    }

    /// Fields laid out for `width` cells: name column, value wrapped beside it.
    static func lines(_ fields: [(String, String)], width: Int) -> [Line] {
        let nameW = min(max(8, fields.map { Sanitizer.width($0.0) }.max() ?? 8), max(8, width / 3))
        let valueW = max(1, width - nameW - 1)
        var out: [Line] = []
        for (n, v) in fields {
            let parts = Sanitizer.wrap(capped(v), width: valueW)
            for (i, p) in parts.enumerated() { out.append(Line(name: i == 0 ? n : "", value: p, role: .main)) }
        }
        return out
    }

    /// Values beyond this many bytes are cut (with a note) so one huge field cannot stall a frame.
    static let maxValueBytes = 16_384

    static func capped(_ v: String) -> String {
        let n = v.utf8.count
        guard n > maxValueBytes else { return v }
        let head = String(decoding: v.utf8.prefix(maxValueBytes), as: UTF8.self)
        return head + " … (\(n - maxValueBytes) more bytes)"
    }

    static func entries(_ snap: Snapshot, _ state: DashboardState, width: Int, glyphs: Glyphs) -> [PaneEntry] {
        let (_, f) = fields(snap, state, glyphs: glyphs)
        return lines(f, width: width).enumerated().map { PaneEntry(key: String($0.offset), search: $0.element.name + " " + $0.element.value) }
    }

    static func draw(_ c: Canvas, _ snap: Snapshot, _ state: DashboardState, rect: Rect, focused: Bool) {
        let (what, f) = fields(snap, state, glyphs: c.glyphs)
        var title = "5 Detail: \(what)"
        if !state.filter(.detail).isEmpty { title += "  /\(state.filter(.detail).text)" }
        c.box(rect, title: title, focused: focused)
        let inner = rect.inner
        guard inner.height >= 1, inner.width > 10 else { return }
        let ls = lines(f, width: inner.width)
        let nameW = min(max(8, f.map { Sanitizer.width($0.0) }.max() ?? 8), max(8, inner.width / 3))
        let sel = state.selection(.detail, keys: ls.indices.map(String.init))
        let off = state.offset(.detail, selected: sel, count: ls.count, height: inner.height)
        let filt = state.filter(.detail)
        for i in 0..<min(inner.height, max(0, ls.count - off)) {
            let l = ls[off + i]
            let row = inner.row + i
            var st = c.style(filt.hits(l.name + " " + l.value) ? .match : .main)
            if focused, off + i == sel { st = c.selectedStyle(focused: true, base: st) }
            c.screen.fill(row: row, col: inner.col, count: inner.width, style: st)
            c.text(l.name, row: row, col: inner.col, width: nameW, style: focused && off + i == sel ? st : c.style(.header))
            c.text(l.value, row: row, col: inner.col + nameW + 1, width: inner.width - nameW - 1, style: st)
        }
    }
}
