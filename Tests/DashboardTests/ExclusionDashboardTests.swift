import Foundation
import XCTest
@testable import Dashboard
import Engine
import Telemetry
import Terminal

/// The dashboard on a fake terminal, driven by the real live engine over the demo with the
/// shipped exclusions: Space toggles and the counts change; `x` on a hit opens the editor.
final class ExclusionDashboardTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    var dir = ""
    var engine: LiveEngine!
    let screen = GridScreen(rows: 40, cols: 140, unicode: true)
    var state = DashboardState()
    let handler = KeyHandler()

    override func setUpWithError() throws {
        let src = Self.root.appendingPathComponent("Fixtures/rules").path
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("hunttop-exd-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: src, toPath: dir)
        let rules = RuleSet.load(paths: [dir])
        var opts = LiveOptions()
        opts.exclusions = ExclusionSet.load(file: (dir as NSString).appendingPathComponent("exclusions.yaml"), rules: rules)
        opts.publishInterval = 0.5
        engine = LiveEngine(rules: rules, inputs: [InputSpec(argument: Self.root.appendingPathComponent("Fixtures/demo/events.jsonl").path)],
                            options: opts)
        try engine.start()
        _ = waitFor { _ in self.engine.isFinished }
        draw()
    }

    override func tearDown() {
        engine?.send(.quit)
        try? FileManager.default.removeItem(atPath: dir)
    }

    @discardableResult
    func waitFor(after v: UInt64 = 0, _ ok: (Snapshot) -> Bool) -> Snapshot {
        let end = Date().addingTimeInterval(10)
        while Date() < end {
            let s = engine.latest()
            if s.version > v, ok(s) { return s }
            Thread.sleep(forTimeInterval: 0.005)
        }
        XCTFail("timed out")
        return engine.latest()
    }

    func draw() { render(snapshot: engine.latest(), state: state, into: screen) }

    /// Presses keys; after any command, waits for the engine's next snapshot, then redraws.
    func press(_ keys: Key...) {
        for k in keys {
            let v = engine.latest().version
            let cmds = handler.handle(k, state: &state, snapshot: engine.latest(), rows: screen.rows, cols: screen.cols)
            for c in cmds { engine.send(c) }
            if !cmds.isEmpty { waitFor(after: v) { _ in true } }
        }
        draw()
    }

    func pane(_ p: PaneID) -> [String] {
        let layout = Layout(rows: screen.rows, cols: screen.cols, focus: state.focus)
        guard let r = layout.panes[p]?.inner else { return [] }
        return (r.row..<(r.row + r.height)).map { row in screen.cells[row][r.col..<(r.col + r.width)].map(\.text).joined() }
    }

    func title(_ p: PaneID) -> String {
        let layout = Layout(rows: screen.rows, cols: screen.cols, focus: state.focus)
        guard let r = layout.panes[p] else { return "" }
        return screen.cells[r.row][r.col..<(r.col + r.width)].map(\.text).joined()
    }

    func rulesRow(_ name: String) -> String { pane(.rules).first { $0.contains(name) } ?? "" }

    func testSpaceTogglesAnExclusionAndTheCountsChange() throws {
        XCTAssertTrue(rulesRow("Mail files written").contains(" 40 "), rulesRow("Mail files written"))
        press(.char("6"))
        // Sorted by name: "Admin email archiving" is first.
        XCTAssertTrue(pane(.exclusions)[0].contains("Admin email archiving"), pane(.exclusions)[0])
        XCTAssertTrue(pane(.exclusions)[0].contains("10 suppressed"), pane(.exclusions)[0])
        press(.char(" "))
        XCTAssertTrue(pane(.exclusions)[0].contains("off, 10 match"), pane(.exclusions)[0])
        XCTAssertTrue(pane(.exclusions)[0].hasPrefix("[ ]"), pane(.exclusions)[0])
        XCTAssertTrue(rulesRow("Mail files written").contains(" 50 "), rulesRow("Mail files written"))
        press(.char(" "))
        XCTAssertTrue(pane(.exclusions)[0].contains("10 suppressed"), pane(.exclusions)[0])
        XCTAssertTrue(rulesRow("Mail files written").contains(" 40 "), rulesRow("Mail files written"))
    }

    func testShadowModeListsSuppressedHitsGreyed() throws {
        press(.char("6"), .char("v"))
        XCTAssertTrue(pane(.exclusions)[0].contains("SHADOW"), pane(.exclusions)[0])
        // Select the companion rule, whose hits now include the admin archive rows, tagged.
        press(.char("2"))
        while !(RulesPane.selected(engine.latest(), state)?.name.hasPrefix("Mail files") ?? false) { press(.down) }
        press(.char("3"))
        XCTAssertTrue(title(.hits).contains("Hits (50)"), title(.hits))
        // Filter the hits pane down to the shadowed ones.
        press(.char("/"))
        for ch in "fp-admin" { press(.char(ch)) }
        press(.enter)
        XCTAssertTrue(title(.hits).contains("Hits (10)"), title(.hits))
        let tagged = pane(.hits).filter { $0.contains("[shadow:fp-admin") }
        XCTAssertFalse(tagged.isEmpty, pane(.hits).joined(separator: "\n"))
        let layout = Layout(rows: screen.rows, cols: screen.cols, focus: state.focus)
        let r = layout.panes[.hits]!.inner
        // The second one (the first is the selected row).
        let row = try XCTUnwrap(pane(.hits).lastIndex { $0.contains("[shadow:") })
        XCTAssertGreaterThan(row, 1)
        XCTAssertEqual(screen.cells[r.row + row][r.col + 1].style, Theme.builtIn.style(.suppressed))
    }

    func testXOnAHitOpensThePrefilledEditorWithPreviewAndSaves() throws {
        press(.char("2"))
        while !(RulesPane.selected(engine.latest(), state)?.name.hasPrefix("Mail files") ?? false) { press(.down) }
        press(.char("3"))
        let hit = try XCTUnwrap(HitsPane.selected(engine.latest(), state))
        press(.char("x"))
        let ed = try XCTUnwrap(state.exclusionEditor)
        let cmd = try XCTUnwrap(hit.columns.first { $0.name == "InitiatingProcessCommandLine" }?.value)
        XCTAssertEqual(ed.text, "InitiatingProcessCommandLine == " + ExclusionLiteral.string(cmd))
        let status = screen.cells[screen.rows - 1].map(\.text).joined()
        XCTAssertTrue(status.contains("Exclude:"), status)
        let expected = engine.latest().hits(of: hit.ruleId).filter { h in h.columns.contains { $0.name == "InitiatingProcessCommandLine" && $0.value == cmd } }.count
        XCTAssertTrue(status.contains("removes \(expected) hit"), status)
        // Break it: the live check reports a position.
        press(.char(" "), .char("a"), .char("n"), .char("d"))
        XCTAssertTrue(screen.cells[screen.rows - 1].map(\.text).joined().contains("✗"))
        press(.enter)
        XCTAssertNotNil(state.exclusionEditor, "a broken predicate must not be saved")
        press(.backspace, .backspace, .backspace, .backspace, .enter)
        XCTAssertNil(state.exclusionEditor)
        let s = waitFor { $0.exclusions.count == 6 }
        let added = try XCTUnwrap(s.exclusions.first { $0.id == ed.draft.id })
        XCTAssertEqual(added.suppressedCount, expected)
        let saved = ExclusionFile.load((dir as NSString).appendingPathComponent("exclusions.yaml"))
        XCTAssertEqual(saved.exclusions.last?.id, ed.draft.id)
    }
}
