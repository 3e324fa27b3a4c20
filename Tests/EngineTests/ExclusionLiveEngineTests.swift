import Foundation
import XCTest
import KQL
import Telemetry
@testable import Engine

/// The live engine with the shipped exclusions over the demo: toggles, shadow mode, preview,
/// adding from the dashboard, and state kept across restarts.
final class ExclusionLiveEngineTests: XCTestCase {
    var dir = ""
    var stateFile = ""

    override func setUpWithError() throws {
        dir = try ExclusionFixtures.tempRules()
        stateFile = (dir as NSString).appendingPathComponent("state/exclusions-state.json")
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func makeEngine() throws -> LiveEngine {
        let rules = RuleSet.load(paths: [dir])
        var opts = LiveOptions()
        opts.exclusions = ExclusionSet.load(file: (dir as NSString).appendingPathComponent("exclusions.yaml"), rules: rules)
        opts.exclusionState = ExclusionStateStore(path: stateFile)
        opts.publishInterval = 0.5
        let e = LiveEngine(rules: rules, inputs: [InputSpec(argument: ExclusionFixtures.events)], options: opts)
        try e.start()
        return e
    }

    /// Waits (up to 10 s) for a snapshot newer than `after` satisfying `ok`.
    func wait(_ e: LiveEngine, after: UInt64 = 0, _ ok: (Snapshot) -> Bool) throws -> Snapshot {
        let end = Date().addingTimeInterval(10)
        while Date() < end {
            let s = e.latest()
            if s.version > after, ok(s) { return s }
            Thread.sleep(forTimeInterval: 0.005)
        }
        XCTFail("timed out waiting for a snapshot")
        return e.latest()
    }

    func companion(_ s: Snapshot) -> RuleSummary? { s.rules.first { $0.id == ExclusionFixtures.companionId } }
    func x(_ s: Snapshot, _ id: String) -> ExclusionSummary? { s.exclusions.first { $0.id == id } }
    func reportIds(_ hits: some Sequence<RuleHit>) -> Set<String> {
        Set(hits.compactMap { h in h.columns.first { $0.name == "ReportId" }?.value })
    }

    func testToggleShadowPreviewAndAddRecountOverRetainedHits() throws {
        let truth = try ExclusionFixtures.truth()
        let e = try makeEngine()
        defer { e.send(.quit) }
        var s = try wait(e) { _ in e.isFinished }
        s = e.latest()
        XCTAssertEqual(companion(s)?.hitCount, 40)
        XCTAssertEqual(reportIds(s.hits(of: ExclusionFixtures.companionId)), truth.seedHits)
        XCTAssertEqual(s.hits(of: ExclusionFixtures.seedId).count, 40)
        for (id, sc) in ExclusionFixtures.scenarioOf { XCTAssertEqual(x(s, id)?.suppressedCount, truth.emlRows[sc]!.count, id) }

        // Off: its rows come back at once (the input is finished: nothing new arrives).
        e.send(.toggleExclusion("fp-scheduled-backup"))
        s = try wait(e, after: s.version) { self.x($0, "fp-scheduled-backup")?.enabled == false }
        XCTAssertEqual(companion(s)?.hitCount, 54)
        XCTAssertEqual(x(s, "fp-scheduled-backup")?.suppressedCount, 0)
        XCTAssertEqual(x(s, "fp-scheduled-backup")?.matching, 14)
        XCTAssertEqual(reportIds(s.hits(of: ExclusionFixtures.companionId)), truth.seedHits.union(truth.emlRows["fp_backup"]!))

        // Shadow: hits are listed, marked with the exclusion, and still suppressed in the pane's count.
        e.send(.setExclusionShadow("fp-sql-agent-export", true))
        s = try wait(e, after: s.version) { self.x($0, "fp-sql-agent-export")?.shadow == true }
        let marked = s.hits(of: ExclusionFixtures.companionId).filter { $0.suppressedBy == ["fp-sql-agent-export"] }
        XCTAssertEqual(reportIds(marked), truth.emlRows["fp_sql_export"]!)
        XCTAssertEqual(s.hits(of: ExclusionFixtures.companionId).count, 54 + 9)

        // Preview of a draft: how many visible hits it would remove.
        let draft = ExclusionDraft(id: "user-lchen", name: "lchen", rules: [ExclusionFixtures.companionId],
                                   predicate: ExclusionLiteral.predicate(column: "InitiatingProcessAccountName", text: "lchen"))
        e.send(.previewExclusion(draft))
        s = try wait(e, after: s.version) { $0.exclusionPreview?.draft == draft }
        XCTAssertEqual(s.exclusionPreview?.wouldRemove, 18)
        XCTAssertNil(s.exclusionPreview?.error)

        // A broken draft: the preview says where; adding it changes nothing.
        var bad = draft
        bad.id = "broken"; bad.predicate = "FolderPath =="
        e.send(.addExclusion(bad))
        s = try wait(e, after: s.version) { !$0.exclusionErrors.isEmpty }
        XCTAssertEqual(s.exclusions.count, 5)
        XCTAssertTrue(s.exclusionErrors.last!.contains("exclusions.yaml:"), s.exclusionErrors.last!)
        XCTAssertEqual(companion(s)?.hitCount, 54 + 9)

        // Adding: saved to the file, applied to every retained hit.
        e.send(.addExclusion(draft))
        s = try wait(e, after: s.version) { $0.exclusions.count == 6 }
        XCTAssertEqual(x(s, "user-lchen")?.suppressedCount, 18)
        XCTAssertEqual(companion(s)?.hitCount, 54 + 9 - 18)
        // It names only the companion rule: the seed rule keeps all its hits.
        XCTAssertEqual(s.hits(of: ExclusionFixtures.seedId).count, 40)
        XCTAssertFalse(s.hits(of: ExclusionFixtures.companionId).contains { $0.device.hasPrefix("hr-ws-12") })
        let saved = ExclusionFile.load((dir as NSString).appendingPathComponent("exclusions.yaml"))
        XCTAssertEqual(saved.errors.map(\.description), [])
        XCTAssertEqual(saved.exclusions.last?.predicate.trimmingCharacters(in: .newlines), draft.predicate)
    }

    func testToggleStateSurvivesARestart() throws {
        let e1 = try makeEngine()
        var s = try wait(e1) { _ in e1.isFinished }
        e1.send(.toggleExclusion("fp-user-forwarding"))
        e1.send(.setExclusionShadow("fp-admin-mail-archive", true))
        s = try wait(e1, after: s.version) { self.x($0, "fp-user-forwarding")?.enabled == false && self.x($0, "fp-admin-mail-archive")?.shadow == true }
        e1.send(.quit)

        let e2 = try makeEngine()
        defer { e2.send(.quit) }
        s = try wait(e2) { _ in e2.isFinished }
        s = e2.latest()
        XCTAssertEqual(x(s, "fp-user-forwarding")?.enabled, false)
        XCTAssertEqual(x(s, "fp-admin-mail-archive")?.shadow, true)
        XCTAssertEqual(x(s, "fp-sql-agent-export")?.enabled, true)
        // Forwarding off (+6 rows), archive in shadow mode (its 10 rows listed, greyed).
        XCTAssertEqual(companion(s)?.hitCount, 40 + 6 + 10)
    }
}
