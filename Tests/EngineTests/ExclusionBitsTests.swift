import Foundation
import XCTest
import Telemetry
@testable import Engine

/// Exclusion sets past one machine word, and a file of 150 exclusions doing its work.
final class ExclusionBitsTests: XCTestCase {
    func testMembersAcrossWords() {
        var a = ExclusionBits([0, 63, 64, 127, 128, 199])
        XCTAssertEqual(a.members, [0, 63, 64, 127, 128, 199])
        XCTAssertTrue(a.contains(128) && !a.contains(129) && !a.contains(1000) && !a.contains(-1))
        let b = ExclusionBits([5, 128, 300])
        XCTAssertEqual((a & b).members, [128])
        XCTAssertTrue(a.intersects(b))
        XCTAssertFalse(a.intersects(ExclusionBits([1, 65, 500])))
        XCTAssertTrue(ExclusionBits().isEmpty)
        XCTAssertTrue((ExclusionBits([70]) & ExclusionBits([71])).isEmpty, "an all-zero extra word is empty")
        XCTAssertEqual(ExclusionBits([70]) & ExclusionBits([71]), ExclusionBits())
        a.insert(1)
        XCTAssertEqual(a.members.first, 0)
        XCTAssertEqual(a.members.count, 7)
    }

    func testAFileOf150ExclusionsLoadsAndTheLastOnesSuppress() throws {
        let dir = try ExclusionFixtures.tempRules()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var yaml = "exclusions:\n"
        for k in 0..<148 {
            yaml += "  - id: noise-\(k)\n    name: Noise \(k)\n    query: FolderPath == \"C:\\\\nowhere\\\\\(k).eml\"\n"
        }
        yaml += "  - id: no-fin-ws-07\n    name: fin-ws-07\n    query: DeviceName startswith \"fin-ws-07\"\n"
        yaml += "  - id: no-hr-ws-12\n    name: hr-ws-12\n    query: DeviceName startswith \"hr-ws-12\"\n"
        let file = (dir as NSString).appendingPathComponent("exclusions.yaml")
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)
        let rules = RuleSet.load(paths: [dir])
        let set = ExclusionSet.load(file: file, rules: rules)
        XCTAssertEqual(set.errors.map(\.description), [])
        XCTAssertEqual(set.entries.count, 150)
        var opts = ScanOptions()
        opts.exclusions = set
        let scanner = Scanner(rules: rules, inputs: [InputSpec(argument: ExclusionFixtures.events)], options: opts)
        var seen: [String] = []
        let summary = try scanner.run(onMalformed: { _ in }) { h in seen.append(h.value("DeviceName")?.text ?? "") }
        XCTAssertEqual(summary.suppressed.count, 150)
        XCTAssertGreaterThan(summary.suppressed[148], 0, "exclusion 149 (beyond any one word) suppresses")
        XCTAssertGreaterThan(summary.suppressed[149], 0)
        XCTAssertEqual(summary.suppressed[..<148].reduce(0, +), 0)
        XCTAssertFalse(seen.contains { $0.hasPrefix("fin-ws-07") || $0.hasPrefix("hr-ws-12") })
        // Turned off, the same exclusion lets its hits through.
        set.setEnabled(148, false)
        var seen2: [String] = []
        _ = try Scanner(rules: rules, inputs: [InputSpec(argument: ExclusionFixtures.events)], options: opts)
            .run(onMalformed: { _ in }) { h in seen2.append(h.value("DeviceName")?.text ?? "") }
        XCTAssertTrue(seen2.contains { $0.hasPrefix("fin-ws-07") })
    }
}
