import Foundation
import KQL
import Telemetry

/// Window rules (summarize, join, sort, …) over a stream: each window rule keeps the rows of
/// the tables it reads for a bounded window (`LiveOptions.window` of event time, at most
/// `windowRows` rows per rule, oldest dropped first) and is re-evaluated over them every
/// `windowInterval` seconds (longer if that would take over a fifth of the evaluator) and when
/// the input ends. A rule keeps only the rows that can reach its result: those whose record has
/// its leading `where`'s literals (the prefilter `scan` uses) and that pass the leading `where`s
/// of some place reading their table (`CompiledQuery.rowFilters`); such rows are kept whole,
/// decoded when kept, when the output passes input columns through. A result row is a hit when
/// it was not in the previous result.
/// `now()`/`ago()` are the newest event time when replaying, the wall clock when following.
struct WindowState {
    /// Per window rule (index into the rule set) and table: its rows, oldest first.
    var rows: [Int: [String: WindowRows]] = [:]
    var newest: Int64 = 0
    var lastRun = Date.distantPast
    /// How long the last re-evaluation took (seconds): the next waits at least 4× that.
    var lastCost = 0.0
    var dirty = false
    /// Per window rule: the rows of its previous result.
    var previous: [Int: Set<[Value]>] = [:]
}

/// Which rows of a table a window rule keeps.
struct WindowFeed {
    let rule: Int
    /// Literal clauses a row's record must satisfy; nil: no such test.
    let json: LiteralClauses?
    let csv: LiteralClauses?
    /// The rule's leading `where`s for this table, one per place it reads it
    /// (`CompiledQuery.rowFilters`): a row is kept when one passes; empty: no such test.
    let gates: [RowGate]
    /// Keep the whole row (decoded when kept) rather than the projected columns.
    let whole: Bool

    /// Whether a window rule keeps a subset of a table's rows (and so needs no column decoded for
    /// every row beyond what the test reads).
    static func filters(_ q: CompiledQuery, _ table: String) -> Bool {
        !(q.prefilters[table]?.isEmpty ?? true) || q.rowFilters[table] != nil
    }
}

extension LiveEngine {
    var windowRuleIndices: [Int] { rules.rules.indices.filter { rules.rules[$0].query.windowed } }

    /// The window rules reading each table, with their row prefilters.
    static func windowFeeds(_ rules: RuleSet) -> [String: [WindowFeed]] {
        var out: [String: [WindowFeed]] = [:]
        for (ri, cr) in rules.rules.enumerated() where cr.query.windowed {
            let q = cr.query
            for table in q.requiredSlots.keys {
                let pf = q.prefilters[table].flatMap { $0.isEmpty ? nil : $0 }
                out[table, default: []].append(WindowFeed(
                    rule: ri, json: pf.map { LiteralClauses([$0.clauses], encoding: .json) },
                    csv: pf.map { LiteralClauses([$0.clauses], encoding: .csv) },
                    gates: (q.rowFilters[table] ?? []).map { RowGate($0, table: table) },
                    whole: WindowFeed.filters(q, table) && q.decodedSlots(table) == nil))
            }
        }
        return out
    }

    /// Keeps a row for the window rules that read its table (and whose prefilter it passes).
    func retainForWindows(_ row: RowRef, values: [Value], full: [Value]?, time: Int64) {
        guard let feeds = windowFeeds[row.schema.name] else { return }
        var whole = full
        let record = row.record
        for f in feeds {
            if let clauses = row.isCSV ? f.csv : f.json, !clauses.matches(record) { continue }
            if !f.gates.isEmpty, !f.gates.contains(where: { $0.passes(values) }) { continue }
            if f.whole && whole == nil { whole = row.decodeAll() }
            windows.rows[f.rule, default: [:]][row.schema.name, default: WindowRows()].append(time, f.whole ? whole! : values)
            windows.dirty = true
            trimWindow(rule: f.rule)
        }
        if time > windows.newest {
            windows.newest = time
            // Drop what fell out of the window (rows arrive roughly in time order).
            let cutoff = windows.newest - options.window
            for ri in windows.rows.keys {
                for t in windows.rows[ri]!.keys {
                    var drop = 0
                    for r in windows.rows[ri]![t]!.all { if r.time < cutoff { drop += 1 } else { break } }
                    if drop > 0 { windows.rows[ri]![t]!.dropOldest(drop) }
                }
            }
        }
    }

    /// Beyond the row budget, the rule's table with the oldest row gives it up.
    private func trimWindow(rule ri: Int) {
        guard var lists = windows.rows[ri] else { return }
        var count = lists.values.reduce(0) { $0 + $1.count }
        guard count > options.windowRows else { return }
        windows.rows[ri] = nil   // edit the lists in place (no copy)
        while count > options.windowRows {
            var oldest: (table: String, time: Int64)?
            for (t, r) in lists { if let o = r.oldestTime, o < oldest?.time ?? .max { oldest = (t, o) } }
            guard let t = oldest?.table else { break }
            let k = min(max(1, count - options.windowRows), lists[t]!.count)
            lists[t]!.dropOldest(k)
            count -= k
        }
        windows.rows[ri] = lists
    }

    /// Re-evaluates the window rules when due (or `force`d); new result rows become hits.
    /// Returns true when hits were added.
    @discardableResult
    func evaluateWindows(force: Bool = false) -> Bool {
        guard !windowRuleIndices.isEmpty, windows.dirty else { return false }
        let since = Date().timeIntervalSince(windows.lastRun)
        guard force || (since >= options.windowInterval && since >= 4 * windows.lastCost) else { return false }
        let started = Date()
        defer { windows.lastCost = Date().timeIntervalSince(started); windows.lastRun = Date() }
        windows.dirty = false
        var added = false
        let now = options.follow ? Clock.nowTicks() : windows.newest
        for ri in windowRuleIndices {
            let q = rules.rules[ri].query
            q.context.now = now
            var result: [[Value]] = []
            let slots = q.output.entries.map(\.slot)
            let run = q.makeRun(onRow: { row in result.append(slots.map { $0 < row.count ? row[$0] : .null(.string) }) })
            // Enabled exclusions of the rule leave the events they match out of its input (those
            // added while running, when the rows kept hold the columns they read).
            let excluding = options.exclusions?.hiding(rule: ri) ?? []
            for (table, _) in q.requiredSlots {
                let whole = windowFeeds[table]?.first { $0.rule == ri }?.whole ?? false
                let hide = excluding.filter { x in
                    whole || (x.requiredSlots(table).map { $0.isSubset(of: projectedSlots[table] ?? []) } ?? false)
                }
                let stages = run.entries(for: table)
                for r in windows.rows[ri]?[table]?.all ?? []
                where hide.isEmpty || !hide.contains(where: { $0.matches(table: table, values: r.values) }) {
                    for s in stages { s.push(r.values) }
                }
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
        retain(RetainedHit(hit: h, mask: ExclusionBits(), table: "", values: []), rule: ri)
    }
}
