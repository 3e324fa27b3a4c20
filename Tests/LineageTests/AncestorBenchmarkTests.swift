import Foundation
import XCTest
import KQL
@testable import Lineage

/// Ancestor-query cost with a million events retained. Slow to fill (debug build), so it
/// runs only with LINEAGE_BENCH=1; it prints figures and asserts only correctness.
final class AncestorBenchmarkTests: XCTestCase {
    func testAncestorsWithAMillionEventsRetained() throws {
        guard ProcessInfo.processInfo.environment["LINEAGE_BENCH"] == "1" else {
            throw XCTSkip("set LINEAGE_BENCH=1 to run the ancestor benchmark")
        }
        let events = 1_000_000, processes = 20_000
        let g = ProcessGraph(budget: events + processes * 2)
        let dfe = SyntheticRows.dfe
        var procs: [SyntheticRows.P] = [SyntheticRows.P(pid: 4, name: "System", at: -1e6)]
        var parentOf: [Int] = [-1]
        var rng = SeededRandom(seed: 7)
        var row = SyntheticRows.file("C:\\x\\y.tmp", by: nil, parent: nil, at: 0)
        let slots = ["InitiatingProcessId", "InitiatingProcessFileName", "InitiatingProcessCreationTime",
                     "InitiatingProcessParentId", "InitiatingProcessParentFileName", "InitiatingProcessParentCreationTime",
                     "Timestamp"].map { dfe.slot(of: $0)! }
        let summary = EventSummary(time: nil, table: "DeviceFileEvents", actionType: "FileCreated", detail: "C:\\x\\y.tmp")
        let fill = Date()
        for e in 0..<events {
            // Grow a process tree (depth up to ~40) while writing events from random processes.
            if procs.count < processes && e % (events / processes) == 0 {
                let parent = procs.count < 2 ? 0 : Int(rng.next() % UInt64(procs.count))
                procs.append(SyntheticRows.P(pid: Int64(8 + 4 * procs.count), name: "p\(procs.count).exe", at: Double(procs.count)))
                parentOf.append(parent)
            }
            let a = procs.count == 1 ? 0 : 1 + Int(rng.next() % UInt64(procs.count - 1))
            let p = parentOf[a] >= 0 ? procs[parentOf[a]] : nil
            row[slots[0]] = .long(procs[a].pid)
            row[slots[1]] = .string(procs[a].name)
            row[slots[2]] = .datetime(procs[a].ticks)
            row[slots[3]] = .long(p?.pid ?? 0)
            row[slots[4]] = .string(p?.name ?? "")
            row[slots[5]] = p.map { .datetime($0.ticks) } ?? .null(.datetime)
            row[slots[6]] = .datetime(SyntheticRows.base + Int64(e) * Ticks.perMillisecond)
            g.observe(table: dfe, values: row, event: EventRef(UInt64(e)), summary: summary)
        }
        let fillSeconds = Date().timeIntervalSince(fill)
        let s = g.stats
        XCTAssertEqual(s.events, events)
        XCTAssertEqual(s.evictedEvents, 0)

        var ids: [NodeID] = []
        for _ in 0..<10_000 { ids.append(g.node(for: EventRef(rng.next() % UInt64(events)))!) }
        var total = 0, deepest = 0
        let t0 = Date()
        for id in ids {
            let chain = g.ancestors(of: id, includingSelf: true)
            total += chain.count
            deepest = max(deepest, chain.count)
        }
        let perQuery = Date().timeIntervalSince(t0) / Double(ids.count)
        XCTAssertGreaterThan(total, ids.count)
        print(String(format: "ancestors: %d events, %d nodes retained; fill %.1f s (%.1f µs/row); ancestors %.2f µs/query (mean depth %.1f, max %d)",
                     s.events, s.nodes, fillSeconds, fillSeconds * 1e6 / Double(events), perQuery * 1e6,
                     Double(total) / Double(ids.count), deepest))
    }
}
