import Foundation
import KQL
import Telemetry
import Lineage

public struct ScanOptions: Sendable {
    public var follow = false
    public var strict = false
    public var usePrefilter = true
    public var format: InputFormat = .auto
    public var table: String? = nil
    public var lineage = true
    /// Build the whole process graph from every row, so a hit's Lineage reaches back to its
    /// oldest known ancestor (reads and decodes every line: no prefilter).
    public var lineageGraph = false
    /// Hits matching an enabled exclusion are counted, not reported.
    public var exclusions: ExclusionSet? = nil
    public init() {}
}

public struct ScanSummary: Sendable {
    public var stats = IngestStats()
    public var seconds = 0.0
    public var hitsPerRule: [Int] = []
    public var malformed: [MalformedLine] = []
    /// Hits suppressed by each exclusion (index in `ScanOptions.exclusions.entries`) and per rule.
    public var suppressed: [Int] = []
    public var suppressedPerRule: [Int] = []
}

/// The headless evaluator: reads inputs, runs every rule over each row, reports hits.
/// Row-level rules report hits as rows arrive; window rules (summarize, join, …) at the end.
public final class Scanner {
    public let rules: RuleSet
    public let inputs: [InputSpec]
    public let options: ScanOptions
    public private(set) var ingest: Ingest?

    public init(rules: RuleSet, inputs: [InputSpec], options: ScanOptions) {
        self.rules = rules; self.inputs = inputs; self.options = options
    }

    /// Slots to decode per table: what the rules read plus what hits report (lineage, id columns).
    func projection() -> [String: Set<Int>] {
        var slots: [String: Set<Int>] = [:]
        for (ri, cr) in rules.rules.enumerated() {
            for table in cr.query.requiredSlots.keys {
                guard let ts = Schema.standard.table(table) else { continue }
                // The columns a window rule's exclusions read, matched on its input rows.
                if cr.query.windowed, let ex = options.exclusions { slots.need(ts, ex.requiredSlots(rule: ri, table: table)) }
                if let req = cr.query.decodedSlots(table) {
                    let reported = ["ReportId", "Timestamp", "DeviceName"] + (options.lineage ? RowLineage.columns : [])
                    slots.need(ts, req.union(reported.compactMap { ts.slot(of: $0) }))
                } else {
                    slots.need(ts, nil)
                }
            }
        }
        return slots
    }

    /// Each rule's literal clauses (`[rule][clause][alternative]`); empty when some rule has none
    /// (then every line must be read).
    func prefilterClauses() -> [[[String]]] {
        guard options.usePrefilter, !rules.rules.isEmpty else { return [] }
        var out: [[[String]]] = []
        for cr in rules.rules {
            let q = cr.query
            guard q.requiredSlots.count == 1, let (table, _) = q.requiredSlots.first, let pf = q.prefilters[table], !pf.isEmpty else { return [] }
            out.append(pf.clauses)
        }
        return out
    }

    /// Runs to the end of the inputs (or until stopped when following).
    public func run(onMalformed: @escaping @Sendable (MalformedLine) -> Void, onHit: (Hit) -> Void) throws -> ScanSummary {
        var opts = IngestOptions()
        opts.projection = options.lineageGraph ? .all : Projection(slots: projection(), unlisted: .skip)
        opts.strict = options.strict
        opts.prefilterClauses = options.lineageGraph ? [] : prefilterClauses()
        let graph = options.lineageGraph ? ProcessGraph(budget: 4_000_000) : nil
        var eventSeq: UInt64 = 0
        opts.onMalformed = onMalformed
        let specs = inputs.map { s -> InputSpec in
            var s = s
            if options.follow { s.follow = true }
            if s.format == .auto { s.format = options.format }
            if s.table == nil { s.table = options.table }
            return s
        }
        let ingest = try Ingest(inputs: specs, options: opts)
        self.ingest = ingest
        var summary = ScanSummary()
        summary.hitsPerRule = Array(repeating: 0, count: rules.rules.count)
        let start = Date()

        // The row being evaluated, for hits of row-level rules.
        var current: RowRef? = nil
        var currentFull: [Value]? = nil
        var runs: [QueryRun] = []
        var pending: [Hit] = []
        var pendingMasks: [ExclusionBits] = []
        let exclusions = options.exclusions
        let hiding = exclusions?.activeMask ?? ExclusionBits()
        summary.suppressed = Array(repeating: 0, count: exclusions?.entries.count ?? 0)
        summary.suppressedPerRule = Array(repeating: 0, count: rules.rules.count)
        for (ri, cr) in rules.rules.enumerated() {
            let q = cr.query
            let out = q.output
            let windowed = q.windowed
            runs.append(q.makeRun(onRow: { row in
                var cols: [(name: String, value: Value)] = []
                cols.reserveCapacity(out.entries.count)
                var hit = Hit(ruleIndex: ri, columns: [], source: "", line: 0, lineage: nil)
                var mask = ExclusionBits()
                if !windowed, let cur = current {
                    if !hiding.isEmpty, let ex = exclusions, ex.appliesToRule(ri) {
                        if currentFull == nil { currentFull = cur.decodeAll() }
                        mask = ex.mask(rule: ri, table: cur.schema.name, values: currentFull!) & hiding
                    }
                    let req = q.requiredSlots[cur.table.name] ?? nil
                    for e in out.entries {
                        var v = e.slot < row.count ? row[e.slot] : .null(.string)
                        if let o = e.origin, !(req?.contains(o) ?? true) {
                            if currentFull == nil { currentFull = cur.decodeAll() }
                            v = currentFull![o]
                        }
                        cols.append((e.name, v))
                    }
                    for extra in ["ReportId", "Timestamp", "DeviceName"] where !cols.contains(where: { $0.name == extra }) {
                        if let s = cur.schema.slot(of: extra) { cols.append((extra, cur.values[s])) }
                    }
                    hit.source = cur.source
                    hit.line = cur.lineNumber
                    if let graph {
                        hit.lineage = graph.chain(forEvent: EventRef(eventSeq)).map {
                            LineageStep(fileName: $0.fileName, processId: $0.processId, commandLine: $0.commandLine, inferred: $0.inferred)
                        }
                    } else if self.options.lineage {
                        hit.lineage = RowLineage.chain(table: cur.schema, values: cur.values)
                    }
                } else {
                    for e in out.entries { cols.append((e.name, e.slot < row.count ? row[e.slot] : .null(.string))) }
                }
                hit.columns = cols
                pending.append(hit)
                pendingMasks.append(mask)
            }))
        }
        // Each table's entry stages, resolved once (no per-row lookups by name). A window rule
        // with enabled exclusions gets only the rows none of them matches.
        var byTable: [String: [Stage]] = [:]
        var gated: [String: [(stages: [Stage], hide: [CompiledExclusion])]] = [:]
        for (ri, r) in runs.enumerated() {
            let hide = rules.rules[ri].query.windowed ? (exclusions?.hiding(rule: ri) ?? []) : []
            for t in r.tables {
                byTable[t, default: []] += hide.isEmpty ? r.entries(for: t) : []
                if !hide.isEmpty { gated[t, default: []].append((r.entries(for: t), hide)) }
            }
        }

        func flush() {
            for (h, m) in zip(pending, pendingMasks) {
                if !m.isEmpty {
                    summary.suppressedPerRule[h.ruleIndex] += 1
                    for k in m.members { summary.suppressed[k] += 1 }
                    continue
                }
                summary.hitsPerRule[h.ruleIndex] += 1; onHit(h)
            }
            pending.removeAll(keepingCapacity: true)
            pendingMasks.removeAll(keepingCapacity: true)
        }
        // `now()` / `ago()`: the newest event time seen (replaying a file), the wall clock when following.
        let contexts = rules.rules.map { $0.query.context }
        var newest: Int64 = options.follow ? Clock.nowTicks() : 0
        for c in contexts { c.now = newest }
        var timestampSlot: [String: Int] = [:]
        for t in byTable.keys { timestampSlot[t] = Schema.standard.table(t)?.slot(of: "Timestamp") }
        summary.stats = try ingest.run(onIdle: flush) { row in
            if let graph {
                eventSeq += 1
                graph.observe(table: row.schema, values: row.values, event: EventRef(eventSeq), summary: EventSummary(table: row.schema, values: row.values))
            }
            let gates = gated[row.table.name]
            guard let targets = byTable[row.table.name], !targets.isEmpty || gates != nil else { return }
            if options.follow {
                let t = Clock.nowTicks()
                if t - newest > Ticks.perSecond { newest = t; for c in contexts { c.now = t } }
            } else if let ts = timestampSlot[row.table.name], case .datetime(let t) = row.values[ts], t > newest {
                newest = t
                for c in contexts { c.now = t }
            }
            current = row
            currentFull = nil
            let values = row.values
            for s in targets { s.push(values) }
            for g in gates ?? [] where !g.hide.contains(where: { $0.matches(table: row.table.name, values: values) }) {
                for s in g.stages { s.push(values) }
            }
            current = nil
            if !pending.isEmpty { flush() }
        }
        for r in runs { r.finish() }
        flush()
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }
}
