/// A query bound and compiled: immutable, run as many times as needed (`makeRun`).
public final class CompiledQuery: @unchecked Sendable {
    public let text: String
    public let diagnostics: [Diagnostic]
    /// The columns of result rows; read a row's value for an entry at `entry.slot`.
    public let output: RowSchema
    /// True when rows come out only after all input is seen (summarize, sort, join, …).
    public let windowed: Bool
    /// Input table → the slots its rows must have decoded (nil: all columns).
    public let requiredSlots: [String: Set<Int>?]
    /// Literals every matching line must contain, per input table (empty when unknown).
    public let prefilters: [String: Prefilter]
    /// `now()` for this query's evaluations; set it before a run.
    public let context: EvalContext
    /// For a window query: per table it reads, row-level queries made of the leading `where`s of
    /// each place it reads the table (see `LeadingFilter`); a row that can reach the result passes
    /// one of them. A table is absent when some place reading it has no such `where`.
    public internal(set) var rowFilters: [String: [CompiledQuery]] = [:]
    /// The row filter when the query reads one table in one place.
    public var leadingFilter: CompiledQuery? {
        guard rowFilters.count == 1, let fs = rowFilters.first?.value, fs.count == 1 else { return nil }
        return fs[0]
    }
    let plan: Plan

    init(text: String, diagnostics: [Diagnostic], output: RowSchema, windowed: Bool, required: [String: Set<Int>?],
         prefilters: [String: Prefilter], context: EvalContext, plan: Plan) {
        self.text = text; self.diagnostics = diagnostics; self.output = output; self.windowed = windowed
        self.requiredSlots = required; self.prefilters = prefilters; self.context = context; self.plan = plan
    }

    public var tables: [String] { requiredSlots.keys.sorted() }

    /// A fresh execution; rows of the result go to `onRow`.
    public func makeRun(onRow: @escaping ([Value]) -> Void, onFinish: @escaping () -> Void = {}) -> QueryRun {
        QueryRun(plan: plan, sink: SinkStage(onRow: onRow, onFinish: onFinish))
    }

    /// Runs over in-memory rows (table → rows in schema slot order) and returns the result rows,
    /// each compacted to the output columns' order.
    public func evaluate(_ input: [String: [[Value]]]) -> [[Value]] {
        var out: [[Value]] = []
        let slots = output.entries.map(\.slot)
        let run = makeRun(onRow: { row in out.append(slots.map { $0 < row.count ? row[$0] : .null(.string) }) })
        for (table, rows) in input.sorted(by: { $0.key < $1.key }) {
            for r in rows { run.push(table: table, row: r) }
        }
        run.finish()
        return out
    }
}

public enum KQLCompiler {
    /// Parses, binds and compiles `text`. Returns nil (with diagnostics) when any error was found.
    public static func compile(_ text: String, schema: Schema = .standard, now: Int64 = 0) -> (CompiledQuery?, [Diagnostic]) {
        compile(text, schema: schema, now: now, rowFilters: true)
    }

    /// `rowFilters: false` for a row filter's own text (never derive filters of filters).
    static func compile(_ text: String, schema: Schema, now: Int64, rowFilters: Bool) -> (CompiledQuery?, [Diagnostic]) {
        if text.utf8.count > 1_000_000 {
            return (nil, [Diagnostic("KQL0902", .error, "The query text is \(text.utf8.count) bytes; the limit is 1,000,000.", at: .none)])
        }
        var parser = Parser(text)
        let q = parser.parse()
        var diags = parser.diagnostics
        if diags.contains(where: \.isError) { return (nil, diags.sorted { $0.range.start < $1.range.start }) }
        let ctx = EvalContext(now: now)
        let binder = Binder(schema: schema, ctx: ctx)
        let bound = binder.bind(q)
        diags += binder.diagnostics
        guard let b = bound, !diags.contains(where: \.isError) else { return (nil, diags) }
        var prefilters: [String: Prefilter] = [:]
        var queryTabular: TabularExpr? = nil
        for st in q.statements { if case .query(let t) = st { queryTabular = t } }
        if let t = queryTabular, case .name(let n) = t.source, let ts = schema.table(n), b.plan.readsOnly(n) {
            prefilters[n] = Prefilter.of(t, table: ts)
        }
        let cq = CompiledQuery(text: text, diagnostics: diags, output: b.schema, windowed: b.windowed,
                               required: binder.required, prefilters: prefilters, context: ctx, plan: b.plan)
        if b.windowed && rowFilters {
            let leaves = b.plan.leaves()
            for n in Set(leaves) where schema.table(n) != nil {
                // Every place reading the table must be found, each with its filter.
                guard let reads = TableReads.of(n, in: q), reads.count == leaves.filter({ $0 == n }).count else { continue }
                let filters = reads.compactMap { LeadingFilter.compile(q, $0, table: n, text: text, schema: schema) }
                if filters.count == reads.count { cq.rowFilters[n] = filters }
            }
        }
        return (cq, diags)
    }
}

extension Plan {
    /// True when the plan's only input is `table`, read once.
    func readsOnly(_ table: String) -> Bool { leaves() == [table] }

    /// The tables the plan reads, once per place it reads them ("" for inline data).
    func leaves() -> [String] {
        var leaves: [String] = []
        func walk(_ p: Plan) {
            switch p {
            case .table(let n): leaves.append(n)
            case .inline: leaves.append("")
            case .stage(let inner, _): walk(inner)
            case .union(let legs): legs.forEach(walk)
            case .join(let l, let r, _): walk(l); walk(r)
            case .ref(let r): walk(r.plan)
            case .empty: break
            }
        }
        walk(self)
        return leaves
    }
}
