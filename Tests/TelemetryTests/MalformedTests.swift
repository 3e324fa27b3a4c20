import Foundation
import KQL
import XCTest
@testable import Telemetry

final class MalformedTests: XCTestCase {
    let good = #"{"Type":"DeviceFileEvents","FileName":"ok.txt"}"#

    func testMalformedLinesAreReportedOnceAndTheRestFlows() throws {
        let dir = try temporaryDirectory(self)
        let f = dir.appendingPathComponent("bad.jsonl")
        try write([
            good,
            #"{"Type":"DeviceFileEvents","FileName":"cut"#,           // 2 unterminated string
            "hello world",                                            // 3 not JSON
            #"{"Type":"DeviceFileEvents","FileName":}"#,              // 4 missing value
            good + " trailing",                                       // 5 bytes after the object
            #"{"Type" "DeviceFileEvents"}"#,                          // 6 missing colon
            #"{"Type":"DeviceFileEvents","A":[1,2}"#,                 // 7 bad nesting
            good,                                                     // 8
            String(repeating: "[", count: 100_000),                   // 9 deep nesting, unterminated
            #"{"Type":"DeviceFileEvents","FileName":"ok.txt","FileSize":"12abc","Timestamp":"not a date"}"#, // 10 bad values → nulls
        ].joined(separator: "\n") + "\n", to: f)
        let r = try ingestAll([InputSpec(.path(f.path))])
        XCTAssertEqual(r.rows.map(\.line), [1, 8, 10])
        XCTAssertEqual(r.malformed.map(\.line), [2, 3, 4, 5, 6, 7, 9])
        XCTAssertTrue(r.malformed.allSatisfy { $0.source == f.path && !$0.reason.isEmpty })
        XCTAssertEqual(r.malformed[0].description, "\(f.path):2: \(r.malformed[0].reason)")
        XCTAssertTrue(r.malformed[1].reason.contains("not a JSON object"), r.malformed[1].reason)
        XCTAssertEqual(r.stats.malformed, 7)
        XCTAssertEqual(r.stats.lines, 10)
        XCTAssertEqual(r.rows[2].value("FileSize"), .null(.long))
        XCTAssertEqual(r.rows[2].value("Timestamp"), .null(.datetime))
    }

    func testStrictModeThrowsWithFileAndLine() throws {
        let dir = try temporaryDirectory(self)
        let f = dir.appendingPathComponent("bad.jsonl")
        try write(good + "\n" + good + "\n{oops\n" + good + "\n", to: f)
        var o = IngestOptions()
        o.strict = true
        let ingest = try Ingest(inputs: [InputSpec(.path(f.path))], options: o)
        var rows = 0
        XCTAssertThrowsError(try ingest.run { _ in rows += 1 }) { e in
            guard case TelemetryError.malformed(let m) = e else { return XCTFail("\(e)") }
            XCTAssertEqual(m.line, 3)
            XCTAssertEqual(m.source, f.path)
        }
        XCTAssertEqual(rows, 2)
    }

    func testCSVProblems() throws {
        let dir = try temporaryDirectory(self)
        let f = dir.appendingPathComponent("bad.csv")
        try write("Timestamp,FileName,FolderPath\n2024-01-01,a,b\n2024-01-01,a\n2024-01-01,\"x\"y,b\n2024-01-02,c,d\n2024-01-03,\"never closed,z\n", to: f)
        let r = try ingestAll([InputSpec(.path(f.path), table: "DeviceFileEvents")])
        XCTAssertEqual(r.rows.map(\.line), [2, 5])
        XCTAssertEqual(r.malformed.map(\.line), [3, 4, 6])
        XCTAssertTrue(r.malformed[0].reason.contains("2 fields"), r.malformed[0].reason)
        XCTAssertTrue(r.malformed[2].reason.contains("never closed"), r.malformed[2].reason)
    }

    func testMissingFileAndUnknownTableAreErrors() {
        XCTAssertThrowsError(try Ingest(inputs: [InputSpec(.path("/nonexistent/x.jsonl"))]))
        XCTAssertThrowsError(try Ingest(inputs: [InputSpec(argument: "-", table: "NoSuchTable")]))
    }
}
