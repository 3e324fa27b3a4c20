import Engine
import Terminal

/// Applies keys to the UI state. Pure apart from the commands it returns for the engine.
public struct KeyHandler: Sendable {
    public var table: KeyTable

    public init(table: KeyTable = .standard) { self.table = table }

    /// Handles one key against the latest snapshot and a screen of `rows`×`cols`.
    /// Returns the commands to send to the engine.
    public func handle(_ key: Key, state: inout DashboardState, snapshot latest: Snapshot,
                       rows: Int, cols: Int, unicode: Bool = true) -> [EngineCommand] {
        let before = state
        defer { if !sameUI(before, state) { state.revision &+= 1 } }
        if key == .resize { state.revision &+= 1; return [] }
        if key == .hangup { state.quitRequested = true; return [.quit] }
        let snap = state.frozen ?? latest
        let glyphs: Glyphs = unicode ? .unicode : .ascii
        let layout = Layout(rows: rows, cols: cols, focus: state.focus)

        // Editing a new exclusion: keys edit the predicate; each change asks the engine for a preview.
        if var ed = state.exclusionEditor {
            if key == .ctrlC { state.quitRequested = true; return [.quit] }
            switch ed.handle(key) {
            case .cancel: state.exclusionEditor = nil
            case .save:
                // Saved only once the engine has checked this very text without error.
                if let p = ed.preview(in: latest), p.error == nil {
                    state.exclusionEditor = nil
                    return [.addExclusion(ed.draft)]
                }
                return [.previewExclusion(ed.draft)]
            case .edited: state.exclusionEditor = ed; return [.previewExclusion(ed.draft)]
            case .none: state.exclusionEditor = ed
            }
            return []
        }

        // Typing a triage note: keys edit it; Enter sends it to the engine, which stores it.
        if var note = state.noteInput {
            if key == .ctrlC { state.quitRequested = true; return [.quit] }
            switch note.handle(key) {
            case .save:
                state.noteInput = nil
                return note.command(latest).map { [$0] } ?? []
            case .cancel: state.noteInput = nil
            case .edited, .none: state.noteInput = note
            }
            return []
        }

        // Typing a filter: keys edit the text, which applies live.
        if var input = state.filterInput {
            switch key {
            case .enter: state.filterInput = nil
            case .escape: state.filterInput = nil; state.filters[state.focus] = nil
            case .ctrlC: state.quitRequested = true; return [.quit]
            case .backspace: if !input.isEmpty { input.removeLast() }; state.filterInput = input; setFilter(input, &state)
            case .char(let ch): input.append(ch); state.filterInput = input; setFilter(input, &state)
            default: break
            }
            return []
        }

        if case .mouse(let r, let c) = key {
            guard !layout.tooSmall, !state.showHelp else { return [] }
            if let t = layout.tabBarRow, r == t {
                var x = 0
                for p in PaneID.allCases {
                    let w = Sanitizer.width(" \(p.rawValue) \(p.title) ")
                    if c >= x && c < x + w { focus(p, &state) }
                    x += w
                }
                return []
            }
            guard let p = layout.pane(atRow: r, col: c), let rect = layout.panes[p] else { return [] }
            focus(p, &state)
            let ents = entries(p, snap, state, layout: layout, glyphs: glyphs)
            let headerRows = [.feed, .rules, .hits].contains(p) ? 1 : 0
            let h = max(1, layout.contentHeight(p) - headerRows)
            let sel = state.selection(p, keys: ents.map(\.key))
            let off = state.offset(p, selected: sel, count: ents.count, height: h)
            let idx = off + (r - rect.row - 1 - headerRows)
            if r > rect.row + headerRows, idx >= 0, idx < ents.count { select(p, idx, ents, &state, height: h) }
            return []
        }

        guard let action = table.action(for: key) else { return [] }
        if layout.tooSmall && action != .quit { return [] }
        if state.showHelp {
            switch action {
            case .help, .back: state.showHelp = false
            case .quit: state.quitRequested = true; return [.quit]
            default: break
            }
            return []
        }
        let p = state.focus
        let ents = entries(p, snap, state, layout: layout, glyphs: glyphs)
        let h = max(1, layout.contentHeight(p) - ([.feed, .rules, .hits].contains(p) ? 1 : 0))
        let cur = state.selection(p, keys: ents.map(\.key))
        switch action {
        case .moveUp: move(p, to: (cur ?? 0) - 1, ents, &state, height: h)
        case .moveDown: move(p, to: (cur ?? -1) + 1, ents, &state, height: h)
        case .pageUp: move(p, to: (cur ?? 0) - h, ents, &state, height: h)
        case .pageDown: move(p, to: (cur ?? 0) + h, ents, &state, height: h)
        case .top: move(p, to: 0, ents, &state, height: h)
        case .bottom: move(p, to: ents.count - 1, ents, &state, height: h)
        case .nextPane: focus(PaneID(rawValue: p.rawValue % PaneID.allCases.count + 1)!, &state)
        case .prevPane: focus(PaneID(rawValue: (p.rawValue + PaneID.allCases.count - 2) % PaneID.allCases.count + 1)!, &state)
        case .focusPaneByDigit:
            if case .char(let ch) = key, let n = ch.wholeNumberValue, let target = PaneID(rawValue: n) { focus(target, &state) }
        case .drillIn: drillIn(snap, &state, glyphs: glyphs)
        case .back:
            if let prev = state.stack.pop() { state.focus = prev }
            else if state.filters[p] != nil { state.filters[p] = nil }
        case .filter: state.filterInput = state.filters[p]?.text ?? ""
        case .nextMatch, .prevMatch:
            let f = state.filter(p)
            guard !f.isEmpty, !ents.isEmpty else { break }
            let step = action == .nextMatch ? 1 : -1
            var i = cur ?? -1
            for _ in 0..<ents.count {
                i = (i + step + ents.count) % ents.count
                if f.hits(ents[i].search) { select(p, i, ents, &state, height: h); break }
            }
        case .pause: state.frozen = state.frozen == nil ? latest : nil
        case .sort:
            let modes = SortMode.modes(for: p)
            if let m = state.sortMode(p), let i = modes.firstIndex(of: m) { state.sort[p] = modes[(i + 1) % modes.count] }
        case .help: state.showHelp = true
        case .quit: state.quitRequested = true; return [.quit]
        case .toggleExclusion:
            if p == .exclusions, let x = ExclusionsPane.selected(snap, state) { return [.toggleExclusion(x.id)] }
        case .toggleShadow:
            if p == .exclusions, let x = ExclusionsPane.selected(snap, state) { return [.setExclusionShadow(x.id, !x.shadow)] }
        case .newExclusion:
            if let ed = newExclusion(snap, state, layout: layout, glyphs: glyphs) {
                state.exclusionEditor = ed
                return [.previewExclusion(ed.draft)]
            }
        case .triage: return TriageKeys.commands(key, focus: p, snap, state)
        case .note: state.noteInput = NoteInput.start(snap, state)
        case .collapse, .expand:
            guard p == .tree, let i = cur else { break }
            let ls = TreePane.treeLines(snap, state, glyphs: glyphs)
            let l = ls[i]
            if action == .expand {
                if l.folded { state.collapsed.remove(l.key) }
            } else if l.foldable && !l.folded {
                state.collapsed.insert(l.key)
            } else if let parent = l.parentKey, let pi = ls.firstIndex(where: { $0.key == parent }) {
                select(p, pi, ents, &state, height: h)
            }
        }
        return []
    }

    private func sameUI(_ a: DashboardState, _ b: DashboardState) -> Bool {
        a.focus == b.focus && a.selectedKey == b.selectedKey && a.selectedIndex == b.selectedIndex && a.scroll == b.scroll
            && a.filters == b.filters && a.sort == b.sort && a.filterInput == b.filterInput && a.noteInput == b.noteInput && a.exclusionEditor == b.exclusionEditor && a.showHelp == b.showHelp
            && (a.frozen == nil) == (b.frozen == nil) && a.collapsed == b.collapsed && a.detailSource == b.detailSource
            && a.stack == b.stack && a.quitRequested == b.quitRequested
    }

    /// An editor pre-filled from the selected hit: in the hits pane on its preferred column, in the
    /// detail pane (showing a hit) on the selected row's column.
    private func newExclusion(_ snap: Snapshot, _ state: DashboardState, layout: Layout, glyphs: Glyphs) -> ExclusionEditor? {
        let ids = Set(snap.exclusions.map(\.id))
        switch state.focus {
        case .hits:
            return HitsPane.selected(snap, state).map { ExclusionEditor.fromHit($0, existingIds: ids) }
        case .detail where state.detailSource == .hits:
            guard let hit = HitsPane.selected(snap, state) else { return nil }
            let w = max(1, (layout.panes[.detail]?.width ?? layout.cols) - 2)
            let (_, f) = DetailPane.fields(snap, state, glyphs: glyphs)
            let ls = DetailPane.lines(f, width: w)
            var column: String? = nil
            if var i = state.selection(.detail, keys: ls.indices.map(String.init)) {
                while i > 0, ls[i].name.isEmpty { i -= 1 }   // a wrapped value's first line has the name
                column = ls.indices.contains(i) ? ls[i].name : nil
            }
            return ExclusionEditor.fromHit(hit, column: column, existingIds: ids)
        default:
            return nil
        }
    }

    private func setFilter(_ text: String, _ state: inout DashboardState) {
        state.filters[state.focus] = text.isEmpty ? nil : Filter(text)
    }

    private func focus(_ p: PaneID, _ state: inout DashboardState) {
        state.focus = p
        if p != .detail { state.detailSource = p }
    }

    private func move(_ p: PaneID, to index: Int, _ ents: [PaneEntry], _ state: inout DashboardState, height: Int) {
        guard !ents.isEmpty else { return }
        select(p, min(max(0, index), ents.count - 1), ents, &state, height: height)
    }

    private func select(_ p: PaneID, _ i: Int, _ ents: [PaneEntry], _ state: inout DashboardState, height: Int) {
        state.selectedKey[p] = ents[i].key
        state.selectedIndex[p] = i
        state.scroll[p] = state.offset(p, selected: i, count: ents.count, height: height)
        if p != .detail { state.detailSource = p }
        // A new rule or hit selection starts the panes below it fresh.
        if p == .rules { state.selectedKey[.hits] = nil; state.selectedIndex[.hits] = 0; state.scroll[.hits] = 0 }
        if p == .rules || p == .hits { state.selectedKey[.tree] = nil; state.selectedIndex[.tree] = 0; state.scroll[.tree] = 0 }
        if p != .detail { state.selectedIndex[.detail] = 0; state.selectedKey[.detail] = nil; state.scroll[.detail] = 0 }
    }

    private func drillIn(_ snap: Snapshot, _ state: inout DashboardState, glyphs: Glyphs) {
        let p = state.focus
        func go(_ to: PaneID) {
            state.stack.push(p)
            state.focus = to
            if to == .tree {
                // Start on the hitting process's line.
                let ls = TreePane.treeLines(snap, state, glyphs: glyphs)
                if let i = ls.lastIndex(where: { if case .node(let n) = $0.kind { return n.isHitProcess }; return false }) {
                    state.selectedKey[.tree] = ls[i].key
                    state.selectedIndex[.tree] = i
                }
            }
        }
        switch p {
        case .feed:
            if FeedPane.selected(snap, state) != nil {
                state.detailSource = .feed
                if state.selectedKey[.feed] == nil, let e = FeedPane.selected(snap, state) { state.selectedKey[.feed] = String(e.eventId) }
                go(.detail)
            }
        case .rules:
            if let r = RulesPane.selected(snap, state) {
                state.selectedKey[.rules] = r.id
                state.detailSource = .hits
                go(.hits)
            }
        case .hits:
            if let h = HitsPane.selected(snap, state) {
                state.selectedKey[.hits] = String(h.hitId)
                state.detailSource = .tree
                go(.tree)
            }
        case .tree:
            if TreePane.selected(snap, state, glyphs: glyphs) != nil { state.detailSource = .tree; go(.detail) }
        case .exclusions:
            state.detailSource = .exclusions
            go(.detail)
        case .detail:
            break
        }
    }

    func entries(_ p: PaneID, _ snap: Snapshot, _ state: DashboardState, layout: Layout, glyphs: Glyphs) -> [PaneEntry] {
        switch p {
        case .feed: return FeedPane.entries(snap, state)
        case .rules: return RulesPane.entries(snap, state)
        case .hits: return HitsPane.entries(snap, state)
        case .tree: return TreePane.entries(snap, state, glyphs: glyphs)
        case .detail:
            let w = (layout.panes[.detail]?.width ?? layout.cols) - 2
            return DetailPane.entries(snap, state, width: max(1, w), glyphs: glyphs)
        case .exclusions: return ExclusionsPane.entries(snap, state)
        }
    }
}
