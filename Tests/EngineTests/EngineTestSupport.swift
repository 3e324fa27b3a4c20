import Foundation
import XCTest
import KQL
import Telemetry
@testable import Engine

enum EnginePaths {
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared: URL = root.deletingLastPathComponent().appendingPathComponent("shared")
    static let seedRule = root.appendingPathComponent("Fixtures/rules/qakbot-email-theft-1.yaml").path
    static let demo = root.appendingPathComponent("Fixtures/demo/events.jsonl").path

    static func tempDir() -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("hunttop-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    /// Runs ../shared/tools/gen.py; returns the data path and the truth file's hit ReportIds.
    static func generate(rows: Int, in dir: URL) throws -> (String, Set<Int64>) {
        let gen = shared.appendingPathComponent("tools/gen.py").path
        guard FileManager.default.fileExists(atPath: gen) else { throw XCTSkip("../shared/tools/gen.py missing") }
        let out = dir.appendingPathComponent("gen.jsonl").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", gen, String(rows), out]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw XCTSkip("gen.py failed") }
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.appendingPathComponent("gen.truth.json").path))) as! [String: Any]
        var ids = Set<Int64>()
        for (k, v) in truth["report_ids"] as! [String: [Int]] where k.hasPrefix("hit_") { ids.formUnion(v.map(Int64.init)) }
        XCTAssertEqual(ids.count, truth["expected_seed_hits"] as? Int)
        return (out, ids)
    }

    /// Scans and returns the hits.
    static func scan(rules: [String], inputs: [String], options: ScanOptions = ScanOptions()) throws -> (hits: [Hit], summary: ScanSummary, malformed: [MalformedLine], set: RuleSet) {
        let set = RuleSet.load(paths: rules)
        let scanner = Scanner(rules: set, inputs: inputs.map { InputSpec(argument: $0) }, options: options)
        let bad = MalformedBox()
        var hits: [Hit] = []
        let summary = try scanner.run(onMalformed: { bad.add($0) }, onHit: { hits.append($0) })
        return (hits, summary, bad.items, set)
    }

    static func reportIds(_ hits: [Hit]) -> Set<Int64> {
        Set(hits.compactMap { $0.value("ReportId")?.int64Value })
    }
}

final class MalformedBox: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [MalformedLine] = []
    func add(_ m: MalformedLine) { lock.lock(); list.append(m); lock.unlock() }
    var items: [MalformedLine] { lock.lock(); defer { lock.unlock() }; return list }
}
