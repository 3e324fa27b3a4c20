import Foundation
import KQL

/// Window rules (summarize, join, sort, …) over a stream: hunttop keeps the events of the tables
/// they read for a bounded window (`LiveOptions.window` of event time, at most
/// `windowRows` rows, oldest dropped first) and re-evaluates each such rule over it every
/// `windowInterval` seconds and when the input ends. A result row is a hit when it was not in the
/// previous result. `now()`/`ago()` are the newest event time when replaying, the wall clock when
/// following.
struct WindowState {
    /// Rows per table, oldest first, with their event time.
    var rows: [String: [(time: Int64, values: [Value])]] = [:]
    var count = 0
    var newest: Int64 = 0
    var lastRun = Date.distantPast
    var dirty = false
    /// Per window rule: the rows of its previous result.
    var previous: [Int: Set<[Value]>] = [:]
}

extension LiveEngine {
    var windowRuleIndices: [Int] { rules.rules.indices.filter { rules.rules[$0].query.windowed } }

    /// Keeps a row for the window rules that read its table.
    func retainForWindows(table: String, values: [Value], time: Int64) {
        guard windowTables.contains(table) else { return }
        windows.rows[table, default: []].append((time, values))
        windows.count += 1
        windows.dirty = true
        if time > windows.newest { windows.newest = time }
        // Drop what fell out of the window, and the oldest rows beyond the row budget.
        let cutoff = windows.newest - options.window
        for t in windows.rows.keys {
            var list = windows.rows[t]!
            var drop = 0
            while drop < list.count, list[drop].time < cutoff { drop += 1 }
            if drop > 0 { list.removeFirst(drop); windows.count -= drop }
            windows.rows[t] = list
        }
        while windows.count > options.windowRows, let (t, _) = windows.rows.first(where: { !$0.value.isEmpty }) {
            let n = max(1, windows.count - options.windowRows)
            let k = min(n, windows.rows[t]!.count)
            windows.rows[t]!.removeFirst(k)
            windows.count -= k
        }
    }

    /// Re-evaluates the window rules when due (or `force`d); new result rows become hits.
    /// Returns true when hits were added.
    @discardableResult
    func evaluateWindows(force: Bool = false) -> Bool {
        guard !windowRuleIndices.isEmpty, windows.dirty else { return false }
        guard force || Date().timeIntervalSince(windows.lastRun) >= options.windowInterval else { return false }
        windows.lastRun = Date()
        windows.dirty = false
        var added = false
        let now = options.follow ? Clock.nowTicks() : windows.newest
        for ri in windowRuleIndices {
            let q = rules.rules[ri].query
            q.context.now = now
            var result: [[Value]] = []
            let slots = q.output.entries.map(\.slot)
            let run = q.makeRun(onRow: { row in result.append(slots.map { $0 < row.count ? row[$0] : .null(.string) }) })
            for (table, _) in q.requiredSlots {
                let stages = run.entries(for: table)
                for r in windows.rows[table] ?? [] { for s in stages { s.push(r.values) } }
            }
            run.finish()
            let before = windows.previous[ri] ?? []
            var seen = Set<[Value]>()
            for row in result {
                seen.insert(row)
                guard !before.contains(row) else { continue }
                addWindowHit(rule: ri, row: row, output: q.output)
                added = true
            }
            windows.previous[ri] = seen
        }
        return added
    }

    private func addWindowHit(rule ri: Int, row: [Value], output: RowSchema) {
        let rule = rules.rules[ri].rule
        let names = output.entries.map(\.name)
        func v(_ c: String) -> Value? { names.firstIndex(of: c).map { row[$0] } }
        let time: Int64 = { if case .datetime(let t)? = v("Timestamp") { return t }; return windows.newest }()
        let columns: SnapshotColumns = zip(names, row).map { ($0, $1.isNull ? "" : $1.text) }
        let h = RuleHit(hitId: nextHitId, eventId: 0, ruleId: rule.id, time: time, device: v("DeviceName")?.text ?? "",
                        processFileName: v("InitiatingProcessFileName")?.text ?? v("FileName")?.text ?? "",
                        processCommandLine: v("InitiatingProcessCommandLine")?.text ?? "",
                        path: columns.filter { !$0.value.isEmpty }.prefix(3).map { "\($0.name)=\($0.value)" }.joined(separator: " "),
                        columns: columns)
        nextHitId += 1
        hitCounts[ri] += 1
        lastHit[ri] = time
        rateBuckets[ri][rateBuckets[ri].count - 1] += 1
        retain(RetainedHit(hit: h, mask: 0, table: "", values: []), rule: ri)
    }
}
