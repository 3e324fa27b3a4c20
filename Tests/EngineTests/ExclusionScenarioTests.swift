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
                XCTAssertEqual(set.mask(rule: seed, table: t.name, values: v), 0, "seed hit \(id) would be excluded")
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
