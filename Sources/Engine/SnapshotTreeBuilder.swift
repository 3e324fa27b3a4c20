import KQL
import Lineage

/// Converts the lineage module's pre-order tree into the snapshot's nested tree.
enum SnapshotTreeBuilder {
    static func build(_ t: LineageTree, graph: ProcessGraph) -> SnapshotTree {
        var stack: [(depth: Int, node: SnapshotTreeNode)] = []
        var roots: [SnapshotTreeNode] = []
        func pop() {
            let (_, n) = stack.removeLast()
            if stack.isEmpty { roots.append(n) } else { stack[stack.count - 1].node.children.append(n) }
        }
        for n in t.nodes {
            while let last = stack.last, last.depth >= n.depth { _ = last; pop() }
            let p = n.process
            var fields: SnapshotColumns = [("FileName", p.fileName), ("ProcessId", String(p.processId))]
            if !p.folderPath.isEmpty { fields.append(("FolderPath", p.folderPath)) }
            if !p.commandLine.isEmpty { fields.append(("CommandLine", p.commandLine)) }
            if let c = p.creationTime { fields.append(("CreationTime", Ticks.formatDatetime(c))) }
            if !p.accountName.isEmpty { fields.append(("AccountName", p.accountName)) }
            fields.append(("Device", p.device))
            fields.append(("Link", p.link.rawValue))
            let events = n.events.map { e in
                SnapshotTreeEvent(time: e.summary.time ?? 0, action: e.summary.actionType, path: e.summary.detail,
                                  eventId: e.ref.raw, isHit: e.isFocus,
                                  columns: [("Table", e.summary.table), ("ActionType", e.summary.actionType), ("Detail", e.summary.detail), ("ReportId", e.summary.reportId)])
            }
            let node = SnapshotTreeNode(id: "\(p.deviceId)/\(p.processId)/\(p.creationTime ?? 0)", fileName: p.fileName, pid: p.processId,
                                        commandLine: p.commandLine, inferred: p.inferred, unresolved: false, isHitProcess: n.isFocus,
                                        fields: fields, events: events, children: [])
            stack.append((n.depth, node))
        }
        while !stack.isEmpty { pop() }
        if t.rootParentUnresolved, !roots.isEmpty {
            roots = [SnapshotTreeNode(id: "unresolved/\(roots[0].id)", fileName: "?", unresolved: true, children: roots)]
        }
        return SnapshotTree(roots: roots)
    }
}
