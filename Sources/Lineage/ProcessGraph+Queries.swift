extension ProcessGraph {
    /// The process that caused the event (the initiating process).
    public func node(for event: EventRef) -> NodeID? {
        guard let rec = events[event], rec.actor >= 0 else { return nil }
        return nodeID(rec.actor)
    }

    /// The process a DeviceProcessEvents event created, while retained.
    public func createdNode(for event: EventRef) -> NodeID? {
        guard let id = events[event]?.subject else { return nil }
        return slot(id).map { _ in id }
    }

    public func summary(of event: EventRef) -> EventSummary? { events[event]?.summary }

    public func process(_ id: NodeID) -> ProcessNode? { slot(id).map(snapshot) }

    /// Ancestors of a node, root first; the node itself last when `includingSelf`.
    public func ancestors(of id: NodeID, includingSelf: Bool = false) -> [ProcessNode] {
        guard let s = slot(id) else { return [] }
        var out: [ProcessNode] = []
        if includingSelf { out.append(snapshot(s)) }
        var p = nodes[Int(s)].parent
        while p >= 0 && out.count <= options.maxDepth {
            out.append(snapshot(p))
            p = nodes[Int(p)].parent
        }
        out.reverse()
        return out
    }

    /// Every retained instance of a PID on a device (DeviceId or DeviceName), oldest first.
    public func findProcess(device: String, pid: Int64) -> [NodeID] {
        let key = device.lowercased()
        guard let d = deviceIndex[key] ?? deviceIndex["name:" + key] else { return [] }
        let list = byPid[PidKey(device: d, pid: pid)] ?? []
        return list.sorted { (nodes[Int($0)].startTime ?? .min) < (nodes[Int($1)].startTime ?? .min) }.map(nodeID)
    }

    /// The `Lineage` field of a hit: root first, ending with the acting process; for a
    /// process-creation event the created process comes last.
    public func chain(forEvent event: EventRef) -> [LineageEntry] {
        guard let rec = events[event] else { return [] }
        if let sub = rec.subject, slot(sub) != nil {
            return ancestors(of: sub, includingSelf: true).map(LineageEntry.init)
        }
        guard rec.actor >= 0 else { return [] }
        return ancestors(of: nodeID(rec.actor), includingSelf: true).map(LineageEntry.init)
    }

    /// A node and everything under it, with each process's events.
    public func subtree(of id: NodeID, maxNodes: Int = 500, maxEventsPerNode: Int = 50) -> LineageTree? {
        guard let s = slot(id) else { return nil }
        var out: [LineageTree.Node] = []
        appendSubtree(s, depth: 0, focusEvent: nil, focus: s, maxNodes: maxNodes, maxEvents: maxEventsPerNode, into: &out)
        return LineageTree(nodes: out, rootParentUnresolved: nodes[Int(s)].parent < 0 && nodes[Int(s)].link == .unresolved,
                           focusEvent: nil, focusNode: id)
    }

    /// The tree around an event: its acting process's ancestors (root first, without
    /// their events), then the acting process's subtree with events.
    public func tree(aroundEvent event: EventRef, maxNodes: Int = 500, maxEventsPerNode: Int = 50) -> LineageTree? {
        guard let rec = events[event], rec.actor >= 0 else { return nil }
        let chain = ancestors(of: nodeID(rec.actor), includingSelf: false)
        var out: [LineageTree.Node] = []
        for (d, p) in chain.enumerated() {
            out.append(LineageTree.Node(process: p, depth: d, events: [], moreEvents: nonCreationEvents(slot(p.id)!),
                                        moreChildren: max(0, p.childCount - 1), onFocusPath: true, isFocus: false))
        }
        appendSubtree(rec.actor, depth: chain.count, focusEvent: event, focus: rec.actor,
                      maxNodes: maxNodes, maxEvents: maxEventsPerNode, into: &out)
        let root = chain.first.flatMap { slot($0.id) } ?? rec.actor
        return LineageTree(nodes: out, rootParentUnresolved: nodes[Int(root)].parent < 0,
                           focusEvent: event, focusNode: nodeID(rec.actor))
    }

    func appendSubtree(_ s: Int32, depth: Int, focusEvent: EventRef?, focus: Int32, maxNodes: Int, maxEvents: Int,
                       into out: inout [LineageTree.Node]) {
        // Iterative pre-order so deep chains cannot overflow the stack.
        var stack: [(Int32, Int)] = [(s, depth)]
        while let (n, d) = stack.popLast() {
            let node = nodes[Int(n)]
            // A created child is shown as a child node; list the other events: the oldest up to
            // `maxEvents`, and the focus event wherever it is. Work is bounded by what is listed.
            var focusLine: LineageTree.EventLine?
            if n == focus, let fe = focusEvent, let rec = events[fe], rec.actor == n, rec.subject.flatMap(slot) == nil {
                focusLine = LineageTree.EventLine(ref: fe, summary: rec.summary, isFocus: true)
            }
            let limit = focusLine == nil ? maxEvents : max(0, maxEvents - 1)
            var lines: [LineageTree.EventLine] = []
            for e in node.events.elements {
                if lines.count >= limit { break }
                guard e != focusLine?.ref, let rec = events[e] else { continue }
                if rec.subject.flatMap(slot) != nil { continue }
                lines.append(LineageTree.EventLine(ref: e, summary: rec.summary, isFocus: false))
            }
            if let f = focusLine { lines.insert(f, at: lines.firstIndex { $0.ref > f.ref } ?? lines.endIndex) }
            let hidden = max(0, node.events.count - node.creationEvents - lines.count)
            let kids = node.children.sorted { (nodes[Int($0)].startTime ?? .min) < (nodes[Int($1)].startTime ?? .min) }
            let room = max(0, maxNodes - out.count - 1 - stack.count)
            let shown = Array(kids.prefix(room))
            out.append(LineageTree.Node(process: snapshot(n), depth: d, events: lines, moreEvents: hidden,
                                        moreChildren: kids.count - shown.count, onFocusPath: n == focus, isFocus: n == focus))
            for k in shown.reversed() { stack.append((k, d + 1)) }
        }
    }

    /// Events of a node other than the creation of a still-retained child.
    func nonCreationEvents(_ s: Int32) -> Int { nodes[Int(s)].events.count - nodes[Int(s)].creationEvents }

    func snapshot(_ s: Int32) -> ProcessNode {
        let n = nodes[Int(s)]
        let name = deviceNames[Int(n.device)]
        return ProcessNode(id: nodeID(s), device: name.isEmpty ? deviceIds[Int(n.device)] : name,
                           deviceId: deviceIds[Int(n.device)], processId: n.pid, creationTime: n.startTime,
                           fileName: n.fileName, folderPath: n.folderPath, commandLine: n.commandLine,
                           accountName: n.account, inferred: !n.observed,
                           parent: n.parent >= 0 ? nodeID(n.parent) : nil, link: n.link,
                           childCount: n.children.count, eventCount: n.events.count)
    }
}
