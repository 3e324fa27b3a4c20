import Foundation
import XCTest
import KQL
import Telemetry
@testable import Engine

/// `hunttop scan`'s engine over real inputs: exact hit sets, formats, bad lines, bad rules.
final class ScanTests: XCTestCase {
    func testSeedRuleOnGeneratedRowsReturnsExactlyThePlantedHits() throws {
        let dir = EnginePaths.tempDir()
        let (data, truth) = try EnginePaths.generate(rows: 10_000, in: dir)
        for prefilter in [true, false] {
            var opts = ScanOptions()
            opts.usePrefilter = prefilter
            let r = try EnginePaths.scan(rules: [EnginePaths.seedRule], inputs: [data], options: opts)
            XCTAssertEqual(EnginePaths.reportIds(r.hits), truth, "prefilter=\(prefilter)")
            XCTAssertEqual(r.hits.count, truth.count)
            XCTAssertEqual(r.summary.stats.lines, 10_000)
            XCTAssertEqual(r.summary.stats.malformed, 0)
            if prefilter { XCTAssertGreaterThan(r.summary.stats.prefiltered, 9_000) }
        }
    }

    func testDemoScenarioSeedHitsAndLineage() throws {
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: EnginePaths.root.appendingPathComponent("Fixtures/demo/truth.json"))) as! [String: Any]
        let expected = Set((truth["seed_hits"] as! [Int]).map(Int64.init))
        let r = try EnginePaths.scan(rules: [EnginePaths.seedRule], inputs: [EnginePaths.demo])
        XCTAssertEqual(EnginePaths.reportIds(r.hits), expected)
        for h in r.hits {
            let chain = h.lineage ?? []
            XCTAssertEqual(chain.last?.fileName.lowercased(), "ping.exe")
            XCTAssertEqual(chain.last?.commandLine, "ping.exe -t 127.0.0.1")
            XCTAssertTrue(["msra.exe", "mobsync.exe"].contains(chain.first?.fileName.lowercased() ?? ""), "\(chain)")
        }
    }

    /// The same rows as streaming envelopes (several per line), and as a CSV export, give the same hits.
    func testEnvelopeAndCSVInputsGiveTheSameHits() throws {
        let dir = EnginePaths.tempDir()
        let (data, truth) = try EnginePaths.generate(rows: 3_000, in: dir)
        let lines = try String(contentsOfFile: data, encoding: .utf8).split(separator: "\n")
        var env = ""
        var batch: [String] = []
        for l in lines {
            batch.append("{\"time\":\"2026-05-01T00:00:00.0000000Z\",\"category\":\"AdvancedHunting-DeviceFileEvents\",\"properties\":\(l)}")
            if batch.count == 3 { env += "{\"records\":[" + batch.joined(separator: ",") + "]}\n"; batch = [] }
        }
        if !batch.isEmpty { env += "{\"records\":[" + batch.joined(separator: ",") + "]}\n" }
        let envPath = dir.appendingPathComponent("env.jsonl").path
        try env.write(toFile: envPath, atomically: true, encoding: .utf8)
        let r1 = try EnginePaths.scan(rules: [EnginePaths.seedRule], inputs: [envPath])
        XCTAssertEqual(EnginePaths.reportIds(r1.hits), truth)

        // CSV: header of the schema's columns, fields quoted, embedded quotes doubled.
        let table = Schema.standard.table("DeviceFileEvents")!
        var csv = table.columns.map(\.name).joined(separator: ",") + "\n"
        for l in lines {
            let obj = try JSONSerialization.jsonObject(with: Data(l.utf8)) as! [String: Any]
            csv += table.columns.map { c -> String in
                guard let v = obj[c.name], !(v is NSNull) else { return "" }
                let s = "\(v)"
                return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }.joined(separator: ",") + "\n"
        }
        let csvPath = dir.appendingPathComponent("export.csv").path
        try csv.write(toFile: csvPath, atomically: true, encoding: .utf8)
        let r2 = try EnginePaths.scan(rules: [EnginePaths.seedRule], inputs: [csvPath])
        XCTAssertEqual(EnginePaths.reportIds(r2.hits), truth)
    }

    func testMalformedLinesAreCountedWithTheirPlaceAndTheRestFlows() throws {
        let dir = EnginePaths.tempDir()
        let (data, truth) = try EnginePaths.generate(rows: 2_000, in: dir)
        var lines = try String(contentsOfFile: data, encoding: .utf8).split(separator: "\n").map(String.init)
        let bad = ["{\"Timestamp\": \"2026-05-01T00:00:00Z\", \"FileName\": ", "not json at all", "{\"a\":1,,}"]
        let positions = [10, 500, 1500]
        for (k, p) in positions.enumerated().reversed() { lines.insert(bad[k], at: p) }
        let path = dir.appendingPathComponent("broken.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        var opts = ScanOptions()
        opts.usePrefilter = false
        let r = try EnginePaths.scan(rules: [EnginePaths.seedRule], inputs: [path], options: opts)
        XCTAssertEqual(EnginePaths.reportIds(r.hits), truth)
        XCTAssertEqual(r.summary.stats.malformed, 3)
        let expectedLines = Set(lines.indices.filter { bad.contains(lines[$0]) }.map { $0 + 1 })
        XCTAssertEqual(Set(r.malformed.map(\.line)), expectedLines)
        XCTAssertTrue(r.malformed.allSatisfy { $0.source.hasSuffix("broken.jsonl") && !$0.reason.isEmpty })
    }

    func testABrokenRuleIsReportedWithItsPlaceAndTheOthersRun() throws {
        let dir = EnginePaths.tempDir()
        let rules = dir.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: EnginePaths.seedRule, toPath: rules.appendingPathComponent("seed.yaml").path)
        try "id: broken\nname: Broken\nquery: |\n  DeviceFileEvents\n  | where FolderPth endswith '.eml'\n".write(
            to: rules.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        try "DeviceProcessEvents | where FileName =~ 'ping.exe' | project DeviceName, ProcessCommandLine".write(
            to: rules.appendingPathComponent("pings.kql"), atomically: true, encoding: .utf8)
        let r = try EnginePaths.scan(rules: [rules.path], inputs: [EnginePaths.demo])
        XCTAssertEqual(r.set.errors.count, 1)
        let e = r.set.errors[0]
        XCTAssertTrue(e.file.hasSuffix("broken.yaml"))
        XCTAssertEqual(e.line, 5)
        XCTAssertEqual(e.column, 11)
        XCTAssertEqual(e.code, "KQL0201")
        XCTAssertEqual(r.set.rules.count, 2)
        let pingIndex = r.set.rules.firstIndex { $0.rule.file.hasSuffix("pings.kql") }!
        let pingHits = r.hits.filter { $0.ruleIndex == pingIndex }
        XCTAssertGreaterThan(pingHits.count, 0)
        // A projecting rule reports its columns plus the identifying ones.
        XCTAssertEqual(pingHits[0].columns.map(\.name).prefix(2), ["DeviceName", "ProcessCommandLine"])
        XCTAssertNotNil(pingHits[0].value("ReportId"))
        XCTAssertTrue(pingHits.allSatisfy { ($0.value("ProcessCommandLine")?.text.lowercased() ?? "").contains("ping") })
    }

    /// A window rule (summarize) runs over all input and reports its result rows at the end.
    func testSummarizeRuleCountsPerDevice() throws {
        let dir = EnginePaths.tempDir()
        let rule = dir.appendingPathComponent("eml-per-device.kql")
        try """
        DeviceFileEvents
        | where FolderPath endswith ".eml" and InitiatingProcessFileName !~ "outlook.exe"
        | summarize Writes = count(), Processes = dcount(InitiatingProcessFileName) by DeviceName
        | where Writes >= 5
        | sort by Writes desc
        """.write(to: rule, atomically: true, encoding: .utf8)
        let r = try EnginePaths.scan(rules: [rule.path], inputs: [EnginePaths.demo])
        // Expected counts computed independently from the JSON rows.
        var counts: [String: Int] = [:]
        for l in try String(contentsOfFile: EnginePaths.demo, encoding: .utf8).split(separator: "\n") {
            let o = try JSONSerialization.jsonObject(with: Data(l.utf8)) as! [String: Any]
            guard o["$table"] as? String == "DeviceFileEvents", let p = o["FolderPath"] as? String, p.lowercased().hasSuffix(".eml"),
                  (o["InitiatingProcessFileName"] as? String)?.lowercased() != "outlook.exe" else { continue }
            counts[o["DeviceName"] as! String, default: 0] += 1
        }
        let expected = counts.filter { $0.value >= 5 }
        XCTAssertEqual(r.hits.count, expected.count)
        let got = Dictionary(uniqueKeysWithValues: r.hits.map { ($0.value("DeviceName")!.text, Int($0.value("Writes")!.int64Value!)) })
        XCTAssertEqual(got, expected)
        let writes = r.hits.map { $0.value("Writes")!.int64Value! }
        XCTAssertEqual(writes, writes.sorted(by: >))
    }

    /// `ago()` is relative to the newest event time seen so far when replaying a file.
    func testAgoIsRelativeToTheNewestEventSeen() throws {
        let dir = EnginePaths.tempDir()
        let rule = dir.appendingPathComponent("recent.kql")
        try "DeviceFileEvents | where Timestamp > ago(2m) and FolderPath endswith '.eml'".write(to: rule, atomically: true, encoding: .utf8)
        let r = try EnginePaths.scan(rules: [rule.path], inputs: [EnginePaths.demo])
        var newest: Int64 = 0
        var expected = Set<Int64>()
        for l in try String(contentsOfFile: EnginePaths.demo, encoding: .utf8).split(separator: "\n") {
            let o = try JSONSerialization.jsonObject(with: Data(l.utf8)) as! [String: Any]
            guard o["$table"] as? String == "DeviceFileEvents" else { continue }
            let t = Ticks.parseDatetime(o["Timestamp"] as! String)!
            newest = max(newest, t)
            if t > newest - 2 * Ticks.perMinute, (o["FolderPath"] as? String ?? "").lowercased().hasSuffix(".eml") {
                expected.insert((o["ReportId"] as! NSNumber).int64Value)
            }
        }
        XCTAssertFalse(expected.isEmpty)
        XCTAssertEqual(EnginePaths.reportIds(r.hits), expected)
    }

    /// With the whole process graph, a hit's Lineage reaches back through the Qakbot chain.
    func testLineageGraphGivesTheWholeChain() throws {
        var opts = ScanOptions()
        opts.lineageGraph = true
        let r = try EnginePaths.scan(rules: [EnginePaths.seedRule], inputs: [EnginePaths.demo], options: opts)
        XCTAssertEqual(r.hits.count, 40)
        for h in r.hits {
            let names = (h.lineage ?? []).map { $0.fileName.lowercased() }
            let device = h.value("DeviceName")!.text
            if device.hasPrefix("fin-ws-07") {
                XCTAssertEqual(Array(names.suffix(5)), ["winword.exe", "wscript.exe", "rundll32.exe", "msra.exe", "ping.exe"], "\(names)")
            } else {
                XCTAssertTrue(device.hasPrefix("hr-ws-12"))
                XCTAssertEqual(Array(names.suffix(5)), ["excel.exe", "cmd.exe", "regsvr32.exe", "mobsync.exe", "ping.exe"], "\(names)")
                // regsvr32's creation row is not in the data: it is known only by inference.
                XCTAssertEqual(h.lineage!.first { $0.fileName.lowercased() == "regsvr32.exe" }?.inferred, true)
            }
            XCTAssertEqual(h.lineage!.last?.inferred, false)
        }
    }

    /// Every corpus query that compiles runs, all at once, over the real samples and the demo.
    func testCorpusRulesRunOverTheRealSamples() throws {
        let corpus = EnginePaths.shared.appendingPathComponent("corpus/kql").path
        let data = EnginePaths.shared.appendingPathComponent("data").path
        guard FileManager.default.fileExists(atPath: corpus) else { throw XCTSkip("../shared/corpus missing") }
        let files = try FileManager.default.contentsOfDirectory(atPath: data).filter { $0.hasSuffix(".jsonl") }.map { data + "/" + $0 }
        let r = try EnginePaths.scan(rules: [corpus], inputs: files + [EnginePaths.demo])
        XCTAssertGreaterThanOrEqual(Double(r.set.rules.count), 0.8 * 224)
        XCTAssertEqual(r.summary.stats.malformed, 0)
        XCTAssertGreaterThan(r.hits.count, 0)
        print("corpus scan: \(r.set.rules.count) rules, \(r.hits.count) hits from \(Set(r.hits.map(\.ruleIndex)).count) rules")
    }
}
