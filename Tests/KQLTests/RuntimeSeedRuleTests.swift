import XCTest
@testable import KQL

/// The seed rule evaluated with the runtime's prepared needles over gen.py rows; the hits must be
/// exactly the rows gen.py planted as hits (case-folded variants included, near misses excluded).
final class RuntimeSeedRuleTests: XCTestCase {
    struct SeedRule {
        let fileName = PreparedNeedle("ping.exe", caseSensitive: false)            // =~
        let commandLine = PreparedNeedle("ping.exe -t 127.0.0.1", caseSensitive: true) // ==
        let parents = [PreparedNeedle("msra.exe", caseSensitive: false), PreparedNeedle("mobsync.exe", caseSensitive: false)] // in~
        let ext = PreparedNeedle(".eml", caseSensitive: false)                     // endswith

        func matches(_ row: Dynamic) -> Bool {
            func str(_ k: String) -> String { Value.fromDynamic(row[k]).text }  // JSON null → ""
            return fileName.equals(str("InitiatingProcessFileName"))
                && commandLine.equals(str("InitiatingProcessCommandLine"))
                && parents.contains { $0.equals(str("InitiatingProcessParentFileName")) }
                && ext.endsWith(str("FolderPath"))
        }
    }

    func testSeedRuleOverGeneratedRows() throws {
        let gen = try RT.shared("tools/gen.py")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rt-seed-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("rows.jsonl").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", gen, "3000", out, "--seed", "42"]
        p.standardOutput = FileHandle.nullDevice
        do { try p.run() } catch { throw XCTSkip("python3 unavailable: \(error)") }
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw XCTSkip("gen.py failed with \(p.terminationStatus)") }

        let truthData = try Data(contentsOf: URL(fileURLWithPath: dir.appendingPathComponent("rows.truth.json").path))
        guard case .bag(let truth)? = truthData.withUnsafeBytes({ Dynamic.parse(json: $0) }),
              case .long(let expected)? = truth["expected_seed_hits"], case .bag(let ids)? = truth["report_ids"] else {
            return XCTFail("truth file not understood")
        }
        var plantedHits = Set<Int64>(), plantedMisses = Set<Int64>()
        for (k, v) in ids.pairs {
            guard case .array(let a) = v else { continue }
            let set = Set(a.compactMap { if case .long(let l) = $0 { return l }; return nil })
            if k.hasPrefix("hit_") { plantedHits.formUnion(set) } else { plantedMisses.formUnion(set) }
        }

        let rule = SeedRule()
        var hits = Set<Int64>()
        var rows = 0
        let data = try Data(contentsOf: URL(fileURLWithPath: out))
        let t0 = ContinuousClock.now
        for line in data.split(separator: 0x0A) where !line.isEmpty {
            guard let row = line.withUnsafeBytes({ Dynamic.parse(json: $0) }) else { return XCTFail("row \(rows) not JSON") }
            rows += 1
            if rule.matches(row), case .long(let id) = row["ReportId"] { hits.insert(id) }
        }
        let elapsed = ContinuousClock.now - t0
        XCTAssertEqual(rows, 3000)
        XCTAssertEqual(Int64(hits.count), expected)
        XCTAssertEqual(hits, plantedHits)
        XCTAssertTrue(hits.isDisjoint(with: plantedMisses))
        print("seed rule: \(rows) generated rows parsed + evaluated in \(elapsed) (debug build), \(hits.count) hits")
    }

    /// Prepared needles on the hot path: throughput over real command lines (printed, not asserted),
    /// and agreement with a fold-then-scan reference on every line.
    func testPreparedNeedleOverRealCommandLines() throws {
        let path = try RT.shared("data/mde_proc_cs1.DeviceProcessEvents.jsonl")
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var lines: [String] = []
        for line in data.split(separator: 0x0A) {
            guard let row = line.withUnsafeBytes({ Dynamic.parse(json: $0) }) else { continue }
            lines.append(Value.fromDynamic(row["ProcessCommandLine"]).text)
        }
        XCTAssertGreaterThan(lines.count, 500)
        let needles = ["powershell", "-ep bypass", "rundll32", "PING.EXE", "http", "temp"]
        for n in needles {
            let p = PreparedNeedle(n, caseSensitive: false)
            let fn = CaseFolding.fold(n)
            for l in lines {
                XCTAssertEqual(p.contains(l), CaseFolding.fold(l).contains(fn), "\(l) contains \(n)")
            }
        }
        let p = PreparedNeedle("BingNewsPaper", caseSensitive: false)
        let bytes = lines.reduce(0) { $0 + $1.utf8.count }
        var found = 0
        let t0 = ContinuousClock.now
        for _ in 0..<20 { for l in lines where p.contains(l) { found += 1 } }
        let d = ContinuousClock.now - t0
        let secs = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        XCTAssertGreaterThan(found, 0)
        print("PreparedNeedle.contains (ci): \(20 * lines.count) command lines, \(Int(Double(20 * bytes) / secs / 1e6)) MB/s (debug build)")
    }
}
