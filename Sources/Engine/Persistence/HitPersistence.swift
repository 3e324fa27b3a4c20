import Foundation

/// The live engine's side of the state database, owned by the evaluator thread: restores what
/// was stored, buffers new hits and triage marks, and commits them in one transaction per
/// `flush`. When a write fails (disk full, read-only file) everything stays in memory, is
/// retried on the next flush, and `warning` says so.
final class HitPersistence {
    let path: String
    private(set) var store: HitStore?
    private var pendingHits: [StoredHit] = []
    private var pendingTriage: [(UInt64, HitTriage)] = []
    private var savedExclusions: [String: (enabled: Bool, shadow: Bool)] = [:]
    private(set) var known: Set<HitKey> = []
    private(set) var warning: String?
    private(set) var committed = 0

    init(path: String, maxPages: Int? = nil) {
        self.path = path
        do {
            let s = try HitStore(path: path, maxPages: maxPages)
            store = s
            savedExclusions = (try? s.exclusions()) ?? [:]
        } catch {
            warning = "state database unusable (\(error)); hits are kept in memory only"
        }
    }

    /// Stored hits, oldest first; remembers their keys so re-read input does not duplicate them.
    func restore() -> [StoredHit] {
        guard let store else { return [] }
        do {
            let hs = try store.hits()
            for h in hs { known.insert(h.key) }
            committed = hs.count
            return hs
        } catch {
            warning = "cannot read stored hits (\(error))"
            return []
        }
    }

    func isKnown(_ k: HitKey) -> Bool { known.contains(k) }

    /// Queues a new hit. Only restored keys are remembered: within one run each input line is
    /// read once, so memory stays flat however many hits arrive.
    func record(_ h: StoredHit) {
        pendingHits.append(h)
    }

    func recordTriage(_ hitId: UInt64, _ t: HitTriage) { pendingTriage.append((hitId, t)) }

    var pendingCount: Int { pendingHits.count }

    /// Commits everything pending; on failure keeps it for the next try.
    func flush() {
        guard let store, !(pendingHits.isEmpty && pendingTriage.isEmpty) else { return }
        do {
            try store.append(pendingHits)
            committed += pendingHits.count
            pendingHits.removeAll(keepingCapacity: true)
            for (id, t) in pendingTriage { try store.setTriage(hitId: id, t) }
            pendingTriage.removeAll()
            warning = nil
        } catch let e as SQLiteError {
            warning = (e.isFull ? "disk full: " : "cannot write state: ") + "\(pendingHits.count) hits kept in memory only (\(e.path))"
        } catch {
            warning = "cannot write state: \(error)"
        }
    }

    /// Stores exclusion toggles that changed since the last call.
    func syncExclusions(_ xs: [ExclusionSummary]) {
        guard let store else { return }
        for x in xs {
            if let s = savedExclusions[x.id], s.enabled == x.enabled, s.shadow == x.shadow { continue }
            if (try? store.saveExclusion(id: x.id, enabled: x.enabled, shadow: x.shadow)) != nil {
                savedExclusions[x.id] = (x.enabled, x.shadow)
            }
        }
    }

    /// Commands that bring freshly loaded exclusions back to their stored toggles.
    func restoreCommands(for xs: [ExclusionSummary]) -> [EngineCommand] {
        var out: [EngineCommand] = []
        for x in xs {
            guard let s = savedExclusions[x.id] else { continue }
            if s.enabled != x.enabled { out.append(.toggleExclusion(x.id)) }
            if s.shadow != x.shadow { out.append(.setExclusionShadow(x.id, s.shadow)) }
        }
        return out
    }
}
