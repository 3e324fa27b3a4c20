/// The result of a subquery (`in (T | project x)`, `toscalar(T)`), filled before the rows that use it run.
final class SubqueryBox {
    var values: [Value] = []
    var exact = Set<String>()
    var folded = Set<String>()
    var scalar: Value = .null(.string)

    func fill(_ rows: [[Value]]) {
        values = rows.compactMap { $0.first }
        scalar = values.first ?? .null(.string)
        for v in values {
            let t = v.text
            exact.insert(t)
            folded.insert(StringOps.fold(t))
        }
    }
}

struct Subquery {
    let table: BoundTable
    let box: SubqueryBox
}

/// Holds every input row until the subquery's rows are all in, fills its box, then lets the rows go.
final class BarrierStage: Stage {
    let collect: CollectStage
    let box: SubqueryBox
    let slots: [Int]
    var rows: [[Value]] = []
    init(_ c: CollectStage, _ b: SubqueryBox, slots: [Int]) { collect = c; box = b; self.slots = slots }
    override func push(_ row: [Value]) { rows.append(row) }
    override func finish() {
        box.fill(collect.rows.map { r in slots.map { r[$0] } })
        for r in rows { next!.push(r) }
        rows = []
        next!.finish()
    }
}
