import Engine
import Terminal

/// Triage from the Hits pane: `i` investigating, `b` benign, `m` malicious, `u` back to new.
/// The mark goes to the engine (which stores it) and shows as a tag on the hit's row.
enum TriageKeys {
    static let keys: [Character: TriageState] = ["i": .investigating, "b": .benign, "m": .malicious, "u": .new]

    /// The command for a triage key on the selected hit (none outside the Hits pane).
    static func commands(_ key: Key, focus: PaneID, _ snap: Snapshot, _ state: DashboardState) -> [EngineCommand] {
        guard focus == .hits, case .char(let ch) = key, let target = keys[ch],
              let hit = HitsPane.selected(snap, state), hit.triage.state != target else { return [] }
        return [.setTriage(hitId: hit.hitId, state: target, note: hit.triage.note)]
    }

    /// Row tag: empty for unmarked hits.
    static func tag(_ t: HitTriage) -> String {
        switch t.state {
        case .new: return ""
        case .investigating: return "[investigating] "
        case .benign: return "[benign] "
        case .malicious: return "[MALICIOUS] "
        }
    }
}
