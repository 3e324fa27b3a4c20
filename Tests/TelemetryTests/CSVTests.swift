import Foundation
import KQL
import XCTest
@testable import Telemetry

final class CSVTests: XCTestCase {
    func testQuotedFieldsAndEmbeddedNewlines() throws {
        let dir = try temporaryDirectory(self)
        let f = dir.appendingPathComponent("export.csv")
        try write("Timestamp,DeviceName,ActionType,FileName,FolderPath,FileSize,InitiatingProcessCommandLine,AdditionalFields\r\n"
            + "2024-03-05T10:14:58.123Z,ws-1,FileCreated,a.eml,\"C:\\x,y\\a.eml\",12,\"cmd /c \"\"echo hi\"\"\",\"{\"\"k\"\":1}\"\r\n"
            + "2024-03-05 10:15:00,ws-2,FileCreated,b.txt,C:\\b.txt,,\"line one\r\nline two, still\nthree\",\r\n"
            + "\r\n"
            + "2024-03-05T10:16:00Z,ws-3,FileDeleted,c,C:\\c,\"7\",plain,\r\n", to: f)
        let r = try ingestAll([InputSpec(.path(f.path))])
        XCTAssertEqual(r.malformed, [])
        XCTAssertEqual(r.rows.count, 3)
        XCTAssertEqual(Set(r.rows.map(\.table)), ["DeviceFileEvents"], "table from the header's best match")
        XCTAssertEqual(r.rows.map(\.line), [2, 3, 7])
        let a = r.rows[0], b = r.rows[1], c = r.rows[2]
        XCTAssertEqual(a.value("Timestamp"), .datetime(ticks("2024-03-05T10:14:58.123Z")))
        XCTAssertEqual(a.value("FolderPath"), .string(#"C:\x,y\a.eml"#))
        XCTAssertEqual(a.value("FileSize"), .long(12))
        XCTAssertEqual(a.value("InitiatingProcessCommandLine"), .string(#"cmd /c "echo hi""#))
        XCTAssertEqual(a.value("AdditionalFields"), .dynamic(.bag(DynamicBag([("k", .long(1))]))))
        XCTAssertEqual(b.value("Timestamp"), .datetime(ticks("2024-03-05T10:15:00Z")))
        XCTAssertEqual(b.value("FileSize"), .null(.long))
        XCTAssertEqual(b.value("InitiatingProcessCommandLine"), .string("line one\nline two, still\nthree"))
        XCTAssertEqual(b.value("AdditionalFields"), .null(.dynamic))
        XCTAssertEqual(c.value("FileSize"), .long(7))
        XCTAssertEqual(c.full("DeviceName"), .string("ws-3"))
    }

    /// The real DeviceProcessEvents sample, written as an Advanced Hunting CSV export, decodes to
    /// the same rows as the JSON lines.
    func testRealDataAsCSVMatchesJSON() throws {
        let url = try requireShared().appendingPathComponent("data/mde_proc_pub.DeviceProcessEvents.jsonl")
        let schema = Schema.standard.table("DeviceProcessEvents")!
        var csv = schema.columns.map(\.name).joined(separator: ",") + "\r\n"
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
            let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            csv += schema.columns.map { c -> String in
                switch obj[c.name] {
                case nil, is NSNull: return ""
                case let s as String: return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                case let n as NSNumber: return n.stringValue
                default: return ""
                }
            }.joined(separator: ",") + "\r\n"
        }
        let dir = try temporaryDirectory(self)
        let f = dir.appendingPathComponent("pub.csv")
        try write(csv, to: f)
        let fromCSV = try ingestAll([InputSpec(.path(f.path))])
        let fromJSON = try ingestAll([InputSpec(.path(url.path))])
        XCTAssertEqual(fromCSV.malformed, [])
        XCTAssertEqual(fromCSV.rows.count, 200)
        XCTAssertEqual(fromCSV.rows.map(\.table), fromJSON.rows.map(\.table))
        for (a, b) in zip(fromCSV.rows, fromJSON.rows) {
            XCTAssertEqual(a.all, b.all)
        }
    }
}
