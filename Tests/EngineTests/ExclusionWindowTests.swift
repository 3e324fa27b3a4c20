import Foundation
import XCTest
import KQL
import Telemetry
@testable import Engine

/// Exclusions and window rules: the events an enabled exclusion matches are left out of the
/// rule's input, in `scan` and in the live engine (where toggling shows at the next run).
final class ExclusionWindowTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = EnginePaths.tempDir().path
        try """
        DeviceFileEvents
        | where FolderPath endswith ".eml"
        | summarize Writes = count() by DeviceName
        """.write(toFile: (dir as NSString).appendingPathComponent("eml-per-host.kql"), atomically: true, encoding: .utf8)
        try """
        exclusions:
          - id: no-backup-servers
            name: Backup servers
            rules: [eml-per-host]
            query: DeviceName startswith "bkp-srv"
        """.write(toFile: exclusionsFile, atomically: true, encoding: .utf8)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    var exclusionsFile: String { (dir as NSString).appendingPathComponent("exclusions.yaml") }

    func hosts(_ hits: [Hit]) -> Set<String> { Set(hits.compactMap { $0.value("DeviceName")?.text }) }

    func testScanLeavesExcludedEventsOutOfAWindowRule() throws {
        let rules = RuleSet.load(paths: [dir])
        XCTAssertEqual(rules.rules.count, 1, "\(rules.errors)")
        let plain = try EnginePaths.scan(rules: [dir], inputs: [EnginePaths.demo]).hits
        XCTAssertTrue(hosts(plain).contains { $0.hasPrefix("bkp-srv") }, "the demo has .eml writes on a backup server")
        var opts = ScanOptions()
        opts.exclusions = ExclusionSet.load(file: exclusionsFile, rules: rules)
        let excluded = try EnginePaths.scan(rules: [dir], inputs: [EnginePaths.demo], options: opts).hits
        XCTAssertEqual(hosts(excluded), hosts(plain).filter { !$0.hasPrefix("bkp-srv") })
        // The other hosts' counts are unchanged.
        let counts = { (hs: [Hit]) in Dictionary(hs.map { ($0.value("DeviceName")!.text, $0.value("Writes")!.text) }, uniquingKeysWith: { a, _ in a }) }
        XCTAssertEqual(counts(excluded), counts(plain).filter { !$0.key.hasPrefix("bkp-srv") })
    }

    func testLiveWindowRuleFollowsTheToggle() throws {
        let rules = RuleSet.load(paths: [dir])
        var opts = LiveOptions()
        opts.exclusions = ExclusionSet.load(file: exclusionsFile, rules: rules)
        opts.windowInterval = 0.05
        let engine = LiveEngine(rules: rules, inputs: [InputSpec(argument: EnginePaths.demo)], options: opts)
        try engine.start()
        defer { engine.send(.quit) }
        func wait(_ ok: (Snapshot) -> Bool) -> Snapshot? {
            let end = Date().addingTimeInterval(30)
            while Date() < end { let s = engine.latest(); if ok(s) { return s }; usleep(10_000) }
            return nil
        }
        func hitHosts(_ s: Snapshot) -> Set<String> {
            Set(s.hits(of: "eml-per-host").compactMap { h in h.columns.first { $0.name == "DeviceName" }?.value })
        }
        let done = try XCTUnwrap(wait { _ in engine.isFinished })
        XCTAssertFalse(hitHosts(done).isEmpty)
        XCTAssertFalse(hitHosts(done).contains { $0.hasPrefix("bkp-srv") }, "excluded while it ran: \(hitHosts(done))")
        engine.send(.toggleExclusion("no-backup-servers"))
        let after = try XCTUnwrap(wait { hitHosts($0).contains { $0.hasPrefix("bkp-srv") } }, "turned off: the backup server's row comes")
        XCTAssertEqual(after.exclusions.first?.enabled, false)
    }
}
