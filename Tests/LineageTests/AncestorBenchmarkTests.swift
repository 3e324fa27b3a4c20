import Foundation
import XCTest
import KQL
@testable import Lineage

/// Ancestor-query cost with a million events retained, and observe() cost per row. Slow (debug build), so they
/// run only with LINEAGE_BENCH=1; they print figures and assert only correctness.
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

    /// observe() cost per row over a mix of process-creation and file rows, past the budget
    /// so eviction runs too. Prints figures; asserts only the counts.
    func testObserveThroughput() throws {
        guard ProcessInfo.processInfo.environment["LINEAGE_BENCH"] == "1" else {
            throw XCTSkip("set LINEAGE_BENCH=1 to run the observe benchmark")
        }
        let rowsCount = 300_000, budget = 100_000
        let g = ProcessGraph(budget: budget)
        var rng = SeededRandom(seed: 11)
        var procs = [SyntheticRows.P(pid: 700, name: "services.exe", at: -1000)]
        var parentOf = [0]
        var rows: [(TableSchema, [Value], EventSummary)] = []
        for k in 0..<rowsCount {
            let a = Int(rng.next() % UInt64(procs.count))
            let p = procs[parentOf[a]]
            let device = "dev\(rng.next() % 8)"
            if k % 10 == 0 {
                let child = SyntheticRows.P(pid: Int64(1000 + 4 * (k % 5000)), name: "p\(k % 97).exe", at: Double(k) / 100)
                let v = SyntheticRows.created(child, by: procs[a], parent: p, device: device)
                rows.append((SyntheticRows.dpe, v, EventSummary(table: SyntheticRows.dpe, values: v)))
                if procs.count < 2000 { procs.append(child); parentOf.append(a) }
            } else {
                let v = SyntheticRows.file("C:\\t\\\(k).tmp", by: procs[a], parent: p, at: Double(k) / 100, device: device)
                rows.append((SyntheticRows.dfe, v, EventSummary(table: SyntheticRows.dfe, values: v)))
            }
        }
        let t0 = Date()
        for (k, r) in rows.enumerated() { g.observe(table: r.0, values: r.1, event: EventRef(UInt64(k)), summary: r.2) }
        let seconds = Date().timeIntervalSince(t0)
        let s = g.stats
        XCTAssertLessThanOrEqual(s.nodes + s.events, budget)
        XCTAssertGreaterThan(s.evictedEvents, 0)
        print(String(format: "observe: %d rows in %.2f s (%.2f µs/row); %d nodes, %d events retained, %d evicted",
                     rowsCount, seconds, seconds * 1e6 / Double(rowsCount), s.nodes, s.events, s.evictedEvents))
    }
}
