import KQL

/// A row-level query used as a yes/no test on single rows of one table (a window rule's leading
/// `where`s, an exclusion's predicate). Not thread-safe: one evaluator thread uses it.
final class RowGate {
    private final class Flag { var passed = false }
    private let flag = Flag()
    private let run: QueryRun
    let query: CompiledQuery
    let table: String

    init(_ q: CompiledQuery, table: String) {
        query = q
        let f = flag
        run = q.makeRun(onRow: { _ in f.passed = true })
        self.table = table
    }

    func passes(_ values: [Value]) -> Bool {
        flag.passed = false
        run.push(table: table, row: values)
        return flag.passed
    }
}
