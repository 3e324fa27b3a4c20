/// A running pipeline step. Rows are pushed in; `finish` flushes buffered (window) state.
/// Stages are built fresh for each run from an immutable plan, so a compiled query can run many times.
public class Stage {
    var next: Stage?
    init() {}
    public func push(_ row: [Value]) {}
    public func finish() { next?.finish() }
}

/// What a stage plan builds: given the downstream stage, a fresh stateful stage.
typealias StageFactory = (Stage) -> Stage

final class FilterStage: Stage {
    let pred: Eval
    init(_ pred: @escaping Eval) { self.pred = pred }
    override func push(_ row: [Value]) {
        if case .bool(true) = pred(row) { next!.push(row) }
    }
}

/// Computes columns into slots (replacing or appending), then passes the row on.
final class ExtendStage: Stage {
    let assignments: [(slot: Int, eval: Eval)]
    let width: Int
    init(_ a: [(Int, Eval)], width: Int) { assignments = a.map { (slot: $0.0, eval: $0.1) }; self.width = width }
    override func push(_ row: [Value]) {
        var r = row
        if r.count < width { r.append(contentsOf: repeatElement(Value.null(.string), count: width - r.count)) }
        // Evaluate all against the input row first: `extend a = b, b = a` sees the old values.
        let values = assignments.map { $0.eval(row) }
        for (k, a) in assignments.enumerated() { r[a.slot] = values[k] }
        next!.push(r)
    }
}

/// Builds a new row from expressions.
final class ProjectStage: Stage {
    let evals: [Eval]
    init(_ e: [Eval]) { evals = e }
    override func push(_ row: [Value]) {
        next!.push(evals.map { $0(row) })
    }
}

final class TakeStage: Stage {
    let limit: Int
    var seen = 0
    init(_ n: Int) { limit = n }
    override func push(_ row: [Value]) {
        guard seen < limit else { return }
        seen += 1
        next!.push(row)
    }
}

/// Buffers every row, then hands the whole set to a transform at `finish`.
final class WindowStage: Stage {
    let transform: ([[Value]]) -> [[Value]]
    var rows: [[Value]] = []
    init(_ t: @escaping ([[Value]]) -> [[Value]]) { transform = t }
    override func push(_ row: [Value]) { rows.append(row) }
    override func finish() {
        for r in transform(rows) { next!.push(r) }
        rows = []
        next!.finish()
    }
}

/// Runs a function per row that may emit any number of rows (mv-expand, parse).
final class FlatMapStage: Stage {
    let f: ([Value], (([Value]) -> Void)) -> Void
    init(_ f: @escaping ([Value], (([Value]) -> Void)) -> Void) { self.f = f }
    override func push(_ row: [Value]) {
        let n = next!
        f(row) { n.push($0) }
    }
}

/// Where every leg of a union (or every table) meets: forwards rows, finishes once all legs did.
final class MergeStage: Stage {
    var pending: Int
    init(legs: Int) { pending = legs }
    override func push(_ row: [Value]) { next!.push(row) }
    override func finish() {
        pending -= 1
        if pending <= 0 { next!.finish() }
    }
}

/// The end of a pipeline: hands rows to the caller.
public final class SinkStage: Stage {
    let onRow: ([Value]) -> Void
    let onFinish: () -> Void
    public init(onRow: @escaping ([Value]) -> Void, onFinish: @escaping () -> Void = {}) {
        self.onRow = onRow; self.onFinish = onFinish
    }
    public override func push(_ row: [Value]) { onRow(row) }
    public override func finish() { onFinish() }
}

/// Collects rows (a join's right side, a subquery).
final class CollectStage: Stage {
    var rows: [[Value]] = []
    var done = false
    override func push(_ row: [Value]) { rows.append(row) }
    override func finish() { done = true }
}

/// Rewrites each row with a function (union legs aligning columns, joins' outputs).
final class MapStage: Stage {
    let f: ([Value]) -> [Value]
    init(_ f: @escaping ([Value]) -> [Value]) { self.f = f }
    override func push(_ row: [Value]) { next!.push(f(row)) }
}

/// Folds rows into state as they arrive and emits the result at `finish` (summarize, count,
/// distinct): memory grows with the number of groups, not of rows.
final class FoldStage<State>: Stage {
    var state: State
    let fold: (inout State, [Value]) -> Void
    let emit: (State) -> [[Value]]
    let initial: () -> State
    init(initial: @escaping () -> State, fold: @escaping (inout State, [Value]) -> Void, emit: @escaping (State) -> [[Value]]) {
        self.initial = initial; self.state = initial(); self.fold = fold; self.emit = emit
    }
    override func push(_ row: [Value]) { fold(&state, row) }
    override func finish() {
        for r in emit(state) { next!.push(r) }
        state = initial()
        next!.finish()
    }
}

/// The row sequence that `row_number()`, `prev()` and `next()` read: the whole serialized input
/// of one operator and the position of the row being evaluated.
final class SequenceContext {
    var rows: [[Value]] = []
    var index = 0
}

/// Holds an operator's input until it is complete, then runs the operator row by row with the
/// sequence context set (for `row_number()`, `prev()`, `next()`).
final class SequencedStage: Stage {
    let inner: Stage
    let ctx: SequenceContext
    var rows: [[Value]] = []
    init(inner: Stage, ctx: SequenceContext) { self.inner = inner; self.ctx = ctx }
    override func push(_ row: [Value]) { rows.append(row) }
    override func finish() {
        ctx.rows = rows
        for i in rows.indices {
            ctx.index = i
            inner.push(rows[i])
        }
        rows = []
        ctx.rows = []
        inner.finish()
    }
}
