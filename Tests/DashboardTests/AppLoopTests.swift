@testable import Dashboard
import Engine
import Terminal
import XCTest

final class AppLoopTests: XCTestCase {
    func testRunQuitsOnQAndRedrawsOnlyOnChange() {
        let source = DemoSnapshotSource(Fixtures.seedSnapshot())
        let screen = GridScreen(rows: 35, cols: 120)
        screen.feedIdle(5)                  // nothing changes: no redraw
        screen.feed([.char("2")])           // UI change: one redraw
        screen.feedIdle(3)
        screen.feed([.char("q")])
        let code = DashboardApp().run(source: source, screen: screen, options: DashboardOptions(tickMilliseconds: 1))
        XCTAssertEqual(code, 0)
        XCTAssertEqual(screen.refreshCount, 2)
        XCTAssertEqual(screen.queuedKeys, 0)
        // The first frame tells the engine which hit is on screen (its tree is wanted), once.
        let shown = HitsPane.selected(Fixtures.seedSnapshot(), DashboardState())?.hitId
        XCTAssertNotNil(shown)
        XCTAssertEqual(source.sent, [.focusHit(shown), .quit])
        XCTAssertTrue(screen.contains("2 Rules"))
    }

    func testRunRedrawsOnNewSnapshotAndEndsOnHangup() {
        let source = DemoSnapshotSource(Fixtures.seedSnapshot())
        let screen = GridScreen(rows: 35, cols: 120)
        screen.hangupWhenEmpty = true
        screen.feed([.char("6"), .char(" ")])   // sends a command → new version → redraw
        let code = DashboardApp().run(source: source, screen: screen, options: DashboardOptions())
        XCTAssertEqual(code, 0)
        let shown = HitsPane.selected(Fixtures.seedSnapshot(), DashboardState())?.hitId
        XCTAssertEqual(source.sent, [.focusHit(shown), .toggleExclusion("backup"), .quit])
        XCTAssertEqual(screen.refreshCount, 3)
        XCTAssertTrue(screen.contains("[✔] Known backup job"))
    }

    func testCtrlCAndF10Quit() {
        for k in [Key.ctrlC, .function(10)] {
            let screen = GridScreen(rows: 20, cols: 70)
            screen.feed([k])
            screen.feedIdle(1)
            screen.feed([.char("x")])
            XCTAssertEqual(DashboardApp().run(source: DemoSnapshotSource(.empty), screen: screen, options: DashboardOptions()), 0)
            XCTAssertEqual(screen.queuedKeys, 2, "stopped right at \(k)")
        }
    }

    func testNoColorThemeDropsColours() {
        let screen = GridScreen(rows: 35, cols: 120, colors: false)
        render(snapshot: Fixtures.seedSnapshot(), state: DashboardState(), into: screen)
        for r in 0..<screen.rows { for c in screen.cells[r] { XCTAssertEqual(c.style.fg, .default); XCTAssertEqual(c.style.bg, .default) } }
        XCTAssertTrue(screen.text(row: 2).contains("exfil"))
        XCTAssertEqual(screen.style(row: 2, col: 1).bold, true, "the hit row still stands out")
        XCTAssertEqual(screen.style(row: 2, col: 1).reverse, true, "selection still shows")
        XCTAssertEqual(screen.style(row: 3, col: 1).bold, false)
    }
}
