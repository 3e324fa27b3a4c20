import KQL
@testable import Lineage

/// Hand-built MDE rows for unit tests (times in seconds after a fixed base).
enum SyntheticRows {
    static let dpe = Schema.standard.table("DeviceProcessEvents")!
    static let dfe = Schema.standard.table("DeviceFileEvents")!
    static let base = Ticks.datetime(year: 2026, month: 3, day: 10, hour: 9)

    struct P {
        var pid: Int64
        var name: String
        var at: Double  // start, seconds after base
        var cmd: String = ""
        var ticks: Int64 { base + Int64(at * Double(Ticks.perSecond)) }
    }

    static func set(_ v: inout [Value], _ t: TableSchema, _ c: String, _ x: Value) { v[t.slot(of: c)!] = x }

    static func empty(_ t: TableSchema) -> [Value] { t.columns.map { Value.null(of: $0.type) } }

    static func fillInitiating(_ v: inout [Value], _ t: TableSchema, actor: P?, parent: P?, device: String) {
        set(&v, t, "DeviceId", .string(device))
        set(&v, t, "DeviceName", .string(device + ".contoso.local"))
        if let a = actor {
            set(&v, t, "InitiatingProcessId", .long(a.pid))
            set(&v, t, "InitiatingProcessFileName", .string(a.name))
            set(&v, t, "InitiatingProcessCommandLine", .string(a.cmd))
            set(&v, t, "InitiatingProcessCreationTime", .datetime(a.ticks))
        }
        if let p = parent {
            set(&v, t, "InitiatingProcessParentId", .long(p.pid))
            set(&v, t, "InitiatingProcessParentFileName", .string(p.name))
            set(&v, t, "InitiatingProcessParentCreationTime", .datetime(p.ticks))
        } else {
            set(&v, t, "InitiatingProcessParentId", .long(0))
        }
    }

    /// A ProcessCreated row: `subject` started by `actor`, whose parent is `parent`.
    static func created(_ subject: P, by actor: P?, parent: P?, device: String = "dev1") -> [Value] {
        var v = empty(dpe)
        set(&v, dpe, "Timestamp", .datetime(subject.ticks + Ticks.perMillisecond))
        set(&v, dpe, "ActionType", .string("ProcessCreated"))
        set(&v, dpe, "ProcessId", .long(subject.pid))
        set(&v, dpe, "FileName", .string(subject.name))
        set(&v, dpe, "ProcessCommandLine", .string(subject.cmd))
        set(&v, dpe, "ProcessCreationTime", .datetime(subject.ticks))
        fillInitiating(&v, dpe, actor: actor, parent: parent, device: device)
        return v
    }

    /// A FileCreated row written by `actor` (whose parent is `parent`) at `at` seconds.
    static func file(_ path: String, by actor: P?, parent: P?, at: Double, device: String = "dev1") -> [Value] {
        var v = empty(dfe)
        set(&v, dfe, "Timestamp", .datetime(base + Int64(at * Double(Ticks.perSecond))))
        set(&v, dfe, "ActionType", .string("FileCreated"))
        set(&v, dfe, "FolderPath", .string(path))
        set(&v, dfe, "FileName", .string(String(path.split(separator: "\\").last ?? "")))
        fillInitiating(&v, dfe, actor: actor, parent: parent, device: device)
        return v
    }

    static func observe(_ g: ProcessGraph, _ rows: [(TableSchema, [Value])], from id: UInt64 = 0) {
        for (k, r) in rows.enumerated() {
            g.observe(table: r.0, values: r.1, event: EventRef(id + UInt64(k)), summary: EventSummary(table: r.0, values: r.1))
        }
    }
}
