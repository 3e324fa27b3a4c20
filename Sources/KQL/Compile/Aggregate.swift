/// One group's running state for one aggregate (spec §5.3). Made fresh per group by a factory.
final class Accumulator {
    let add: ([Value]) -> Void
    /// The aggregate's output columns for the group.
    let result: () -> [Value]
    init(add: @escaping ([Value]) -> Void, result: @escaping () -> [Value]) { self.add = add; self.result = result }
}

/// An aggregate call bound to its arguments: names its outputs and makes accumulators.
struct AggregatePlan {
    var columns: [Column]
    var make: () -> Accumulator
}

enum Aggregates {
    static func sum(_ a: Value, _ b: Value) -> Value {
        if a.isNull { return b }
        if b.isNull { return a }
        return ValueOps.add(a, b)
    }

    static func better(_ a: Value, than b: Value, max: Bool) -> Bool {
        guard let c = ValueOps.compare(a, b) else { return false }
        return max ? c > 0 : c < 0
    }

    /// Builds the plan for `name(args)`; `args` are bound evals with their types; nil = unknown aggregate.
    static func plan(_ name: String, _ args: [(eval: Eval, type: KQLType, column: String?, constant: Value?)],
                     outputName: String?, row: RowSchema) -> Result<AggregatePlan, AggregateError> {
        func col(_ prefix: String) -> String {
            if let o = outputName { return o }
            if let c = args.first?.column { return "\(prefix)_\(c)" }
            return prefix.hasSuffix("_") ? prefix : prefix + "_"
        }
        func arity(_ r: ClosedRange<Int>) -> String? {
            r.contains(args.count) ? nil : "\(name)() takes \(r.lowerBound == r.upperBound ? "\(r.lowerBound)" : "\(r.lowerBound) to \(r.upperBound)") arguments, not \(args.count)."
        }
        let e0 = args.first?.eval ?? { _ in .null(.long) }
        let t0 = args.first?.type ?? .long
        func pred(_ i: Int) -> Eval { i < args.count ? args[i].eval : { _ in .bool(true) } }
        switch name {
        case "count":
            if let m = arity(0...1) { return .failure(AggregateError(message: m)) }
            return .success(AggregatePlan(columns: [Column(name: outputName ?? "count_", type: .long)]) {
                var n: Int64 = 0
                return Accumulator(add: { _ in n += 1 }, result: { [.long(n)] })
            })
        case "countif":
            if let m = arity(1...1) { return .failure(AggregateError(message: m)) }
            return .success(AggregatePlan(columns: [Column(name: outputName ?? "countif_", type: .long)]) {
                var n: Int64 = 0
                return Accumulator(add: { r in if e0(r).boolValue == true { n += 1 } }, result: { [.long(n)] })
            })
        case "dcount", "dcountif", "count_distinct":
            if let m = arity(name == "dcountif" ? 2...3 : 1...2) { return .failure(AggregateError(message: m)) }
            let p = name == "dcountif" ? pred(1) : { _ in .bool(true) }
            return .success(AggregatePlan(columns: [Column(name: col(name), type: .long)]) {
                var seen = Set<Value>()
                return Accumulator(add: { r in
                    guard p(r).boolValue == true else { return }
                    let v = e0(r)
                    if !v.isNull { seen.insert(v) }
                }, result: { [.long(Int64(seen.count))] })
            })
        case "sum", "sumif":
            if let m = arity(name == "sumif" ? 2...2 : 1...1) { return .failure(AggregateError(message: m)) }
            let p = name == "sumif" ? pred(1) : { _ in .bool(true) }
            let zero: Value = t0 == .real ? .real(0) : (t0 == .timespan ? .timespan(0) : .long(0))
            let outType: KQLType = t0 == .int ? .long : t0
            return .success(AggregatePlan(columns: [Column(name: col(name), type: outType)]) {
                var acc: Value = zero
                return Accumulator(add: { r in if p(r).boolValue == true { acc = sum(acc, e0(r)) } }, result: { [acc] })
            })
        case "avg", "avgif":
            if let m = arity(name == "avgif" ? 2...2 : 1...1) { return .failure(AggregateError(message: m)) }
            let p = name == "avgif" ? pred(1) : { _ in .bool(true) }
            return .success(AggregatePlan(columns: [Column(name: col(name), type: t0 == .timespan ? .timespan : .real)]) {
                var total = 0.0, n = 0.0
                return Accumulator(add: { r in
                    guard p(r).boolValue == true else { return }
                    let v = e0(r)
                    if case .timespan(let t) = v { total += Double(t); n += 1 } else if let d = v.doubleValue { total += d; n += 1 }
                }, result: {
                    if n == 0 { return [.null(t0 == .timespan ? .timespan : .real)] }
                    return t0 == .timespan ? [.timespan(Int64(total / n))] : [.real(total / n)]
                })
            })
        case "min", "max", "minif", "maxif":
            if let m = arity(name.hasSuffix("if") ? 2...2 : 1...1) { return .failure(AggregateError(message: m)) }
            let isMax = name.hasPrefix("max")
            let p = name.hasSuffix("if") ? pred(1) : { _ in .bool(true) }
            return .success(AggregatePlan(columns: [Column(name: col(String(name.prefix(3))), type: t0)]) {
                var best: Value? = nil
                return Accumulator(add: { r in
                    guard p(r).boolValue == true else { return }
                    let v = e0(r)
                    if v.isNull { return }
                    if let b = best {
                        if case .string(let s) = v, case .string(let t) = b {
                            let c = StringOps.compareOrdinal(s, t)
                            if isMax ? c > 0 : c < 0 { best = v }
                        } else if better(v, than: b, max: isMax) { best = v }
                    } else { best = v }
                }, result: { [best ?? .null(of: t0)] })
            })
        case "make_set", "makeset", "make_set_if", "make_list", "makelist", "make_list_if", "make_list_with_nulls":
            let isSet = name.contains("set")
            let isIf = name.hasSuffix("_if")
            if let m = arity(isIf ? 2...3 : 1...2) { return .failure(AggregateError(message: m)) }
            let p = isIf ? pred(1) : { _ in .bool(true) }
            let maxIndex = isIf ? 2 : 1
            var limit = 1_048_576
            if maxIndex < args.count, let c = args[maxIndex].constant?.int64Value { limit = Int(c) }
            let keepNulls = name == "make_list_with_nulls"
            let prefix = isSet ? "set" : "list"
            return .success(AggregatePlan(columns: [Column(name: outputName ?? (args.first?.column.map { "\(prefix)_\($0)" } ?? "\(prefix)_"), type: .dynamic)]) {
                var items: [Dynamic] = []
                var seen = Set<Dynamic>()
                return Accumulator(add: { r in
                    guard items.count < limit, p(r).boolValue == true else { return }
                    let v = e0(r)
                    if v.isNull && !keepNulls { return }
                    // A dynamic array argument contributes its elements (make_set of arrays flattens).
                    var elems: [Dynamic] = [v.toDynamic]
                    if case .dynamic(.array(let a)) = v, isSet { elems = a }
                    for d in elems where items.count < limit {
                        if isSet { if seen.insert(d).inserted { items.append(d) } } else { items.append(d) }
                    }
                }, result: { [.dynamic(.array(items))] })
            })
        case "make_bag", "make_bag_if":
            return .success(AggregatePlan(columns: [Column(name: outputName ?? "bag_", type: .dynamic)]) {
                var bag = DynamicBag()
                return Accumulator(add: { r in
                    if case .dynamic(.bag(let b)) = e0(r) { for (k, v) in b.pairs where bag[k] == nil { bag[k] = v } }
                }, result: { [.dynamic(.bag(bag))] })
            })
        case "any", "take_any", "anyif", "take_anyif":
            let isIf = name.hasSuffix("if")
            let p = isIf ? pred(args.count - 1) : { _ in .bool(true) }
            let valueArgs = isIf ? Array(args.dropLast()) : args
            let star = valueArgs.count == 1 && valueArgs[0].constant == .string("*")
            let cols: [Column]
            let evals: [Eval]
            if star {
                cols = row.entries.map { Column(name: $0.name, type: $0.type) }
                evals = row.entries.map { e in let s = e.slot; return { $0[s] } }
            } else {
                cols = valueArgs.enumerated().map { k, a in Column(name: k == 0 && outputName != nil ? outputName! : (a.column.map { "any_\($0)" } ?? "any_\(k)"), type: a.type) }
                evals = valueArgs.map(\.eval)
            }
            return .success(AggregatePlan(columns: cols) {
                var got: [Value]? = nil
                var complete = false
                return Accumulator(add: { r in
                    guard !complete, p(r).boolValue == true else { return }
                    let vals = evals.map { $0(r) }
                    got = vals
                    complete = !vals.contains { $0.isEmpty }
                }, result: { got ?? cols.map { Value.null(of: $0.type) } })
            })
        case "arg_max", "arg_min":
            guard args.count >= 1 else { return .failure(AggregateError(message: "\(name)() needs at least 1 argument.")) }
            let isMax = name == "arg_max"
            let rest = Array(args.dropFirst())
            var cols = [Column(name: outputName ?? args[0].column ?? "\(isMax ? "max" : "min")_", type: t0)]
            var evals: [Eval] = []
            if rest.count == 1 && rest[0].constant == .string("*") {
                for e in row.entries where e.name != args[0].column {
                    let s = e.slot
                    cols.append(Column(name: e.name, type: e.type))
                    evals.append({ $0[s] })
                }
            } else {
                for (k, a) in rest.enumerated() {
                    cols.append(Column(name: a.column ?? "\(name)_\(k)", type: a.type))
                    evals.append(a.eval)
                }
            }
            return .success(AggregatePlan(columns: cols) {
                var best: Value? = nil
                var vals: [Value]? = nil
                return Accumulator(add: { r in
                    let v = e0(r)
                    if vals == nil || (!v.isNull && (best == nil || best!.isNull || better(v, than: best!, max: isMax))) {
                        best = v
                        vals = evals.map { $0(r) }
                    }
                }, result: { [best ?? .null(of: t0)] + (vals ?? cols.dropFirst().map { Value.null(of: $0.type) }) })
            })
        case "percentile", "percentiles":
            guard args.count >= 2 else { return .failure(AggregateError(message: "\(name)() needs a value and a percentile.")) }
            let ps = args.dropFirst().compactMap { $0.constant?.doubleValue }
            let cols = ps.map { Column(name: outputName ?? "percentile_\(args[0].column ?? "")_\(Int($0))", type: t0) }
            return .success(AggregatePlan(columns: cols) {
                var values: [Value] = []
                return Accumulator(add: { r in let v = e0(r); if !v.isNull { values.append(v) } }, result: {
                    let sorted = values.sorted { (ValueOps.compare($0, $1) ?? 0) < 0 }
                    return ps.map { p in
                        guard !sorted.isEmpty else { return .null(of: t0) }
                        let idx = Int((p / 100 * Double(sorted.count - 1)).rounded())
                        return sorted[min(max(idx, 0), sorted.count - 1)]
                    }
                })
            })
        case "stdev", "variance", "stdevp", "variancep":
            return .success(AggregatePlan(columns: [Column(name: col(name), type: .real)]) {
                var xs: [Double] = []
                return Accumulator(add: { r in if let d = e0(r).doubleValue { xs.append(d) } }, result: {
                    guard xs.count > 1 else { return [.real(0)] }
                    let mean = xs.reduce(0, +) / Double(xs.count)
                    let population = name.hasSuffix("p")
                    let v = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count - (population ? 0 : 1))
                    return [.real(name.hasPrefix("stdev") ? v.squareRoot() : v)]
                })
            })
        default:
            return .failure(AggregateError(message: "unknown"))
        }
    }
}


struct AggregateError: Error { var message: String }
