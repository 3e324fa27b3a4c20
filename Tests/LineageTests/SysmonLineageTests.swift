import Foundation
import XCTest
import KQL
@testable import Lineage

/// Sysmon process-create events (file 4) mapped to DeviceProcessEvents rows. Sysmon does not
/// give the parent's start time, so linking relies on the PID + image-name fallback; the
/// ProcessGuid/ParentProcessGuid pairs are the ground truth to score it against.
final class SysmonLineageTests: XCTestCase {
    struct Created { let row: LoadedRow; let guid: String; let parentGuid: String; let time: Int64 }

    static func load() throws -> [Created] {
        let url = try Paths.sharedData("otrf_lsass_campaign01_sysmon_proc_file.jsonl")
        let dpe = Schema.standard.table("DeviceProcessEvents")!
        var out: [Created] = []
        for line in try Data(contentsOf: url).split(separator: UInt8(ascii: "\n")) {
            guard let o = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  (o["EventID"] as? NSNumber)?.intValue == 1,
                  let utc = o["UtcTime"] as? String, let t = Ticks.parseDatetime(utc) else { continue }
            func s(_ k: String) -> String { (o[k] as? String) ?? "" }
            func base(_ path: String) -> String { String(path.split(separator: "\\").last ?? "") }
            var v = dpe.columns.map { Value.null(of: $0.type) }
            func set(_ c: String, _ x: Value) { v[dpe.slot(of: c)!] = x }
            set("Timestamp", .datetime(t)); set("DeviceName", .string(s("Hostname")))
            set("ActionType", .string("ProcessCreated"))
            set("ProcessId", Int64(s("ProcessId")).map(Value.long) ?? .null(.long))
            set("FileName", .string(base(s("Image")))); set("FolderPath", .string(s("Image")))
            set("ProcessCommandLine", .string(s("CommandLine"))); set("ProcessCreationTime", .datetime(t))
            set("InitiatingProcessId", Int64(s("ParentProcessId")).map(Value.long) ?? .null(.long))
            set("InitiatingProcessFileName", .string(base(s("ParentImage"))))
            set("InitiatingProcessCommandLine", .string(s("ParentCommandLine")))
            out.append(Created(row: LoadedRow(table: dpe, values: v, reportId: ""), guid: s("ProcessGuid"),
                               parentGuid: s("ParentProcessGuid"), time: t))
        }
        return out.sorted { $0.time < $1.time }
    }

    func testPidAndNameFallbackAgreesWithProcessGuids() throws {
        let created = try Self.load()
        XCTAssertEqual(created.count, 269)
        var orders = [("time order", Array(created.indices)), ("reversed", Array(created.indices.reversed()))]
        var rng = SeededRandom(seed: 11)
        for k in 1...4 {
            var shuffled = Array(created.indices)
            rng.shuffle(&shuffled)
            orders.append(("shuffled #\(k)", shuffled))
        }
        for (label, order) in orders {
            let g = ProcessGraph(budget: 100_000)
            for i in order {
                g.observe(table: created[i].row.table, values: created[i].row.values, event: EventRef(UInt64(i)), summary: created[i].row.summary)
            }
            g._checkInvariants()
            var rowOfNode: [NodeID: Int] = [:]
            for i in created.indices { if let n = g.createdNode(for: EventRef(UInt64(i))) { rowOfNode[n] = i } }
            let rowOfGuid = Dictionary(created.indices.map { (created[$0].guid, $0) }, uniquingKeysWith: { a, _ in a })
            var truthLinks = 0, found = 0, right = 0, wrong = 0
            for i in created.indices {
                let truth = rowOfGuid[created[i].parentGuid]
                if truth != nil { truthLinks += 1 }
                guard let n = g.createdNode(for: EventRef(UInt64(i))), let p = g.process(n)?.parent, let got = rowOfNode[p] else { continue }
                found += 1
                if got == truth { right += 1 } else { wrong += 1 }
            }
            print("sysmon EID1 \(label): parent rows by GUID \(truthLinks), linked \(found), agree \(right), disagree \(wrong); \(g.stats)")
            XCTAssertEqual(truthLinks, 237, "README: 237 of 269 parents present")
            XCTAssertEqual(wrong, 0, "a fallback link must never pick the wrong process")
            XCTAssertGreaterThanOrEqual(right, 230)
        }
    }
}
