import Foundation
import XCTest
import Telemetry
@testable import Engine

/// Benchmark (not a test; prints figures): with 1,000,000 events ingested and the companion rule,
/// time from an exclusion toggle to the recounted snapshot.
/// Run: HUNTTOP_BENCH_EXCLUSIONS=1 swift test [-c release] --filter ExclusionBenchmarkTests
final class ExclusionBenchmarkTests: XCTestCase {
    func testToggleToRecountedSnapshot() throws {
        guard ProcessInfo.processInfo.environment["HUNTTOP_BENCH_EXCLUSIONS"] != nil else {
            throw XCTSkip("set HUNTTOP_BENCH_EXCLUSIONS=1 to run the exclusion toggle benchmark")
        }
        let events = Int(ProcessInfo.processInfo.environment["HUNTTOP_BENCH_EVENTS"] ?? "") ?? 1_000_000
        // The demo repeated until `events` lines: every copy has the scenarios' rows, so the
        // exclusions match real rows throughout.
        let demo = try Data(contentsOf: URL(fileURLWithPath: ExclusionFixtures.events))
        let lines = demo.split(separator: UInt8(ascii: "\n"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hunttop-bench-\(UUID().uuidString).jsonl")
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let h = try FileHandle(forWritingTo: file)
        var buf = Data()
        for i in 0..<events {
            buf.append(lines[i % lines.count]); buf.append(UInt8(ascii: "\n"))
            if buf.count > 1 << 22 { h.write(buf); buf.removeAll(keepingCapacity: true) }
        }
        h.write(buf); try h.close()
        defer { try? FileManager.default.removeItem(at: file) }

        let rules = RuleSet.load(paths: [(ExclusionFixtures.rules as NSString).appendingPathComponent("eml-written-by-non-mail-client.yaml")])
        var opts = LiveOptions()
        opts.exclusions = ExclusionSet.load(file: ExclusionFixtures.exclusions, rules: rules)
        opts.retainedHits = 1_000_000
        if let t = ProcessInfo.processInfo.environment["HUNTTOP_BENCH_TREES"].flatMap(Int.init) { opts.treesPerRule = t }
        opts.publishInterval = 0.5
        let engine = LiveEngine(rules: rules, inputs: [InputSpec(argument: file.path)], options: opts)
        let t0 = Date()
        try engine.start()
        defer { engine.send(.quit) }
        while !engine.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        let ingest = Date().timeIntervalSince(t0)
        var s = engine.latest()
        let hits = s.rules[0].hitCount + s.exclusions.map(\.suppressedCount).reduce(0, +)
        var times: [Double] = []
        for i in 0..<20 {
            let id = s.exclusions[i % s.exclusions.count].id
            let was = s.exclusions.first { $0.id == id }!.enabled
            let start = DispatchTime.now().uptimeNanoseconds
            engine.send(.toggleExclusion(id))
            while true {
                let n = engine.latest()
                if n.version > s.version, n.exclusions.first(where: { $0.id == id })?.enabled == !was { s = n; break }
            }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        print("bench-exclusions: in order (ms): " + times.map { String(format: "%.1f", $0) }.joined(separator: " "))
        times.sort()
        print(String(format: "bench-exclusions: %d events, %d companion hits retained, ingest %.1f s; toggle -> recounted snapshot: median %.2f ms, max %.2f ms (20 toggles)",
                     s.totals.eventsRead, hits, ingest, times[times.count / 2], times.last!))
        XCTAssertEqual(s.totals.eventsRead, events)
    }
}
