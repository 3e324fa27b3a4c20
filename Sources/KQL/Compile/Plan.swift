/// The shape of a compiled tabular expression: leaves read tables or inline rows, inner nodes
/// add stages, merge legs or join two sides. Immutable; `QueryRun` instantiates it.
indirect enum Plan {
    case table(String)
    case inline([[Value]])
    case stage(Plan, StageFactory)
    case union([Plan])
    case join(left: Plan, right: Plan, make: (CollectStage) -> Stage)
    /// A plan decided after the operator reading it was bound (subqueries wrap the input).
    case ref(PlanRef)
    case empty
}

final class PlanRef {
    var plan: Plan
    init(_ p: Plan) { plan = p }
}

extension Plan {
    /// True when `ref` appears anywhere in this plan.
    func references(_ ref: PlanRef) -> Bool {
        switch self {
        case .table, .inline, .empty: return false
        case .stage(let inner, _): return inner.references(ref)
        case .union(let legs): return legs.contains { $0.references(ref) }
        case .join(let l, let r, _): return l.references(ref) || r.references(ref)
        case .ref(let r): return r === ref || r.plan.references(ref)
        }
    }
}

/// One execution of a compiled query: feed rows per table, then `finish`.
public final class QueryRun {
    var inputs: [String: [Stage]] = [:]
    var order: [Stage] = []
    var inline: [(Stage, [[Value]])] = []
    var started = false

    init(plan: Plan, sink: Stage) {
        instantiate(plan, sink)
    }

    private func instantiate(_ plan: Plan, _ down: Stage) {
        switch plan {
        case .table(let name):
            inputs[name, default: []].append(down)
            order.append(down)
        case .inline(let rows):
            inline.append((down, rows))
            order.append(down)
        case .stage(let inner, let make):
            let s = make(down)
            s.next = down
            instantiate(inner, s)
        case .union(let legs):
            let m = MergeStage(legs: legs.count)
            m.next = down
            for leg in legs { instantiate(leg, m) }
            if legs.isEmpty { order.append(m) }
        case .join(let left, let right, let make):
            let collect = CollectStage()
            instantiate(right, collect)
            let j = make(collect)
            j.next = down
            instantiate(left, j)
        case .ref(let r):
            instantiate(r.plan, down)
        case .empty:
            order.append(down)
        }
    }

    /// Tables this run reads.
    public var tables: [String] { Array(inputs.keys) }

    private func start() {
        guard !started else { return }
        started = true
        for (s, rows) in inline { for r in rows { s.push(r) } }
    }

    /// Pushes one row of `table` (values in the table schema's slot order).
    @inline(__always)
    public func push(table: String, row: [Value]) {
        if !started { start() }
        guard let targets = inputs[table] else { return }
        for t in targets { t.push(row) }
    }

    /// Fast path for callers that resolved the table once: push rows to these stages directly.
    public func entries(for table: String) -> [Stage] {
        if !started { start() }
        return inputs[table] ?? []
    }

    public func finish() {
        start()
        for s in order { s.finish() }
    }
}
