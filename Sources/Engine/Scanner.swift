import Foundation
import KQL
import Telemetry

public struct ScanOptions: Sendable {
    public var follow = false
    public var strict = false
    public var usePrefilter = true
    public var format: InputFormat = .auto
    public var table: String? = nil
    public var lineage = true
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
        for cr in rules.rules {
            for (table, req) in cr.query.requiredSlots {
                guard let ts = Schema.standard.table(table) else { continue }
                if let req, !cr.query.windowed {
                    slots[table, default: []].formUnion(req)
                    for c in ["ReportId", "Timestamp", "DeviceName"] + (options.lineage ? RowLineage.columns : []) {
                        if let s = ts.slot(of: c) { slots[table, default: []].insert(s) }
                    }
                } else {
                    slots[table] = Set(ts.columns.indices)
                }
            }
        }
        return slots
    }

    /// OR over rules of each rule's literal clauses; nil when some rule has none (every line must be read).
    func prefilter() -> (@Sendable (UnsafeRawBufferPointer) -> Bool)? {
        guard options.usePrefilter, !rules.rules.isEmpty else { return nil }
        var sets: [LiteralSet] = []
        for cr in rules.rules {
            let q = cr.query
            guard q.requiredSlots.count == 1, let (table, _) = q.requiredSlots.first, let pf = q.prefilters[table], !pf.isEmpty else { return nil }
            // Expand alternatives into conjunctions, keeping the product small.
            var combos: [[String]] = [[]]
            for clause in pf.clauses.sorted(by: { $0.count < $1.count }) {
                if combos.count * clause.count > 32 { continue }
                combos = combos.flatMap { c in clause.map { c + [$0] } }
            }
            for c in combos {
                let fmt: LiteralSet.Encoding = options.format == .csv ? .csv : .json
                sets.append(LiteralSet(allOf: c, encoding: fmt))
                if options.format == .auto { sets.append(LiteralSet(allOf: c, encoding: .csv)) }
            }
        }
        return LiteralSet.predicate(anyOf: sets)
    }

    /// Runs to the end of the inputs (or until stopped when following).
    public func run(onMalformed: @escaping @Sendable (MalformedLine) -> Void, onHit: (Hit) -> Void) throws -> ScanSummary {
        var opts = IngestOptions()
        opts.projection = Projection(slots: projection(), unlisted: .skip)
        opts.strict = options.strict
        opts.prefilter = prefilter()
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
        var pendingMasks: [UInt64] = []
        let exclusions = options.exclusions
        let hiding = exclusions?.activeMask ?? 0
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
                var mask: UInt64 = 0
                if !windowed, let cur = current {
                    if hiding != 0, let ex = exclusions, ex.appliesToRule(ri) {
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
                    if self.options.lineage { hit.lineage = RowLineage.chain(table: cur.schema, values: cur.values) }
                } else {
                    for e in out.entries { cols.append((e.name, e.slot < row.count ? row[e.slot] : .null(.string))) }
                }
                hit.columns = cols
                pending.append(hit)
                pendingMasks.append(mask)
            }))
        }
        var byTable: [String: [Int]] = [:]
        for (ri, r) in runs.enumerated() { for t in r.tables { byTable[t, default: []].append(ri) } }

        func flush() {
            for (h, m) in zip(pending, pendingMasks) {
                if m != 0 {
                    summary.suppressedPerRule[h.ruleIndex] += 1
                    var b = m
                    while b != 0 { summary.suppressed[b.trailingZeroBitCount] += 1; b &= b - 1 }
                    continue
                }
                summary.hitsPerRule[h.ruleIndex] += 1; onHit(h)
            }
            pending.removeAll(keepingCapacity: true)
            pendingMasks.removeAll(keepingCapacity: true)
        }
        summary.stats = try ingest.run(onIdle: flush) { row in
            guard let targets = byTable[row.table.name] else { return }
            current = row
            currentFull = nil
            for ri in targets { runs[ri].push(table: row.table.name, row: row.values) }
            current = nil
            if !pending.isEmpty { flush() }
        }
        for r in runs { r.finish() }
        flush()
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }
}
