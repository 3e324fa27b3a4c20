import KQL

/// Renders a `LineageTree` as indented text with box-drawing (or ASCII) guides.
public enum LineageTextRenderer {
    public static func render(_ tree: LineageTree, unicode: Bool = true, width: Int? = nil) -> String {
        let g = unicode
            ? (tee: "├─ ", last: "└─ ", pipe: "│  ", blank: "   ", event: "• ", focus: " ◀", unresolved: "? ")
            : (tee: "|- ", last: "`- ", pipe: "|  ", blank: "   ", event: "* ", focus: " <==", unresolved: "? ")
        var lines: [String] = []
        if tree.rootParentUnresolved, !tree.nodes.isEmpty {
            lines.append(g.unresolved + "(parent unresolved)")
        }
        let nodes = tree.nodes
        // hasLaterSibling[i]: another node at the same depth follows before the depth drops below it.
        var hasLaterSibling = [Bool](repeating: false, count: nodes.count)
        var seenAtDepth: [Bool] = []
        for i in stride(from: nodes.count - 1, through: 0, by: -1) {
            let d = nodes[i].depth
            if seenAtDepth.count <= d { seenAtDepth += [Bool](repeating: false, count: d + 1 - seenAtDepth.count) }
            hasLaterSibling[i] = seenAtDepth[d]
            seenAtDepth[d] = true
            for k in (d + 1)..<max(d + 1, seenAtDepth.count) { seenAtDepth[k] = false }
        }
        // open[k]: the guide column for depth k continues below the current line.
        var open: [Bool] = []
        for (i, n) in nodes.enumerated() {
            let d = n.depth
            if open.count < d + 1 { open += [Bool](repeating: false, count: d + 1 - open.count) }
            open[d] = hasLaterSibling[i]
            var prefix = ""
            if d > 0 {
                for k in 1..<d { prefix += open[k] ? g.pipe : g.blank }
                prefix += hasLaterSibling[i] ? g.tee : g.last
            }
            lines.append(prefix + headline(n, focus: g.focus))
            var childPrefix = ""
            if d > 0 { for k in 1...d { childPrefix += open[k] ? g.pipe : g.blank } }
            let hasChildren = i + 1 < nodes.count && nodes[i + 1].depth > d
            let eventPrefix = childPrefix + (hasChildren ? g.pipe : g.blank)
            for e in n.events {
                lines.append(eventPrefix + g.event + eventText(e.summary) + (e.isFocus ? g.focus : ""))
            }
            if n.moreEvents > 0 {
                lines.append(eventPrefix + (unicode ? "… " : "... ") + "\(n.moreEvents) more event(s)")
            }
            if n.moreChildren > 0 {
                lines.append(eventPrefix + (unicode ? "… " : "... ") + "\(n.moreChildren) more child process(es)")
            }
        }
        if let w = width {
            lines = lines.map { DisplayText.truncate($0, width: w, unicode: unicode) }
        }
        return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }

    static func headline(_ n: LineageTree.Node, focus: String) -> String {
        let p = n.process
        var s = DisplayText.sanitize(p.fileName.isEmpty ? "<unknown image>" : p.fileName)
        s += " (pid \(p.processId)"
        if let t = p.creationTime { s += ", " + Ticks.formatDatetime(t) }
        s += ")"
        if p.inferred { s += " [inferred]" }
        if !p.commandLine.isEmpty { s += "  " + DisplayText.sanitize(p.commandLine) }
        if n.isFocus { s += focus }
        return s
    }

    static func eventText(_ e: EventSummary) -> String {
        var s = ""
        if let t = e.time { s += Ticks.formatDatetime(t) + " " }
        s += DisplayText.sanitize(e.actionType.isEmpty ? e.table : e.actionType)
        if !e.detail.isEmpty { s += " " + DisplayText.sanitize(e.detail) }
        if !e.reportId.isEmpty { s += " [ReportId " + DisplayText.sanitize(e.reportId) + "]" }
        return s
    }
}
