import XCTest
@testable import Dashboard
import Engine
import Terminal

final class TriageKeysTests: XCTestCase {
    func testTriageKeysMarkTheSelectedHitAndShowIt() {
        let h = Harness()
        h.press(.char("3"))
        let hit = HitsPane.selected(h.source.latest(), h.state)!
        h.press(.char("m"))
        XCTAssertEqual(h.source.sent, [.setTriage(hitId: hit.hitId, state: .malicious, note: "")])
        XCTAssertTrue(h.pane(.hits).contains { $0.contains("[MALICIOUS]") }, h.pane(.hits).joined(separator: "\n"))
        h.press(.char("m"))                      // already marked: nothing more to send
        XCTAssertEqual(h.source.sent.count, 1)
        h.press(.char("u"))
        XCTAssertEqual(h.source.sent.last, .setTriage(hitId: hit.hitId, state: .new, note: ""))
        XCTAssertFalse(h.pane(.hits).contains { $0.contains("[MALICIOUS]") })
        // Filtering by mark.
        h.press(.char("b"), .char("/"))
        h.type("benign")
        h.press(.enter)
        XCTAssertEqual(HitsPane.hits(h.source.latest(), h.state).map(\.hitId), [hit.hitId])
    }

    func testTriageKeysDoNothingOutsideHitsAndAreInHelp() {
        let h = Harness()
        h.press(.char("1"), .char("m"), .char("i"))
        XCTAssertTrue(h.source.sent.isEmpty)
        h.press(.char("?"))
        XCTAssertTrue(h.screen.contains("mark investigating / benign / malicious"), h.screen.dump)
    }

    func testStateWarningIsVisible() {
        var snap = Fixtures.seedSnapshot()
        snap.stateWarning = "disk full: 3 hits kept in memory only"
        let h = Harness(snap, rows: 35, cols: 200)
        XCTAssertTrue(h.screen.contains("state: disk full: 3 hits kept in memory only"), h.screen.dump)
    }

    func testNoteIsTypedSavedWithTheMarkShownInDetailAndFound() {
        let h = Harness()
        h.press(.char("3"))
        let hit = HitsPane.selected(h.source.latest(), h.state)!
        h.press(.char("m"), .char("c"))
        XCTAssertTrue(h.screen.contains("Note on hit \(hit.hitId):"), h.screen.dump)
        h.type("beacon to 203.0.113.7; host isolated")
        h.press(.backspace)
        XCTAssertEqual(h.source.sent.count, 1, "nothing is sent while typing")
        h.press(.enter)
        XCTAssertEqual(h.source.sent.last, .setTriage(hitId: hit.hitId, state: .malicious, note: "beacon to 203.0.113.7; host isolate"))
        // The detail pane of the hit shows the mark and the note.
        h.press(.char("5"))
        XCTAssertTrue(h.pane(.detail).joined().contains("beacon to 203.0.113.7; host isolate"), h.pane(.detail).joined(separator: "\n"))
        // The hits filter finds a hit by its note.
        h.press(.char("3"), .char("/"))
        h.type("isolate")
        h.press(.enter)
        XCTAssertEqual(HitsPane.hits(h.source.latest(), h.state).map(\.hitId), [hit.hitId])
    }

    func testEscDropsTheNoteAndKeysGoBackToTheirActions() {
        let h = Harness()
        h.press(.char("3"), .char("c"))
        h.type("mq")            // typed into the note, not triage or quit
        h.press(.escape)
        XCTAssertTrue(h.source.sent.isEmpty)
        XCTAssertNil(h.state.noteInput)
        XCTAssertFalse(h.state.quitRequested)
        h.press(.char("1"), .char("c"))
        XCTAssertNil(h.state.noteInput, "no note outside the hits")
    }
}
