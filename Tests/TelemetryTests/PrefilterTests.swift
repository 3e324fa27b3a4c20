import Foundation
import KQL
import XCTest
@testable import Telemetry

final class PrefilterTests: XCTestCase {
    func testBytesSearchAgreesWithNaiveSearch() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("aAbBpPiInNgG.eExX -\\\"".utf8)
        for _ in 0..<2000 {
            let hay = (0..<Int.random(in: 0...60, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            let needle = (0..<Int.random(in: 1...4, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            let lower = { (b: [UInt8]) in b.map(BytesSearch.lower) }
            let h = lower(hay), n = lower(needle)
            let naive = h.count >= n.count && (0...(h.count - n.count)).contains { Array(h[$0..<($0 + n.count)]) == n }
            XCTAssertEqual(BytesSearch(needle).contains(hay), naive,
                           "\(String(decoding: hay, as: UTF8.self)) / \(String(decoding: needle, as: UTF8.self))")
        }
    }

    func testLiteralSetMatchesEncodedFormsAndHiddenLiterals() {
        func m(_ set: LiteralSet, _ line: String) -> Bool { Array(line.utf8).withUnsafeBytes { set.matches($0) } }
        let s = LiteralSet(allOf: ["ping.exe", #"C:\Windows"#])
        XCTAssertTrue(m(s, #"{"a":"PING.EXE","b":"c:\\windows\\x"}"#))
        XCTAssertFalse(m(s, #"{"a":"PING.EXE","b":"c:\windows"}"#), "a JSON line spells a backslash as \\\\")
        XCTAssertFalse(m(s, #"{"a":"pong.exe","b":"C:\\Windows"}"#))
        XCTAssertTrue(m(s, #"{"a":"\u0070ing.exe","b":"C:\\Windows"}"#), "\\u escapes can hide a literal")
        XCTAssertFalse(m(s, #"{"a":"x\\u0070ing.exe","b":"C:\\Windows"}"#), "\\\\u is not an escape")
        let slash = LiteralSet(allOf: ["a/b"])
        XCTAssertTrue(m(slash, #"{"p":"a\/b"}"#))
        XCTAssertTrue(m(LiteralSet(allOf: ["kill"]), "{\"p\":\"\u{212A}ill\"}"), "Kelvin sign folds to k")
        XCTAssertTrue(m(LiteralSet(allOf: [#"say "hi""#]), #"{"p":"say \"HI\""}"#))
        XCTAssertTrue(m(LiteralSet(allOf: [#"say "hi""#], encoding: .csv), #"x,"say ""hi""""#))
        XCTAssertTrue(m(LiteralSet(allOf: ["Microsoft® Windows"]), #"{"p":"microsoft® windows"}"#))
        XCTAssertTrue(m(LiteralSet(allOf: []), "anything"))
    }

    /// The same literal prefilter on a JSON and a CSV input: each is matched in its own escaping.
    func testLiteralPrefilterPerFormat() throws {
        let dir = try temporaryDirectory(self)
        let json = dir.appendingPathComponent("a.jsonl"), csv = dir.appendingPathComponent("b.csv")
        try write(#"{"FileName":"x","FolderPath":"C:\\Temp\\\"q\".eml"}"# + "\n" + #"{"FileName":"y","FolderPath":"C:\\Other"}"# + "\n", to: json)
        try write("FileName,FolderPath\nx,\"C:\\Temp\\\"\"q\"\".eml\"\ny,C:\\Other\n", to: csv)
        let r = try ingestAll([InputSpec(.path(json.path), table: "DeviceFileEvents"),
                               InputSpec(.path(csv.path), table: "DeviceFileEvents")]) {
            $0.prefilterLiterals = [[#"c:\temp\"Q".EML"#]]
        }
        XCTAssertEqual(r.rows.map { $0.value("FolderPath")!.stringPayload! }, [#"C:\Temp\"q".eml"#, #"C:\Temp\"q".eml"#])
        XCTAssertEqual(r.stats.prefiltered, 2)
    }

    func testLineHasBackslashU() {
        func h(_ s: String) -> Bool { Array(s.utf8).withUnsafeBytes { lineHasBackslashU($0) } }
        XCTAssertTrue(h(#"a\u0041"#))
        XCTAssertFalse(h(#"a\\u0041"#))
        XCTAssertTrue(h(#"a\\\u0041"#))
        XCTAssertFalse(h(#"a\"#))
    }

    /// The seed rule over gen.py output: the prefilter skips most lines and changes no answer.
    func testSeedRuleHitsUnchangedByPrefilter() throws {
        let shared = try requireShared()
        let dir = try temporaryDirectory(self)
        let rowCount = 12000
        let out = dir.appendingPathComponent("gen.jsonl")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", shared.appendingPathComponent("tools/gen.py").path, "\(rowCount)", out.path, "--seed", "7"]
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw XCTSkip("gen.py failed") }
        let truthData = try Data(contentsOf: dir.appendingPathComponent("gen.truth.json"))
        let truth = try JSONSerialization.jsonObject(with: truthData) as! [String: Any]
        let expected = truth["expected_seed_hits"] as! Int

        let cols = ["InitiatingProcessFileName", "InitiatingProcessCommandLine", "InitiatingProcessParentFileName",
                    "FolderPath", "ReportId"]
        func hits(_ prefilter: (@Sendable (UnsafeRawBufferPointer) -> Bool)?) throws -> ([Int64], IngestStats) {
            var o = IngestOptions()
            o.projection = Projection(columns: ["DeviceFileEvents": cols])
            o.prefilter = prefilter
            let ingest = try Ingest(inputs: [InputSpec(.path(out.path))], options: o)
            let s = ingest.catalog.table(named: "DeviceFileEvents")!.schema
            let slots = cols.map { s.slot(of: $0)! }
            var ids: [Int64] = []
            let stats = try ingest.run { r in
                let v = slots.map { r.values[$0] }
                let ip = v[0].stringPayload!, cmd = v[1].stringPayload!, parent = v[2].stringPayload!, path = v[3].stringPayload!
                if ip.lowercased() == "ping.exe" && cmd == "ping.exe -t 127.0.0.1"
                    && ["msra.exe", "mobsync.exe"].contains(parent.lowercased()) && path.lowercased().hasSuffix(".eml") {
                    ids.append(v[4].int64Value!)
                }
            }
            return (ids, stats)
        }
        let (plain, plainStats) = try hits(nil)
        XCTAssertEqual(plain.count, expected)
        XCTAssertEqual(plainStats.rows, rowCount)
        XCTAssertGreaterThan(expected, 0)
        let pred = LiteralSet.predicate(anyOf: [
            LiteralSet(allOf: ["ping.exe -t 127.0.0.1", ".eml", "msra.exe"]),
            LiteralSet(allOf: ["ping.exe -t 127.0.0.1", ".eml", "mobsync.exe"]),
        ])
        let (filtered, fStats) = try hits(pred)
        XCTAssertEqual(filtered, plain)
        XCTAssertEqual(fStats.lines, rowCount, "skipped lines still count as read")
        XCTAssertGreaterThan(fStats.prefiltered, rowCount * 9 / 10)
        XCTAssertEqual(fStats.rows + fStats.prefiltered, rowCount)
    }
}
