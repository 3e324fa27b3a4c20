@testable import Dashboard
import Engine
import Foundation
import Terminal
import XCTest

final class LargeSnapshotTests: XCTestCase {
    /// A snapshot the size the engine may publish: a full feed, many rules, many hits.
    static func big() -> Snapshot {
        var s = Fixtures.seedSnapshot()
        s.feed = ChunkedList((0..<5000).map { i in
            Fixtures.feedEvent(UInt64(i), seconds: i, device: "WS\(i % 50)", process: i % 7 == 0 ? "ping.exe" : "svchost.exe",
                               path: "C:\\Windows\\Temp\\file\(i)." + (i % 7 == 0 ? "eml" : "log"),
                               hits: i % 7 == 0 ? [Fixtures.seedRuleId] : [])
        })
        s.hitsByRule[Fixtures.seedRuleId] = ChunkedList((0..<2000).map { i in
            Fixtures.hit(UInt64(100 + i), device: "WS\(i % 50)", seconds: i, eml: "C:\\x\\m\(i).eml")
        })
        s.rules[0].hitCount = 2000
        s.rules += (0..<200).map { RuleSummary(id: "r\($0)", name: "Rule \($0)", hitCount: $0 % 13, rateHistory: [1, 2, $0 % 5]) }
        return s
    }

    func testNavigatesLargeFeedAndHits() {
        let h = Harness(Self.big())
        XCTAssertTrue(h.pane(.feed)[1].contains("file4999.log"))
        h.press(.end)
        XCTAssertTrue(h.screen.contains("file0.eml"), h.screen.dump)
        XCTAssertTrue(h.screen.contains("5 Detail: event 0"))
        h.press(.home, .pageDown)
        XCTAssertEqual(h.state.selectedIndex[.feed], 7)
        h.press(.char("2"), .enter)
        XCTAssertEqual(HitsPane.hits(h.source.latest(), h.state).count, 2000)
        XCTAssertTrue(h.screen.contains("3 Hits (2000): Ping writes"))
        // Grouped by device: 50 devices, 40 hits each.
        XCTAssertTrue(h.pane(.hits)[1].contains("x40"), h.pane(.hits)[1])
        h.press(.enter)
        XCTAssertEqual(h.paneRows(.tree, containing: "ping.exe [4711]").count, 1)
    }
}
