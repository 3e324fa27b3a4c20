import KQL

/// The lineage a single row tells by itself: the initiating process's parent, then the initiating
/// process (and for DeviceProcessEvents, the created process). Used when no process graph is kept.
public enum RowLineage {
    public static func chain(table: TableSchema, values: [Value]) -> [LineageStep] {
        func s(_ c: String) -> String { table.slot(of: c).flatMap { values[$0].stringPayload } ?? "" }
        func n(_ c: String) -> Int64? { table.slot(of: c).flatMap { values[$0].int64Value } }
        var out: [LineageStep] = []
        let parent = s("InitiatingProcessParentFileName")
        if !parent.isEmpty || (n("InitiatingProcessParentId") ?? 0) != 0 {
            out.append(LineageStep(fileName: parent, processId: n("InitiatingProcessParentId"), commandLine: "", inferred: true))
        }
        let actor = s("InitiatingProcessFileName")
        if !actor.isEmpty || n("InitiatingProcessId") != nil {
            out.append(LineageStep(fileName: actor, processId: n("InitiatingProcessId"), commandLine: s("InitiatingProcessCommandLine"), inferred: true))
        }
        if table.name == "DeviceProcessEvents" {
            out.append(LineageStep(fileName: s("FileName"), processId: n("ProcessId"), commandLine: s("ProcessCommandLine"), inferred: false))
        }
        return out
    }

    /// Columns `chain` reads.
    public static let columns = ["InitiatingProcessParentFileName", "InitiatingProcessParentId", "InitiatingProcessFileName",
                                 "InitiatingProcessId", "InitiatingProcessCommandLine", "FileName", "ProcessId", "ProcessCommandLine"]
}
