import Foundation
import XCTest
import KQL
@testable import Lineage

/// The generated demo scenario in Fixtures/demo.
final class DemoScenarioTests: XCTestCase {
    struct Demo {
        let rows: [LoadedRow]
        let truth: [String: Any]
        let byReportId: [String: Int]
    }

    nonisolated(unsafe) static var cached: Demo?

    static func demo() throws -> Demo {
        if let cached { return cached }
        let rows = try RowLoader.load(Paths.demo.appendingPathComponent("events.jsonl"))
        let truthData = try Data(contentsOf: Paths.demo.appendingPathComponent("truth.json"))
        let truth = try XCTUnwrap(JSONSerialization.jsonObject(with: truthData) as? [String: Any])
        var index: [String: Int] = [:]
        for (i, r) in rows.enumerated() { index[r.reportId] = i }
        let d = Demo(rows: rows, truth: truth, byReportId: index)
        cached = d
        return d
    }

    func seedHits(_ d: Demo) throws -> [Int] {
        let ids = try XCTUnwrap(d.truth["seed_hits"] as? [NSNumber])
        return try ids.map { try XCTUnwrap(d.byReportId[$0.stringValue]) }
    }

    func testGeneratorIsDeterministic() throws {
        let script = Paths.packageRoot.appendingPathComponent("scripts/gen-fixtures.py")
        guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("python3 not found")
        }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("lineage-fixtures-\(getpid())")
        defer { try? FileManager.default.removeItem(at: out) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [script.path, "--out", out.path]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        for name in ["events.jsonl", "truth.json", "README.md"] {
            let fresh = try Data(contentsOf: out.appendingPathComponent(name))
            let committed = try Data(contentsOf: Paths.demo.appendingPathComponent(name))
            XCTAssertTrue(fresh == committed, "\(name) differs from a fresh run of scripts/gen-fixtures.py")
        }
    }

    func testShapeOfTheScenario() throws {
        let d = try Self.demo()
        XCTAssertEqual(d.rows.count, (d.truth["rows"] as? NSNumber)?.intValue)
        XCTAssertGreaterThan(d.rows.count, 4000)
        XCTAssertEqual(Set(d.rows.map(\.reportId)).count, d.rows.count, "ReportIds unique")
        XCTAssertEqual(Set(d.rows.map(\.table.name)), ["DeviceProcessEvents", "DeviceFileEvents"])
        let times: [Int64] = d.rows.compactMap { r in
            if case .datetime(let t) = r.values[r.table.slot(of: "Timestamp")!] { return t }
            return nil
        }
        XCTAssertEqual(times.count, d.rows.count)
        XCTAssertEqual(times, times.sorted(), "rows in time order")
        XCTAssertGreaterThan(times.last! - times.first!, 25 * Ticks.perMinute)
        let size = try FileManager.default.attributesOfItem(atPath: Paths.demo.appendingPathComponent("events.jsonl").path)[.size] as! NSNumber
        XCTAssertLessThanOrEqual(size.intValue, 8 * 1024 * 1024)
    }

    /// The seed rule evaluated by hand over decoded rows must give exactly truth.json's hits.
    func testSeedHitsMatchTheRuleSemantics() throws {
        let d = try Self.demo()
        let byRule = d.rows.indices.filter { i in
            let r = d.rows[i]
            return r.table.name == "DeviceFileEvents"
                && RowLoader.string(r, "InitiatingProcessFileName").lowercased() == "ping.exe"
                && RowLoader.string(r, "InitiatingProcessCommandLine") == "ping.exe -t 127.0.0.1"
                && ["msra.exe", "mobsync.exe"].contains(RowLoader.string(r, "InitiatingProcessParentFileName").lowercased())
                && RowLoader.string(r, "FolderPath").lowercased().hasSuffix(".eml")
        }
        XCTAssertEqual(byRule, try seedHits(d))
        XCTAssertGreaterThanOrEqual(byRule.count, 10)
    }

    func testEverySeedHitResolvesToTheQakbotChain() throws {
        let d = try Self.demo()
        let g = RowLoader.graph(d.rows)
        g._checkInvariants()
        print("demo graph \(g.stats)")
        var hosts = Set<String>()
        for i in try seedHits(d) {
            let chain = g.chain(forEvent: EventRef(UInt64(i)))
            let names = chain.map { $0.fileName.lowercased() }
            XCTAssertEqual(names.last, "ping.exe")
            XCTAssertEqual(chain.last?.commandLine, "ping.exe -t 127.0.0.1")
            XCTAssertEqual(chain.last?.inferred, false, "ping.exe's creation row is in the data")
            let device = RowLoader.string(d.rows[i], "DeviceName")
            hosts.insert(device)
            if device.hasPrefix("fin-ws-07") {
                XCTAssertEqual(Array(names.suffix(7)), ["explorer.exe", "outlook.exe", "winword.exe", "wscript.exe", "rundll32.exe", "msra.exe", "ping.exe"])
                XCTAssertEqual(chain.suffix(7).map(\.inferred), [true, true, false, false, false, false, false])
            } else {
                XCTAssertEqual(Array(names.suffix(7)), ["explorer.exe", "outlook.exe", "excel.exe", "cmd.exe", "regsvr32.exe", "mobsync.exe", "ping.exe"])
                XCTAssertEqual(chain.suffix(7).map(\.inferred), [true, true, false, false, true, false, false],
                               "regsvr32's creation row is missing: inferred from mobsync's row")
            }
        }
        XCTAssertEqual(hosts, ["fin-ws-07.contoso.local", "hr-ws-12.contoso.local"])
    }

    func testFileRowsWithSkewedCreationTimeJoinTheProcessRow() throws {
        let d = try Self.demo()
        let g = RowLoader.graph(d.rows)
        // hr-ws-12's ping.exe file rows name a start 4 ms after its process row.
        let procRow = try XCTUnwrap(d.rows.indices.first {
            d.rows[$0].table.name == "DeviceProcessEvents" && RowLoader.string(d.rows[$0], "ProcessCommandLine") == "ping.exe -t 127.0.0.1"
                && RowLoader.string(d.rows[$0], "DeviceName").hasPrefix("hr-ws-12")
        })
        let ping = try XCTUnwrap(g.createdNode(for: EventRef(UInt64(procRow))))
        let hits = try seedHits(d).filter { RowLoader.string(d.rows[$0], "DeviceName").hasPrefix("hr-ws-12") }
        XCTAssertFalse(hits.isEmpty)
        for i in hits { XCTAssertEqual(g.node(for: EventRef(UInt64(i))), ping) }
        XCTAssertEqual(g.process(ping)?.link, .exact, "mobsync's row names ping's creation time exactly")
        XCTAssertEqual(g.process(ping)?.eventCount, hits.count + hits.count / 7 + (hits.count % 7 > 3 ? 1 : 0) + 1)
    }

    func testPidReuseInTheDemoIsKeptApart() throws {
        let d = try Self.demo()
        let g = RowLoader.graph(d.rows)
        // Any PID with two creation rows of different images must give two nodes.
        var seen: [String: Set<String>] = [:]
        for r in d.rows where r.table.name == "DeviceProcessEvents" {
            let key = RowLoader.string(r, "DeviceName") + "/" + String(RowLoader.long(r, "ProcessId") ?? -1)
            seen[key, default: []].insert(RowLoader.string(r, "FileName").lowercased())
        }
        let reused = seen.filter { $0.value.count > 1 }
        XCTAssertFalse(reused.isEmpty, "the generator reuses PIDs")
        for (key, names) in reused {
            let parts = key.split(separator: "/")
            let nodes = g.findProcess(device: String(parts[0]), pid: Int64(parts[1])!)
            let got = Set(nodes.compactMap { g.process($0)?.fileName.lowercased() })
            XCTAssertTrue(names.isSubset(of: got), "\(key): \(names) vs \(got)")
            XCTAssertGreaterThanOrEqual(nodes.count, names.count)
        }
    }

    func testFuzzedArrivalOrderKeepsTreesAndNeverCycles() throws {
        let d = try Self.demo()
        let reference = RowLoader.graph(d.rows)
        let hits = try seedHits(d)
        let want = hits.map { reference.chain(forEvent: EventRef(UInt64($0))) }
        var rng = SeededRandom(seed: 42)
        for round in 0..<3 {
            var order = Array(d.rows.indices)
            if round == 0 { order.reverse() } else { rng.shuffle(&order) }
            let g = RowLoader.graph(d.rows, order: order)
            g._checkInvariants()
            XCTAssertEqual(g.stats.refusedLinks, 0)
            XCTAssertEqual(hits.map { g.chain(forEvent: EventRef(UInt64($0))) }, want, "round \(round)")
            XCTAssertEqual(g.stats.nodes, reference.stats.nodes, "round \(round)")
            XCTAssertEqual(g.stats.linked, reference.stats.linked, "round \(round)")
        }
    }

    func testBudgetEvictsOldestAndKeepsRecentChainsWhole() throws {
        let d = try Self.demo()
        let g = ProcessGraph(budget: 1500)
        for (i, r) in d.rows.enumerated() {
            g.observe(table: r.table, values: r.values, event: EventRef(UInt64(i)), summary: r.summary)
            if i % 997 == 0 { g._checkInvariants() }
        }
        g._checkInvariants()
        let s = g.stats
        print("demo with budget 1500: \(s)")
        XCTAssertLessThanOrEqual(s.nodes + s.events, 1500)
        XCTAssertGreaterThan(s.evictedEvents, 3000)
        XCTAssertNil(g.node(for: EventRef(0)))
        // The last row still has its full chain up to a root.
        let last = EventRef(UInt64(d.rows.count - 1))
        let id = try XCTUnwrap(g.node(for: last))
        let chain = g.ancestors(of: id, includingSelf: true)
        XCTAssertFalse(chain.isEmpty)
        XCTAssertNil(chain.first?.parent)
    }
}
