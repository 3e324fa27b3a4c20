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
}
