extension ProcessGraph {
    /// Drops the oldest events and nodes until nodes + events fit the budget. A node is
    /// dropped only once it has no children and no events, so no child is left dangling;
    /// a busy node goes to the back of the queue instead.
    func evictIfNeeded() {
        var deferred = 0
        while liveNodes + events.count > budget, let item = order.popFirst() {
            switch item {
            case .event(let e):
                if events[e] != nil { removeEvent(e); counters.evictedEvents += 1 }
            case .node(let id):
                guard let s = slot(id) else { continue }
                if nodes[Int(s)].children.isEmpty && nodes[Int(s)].events.isEmpty {
                    removeNode(s)
                    counters.evictedNodes += 1
                    deferred = 0
                } else {
                    order.append(item)
                    deferred += 1
                    if deferred > order.count { return }
                }
            }
        }
    }

    func removeEvent(_ e: EventRef) {
        guard let rec = events.removeValue(forKey: e) else { return }
        if rec.actor >= 0 { nodes[Int(rec.actor)].events.remove(e) }
        if let sub = rec.subject.flatMap(slot) {
            if let k = nodes[Int(sub)].createdBy.firstIndex(of: e) { nodes[Int(sub)].createdBy.remove(at: k) }
            if rec.actor >= 0 { nodes[Int(rec.actor)].creationEvents -= 1 }
        }
    }

    func removeNode(_ s: Int32) {
        let i = Int(s)
        // Take the node out, leaving the dead slot in its place.
        var n = Node(alive: false, generation: nodes[i].generation)
        swap(&n, &nodes[i])
        // Events that created this process become plain events of their actor.
        for e in n.createdBy {
            if let rec = events[e], rec.actor >= 0 { nodes[Int(rec.actor)].creationEvents -= 1 }
        }
        if n.parent >= 0, let k = nodes[Int(n.parent)].children.firstIndex(of: s) {
            nodes[Int(n.parent)].children.remove(at: k)
        }
        let key = PidKey(device: n.device, pid: n.pid)
        if var list = byPid[key], let k = list.firstIndex(of: s) {
            list.remove(at: k)
            byPid[key] = list.isEmpty ? nil : list
        }
        adjust(n.link, by: -1)
        if !n.observed { counters.inferred -= 1 }
        liveNodes -= 1
        freeSlots.append(s)
    }
}
