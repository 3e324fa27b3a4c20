/// What one row says about one process.
struct Claim {
    var pid: Int64?
    var time: Int64?
    var name: String
    var folder: String
    var commandLine: String
    var account: String
}

extension ProcessGraph {
    /// Quality of a match; lower is better.
    enum Match: Int, Comparable {
        case exact = 0, tolerant, fallback
        static func < (a: Match, b: Match) -> Bool { a.rawValue < b.rawValue }
    }

    /// Finds the node a claim names, or creates one. PID 0/absent, or a claim with neither
    /// time nor name, names nobody (never join on PID alone).
    func resolve(_ c: Claim, device: Int32, asCreationRow: Bool, activity: Int64?) -> Int32? {
        guard let pid = c.pid, pid > 0 else { return nil }
        if c.time == nil && c.name.isEmpty { return nil }
        let key = PidKey(device: device, pid: pid)
        var best: (slot: Int32, match: Match, distance: Int64)?
        for cand in byPid[key] ?? [] {
            guard let m = match(c, Int(cand), asCreationRow: asCreationRow, activity: activity) else { continue }
            if best == nil || m.0 < best!.match || (m.0 == best!.match && m.1 < best!.distance) {
                best = (cand, m.0, m.1)
            }
        }
        if let best {
            let wasObserved = nodes[Int(best.slot)].observed
            merge(c, into: best.slot, asCreationRow: asCreationRow)
            if asCreationRow, !wasObserved, c.time != nil {
                rebalanceTimelessChildren(byPid[key] ?? [], name: nodes[Int(best.slot)].fileName)
            }
            return best.slot
        }
        let s = newNode(device: device, pid: pid)
        merge(c, into: s, asCreationRow: asCreationRow)
        byPid[key, default: []].append(s)
        if asCreationRow, c.time != nil { rebalanceTimelessChildren(byPid[key] ?? [], name: nodes[Int(s)].fileName) }
        return s
    }

    /// Children that named their parent by PID + name only (no start time) belong to the
    /// latest instance of that PID + image started before them. When a creation row gives an
    /// instance its start, re-home such children among the instances now known.
    func rebalanceTimelessChildren(_ candidates: [Int32], name: String) {
        let same = candidates.filter { ASCIICase.equal(nodes[Int($0)].fileName, name) }
        guard same.count > 1 else { return }
        for cand in same {
            for child in nodes[Int(cand)].children {
                guard nodes[Int(child)].parentClaimTime == nil, let cs = nodes[Int(child)].startTime else { continue }
                var home: Int32 = -1, homeStart = Int64.min
                for other in same {
                    guard let os = nodes[Int(other)].startTime, os <= cs + options.tolerance, os > homeStart else { continue }
                    home = other; homeStart = os
                }
                guard home >= 0, home != cand, !isAncestor(child, of: home) else { continue }
                if let k = nodes[Int(cand)].children.firstIndex(of: child) { nodes[Int(cand)].children.remove(at: k) }
                nodes[Int(child)].parent = home
                nodes[Int(home)].children.append(child)
                nodes[Int(home)].earliestActivity = min(nodes[Int(home)].earliestActivity, cs)
                relabel(child)
            }
        }
    }

    /// True when `a` is `b` or one of its ancestors.
    func isAncestor(_ a: Int32, of b: Int32) -> Bool {
        var p = b, depth = 0
        while p >= 0 && depth <= options.maxDepth {
            if p == a { return true }
            p = nodes[Int(p)].parent
            depth += 1
        }
        return depth > options.maxDepth
    }

    /// How well claim `c` names node `i`, with a distance to break ties; nil if it does not.
    /// Reads the node's fields in place (copying a `Node` retains all its strings).
    func match(_ c: Claim, _ i: Int, asCreationRow: Bool, activity: Int64?) -> (Match, Int64)? {
        let bothNamed: Bool
        if c.name.isEmpty || nodes[i].fileName.isEmpty {
            bothNamed = false
        } else {
            guard ASCIICase.equal(c.name, nodes[i].fileName) else { return nil }
            bothNamed = true
        }
        let rowTime = nodes[i].rowTime, refTime = nodes[i].refTime
        // Two creation rows with different creation times are two processes (PID reuse).
        if asCreationRow, let r = rowTime, let t = c.time, r != t { return nil }
        guard let t = c.time else {
            // No time: PID + image name, latest candidate not after the activity.
            guard bothNamed, let nt = refTime ?? rowTime else { return bothNamed ? (.fallback, .max - 1) : nil }
            if let activity, nt > activity + options.tolerance { return nil }
            return (.fallback, activity.map { max(0, $0 - nt) } ?? 0)
        }
        var bestDistance = Int64.max
        if let r = rowTime {
            bestDistance = t > r ? t - r : r - t
            if bestDistance == 0 { return (.exact, 0) }
        }
        if let f = refTime {
            let d = t > f ? t - f : f - t
            if d == 0 { return (.exact, 0) }
            bestDistance = min(bestDistance, d)
        }
        if bestDistance <= options.tolerance { return (.tolerant, bestDistance) }
        guard bothNamed else { return nil }
        // A node known only by PID + name (e.g. from Sysmon rows, which carry no parent start
        // time): a creation row claims it if it started before anything the node did.
        if asCreationRow, rowTime == nil, refTime == nil {
            let earliest = nodes[i].earliestActivity
            guard earliest != .max, t <= earliest + options.tolerance else { return nil }
            return (.fallback, earliest - t)
        }
        // Fallback: one side is a creation row whose time may be the (later) event time,
        // the other the real start named by a child; the row may lag by up to the window.
        let rowT: Int64, refT: Int64
        if asCreationRow {
            guard let f = refTime, rowTime == nil else { return nil }
            rowT = t; refT = f
        } else {
            guard let r = rowTime else { return nil }
            rowT = r; refT = t
        }
        guard rowT >= refT - options.tolerance, rowT <= refT + options.fallbackWindow else { return nil }
        return (.fallback, rowT - refT)
    }

    func newNode(device: Int32, pid: Int64) -> Int32 {
        var n = Node()
        n.device = device
        n.pid = pid
        let s: Int32
        if let free = freeSlots.popLast() {
            n.generation = nodes[Int(free)].generation &+ 1
            nodes[Int(free)] = n
            s = free
        } else {
            s = Int32(nodes.count)
            nodes.append(n)
        }
        liveNodes += 1
        counters.inferred += 1
        counters.unresolved += 1
        order.append(.node(nodeID(s)))
        return s
    }

    /// Fills what the node lacks from the claim; a creation row upgrades an inferred node.
    func merge(_ c: Claim, into s: Int32, asCreationRow: Bool) {
        let i = Int(s)
        if nodes[i].fileName.isEmpty { nodes[i].fileName = c.name }
        if nodes[i].folderPath.isEmpty { nodes[i].folderPath = c.folder }
        if nodes[i].commandLine.isEmpty { nodes[i].commandLine = c.commandLine }
        if nodes[i].account.isEmpty { nodes[i].account = c.account }
        if asCreationRow {
            if nodes[i].rowTime == nil { nodes[i].rowTime = c.time }
            if !nodes[i].observed {
                nodes[i].observed = true
                counters.inferred -= 1
                for child in nodes[i].children { relabel(child) }
            }
        } else if nodes[i].refTime == nil, let t = c.time {
            nodes[i].refTime = t
        }
    }

    /// Attaches `child` under `parent` unless it already has a parent, would close a
    /// cycle, or would put the parent's start after the child's. The child's own creation
    /// row (`fromCreationRow`) outranks a parent named by a grandchild's row: the sensor's
    /// logical initiator (e.g. explorer.exe) beats the broker that technically created it.
    func link(child: Int32, to parent: Int32, claimTime: Int64?, fromCreationRow: Bool) {
        let ci = Int(child)
        let old = nodes[ci].parent
        if old == parent { return }
        if old >= 0 && (nodes[ci].parentFromCreationRow || !fromCreationRow) { return }
        guard child != parent else { counters.refusedLinks += 1; return }
        if let ps = nodes[Int(parent)].startTime, let cs = nodes[ci].startTime,
           ps > cs + options.fallbackWindow {
            counters.refusedLinks += 1; return
        }
        var p = parent, depth = 0
        while p >= 0 {
            if p == child || depth >= options.maxDepth { counters.refusedLinks += 1; return }
            p = nodes[Int(p)].parent
            depth += 1
        }
        if old >= 0, let k = nodes[Int(old)].children.firstIndex(of: child) {
            nodes[Int(old)].children.remove(at: k)
        }
        nodes[ci].parent = parent
        nodes[ci].parentClaimTime = claimTime
        nodes[ci].parentFromCreationRow = fromCreationRow
        if let cs = nodes[ci].startTime {
            nodes[Int(parent)].earliestActivity = min(nodes[Int(parent)].earliestActivity, cs)
        }
        nodes[Int(parent)].children.append(child)
        relabel(child)
    }

    /// Recomputes a node's link kind and keeps the counters in step.
    func relabel(_ s: Int32) {
        let i = Int(s)
        let new = linkKind(of: s)
        let old = nodes[i].link
        guard new != old else { return }
        adjust(old, by: -1)
        adjust(new, by: 1)
        nodes[i].link = new
    }

    func linkKind(of s: Int32) -> LinkKind {
        let i = Int(s)
        let parent = nodes[i].parent
        guard parent >= 0 else { return .unresolved }
        let p = Int(parent)
        guard nodes[p].observed else { return .inferredParent }
        guard let claim = nodes[i].parentClaimTime, let r = nodes[p].rowTime else { return .fallback }
        let d = claim > r ? claim - r : r - claim
        if d == 0 { return .exact }
        return d <= options.tolerance ? .tolerant : .fallback
    }

    func adjust(_ k: LinkKind, by d: Int) {
        switch k {
        case .exact: counters.linkedExact += d
        case .tolerant: counters.linkedTolerant += d
        case .fallback: counters.linkedFallback += d
        case .inferredParent: counters.linkedToInferred += d
        case .unresolved: counters.unresolved += d
        }
    }
}

/// ASCII case folding for image names (Windows file names compare case-insensitively).
enum ASCIICase {
    static func equal(_ a: String, _ b: String) -> Bool {
        let ua = a.utf8, ub = b.utf8
        guard ua.count == ub.count else { return false }
        let fast = ua.withContiguousStorageIfAvailable { pa in
            ub.withContiguousStorageIfAvailable { pb in
                for i in 0..<pa.count where pa[i] != pb[i] && fold(pa[i]) != fold(pb[i]) { return false }
                return true
            }
        }
        if let fast = fast ?? nil { return fast }
        var ia = ua.makeIterator(), ib = ub.makeIterator()
        while true {
            switch (ia.next(), ib.next()) {
            case (nil, nil): return true
            case let (x?, y?):
                if x == y { continue }
                if fold(x) != fold(y) { return false }
            default: return false
            }
        }
    }
    @inline(__always) static func fold(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c | 0x20 : c }
}
