import KQL
import XCTest
@testable import Telemetry

final class ReplayTests: XCTestCase {
    func testParsesReplayArgument() {
        XCTAssertEqual(ReplayMode(argument: "10"), .speed(10))
        XCTAssertEqual(ReplayMode(argument: "2.5x"), .speed(2.5))
        XCTAssertEqual(ReplayMode(argument: "500/s"), .rowsPerSecond(500))
        XCTAssertEqual(ReplayMode(argument: "20rps"), .rowsPerSecond(20))
        XCTAssertNil(ReplayMode(argument: "fast"))
        XCTAssertNil(ReplayMode(argument: "0"))
    }

    func testSpeedDividesTimestampDeltas() {
        var p = ReplayPacer(mode: .speed(10))
        let t0 = Ticks.datetime(year: 2024, month: 1, day: 1)
        XCTAssertEqual(p.delay(now: 100, ticks: t0), 0)
        XCTAssertEqual(p.delay(now: 100, ticks: t0 + 20 * Ticks.perSecond), 2, accuracy: 1e-9)
        XCTAssertEqual(p.delay(now: 101, ticks: t0 + 10 * Ticks.perSecond), 1, accuracy: 1e-9, "older row: no extra wait")
        XCTAssertEqual(p.delay(now: 102, ticks: t0 + 30 * Ticks.perSecond), 1, accuracy: 1e-9)
        XCTAssertEqual(p.delay(now: 103, ticks: nil), 0, accuracy: 1e-9)
        XCTAssertEqual(p.delay(now: 103, ticks: t0 + 30 * Ticks.perSecond + Ticks.perDay), 10, accuracy: 1e-9, "one gap waits at most maxGap")
    }

    func testFixedRate() {
        var p = ReplayPacer(mode: .rowsPerSecond(4))
        XCTAssertEqual(p.delay(now: 0, ticks: nil), 0)
        XCTAssertEqual(p.delay(now: 0, ticks: nil), 0.25, accuracy: 1e-9)
        XCTAssertEqual(p.delay(now: 0.1, ticks: nil), 0.4, accuracy: 1e-9)
        XCTAssertEqual(p.delay(now: 5, ticks: nil), 0)
    }
}
