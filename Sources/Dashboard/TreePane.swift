import Engine
import Terminal

/// One visible line of the lineage tree.
struct TreeLine {
    enum Kind { case node(SnapshotTreeNode), event(SnapshotTreeEvent) }
    var key: String
    var kind: Kind
    /// Guides drawn before the label (`│ ├─` …), as glyph strings per level.
    var guides: [String]
    var parentKey: String?
    var foldable: Bool
    var folded: Bool
}

/// The selected hit's lineage from root to the hit, with each process's events under it.
enum TreePane {
    static func lines(_ tree: SnapshotTree?, collapsed: Set<String>, glyphs: Glyphs) -> [TreeLine] {
        guard let tree else { return [] }
        var out: [TreeLine] = []
        func walk(_ n: SnapshotTreeNode, prefix: [String], connector: String?, parent: String?, depth: Int) {
            let foldable = !n.children.isEmpty || !n.events.isEmpty
            let folded = collapsed.contains(n.id)
            out.append(TreeLine(key: n.id, kind: .node(n), guides: prefix + (connector.map { [$0] } ?? []),
                                parentKey: parent, foldable: foldable, folded: folded))
            guard !folded, depth < 256 else { return }
            let childPrefix = prefix + (connector.map { $0 == glyphs.corner ? ["  "] : [glyphs.pipe] } ?? [])
            let total = n.events.count + n.children.count
            for (i, e) in n.events.enumerated() {
                let last = i == total - 1
                out.append(TreeLine(key: "\(n.id)#\(i)", kind: .event(e), guides: childPrefix + [last ? glyphs.corner : glyphs.tee],
                                    parentKey: n.id, foldable: false, folded: false))
            }
            for (j, ch) in n.children.enumerated() {
                let last = n.events.count + j == total - 1
                walk(ch, prefix: childPrefix, connector: last ? glyphs.corner : glyphs.tee, parent: n.id, depth: depth + 1)
            }
        }
        for r in tree.roots { walk(r, prefix: [], connector: nil, parent: nil, depth: 0) }
        return out
    }

    static func label(_ n: SnapshotTreeNode) -> String {
        var s = n.fileName.isEmpty ? "?" : n.fileName
        if let p = n.pid { s += " [\(p)]" }
        if n.unresolved { s += " (unresolved parent)" } else if n.inferred { s += " (inferred)" }
        if !n.commandLine.isEmpty { s += "  " + n.commandLine }
        return s
    }

    static func label(_ e: SnapshotTreeEvent) -> String { "\(clock(e.time)) \(e.action) \(e.path)" }

    static func searchText(_ l: TreeLine) -> String {
        switch l.kind {
        case .node(let n): return label(n)
        case .event(let e): return label(e)
        }
    }

    static func treeLines(_ snap: Snapshot, _ state: DashboardState, glyphs: Glyphs) -> [TreeLine] {
        lines(HitsPane.selected(snap, state).flatMap(snap.tree(for:)), collapsed: state.collapsed, glyphs: glyphs)
    }

    static func entries(_ snap: Snapshot, _ state: DashboardState, glyphs: Glyphs) -> [PaneEntry] {
        treeLines(snap, state, glyphs: glyphs).map { PaneEntry(key: $0.key, search: searchText($0)) }
    }

    static func selected(_ snap: Snapshot, _ state: DashboardState, glyphs: Glyphs) -> TreeLine? {
        let ls = treeLines(snap, state, glyphs: glyphs)
        guard let i = state.selection(.tree, keys: ls.map(\.key)) else { return nil }
        return ls[i]
    }

    static func draw(_ c: Canvas, _ snap: Snapshot, _ state: DashboardState, rect: Rect, focused: Bool) {
        let hit = HitsPane.selected(snap, state)
        let ls = lines(hit.flatMap(snap.tree(for:)), collapsed: state.collapsed, glyphs: c.glyphs)
        var title = "4 Tree"
        if let h = hit { title += ": \(h.processFileName) on \(h.device)" }
        if !state.filter(.tree).isEmpty { title += "  /\(state.filter(.tree).text)" }
        c.box(rect, title: title, focused: focused)
        let inner = rect.inner
        guard inner.height >= 1, inner.width > 10 else { return }
        if ls.isEmpty {
            c.text(hit == nil ? "select a hit" : "no lineage for this hit", row: inner.row, col: inner.col, width: inner.width, role: .dim)
            return
        }
        let sel = state.selection(.tree, keys: ls.map(\.key))
        let off = state.offset(.tree, selected: sel, count: ls.count, height: inner.height)
        let f = state.filter(.tree)
        for i in 0..<min(inner.height, ls.count - off) {
            let l = ls[off + i]
            let row = inner.row + i
            let role: Role
            let text: String
            switch l.kind {
            case .node(let n):
                role = n.unresolved ? .unresolved : n.inferred ? .inferred : n.isHitProcess ? .hit : .main
                let mark = l.foldable ? (l.folded ? c.glyphs.collapsed : c.glyphs.expanded) : " "
                text = mark + " " + label(n)
            case .event(let e):
                role = e.isHit ? .hit : .dim
                text = (e.isHit ? c.glyphs.hitMark : c.glyphs.leaf) + " " + label(e)
            }
            var st = c.style(role)
            if f.hits(searchText(l)) { st = c.style(.match) }
            if off + i == sel { st = c.selectedStyle(focused: focused, base: st) }
            let guides = l.guides.joined()
            var x = c.text(guides, row: row, col: inner.col, width: inner.width, role: .border)
            c.screen.fill(row: row, col: x, count: inner.col + inner.width - x, style: st)
            if case .event(let e) = l.kind {
                // Mark, time and action, then the path cut from the left so the file name shows.
                let head = (e.isHit ? c.glyphs.hitMark : c.glyphs.leaf) + " \(clock(e.time)) \(e.action) "
                x = c.text(head, row: row, col: x, width: inner.col + inner.width - x, style: st)
                c.tail(e.path, row: row, col: x, width: inner.col + inner.width - x, style: st)
            } else {
                c.text(text, row: row, col: x, width: inner.col + inner.width - x, style: st)
            }
        }
    }
}
