import Foundation
import Synchronization
import KQL
import Telemetry
import Lineage

public struct LiveOptions: Sendable {
    public var follow = false
    public var replay: ReplayMode? = nil
    /// Events kept for the feed and for window rules' re-evaluation.
    public var feedSize = 2_000
    public var hitsPerRule = 5_000
    public var lineageBudget = 1_000_000
    /// Trees are built for this many of each rule's newest hits (and for the focused hit).
    public var treesPerRule = 8
    public var publishInterval = 0.05
    /// Exclusions applied to hits (toggled live by commands); nil: none.
    public var exclusions: ExclusionSet? = nil
    /// Where toggle state is remembered across restarts; nil: not remembered.
    public var exclusionState: ExclusionStateStore? = nil
    /// Hits kept per rule (with their rows) so exclusions recount over all of them.
    public var retainedHits = 50_000
    /// Window rules (summarize, join, …) run over the last `window` of event time (100 ns ticks)…
    public var window: Int64 = 24 * 36_000_000_000
    /// …kept to at most this many rows, re-evaluated this often (seconds).
    public var windowRows = 200_000
    public var windowInterval = 2.0
    /// State database for hits, triage and exclusion toggles; nil keeps everything in memory.
    public var statePath: String? = nil
    public init() {}
}

/// The background evaluator: reads events, runs every rule, links lineage and publishes
/// immutable snapshots. All mutable state is owned by its thread; the UI reads `latest()`.
public final class LiveEngine: SnapshotSource, @unchecked Sendable {
    let rules: RuleSet
    let inputs: [InputSpec]
    let options: LiveOptions
    private let published = Mutex<Snapshot>(Snapshot())
    private let commands = Mutex<[EngineCommand]>([])
    private let finished = Atomic<Bool>(false)
    private var ingest: Ingest?
    private var thread: Thread?

    // Evaluator-thread state.
    private var graph: ProcessGraph
    private var feed = ChunkedList<FeedEvent>()
    private var records = RecordArena()
    /// Column slots the engine reads, by `TableInfo.id`.
    private var slotsByTable: [ObservedColumns?] = []
    /// What each rule shows (`visibleHits`), kept up to date as hits arrive; rebuilt from `hits`
    /// when exclusions or triage change (`visibleStale`).
    var visible: [ChunkedList<RuleHit>]
    var visibleStale = true
    /// The hit the dashboard shows, whose tree goes into every snapshot.
    var focusedHit: UInt64?
    /// Every retained hit of each rule, oldest first, with the exclusions its row matches.
    var hits: [[RetainedHit]]
    private let wake = DispatchSemaphore(value: 0)
    private var quitRequested = false
    var exclusionErrors: [String] = []
    var preview: ExclusionPreview?
    /// Trees of hits by hit id, valid while no new event arrived (toggles then reuse them).
    var treeCache: [UInt64: (tree: SnapshotTree?, built: UInt64, events: Int)] = [:]
    /// Some trees were left out of the last snapshot for time; the next publication adds them.
    var treesPending = false
    var hitCounts: [Int]
    var lastHit: [Int64?]
    var rateBuckets: [[Int]]
    private var bucketStart = Date()
    private var nextEventId: UInt64 = 1
    var nextHitId: UInt64 = 1
    private var version: UInt64 = 0
    private let malformedCount = Mutex<Int>(0)
    private let recentMalformed = Mutex<[SnapshotMalformed]>([])
    var eventsRead = 0
    private var rateWindow: [(Date, Int)] = []
    private var hitEvents: [UInt64: [String]] = [:]
    private var persistence: HitPersistence?
    private let stdinSession = "stdin@\(UUID().uuidString)"

    public init(rules: RuleSet, inputs: [InputSpec], options: LiveOptions) {
        self.rules = rules
        self.inputs = inputs
        self.options = options
        graph = ProcessGraph(budget: options.lineageBudget)
        hits = Array(repeating: [], count: rules.rules.count)
        visible = Array(repeating: [], count: rules.rules.count)
        hitCounts = Array(repeating: 0, count: rules.rules.count)
        lastHit = Array(repeating: nil, count: rules.rules.count)
        rateBuckets = Array(repeating: Array(repeating: 0, count: 30), count: rules.rules.count)
        if let ex = options.exclusions {
            exclusionErrors = ex.errors.map(\.description)
            if let file = ex.file, let store = options.exclusionState {
                let saved = store.load(file: file)
                for (i, e) in ex.entries.enumerated() {
                    if let st = saved[e.exclusion.id] { ex.setEnabled(i, st.enabled); ex.setShadow(i, st.shadow) }
                }
            }
        }
        if let p = options.statePath { restoreState(p) }
        published.withLock { $0 = self.makeSnapshot() }
    }

    public func latest() -> Snapshot { published.withLock { $0 } }

    public func send(_ command: EngineCommand) {
        commands.withLock { $0.append(command) }
        if command == .quit { ingest?.stop() }
        wake.signal()
    }

    public var isFinished: Bool { finished.load(ordering: .acquiring) }

    /// Starts the evaluator thread.
    public func start() throws {
        var opts = IngestOptions()
        projectedSlots = liveProjection()
        opts.projection = Projection(slots: projectedSlots, unlisted: .skip)
        opts.replay = options.replay
        opts.pollInterval = 0.02
        opts.onMalformed = { [weak self] m in
            guard let self else { return }
            self.malformedCount.withLock { $0 += 1 }
            self.recentMalformed.withLock {
                $0.append(SnapshotMalformed(file: m.source, line: m.line, message: m.reason))
                if $0.count > 20 { $0.removeFirst($0.count - 20) }
            }
        }
        let specs = inputs.map { s -> InputSpec in var s = s; if options.follow { s.follow = true }; return s }
        let ingest = try Ingest(inputs: specs, options: opts)
        self.ingest = ingest
        let t = Thread { [self] in self.loop() }
        t.name = "hunttop-evaluator"
        thread = t
        t.start()
    }

    /// Columns decoded for every event: what the rules read (all of a window rule's tables), what
    /// lineage and the feed show. Hits are decoded whole when they happen.
    func liveProjection() -> [String: Set<Int>] {
        let base = ["Timestamp", "DeviceId", "DeviceName", "ActionType", "FileName", "FolderPath", "ProcessId", "ProcessCommandLine",
                    "ProcessCreationTime", "AccountName", "ReportId", "RemoteUrl", "RemoteIP", "RemotePort", "RegistryKey", "RegistryValueName",
                    "InitiatingProcessFileName", "InitiatingProcessFolderPath", "InitiatingProcessCommandLine", "InitiatingProcessId",
                    "InitiatingProcessCreationTime", "InitiatingProcessAccountName", "InitiatingProcessParentId",
                    "InitiatingProcessParentFileName", "InitiatingProcessParentCreationTime"]
        var slots: [String: Set<Int>] = [:]
        for t in Schema.standard.tables.values {
            slots[t.name] = Set(base.compactMap { t.slot(of: $0) })
        }
        for (ri, cr) in rules.rules.enumerated() {
            for table in cr.query.requiredSlots.keys {
                guard let t = Schema.standard.table(table) else { continue }
                let q = cr.query
                // A window rule's exclusions are matched on the rows it keeps.
                if q.windowed, let ex = options.exclusions { slots.need(t, ex.requiredSlots(rule: ri, table: table)) }
                // A window rule's leading `where`s are tested on every row of the table.
                for f in q.windowed ? q.rowFilters[table] ?? [] : [] { slots.need(t, f.requiredSlots[table] ?? nil) }
                // A window rule that keeps a subset of the rows decodes those whole when it keeps them.
                if let req = q.decodedSlots(table) {
                    slots.need(t, req)
                } else if !(q.windowed && WindowFeed.filters(q, table)) {
                    slots.need(t, nil)
                }
            }
        }
        return slots
    }

    private func loop() {
        guard let ingest else { return }
        // Named in /proc (and so in top and profilers); Foundation's Thread.name does not reach it.
        try? "hunttop-eval".write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
        let runs: [QueryRun] = rules.rules.enumerated().map { ri, cr in
            let q = cr.query
            return q.makeRun(onRow: { [unowned self] row in self.pendingRows.append((ri, row)) })
        }
        var byTable: [String: [Int]] = [:]
        for (ri, r) in runs.enumerated() where !rules.rules[ri].query.windowed { for t in r.tables { byTable[t, default: []].append(ri) } }
        var lastPublish = Date()
        if let p = persistence {
            let restore = p.restoreCommands(for: makeSnapshot().exclusions)
            if !restore.isEmpty { commands.withLock { $0.insert(contentsOf: restore, at: 0) } }
            drainCommands()
        }
        // Publish when something changed: at most every `publishInterval`, at once (10 ms apart at
        // the most) when a hit arrives or a command was applied.
        var publishedEvents = -1
        _ = try? ingest.run(onIdle: { [unowned self] in
            if self.evaluateWindows() { self.hitSincePublish = true }
            let commanded = self.drainCommands()
            let since = Date().timeIntervalSince(lastPublish)
            if commanded || self.treesPending || (publishedEvents != self.eventsRead && since >= self.options.publishInterval) || (self.hitSincePublish && since >= 0.01) {
                self.publish(); lastPublish = Date(); publishedEvents = self.eventsRead
            }
        }) { [unowned self] row in
            self.process(row, runs: runs, byTable: byTable)
            if self.eventsRead & 1023 == 0, self.evaluateWindows() { self.hitSincePublish = true }
            if self.hitSincePublish || self.eventsRead & 63 == 0 {
                let commanded = self.drainCommands()
                let since = Date().timeIntervalSince(lastPublish)
                if commanded || since >= self.options.publishInterval || (self.hitSincePublish && since >= 0.01) {
                    self.publish(); lastPublish = Date(); publishedEvents = self.eventsRead
                }
            }
        }
        evaluateWindows(force: true)
        publish()
        finished.store(true, ordering: .releasing)
        // Input is done: keep serving commands (exclusion toggles) until quit.
        while !quitRequested {
            _ = wake.wait(timeout: .now() + (treesPending ? 0.01 : 0.5))
            if drainCommands() || treesPending {
                evaluateWindows(force: true)   // after an exclusion toggle, when window rules are dirty
                publish()
            }
        }
    }

    private var pendingRows: [(Int, [Value])] = []
    var windows = WindowState()
    lazy var windowFeeds: [String: [WindowFeed]] = LiveEngine.windowFeeds(rules)
    /// Slots decoded for every event, per table (set at start).
    var projectedSlots: [String: Set<Int>] = [:]
    private var hitSincePublish = false

    private func process(_ row: RowRef, runs: [QueryRun], byTable: [String: [Int]]) {
        eventsRead += 1
        let id = nextEventId
        nextEventId += 1
        let schema = row.schema
        let values = row.values
        let k = slots(row.table)
        graph.observe(table: schema, values: values, event: EventRef(id), summary: EventSummary(table: schema, values: values))
        pendingRows.removeAll(keepingCapacity: true)
        if let targets = byTable[schema.name] {
            for ri in targets { runs[ri].push(table: schema.name, row: values) }
        }
        func s(_ slot: Int?) -> String { slot.flatMap { values[$0].stringPayload } ?? "" }
        let time: Int64 = k.timestamp.flatMap { if case .datetime(let t) = values[$0] { return t } else { return nil } } ?? 0

        var hitRules: [String] = []
        // A hitting event is decoded whole (its hits show every column); others keep the projection.
        let decoded: [Value]? = pendingRows.isEmpty ? nil : row.decodeAll()
        let full = decoded ?? values
        if !windowFeeds.isEmpty, let ts = k.timestamp, case .datetime(let t) = values[ts] {
            retainForWindows(row, values: values, full: decoded, time: t)
        }
        if !pendingRows.isEmpty { hitSincePublish = true }
        for (ri, _) in pendingRows {
            let rule = rules.rules[ri].rule
            let mask = options.exclusions.map { $0.appliesToRule(ri) ? $0.mask(rule: ri, table: schema.name, values: full) : ExclusionBits() } ?? ExclusionBits()
            hitRules.append(rule.id)
            let key = HitKey(ruleId: rule.id, source: row.source == "<stdin>" ? stdinSession : row.source,
                             line: row.lineNumber)
            if let p = persistence, p.isKnown(key) { continue }   // stored by an earlier run: no duplicate
            hitCounts[ri] += 1
            lastHit[ri] = time
            rateBuckets[ri][rateBuckets[ri].count - 1] += 1
            let folder = s(k.folderPath)
            let h = RuleHit(hitId: nextHitId, eventId: id, ruleId: rule.id, time: time, device: s(k.deviceName),
                            processFileName: s(k.actorName), processCommandLine: s(k.actorCommandLine),
                            path: folder.isEmpty ? s(k.commandLine) : folder,
                            columns: LiveEngine.columns(schema, full))
            nextHitId += 1
            if let p = persistence {
                var stored = h
                stored.tree = graph.tree(aroundEvent: EventRef(id), maxNodes: 200, maxEventsPerNode: 40)
                    .map { SnapshotTreeBuilder.build($0, graph: graph) }
                p.record(StoredHit(hit: stored, ruleName: rule.name, source: key.source, line: key.line))
            }
            retain(RetainedHit(hit: h, mask: mask, table: schema.name, values: full), rule: ri)
        }
        let isProcess = schema.name == "DeviceProcessEvents"
        let folder = s(k.folderPath)
        let ev = FeedEvent(eventId: id, time: time, table: schema.name, device: s(k.deviceName), action: s(k.actionType),
                           processFileName: s(isProcess ? k.fileName : k.actorName),
                           pathOrCommand: isProcess ? s(k.commandLine) : (folder.isEmpty ? s(k.remoteUrl) : folder),
                           hitRuleIds: hitRules, columnSource: columnSource(row, full: decoded))
        feed.append(ev)
        feed.trimFront(keeping: options.feedSize)
    }

    /// Keeps a new hit (the oldest go past `retainedHits`) and shows it unless excluded.
    func retain(_ r: RetainedHit, rule ri: Int) {
        hits[ri].append(r)
        let cap = max(1, options.retainedHits)
        if hits[ri].count > cap + cap / 8 { hits[ri].removeFirst(hits[ri].count - cap) }
        if !visibleStale { showIfVisible(r.hit, mask: r.mask, rule: ri) }
    }

    /// The slots of the columns `process` reads, resolved once per table.
    private func slots(_ t: TableInfo) -> ObservedColumns {
        if t.id < slotsByTable.count, let k = slotsByTable[t.id] { return k }
        if t.id >= slotsByTable.count { slotsByTable += Array(repeating: nil, count: t.id + 1 - slotsByTable.count) }
        let k = ObservedColumns(t.schema)
        slotsByTable[t.id] = k
        return k
    }

    /// The event's columns for the detail pane: a copy of a JSON record, decoded only if asked
    /// for (other formats, and hits, keep the decoded columns).
    private func columnSource(_ row: RowRef, full: [Value]?) -> FeedColumns {
        let schema = row.schema
        if let full { return .decoded(LiveEngine.columns(schema, full)) }
        let record = row.record
        guard let first = record.first(where: { $0 != 0x20 && $0 != 0x09 }), first == UInt8(ascii: "{") else {
            return .decoded(LiveEngine.columns(schema, row.values))
        }
        return .jsonRecord(records.copy(record), table: schema.name)
    }

    /// Every column of a kept JSON record of `table` (empty if it no longer decodes). The detail
    /// pane asks for the same event frame after frame: the last answer is kept, and a decoder
    /// (costly to make) is kept per table.
    static func decodeColumns(_ record: RecordSlice, table: String) -> SnapshotColumns {
        detailCache.withLock { cache in
            if let l = cache.last, l.block === record.block, l.offset == record.offset { return l.columns }
            var out: SnapshotColumns = []
            if let decoder = cache.decoders[table] ?? (try? RowDecoder(projection: .all, table: table)) {
                cache.decoders[table] = decoder
                _ = try? record.withBytes { raw in
                    try decoder.decode(jsonLine: raw) { r in out = LiveEngine.columns(r.schema, r.values) }
                }
            }
            cache.last = (record.block, record.offset, out)
            return out
        }
    }

    private struct DetailCache {
        var last: (block: RecordBlock, offset: Int, columns: SnapshotColumns)?
        var decoders: [String: RowDecoder] = [:]
    }
    private static let detailCache = Mutex(DetailCache())

    static func columns(_ schema: TableSchema, _ values: [Value]) -> SnapshotColumns {
        var out: SnapshotColumns = []
        for (i, c) in schema.columns.enumerated() where i < values.count {
            let v = values[i]
            if v.isEmpty { continue }
            out.append((c.name, v.text))
        }
        return out
    }

    /// Applies queued commands; true when the snapshot should be republished now.
    @discardableResult
    private func drainCommands() -> Bool {
        let cmds = commands.withLock { c -> [EngineCommand] in let x = c; c.removeAll(); return x }
        var changed = false
        for c in cmds {
            switch c {
            case .quit: quitRequested = true; ingest?.stop()
            case .setTriage(let id, let state, let note):
                setTriage(id, HitTriage(state: state, note: note)); changed = true; visibleStale = true
            case .focusHit(let id):
                if id != focusedHit { focusedHit = id; changed = true }
            default:
                if applyExclusionCommand(c) {
                    changed = true; visibleStale = true
                    windows.dirty = true   // window rules see the new exclusions at their next run
                }
            }
        }
        return changed
    }

    private func rollBuckets() {
        let elapsed = Date().timeIntervalSince(bucketStart)
        guard elapsed >= 1 else { return }
        let n = min(Int(elapsed), 30)
        for ri in rateBuckets.indices {
            rateBuckets[ri].removeFirst(n)
            rateBuckets[ri].append(contentsOf: repeatElement(0, count: n))
        }
        bucketStart = Date()
    }

    private func publish() {
        hitSincePublish = false
        rollBuckets()
        version += 1
        persistence?.flush()
        var snap = makeSnapshot()
        persistence?.syncExclusions(snap.exclusions)
        snap.stateWarning = persistence?.warning
        published.withLock { $0 = snap }
    }

    func tree(for hit: RuleHit) -> SnapshotTree? {
        guard let t = graph.tree(aroundEvent: EventRef(hit.eventId), maxNodes: 200, maxEventsPerNode: 40) else { return nil }
        return SnapshotTreeBuilder.build(t, graph: graph)
    }

    private func makeSnapshot() -> Snapshot {
        let now = Date()
        rateWindow.append((now, eventsRead))
        while let f = rateWindow.first, now.timeIntervalSince(f.0) > 3 { rateWindow.removeFirst() }
        let rate: Double = {
            guard let f = rateWindow.first, now.timeIntervalSince(f.0) > 0.2 else { return 0 }
            return Double(eventsRead - f.1) / now.timeIntervalSince(f.0)
        }()
        var byRule: [String: ChunkedList<RuleHit>] = [:]
        var summaries: [RuleSummary] = []
        let counts = exclusionCounts()
        if visibleStale { rebuildVisible() }
        // Trees for the focused hit and each rule's newest few; a tree is rebuilt at most once a
        // second while events arrive, newest first within a time budget, the rest follow.
        var wanted: [RuleHit] = []
        if let f = focusedHit, let h = retainedHit(f) { wanted.append(h) }
        for ri in rules.rules.indices { wanted += visible[ri].suffix(options.treesPerRule).reversed() }
        if treeCache.count > 4 * max(16, wanted.count) {
            let keep = Set(wanted.map(\.hitId))
            treeCache = treeCache.filter { keep.contains($0.key) }
        }
        let treeDeadline = DispatchTime.now().uptimeNanoseconds + 15_000_000
        treesPending = false
        var trees: [UInt64: SnapshotTree] = [:]
        for h in wanted where trees[h.hitId] == nil {
            if let t = cachedTree(for: h, deadline: treeDeadline) { trees[h.hitId] = t }
        }
        for (ri, cr) in rules.rules.enumerated() {
            byRule[cr.rule.id] = visible[ri]
            summaries.append(RuleSummary(id: cr.rule.id, name: cr.rule.name, tactics: cr.rule.tactics, severity: cr.rule.severity,
                                         kind: cr.query.windowed ? "Window" : "Row", hitCount: hitCounts[ri] - counts.hiddenPerRule[ri], lastHit: lastHit[ri],
                                         rateHistory: rateBuckets[ri], query: cr.rule.query, file: cr.rule.file))
        }
        let totals = SnapshotTotals(eventsRead: eventsRead, eventsPerSecond: rate,
                                    malformedLines: malformedCount.withLock { $0 },
                                    recentMalformed: recentMalformed.withLock { $0 },
                                    ruleErrors: rules.errors.map { SnapshotRuleError(file: "\($0.file):\($0.line):\($0.column)", message: "[\($0.code)] \($0.message)") })
        var snap = Snapshot(version: version, sources: inputs.map(\.displayName), totals: totals,
                            rules: summaries, exclusions: exclusionSummaries(counts))
        snap.feed = feed
        snap.hitsByRule = byRule
        snap.trees = trees
        snap.exclusionPreview = preview
        snap.exclusionErrors = exclusionErrors
        return snap
    }
}

extension InputSpec {
    var displayName: String {
        switch location {
        case .path(let p): return p
        case .stdin: return "stdin"
        }
    }
}

// MARK: - Persistence (state database)

extension LiveEngine {
    /// Brings back stored hits of the loaded rules; ids continue after the stored ones.
    private func restoreState(_ path: String) {
        let p = HitPersistence(path: path)
        persistence = p
        let index = Dictionary(rules.rules.enumerated().map { ($1.rule.id, $0) }, uniquingKeysWith: { a, _ in a })
        for s in p.restore() {
            nextHitId = max(nextHitId, s.hit.hitId + 1)
            nextEventId = max(nextEventId, s.hit.eventId + 1)
            guard let ri = index[s.hit.ruleId] else { continue }
            // Restored hits have no row values: exclusions added later cannot match them.
            hits[ri].append(RetainedHit(hit: s.hit, mask: ExclusionBits(), table: "", values: []))
            hitCounts[ri] += 1
            lastHit[ri] = max(lastHit[ri] ?? s.hit.time, s.hit.time)
        }
        for ri in hits.indices where hits[ri].count > options.retainedHits { hits[ri].removeFirst(hits[ri].count - options.retainedHits) }
    }

    private func setTriage(_ hitId: UInt64, _ t: HitTriage) {
        for ri in hits.indices {
            if let k = hits[ri].lastIndex(where: { $0.hit.hitId == hitId }) { hits[ri][k].hit.triage = t }
        }
        persistence?.recordTriage(hitId, t)
    }

    /// Hits written to the state database so far (this run and earlier ones).
    var committedHits: Int { persistence?.committed ?? 0 }
}
