import Foundation
import XCTest
import KQL
import Telemetry
@testable import Engine

/// Window rules in the live engine: re-evaluated over the retained events, new result rows are hits.
final class LiveWindowTests: XCTestCase {
    func testSummarizeRuleHitsInTheLiveEngine() throws {
        let dir = EnginePaths.tempDir()
        let rule = dir.appendingPathComponent("per-device.kql")
        try """
        DeviceFileEvents
        | where FolderPath endswith ".eml"
        | summarize Writes = count() by DeviceName
        | where Writes >= 5
        """.write(to: rule, atomically: true, encoding: .utf8)
        var opts = LiveOptions()
        opts.publishInterval = 0.01
        let engine = LiveEngine(rules: RuleSet.load(paths: [rule.path]), inputs: [InputSpec(argument: EnginePaths.demo)], options: opts)
        try engine.start()
        defer { engine.send(.quit) }
        let deadline = Date().addingTimeInterval(60)
        while !engine.isFinished && Date() < deadline { usleep(10_000) }
        XCTAssertTrue(engine.isFinished)
        usleep(50_000)
        let snap = engine.latest()
        // The same rule run headless over the same file gives the rows the live engine reports.
        let batch = try EnginePaths.scan(rules: [rule.path], inputs: [EnginePaths.demo])
        let expected = Set(batch.hits.map { "\($0.value("DeviceName")!.text)=\($0.value("Writes")!.text)" })
        XCTAssertFalse(expected.isEmpty)
        let ruleId = snap.rules[0].id
        XCTAssertEqual(snap.rules[0].kind, "Window")
        let got = snap.hits(of: ruleId).map { h in
            "\(h.columns.first { $0.name == "DeviceName" }!.value)=\(h.columns.first { $0.name == "Writes" }!.value)"
        }
        // Rows that grew while the input was read show up once per distinct result row; the final
        // result is the batch result.
        XCTAssertTrue(expected.isSubset(of: Set(got)), "\(expected) ⊄ \(got)")
        XCTAssertEqual(snap.rules[0].hitCount, got.count)
    }

    /// Window rules keep only the rows their leading `where`s let through (literal prefilter and
    /// the exact test), whole when their output passes input columns; answers stay the batch ones.
    func testWindowRulesKeepOnlyRowsTheirLeadingWhereAdmits() throws {
        let dir = EnginePaths.tempDir()
        let rules: [(String, String)] = [
            ("top-eml", "DeviceFileEvents\n| where FolderPath endswith \".eml\"\n| top 5 by Timestamp desc"),
            ("ping-by-host", "DeviceProcessEvents\n| where FileName matches regex @\"^(?i)ping\\.exe$\"\n| summarize n = count() by DeviceName"),
            ("clocked", "DeviceFileEvents\n| where Timestamp > ago(3650d)\n| where FolderPath endswith \".eml\"\n| summarize n = count() by DeviceName"),
            ("eml-and-docx", "DeviceFileEvents\n| where Timestamp > ago(3650d) and FolderPath endswith \".eml\"\n| summarize emls = count() by DeviceName\n| join kind=inner (DeviceFileEvents | where FolderPath endswith \".docx\" | summarize docs = count() by DeviceName) on DeviceName"),
        ]
        for (name, text) in rules { try text.write(to: dir.appendingPathComponent("\(name).kql"), atomically: true, encoding: .utf8) }
        let set = RuleSet.load(paths: [dir.path])
        XCTAssertEqual(set.rules.count, 4, "\(set.errors)")
        let engine = LiveEngine(rules: set, inputs: [InputSpec(argument: EnginePaths.demo)], options: LiveOptions())
        try engine.start()
        defer { engine.send(.quit) }
        let deadline = Date().addingTimeInterval(60)
        while !engine.isFinished && Date() < deadline { usleep(10_000) }
        XCTAssertTrue(engine.isFinished)
        let snap = engine.latest()

        func count(_ query: String) throws -> Int {
            let f = dir.appendingPathComponent("count-\(abs(query.hashValue)).kql")
            try query.write(to: f, atomically: true, encoding: .utf8)
            return try EnginePaths.scan(rules: [f.path], inputs: [EnginePaths.demo]).hits.count
        }
        let emlRows = try count("DeviceFileEvents | where FolderPath endswith \".eml\"")
        let pingRows = try count("DeviceProcessEvents | where FileName =~ \"ping.exe\"")
        let docxRows = try count("DeviceFileEvents | where FolderPath endswith \".docx\"")
        XCTAssertGreaterThan(emlRows, 0)
        XCTAssertGreaterThan(pingRows, 0)
        for (ri, cr) in set.rules.enumerated() {
            let kept = engine.windows.rows[ri]?.values.reduce(0) { $0 + $1.count } ?? 0
            let batch = try EnginePaths.scan(rules: [cr.rule.file], inputs: [EnginePaths.demo])
            let got = Set(snap.hits(of: cr.rule.id).map { h in h.columns.map { "\($0.name)=\($0.value)" }.joined(separator: ",") })
            let want = Set(batch.hits.map { h in h.columns.filter { !["Lineage"].contains($0.name) }.map { "\($0.name)=\($0.value.isNull ? "" : $0.value.text)" }.joined(separator: ",") })
            XCTAssertFalse(want.isEmpty, cr.rule.id)
            XCTAssertTrue(want.isSubset(of: got), "\(cr.rule.id): \(want.subtracting(got).prefix(2))")
            switch cr.rule.id {
            case "top-eml", "clocked": XCTAssertEqual(kept, emlRows, "\(cr.rule.id) keeps the .eml writes only")
            case "eml-and-docx": XCTAssertEqual(kept, emlRows + docxRows, "each side of the join keeps what its where admits")
            default: XCTAssertEqual(kept, pingRows, "ping-by-host keeps the ping.exe rows only")
            }
        }
        // The clock-reading where is not part of the exact test; the literal one is.
        XCTAssertNotNil(set.rules.first { $0.rule.id == "clocked" }?.query.leadingFilter)
        XCTAssertNil(set.rules.first { $0.rule.id == "clocked" }?.query.leadingFilter?.text.range(of: "ago("))
    }
}
