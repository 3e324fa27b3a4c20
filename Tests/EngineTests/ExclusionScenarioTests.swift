import Foundation
import XCTest
import KQL
import Telemetry
@testable import Engine

/// The five shipped exclusions against the demo scenario and truth.json.
final class ExclusionScenarioTests: XCTestCase {
    func testEachExclusionSuppressesExactlyItsScenarioAndNoTruePositive() throws {
        let truth = try ExclusionFixtures.truth()
        let rules = RuleSet.load(paths: [ExclusionFixtures.rules])
        XCTAssertEqual(rules.errors.map(\.description), [])
        let seed = try XCTUnwrap(rules.rules.firstIndex { $0.rule.id == ExclusionFixtures.seedId })
        let comp = try XCTUnwrap(rules.rules.firstIndex { $0.rule.id == ExclusionFixtures.companionId })
        let set = ExclusionSet.load(file: ExclusionFixtures.exclusions, rules: rules)
        XCTAssertEqual(set.errors.map(\.description), [])
        XCTAssertEqual(Set(set.entries.map(\.exclusion.id)), Set(ExclusionFixtures.scenarioOf.keys))

        var companionHits = Set<String>(), seedHits = Set<String>()
        var suppressedFromCompanion: [String: Set<String>] = [:]
        var matchedAnyRow: [String: Set<String>] = [:]
        for (t, v) in try ExclusionFixtures.rows() where t.name == "DeviceFileEvents" {
            let id = ExclusionFixtures.reportId(t, v)
            let mask = set.mask(rule: comp, table: t.name, values: v)
            for x in set.ids(mask) { matchedAnyRow[x, default: []].insert(id) }
            if !rules.rules[comp].query.evaluate([t.name: [v]]).isEmpty {
                companionHits.insert(id)
                for x in set.ids(mask) { suppressedFromCompanion[x, default: []].insert(id) }
            }
            if !rules.rules[seed].query.evaluate([t.name: [v]]).isEmpty {
                seedHits.insert(id)
                XCTAssertTrue(set.mask(rule: seed, table: t.name, values: v).isEmpty, "seed hit \(id) would be excluded")
            }
        }
        XCTAssertEqual(seedHits, truth.seedHits)
        // The companion rule finds the seed hits plus every scenario's .eml rows.
        XCTAssertEqual(companionHits, truth.seedHits.union(ExclusionFixtures.scenarioOf.values.flatMap { truth.emlRows[$0]! }))
        for (x, scenario) in ExclusionFixtures.scenarioOf {
            XCTAssertEqual(suppressedFromCompanion[x] ?? [], truth.emlRows[scenario]!, x)
            // Over every file row of the demo, it matches nothing outside its own story.
            XCTAssertTrue((matchedAnyRow[x] ?? []).isSubset(of: truth.allRows[scenario]!), "\(x) matches rows outside \(scenario)")
            XCTAssertTrue((matchedAnyRow[x] ?? []).isDisjoint(with: truth.seedHits), x)
        }
    }

    func testScanWithExclusionsReportsSuppressedCountsAndKeepsTheQakbotChain() throws {
        let rules = RuleSet.load(paths: [ExclusionFixtures.rules])
        let set = ExclusionSet.load(file: ExclusionFixtures.exclusions, rules: rules)
        var opts = ScanOptions()
        opts.exclusions = set
        var reported: [String: Set<String>] = [:]
        let summary = try Scanner(rules: rules, inputs: [InputSpec(argument: ExclusionFixtures.events)], options: opts)
            .run(onMalformed: { _ in }) { h in
                reported[rules.rules[h.ruleIndex].rule.id, default: []].insert(h.value("ReportId")?.text ?? "")
            }
        let truth = try ExclusionFixtures.truth()
        XCTAssertEqual(reported[ExclusionFixtures.seedId], truth.seedHits)
        XCTAssertEqual(reported[ExclusionFixtures.companionId], truth.seedHits)
        let byId = Dictionary(uniqueKeysWithValues: set.entries.enumerated().map { ($1.exclusion.id, summary.suppressed[$0]) })
        for (x, scenario) in ExclusionFixtures.scenarioOf { XCTAssertEqual(byId[x], truth.emlRows[scenario]!.count, x) }

        // Without exclusions every companion hit is reported.
        let plain = try Scanner(rules: rules, inputs: [InputSpec(argument: ExclusionFixtures.events)], options: ScanOptions())
            .run(onMalformed: { _ in }) { _ in }
        let comp = rules.rules.firstIndex { $0.rule.id == ExclusionFixtures.companionId }!
        XCTAssertEqual(plain.hitsPerRule[comp], truth.seedHits.count + byId.values.reduce(0, +))
    }
}

/// Paths and demo truth shared by the exclusion tests.
enum ExclusionFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var rules: String { root.appendingPathComponent("Fixtures/rules").path }
    static var exclusions: String { root.appendingPathComponent("Fixtures/rules/exclusions.yaml").path }
    static var events: String { root.appendingPathComponent("Fixtures/demo/events.jsonl").path }
    static let seedId = "a5c3ebdf-e427-4b1b-985e-c1f1e20067b7"
    static let companionId = "6f1d2c4e-3b7a-4e0f-9c15-0e4d8a2b7c31"
    /// Exclusion id → the truth.json scenario whose `.eml` rows it must suppress.
    static let scenarioOf = ["fp-scheduled-backup": "fp_backup", "fp-admin-mail-archive": "fp_admin_archive",
                             "fp-sql-agent-export": "fp_sql_export", "fp-exchange-message-trace": "fp_message_trace",
                             "fp-user-forwarding": "fp_user_forward"]

    struct Truth {
        var seedHits: Set<String>
        var emlRows: [String: Set<String>]
        var allRows: [String: Set<String>]
    }

    static func truth() throws -> Truth {
        let data = try Data(contentsOf: root.appendingPathComponent("Fixtures/demo/truth.json"))
        let obj = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        func ids(_ a: Any?) -> Set<String> { Set((a as? [Any] ?? []).map { "\($0)" }) }
        let sc = try XCTUnwrap(obj["scenarios"] as? [String: [String: Any]])
        return Truth(seedHits: ids(obj["seed_hits"]), emlRows: sc.mapValues { ids($0["eml_rows"]) },
                     allRows: sc.mapValues { ids($0["rows"]) })
    }

    /// Every row of the demo, fully decoded.
    static func rows() throws -> [(table: TableSchema, values: [Value])] {
        var opts = IngestOptions()
        opts.projection = .all
        let ingest = try Ingest(inputs: [InputSpec(argument: events)], options: opts)
        var out: [(TableSchema, [Value])] = []
        _ = try ingest.run { r in out.append((r.schema, r.values)) }
        return out
    }

    static func reportId(_ t: TableSchema, _ v: [Value]) -> String {
        t.slot(of: "ReportId").map { v[$0].text } ?? ""
    }

    /// A temporary folder with copies of the shipped rules and exclusions.
    static func tempRules() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hunttop-excl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for f in try FileManager.default.contentsOfDirectory(atPath: rules) {
            try FileManager.default.copyItem(atPath: (rules as NSString).appendingPathComponent(f),
                                             toPath: dir.appendingPathComponent(f).path)
        }
        return dir.path
    }
}
