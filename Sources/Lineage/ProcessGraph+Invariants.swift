extension ProcessGraph {
    /// Debug-build check of the graph's structure: parent/child links agree, no cycle,
    /// parent starts before child (within the fallback window), indexes and counters agree.
    public func _checkInvariants() {
        #if DEBUG
        var live = 0, inferred = 0
        var kinds: [LinkKind: Int] = [:]
        for (i, n) in nodes.enumerated() where n.alive {
            live += 1
            if !n.observed { inferred += 1 }
            kinds[n.link, default: 0] += 1
            precondition(n.link == linkKind(of: Int32(i)), "stale link kind at \(i)")
            if n.parent >= 0 {
                let p = nodes[Int(n.parent)]
                precondition(p.alive, "dangling child \(i)")
                precondition(p.children.contains(Int32(i)), "parent does not list child \(i)")
                if let ps = p.startTime, let cs = n.startTime {
                    precondition(ps <= cs + options.fallbackWindow, "parent starts after child \(i)")
                }
            }
            for c in n.children { precondition(nodes[Int(c)].alive && nodes[Int(c)].parent == Int32(i), "bad child of \(i)") }
            var p = n.parent, steps = 0
            while p >= 0 {
                precondition(p != Int32(i), "cycle through \(i)")
                steps += 1
                precondition(steps <= live + 1 || steps <= nodes.count, "cycle above \(i)")
                p = nodes[Int(p)].parent
            }
            for e in n.events.elements { precondition(events[e]?.actor == Int32(i), "event index of \(i)") }
            let creations = n.events.elements.filter { e in events[e]?.subject.flatMap(slot) != nil }.count
            precondition(n.creationEvents == creations, "creation event count of \(i)")
            for e in n.createdBy { precondition(events[e]?.subject == nodeID(Int32(i)), "created-by index of \(i)") }
            precondition(Set(n.createdBy).count == n.createdBy.count, "created-by duplicates at \(i)")
            precondition(byPid[PidKey(device: n.device, pid: n.pid)]?.contains(Int32(i)) == true, "pid index of \(i)")
        }
        precondition(live == liveNodes, "live count")
        precondition(inferred == counters.inferred, "inferred count")
        precondition((kinds[.exact] ?? 0) == counters.linkedExact && (kinds[.tolerant] ?? 0) == counters.linkedTolerant
            && (kinds[.fallback] ?? 0) == counters.linkedFallback && (kinds[.inferredParent] ?? 0) == counters.linkedToInferred
            && (kinds[.unresolved] ?? 0) == counters.unresolved, "link counters")
        events.checkInvariants()
        var held = 0
        events.forEach { e, rec in
            held += 1
            precondition(events[e] != nil, "event \(e.raw) not found by its ref")
            if rec.actor >= 0 { precondition(nodes[Int(rec.actor)].alive, "event \(e.raw) on dead node") }
            if let sub = rec.subject.flatMap(slot) { precondition(nodes[Int(sub)].createdBy.contains(e), "event \(e.raw) missing from created-by") }
        }
        precondition(held == events.count, "event count")
        precondition(liveNodes + events.count <= budget || order.count > 0, "budget")
        #endif
    }
}
