import Foundation
import KQL
import XCTest
@testable import Telemetry

/// Deterministic SplitMix64 for reproducible mutations.
private struct Rand {
    var s: UInt64
    mutating func next() -> UInt64 {
        s &+= 0x9E37_79B9_7F4A_7C15
        var z = s
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
}

/// Hostile and broken telemetry: every reader gets a clear report or handles it; none crash.
final class HostileTelemetryTests: XCTestCase {
    private static let pieces: [[UInt8]] = ["{", "}", "[", "]", "\"", "\\", "\\u", "\\ud800", ":", ",", "null", "1e999",
                                            "-", "\n", "\r", "\u{0}", "\u{1B}]0;pwn\u{7}", "\"Timestamp\":", "\"$table\":",
                                            "\"records\":[", "\"properties\":{"].map { Array($0.utf8) }

    private func mutate(_ line: [UInt8], _ r: inout Rand) -> [UInt8] {
        var b = line
        for _ in 0..<(1 + r.below(4)) {
            let pos = r.below(b.count + 1)
            switch r.below(6) {
            case 0 where !b.isEmpty: b[min(pos, b.count - 1)] = UInt8(truncatingIfNeeded: r.next())
            case 1: b.insert(contentsOf: Self.pieces[r.below(Self.pieces.count)], at: pos)
            case 2: b = Array(b[..<pos])
            case 3 where !b.isEmpty: b.remove(at: min(pos, b.count - 1))
            case 4: b.insert(contentsOf: [0xC0, 0x80, 0xFF, 0xED, 0xA0, 0x80][r.below(3)...], at: pos)
            default: b.insert(contentsOf: repeatElement(UInt8(ascii: "["), count: r.below(300)), at: pos)
            }
        }
        return b.filter { $0 != 0x0A }
    }

    /// Fuzz smoke run: thousands of mutated real lines (JSON lines, envelopes, CSV) through the
    /// full ingest path; every line ends as a row, a reported malformed line, or is skipped.
    func testMutatedSharedLinesNeverCrash() throws {
        let shared = try requireShared()
        let dir = try temporaryDirectory(self)
        var lines: [[UInt8]] = []
        for f in ["data/mde_proc_pub.DeviceProcessEvents.jsonl", "data/otrf_goldensaml_m365d.jsonl",
                  "data/otrf_lsass_campaign01_sysmon_proc_file.jsonl"] {
            let d = try Data(contentsOf: shared.appendingPathComponent(f))
            lines += d.split(separator: 0x0A).prefix(300).map(Array.init)
        }
        var r = Rand(s: 42)
        var jsonl: [UInt8] = [], csv: [UInt8] = Array("Timestamp,DeviceName,ActionType,FileName,ProcessCommandLine\n".utf8)
        for i in 0..<4_000 {
            jsonl += mutate(lines[i % lines.count], &r) + [0x0A]
            if i < 1_000 {
                csv += mutate(Array("2024-01-01T00:00:00Z,host\(i),ProcessCreated,\"a,\"\"b\",cmd /c x".utf8), &r) + [0x0A]
            }
        }
        let j = dir.appendingPathComponent("mut.jsonl"), c = dir.appendingPathComponent("mut.csv")
        try Data(jsonl).write(to: j)
        try Data(csv).write(to: c)
        let res = try ingestAll([InputSpec(.path(j.path), format: .jsonLines), InputSpec(.path(c.path), format: .csv,
                                                                                       table: "DeviceProcessEvents")])
        print("hostile-telemetry mutated: \(res.rows.count) rows, \(res.malformed.count) malformed, \(res.unknown.count) unknown table")
        XCTAssertGreaterThan(res.rows.count, 100)
        XCTAssertGreaterThan(res.malformed.count, 100)
        for m in res.malformed.prefix(50) { XCTAssertGreaterThan(m.line, 0); XCTAssertFalse(m.reason.isEmpty) }
        // Auto-detection on the same bytes takes the same care.
        _ = try ingestAll([InputSpec(.path(j.path))])
        _ = try ingestAll([InputSpec(.path(c.path))])
    }

    func testOneMegabyteLineIsDecoded() throws {
        let dir = try temporaryDirectory(self)
        let big = String(repeating: "A", count: 1 << 20)
        let f = dir.appendingPathComponent("big.jsonl")
        try write("{\"$table\":\"DeviceProcessEvents\",\"Timestamp\":\"2024-01-01T00:00:00Z\",\"ProcessCommandLine\":\"\(big)\"}\n"
                  + "{\"$table\":\"DeviceProcessEvents\",\"Timestamp\":\"2024-01-01T00:00:01Z\",\"FileName\":\"after.exe\"}\n", to: f)
        let res = try ingestAll([InputSpec(.path(f.path))])
        XCTAssertEqual(res.rows.count, 2)
        XCTAssertEqual(res.rows.first?.full("ProcessCommandLine")?.stringPayload?.utf8.count, 1 << 20)
        XCTAssertEqual(res.rows.last?.full("FileName")?.stringPayload, "after.exe")
    }

    func testLineBeyondTheReaderLimitIsReportedAndSkipped() throws {
        let dir = try temporaryDirectory(self)
        let f = dir.appendingPathComponent("huge.jsonl")
        let big = String(repeating: "B", count: 3 << 20)
        try write("{\"FileName\":\"\(big)\"}\n{\"FileName\":\"ok.exe\"}\n", to: f)
        let reader = try LineReader(path: f.path, bufferSize: 1 << 16, maxLineBytes: 1 << 20)
        var seen: [Int] = [], oversize: [Int] = []
        while true {
            let st = try reader.pump(onOversize: { oversize.append($0) }) { line, n in
                seen.append(n)
                XCTAssertLessThanOrEqual(line.count, 1 << 20)
            }
            if st == .finished { break }
        }
        XCTAssertEqual(oversize, [1])
        XCTAssertEqual(seen, [2])
    }

    func testHundredThousandColumnCSVHeader() throws {
        let dir = try temporaryDirectory(self)
        let f = dir.appendingPathComponent("wide.csv")
        var header = ["Timestamp", "DeviceName", "FileName"]
        header += (0..<100_000).map { "Extra\($0)" }
        var row = ["2024-01-01T00:00:00Z", "wide-host", "wide.exe"]
        row += (0..<100_000).map { _ in "v" }
        try write(header.joined(separator: ",") + "\n" + row.joined(separator: ",") + "\n", to: f)
        let res = try ingestAll([InputSpec(.path(f.path), table: "DeviceProcessEvents")])
        XCTAssertEqual(res.rows.count, 1)
        XCTAssertEqual(res.rows.first?.full("DeviceName")?.stringPayload, "wide-host")
    }

    func testDeeplyNestedJSONIsMalformedNotACrash() throws {
        let dir = try temporaryDirectory(self)
        let f = dir.appendingPathComponent("deep.jsonl")
        let deep = String(repeating: "[", count: 500_000) + String(repeating: "]", count: 500_000)
        let deepObj = String(repeating: "{\"a\":", count: 200_000) + "1" + String(repeating: "}", count: 200_000)
        try write("{\"$table\":\"DeviceProcessEvents\",\"AdditionalFields\":\(deep),\"FileName\":\"x.exe\"}\n"
                  + "{\"$table\":\"DeviceProcessEvents\",\"AdditionalFields\":\(deepObj)}\n"
                  + String(repeating: "[", count: 500_000) + "\n"
                  + "{\"$table\":\"DeviceProcessEvents\",\"FileName\":\"last.exe\"}\n", to: f)
        let res = try ingestAll([InputSpec(.path(f.path), format: .jsonLines)])
        XCTAssertEqual(res.rows.last?.full("FileName")?.stringPayload, "last.exe")
        XCTAssertGreaterThanOrEqual(res.rows.count + res.malformed.count, 3)
        // A whole-document input that never closes.
        let g = dir.appendingPathComponent("doc.json")
        try write(String(repeating: "{\"records\":[", count: 100_000), to: g)
        _ = try ingestAll([InputSpec(.path(g.path))])
    }

    func testInvalidUTF8AndControlBytesSurviveAsText() throws {
        let dir = try temporaryDirectory(self)
        let f = dir.appendingPathComponent("bytes.jsonl")
        var d = Array("{\"$table\":\"DeviceProcessEvents\",\"ProcessCommandLine\":\"a".utf8)
        d += [0xFF, 0xC0, 0x80, 0xED, 0xA0, 0x80, 0x1B, 0x5B, 0x32, 0x4A]
        d += Array("\\u001b]0;title\\u0007\\ud800z\"}\n".utf8)
        try Data(d).write(to: f)
        let res = try ingestAll([InputSpec(.path(f.path))])
        XCTAssertEqual(res.rows.count + res.malformed.count, 1)
        if let cmd = res.rows.first?.full("ProcessCommandLine")?.stringPayload {
            XCTAssertTrue(cmd.hasPrefix("a"))
            XCTAssertTrue(cmd.hasSuffix("z"))
        }
    }

    func testUnreadableAndMissingFilesAreClearErrors() throws {
        let dir = try temporaryDirectory(self)
        let f = dir.appendingPathComponent("locked.jsonl")
        try write("{}\n", to: f)
        chmod(f.path, 0)
        defer { chmod(f.path, 0o644) }
        if getuid() != 0 {
            XCTAssertThrowsError(try Ingest(inputs: [InputSpec(.path(f.path))])) { e in
                XCTAssertTrue("\(e)".contains("locked.jsonl"), "\(e)")
            }
        }
        XCTAssertThrowsError(try Ingest(inputs: [InputSpec(.path(dir.appendingPathComponent("gone.jsonl").path))])) { e in
            XCTAssertTrue("\(e)".contains("gone.jsonl"), "\(e)")
        }
    }
}
