import Foundation
import KQL

/// A hit kept by the live engine with its full row, so exclusions can be evaluated and recounted
/// over every retained hit, not only new ones.
struct RetainedHit {
    var hit: RuleHit
    /// Bits of the exclusions whose predicate holds for the row, whatever their on/off state:
    /// toggling only changes which bits count, so it needs no re-evaluation.
    var mask: ExclusionBits
    var table: String
    var values: [Value]
}

struct ExclusionCounts {
    var suppressed: [Int]
    var matching: [Int]
    var hiddenPerRule: [Int]
}

extension LiveEngine {
    /// The newest hits of rule `ri` not hidden by an enabled exclusion (at most `hitsPerRule`),
    /// oldest first; hits of shadow-mode exclusions carry their ids in `suppressedBy`.
    func visibleHits(_ ri: Int) -> [RuleHit] {
        let all = hits[ri]
        guard let ex = options.exclusions, !ex.entries.isEmpty else {
            return Array(all.suffix(options.hitsPerRule).map(\.hit))
        }
        let active = ex.activeMask, hiding = ex.hidingMask
        var out: [RuleHit] = []
        var i = all.count - 1
        while i >= 0, out.count < options.hitsPerRule {
            if let h = shown(all[i].hit, mask: all[i].mask, ex, active: active, hiding: hiding) { out.append(h) }
            i -= 1
        }
        return out.reversed()
    }

    /// A hit as its rule shows it: nil when an enabled, hiding exclusion matches it, else marked
    /// with the enabled (shadow-mode) exclusions that match it.
    func shown(_ h: RuleHit, mask: ExclusionBits, _ ex: ExclusionSet, active: ExclusionBits, hiding: ExclusionBits) -> RuleHit? {
        let m = mask & active
        if m.intersects(hiding) { return nil }
        var h = h
        if !m.isEmpty { h.suppressedBy = ex.ids(m) }
        return h
    }

    /// Recomputes every rule's shown hits (after a toggle, an added exclusion or a triage mark).
    func rebuildVisible() {
        for ri in visible.indices { visible[ri] = ChunkedList(visibleHits(ri)) }
        visibleStale = false
    }

    /// Appends a new hit to what its rule shows, unless an enabled exclusion hides it.
    func showIfVisible(_ h: RuleHit, mask: ExclusionBits, rule ri: Int) {
        var h = h
        if let ex = options.exclusions, !ex.entries.isEmpty {
            guard let s = shown(h, mask: mask, ex, active: ex.activeMask, hiding: ex.hidingMask) else { return }
            h = s
        }
        visible[ri].append(h)
        visible[ri].trimFront(keeping: max(1, options.hitsPerRule))
    }

    /// A retained hit by id (hit ids increase within a rule, so each rule's list is searched by halving).
    func retainedHit(_ id: UInt64) -> RuleHit? {
        for ri in hits.indices {
            var lo = 0, hi = hits[ri].count
            while lo < hi {
                let mid = (lo + hi) / 2
                if hits[ri][mid].hit.hitId < id { lo = mid + 1 } else { hi = mid }
            }
            if lo < hits[ri].count, hits[ri][lo].hit.hitId == id { return hits[ri][lo].hit }
        }
        return nil
    }

    /// The hit's tree, from the cache when no event arrived since it was built; nil (and
    /// `treesPending`) when it is not cached and `deadline` (uptime ns) has passed.
    func cachedTree(for hit: RuleHit, deadline: UInt64) -> SnapshotTree? {
        let now = DispatchTime.now().uptimeNanoseconds
        // A cached tree is kept while no event arrived, or for up to a second while they do.
        if let c = treeCache[hit.hitId], c.events == eventsRead || now &- c.built < 1_000_000_000 { return c.tree }
        if now > deadline { treesPending = true; return treeCache[hit.hitId]?.tree ?? nil }
        let t = tree(for: hit)
        treeCache[hit.hitId] = (t, now, eventsRead)
        return t
    }

    func exclusionCounts() -> ExclusionCounts {
        let n = options.exclusions?.entries.count ?? 0
        var c = ExclusionCounts(suppressed: Array(repeating: 0, count: n), matching: Array(repeating: 0, count: n),
                                hiddenPerRule: Array(repeating: 0, count: rules.rules.count))
        guard let ex = options.exclusions, n > 0 else { return c }
        let active = ex.activeMask, hiding = ex.hidingMask
        for ri in hits.indices {
            var hidden = 0
            for r in hits[ri] where !r.mask.isEmpty {
                for k in r.mask.members {
                    c.matching[k] += 1
                    if active.contains(k) { c.suppressed[k] += 1 }
                }
                if r.mask.intersects(hiding) { hidden += 1 }
            }
            c.hiddenPerRule[ri] = hidden
        }
        return c
    }

    func exclusionSummaries(_ c: ExclusionCounts) -> [ExclusionSummary] {
        guard let ex = options.exclusions else { return [] }
        return ex.entries.enumerated().map { k, e in
            let x = e.exclusion
            let ruleIds = x.appliesToAll ? ["*"] : e.compiled.ruleIndices.sorted().map { rules.rules[$0].rule.id }
            return ExclusionSummary(id: x.id, name: x.name, enabled: e.enabled, shadow: e.shadow,
                                    ruleIds: ruleIds.isEmpty ? x.rules : ruleIds,
                                    suppressedCount: c.suppressed[k], matching: c.matching[k], predicate: x.predicate)
        }
    }

    /// Applies an exclusion command; true when the published snapshot changes.
    func applyExclusionCommand(_ c: EngineCommand) -> Bool {
        guard let ex = options.exclusions else {
            if case .previewExclusion(let d) = c {
                preview = ExclusionPreview(draft: d, wouldRemove: 0, error: "no exclusions file is loaded")
                return true
            }
            return false
        }
        switch c {
        case .toggleExclusion(let id):
            guard let i = ex.index(of: id) else { return false }
            ex.setEnabled(i, !ex.entries[i].enabled)
            saveExclusionState()
            return true
        case .setExclusionShadow(let id, let on):
            guard let i = ex.index(of: id) else { return false }
            ex.setShadow(i, on)
            saveExclusionState()
            return true
        case .previewExclusion(let d):
            switch ex.compile(d.exclusion) {
            case .failure(let e):
                preview = ExclusionPreview(draft: d, wouldRemove: 0, error: "\(e.line):\(e.column): \(e.message)")
            case .success(let cx):
                let hiding = ex.hidingMask
                var n = 0
                for ri in cx.ruleIndices {
                    for r in hits[ri] where !r.mask.intersects(hiding) && cx.matches(table: r.table, values: r.values) { n += 1 }
                }
                preview = ExclusionPreview(draft: d, wouldRemove: n, error: nil)
            }
            return true
        case .addExclusion(let d):
            var x = d.exclusion
            x.file = ex.file ?? ""
            switch ex.add(x) {
            case .failure(let e):
                exclusionErrors.append(e.description)
            case .success(let bit):
                let cx = ex.entries[bit].compiled
                for ri in cx.ruleIndices {
                    for j in hits[ri].indices where cx.matches(table: hits[ri][j].table, values: hits[ri][j].values) {
                        hits[ri][j].mask.insert(bit)
                    }
                }
                if let file = ex.file {
                    do { try ExclusionFile.append(x, to: file) } catch {
                        exclusionErrors.append("\(file): cannot save exclusion '\(x.id)': \(error)")
                    }
                }
                saveExclusionState()
                preview = nil
            }
            return true
        case .quit, .setTriage, .focusHit:
            return false
        }
    }

    func saveExclusionState() {
        guard let ex = options.exclusions, let file = ex.file, let store = options.exclusionState else { return }
        var items: [String: ExclusionStateStore.Item] = [:]
        for e in ex.entries { items[e.exclusion.id] = .init(enabled: e.enabled, shadow: e.shadow) }
        if let err = store.save(file: file, items: items) { exclusionErrors.append("\(store.path): \(err)") }
    }
}
