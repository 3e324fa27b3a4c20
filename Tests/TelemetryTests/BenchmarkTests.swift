import Foundation
import XCTest
@testable import Telemetry

/// `HUNTTOP_BENCH=1 HUNTTOP_BENCH_FILE=/tmp/f1m.jsonl swift test -c release --filter BenchmarkTests`
final class BenchmarkTests: XCTestCase {
    func testThroughput() throws {
        let env = ProcessInfo.processInfo.environment
        guard env["HUNTTOP_BENCH"] == "1", let path = env["HUNTTOP_BENCH_FILE"] else {
            throw XCTSkip("set HUNTTOP_BENCH=1 and HUNTTOP_BENCH_FILE to measure")
        }
        for r in try Benchmark.suite(path: path) {
            print("BENCH", r)
            XCTAssertGreaterThan(r.lines, 0)
        }
    }
}
