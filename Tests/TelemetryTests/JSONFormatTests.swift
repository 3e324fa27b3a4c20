import Foundation
import KQL
import XCTest
@testable import Telemetry

final class JSONFormatTests: XCTestCase {
    let fileRow = #"{"Timestamp":"2024-03-05T10:14:58.7Z","DeviceId":"d1","DeviceName":"ws-17","ActionType":"FileCreated","FileName":"msg0001.eml","FolderPath":"C:\\Users\\alice\\msg0001.eml","FileSize":null,"InitiatingProcessFileName":"ping.exe","InitiatingProcessId":4242,"InitiatingProcessCommandLine":"ping.exe -t 127.0.0.1","InitiatingProcessParentFileName":"msra.exe","ReportId":98765,"AdditionalFields":"{\"FileType\":\"Unknown\"}"}"#

    func testJSONLinesRowsAreTypedBySchema() throws {
        let dir = try temporaryDirectory(self)
        let f = dir.appendingPathComponent("rows.jsonl")
        try write(fileRow + "\n" + fileRow.replacingOccurrences(of: "4242", with: "\"77\"") + "\n", to: f)
        let r = try ingestAll([InputSpec(.path(f.path))])
        XCTAssertEqual(r.rows.count, 2)
        XCTAssertEqual(r.malformed, [])
        let row = r.rows[0]
        XCTAssertEqual(row.table, "DeviceFileEvents")
        XCTAssertEqual(row.value("Timestamp"), .datetime(ticks("2024-03-05T10:14:58.7Z")))
        XCTAssertEqual(row.value("FolderPath"), .string(#"C:\Users\alice\msg0001.eml"#))
        XCTAssertEqual(row.value("FileSize"), .null(.long))
        XCTAssertEqual(row.value("SHA1"), .string(""), "missing string column is the empty string")
        XCTAssertEqual(row.value("InitiatingProcessParentCreationTime"), .null(.datetime))
        XCTAssertEqual(row.value("InitiatingProcessId"), .long(4242))
        XCTAssertEqual(r.rows[1].value("InitiatingProcessId"), .long(77), "numbers given as strings")
        XCTAssertEqual(row.value("AdditionalFields"), .dynamic(.bag(DynamicBag([("FileType", .string("Unknown"))]))))
        XCTAssertEqual(row.line, 1)
        XCTAssertEqual(r.rows[1].line, 2)
    }

    func testEnvelopeOnePerLineAndBareRecords() throws {
        let dir = try temporaryDirectory(self)
        let rec1 = #"{"time":"2024-03-05T10:15:02.1234567Z","tenantId":"t","operationName":"Publish","category":"AdvancedHunting-DeviceFileEvents","properties":"# + fileRow + "}"
        let rec2 = #"{"time":"2024-03-05T10:15:02.1234990Z","category":"AdvancedHunting-DeviceProcessEvents","properties":{"Timestamp":"2024-03-05T10:14:50.01Z","ActionType":"ProcessCreated","FileName":"ping.exe","ProcessId":4242,"ProcessCreationTime":"2024-03-05T10:14:50.0000001Z"}}"#
        let f = dir.appendingPathComponent("stream.json")
        try write(#"{"records":["# + rec1 + "," + rec2 + "]}\n" + rec2 + "\n", to: f)
        let r = try ingestAll([InputSpec(.path(f.path))])
        XCTAssertEqual(r.malformed, [])
        XCTAssertEqual(r.rows.map(\.table), ["DeviceFileEvents", "DeviceProcessEvents", "DeviceProcessEvents"])
        XCTAssertEqual(r.rows.map(\.line), [1, 1, 2])
        XCTAssertEqual(r.rows[0].value("Timestamp"), .datetime(ticks("2024-03-05T10:14:58.7Z")),
                       "row time is properties.Timestamp, not the envelope time")
        XCTAssertEqual(r.rows[1].value("ProcessCreationTime"), .datetime(ticks("2024-03-05T10:14:50.0000001Z")))
        XCTAssertEqual(r.rows[2].value("ProcessId"), .long(4242))
        XCTAssertEqual(r.rows[0].full("InitiatingProcessFileName"), .string("ping.exe"))
    }

    func testWholeFileEnvelopeIsOneDocument() throws {
        let dir = try temporaryDirectory(self)
        let f = dir.appendingPathComponent("pretty.json")
        try write("""
        {
          "records": [
            {
              "time": "2024-03-05T10:15:02.1234567Z",
              "category": "AdvancedHunting-DeviceFileEvents",
              "properties": {
                "Timestamp": "2024-03-05T10:14:58Z",
                "FolderPath": "C:\\\\x\\\\msg0001.eml",
                "InitiatingProcessFileName": "ping.exe"
              }
            },
            {
              "time": "2024-03-05T10:15:02.1234990Z",
              "category": "AdvancedHunting-DeviceProcessEvents",
              "properties": { "Timestamp": "2024-03-05T10:14:50.01Z", "ProcessId": 4242 }
            }
          ]
        }
        """, to: f)
        let r = try ingestAll([InputSpec(.path(f.path))])
        XCTAssertEqual(r.malformed, [])
        XCTAssertEqual(r.rows.map(\.table), ["DeviceFileEvents", "DeviceProcessEvents"])
        XCTAssertEqual(r.rows[0].value("FolderPath"), .string(#"C:\x\msg0001.eml"#))
        XCTAssertEqual(r.rows[1].value("ProcessId"), .long(4242))
        XCTAssertEqual(r.rows.map(\.line), [6, 15], "line where each properties object starts")
    }

    func testArrayDocumentOfRows() throws {
        let dir = try temporaryDirectory(self)
        let f = dir.appendingPathComponent("rows.json")
        try write("[\n" + fileRow + ",\n" + fileRow + "\n]\n", to: f)
        let r = try ingestAll([InputSpec(.path(f.path))])
        XCTAssertEqual(r.rows.count, 2)
        XCTAssertEqual(r.rows.map(\.line), [2, 3])
        XCTAssertEqual(r.malformed, [])
    }

    func testTableFromTypeKeyDefaultAndOverride() throws {
        let dir = try temporaryDirectory(self)
        let f = dir.appendingPathComponent("typed.jsonl")
        try write("""
        {"Type":"DeviceProcessEvents","Timestamp":"2024-01-01T00:00:00Z","FileName":"a.exe"}
        {"$table":"DeviceNetworkEvents","Timestamp":"2024-01-01T00:00:00Z","RemoteIP":"10.0.0.1"}
        {"zzz":1}

        """, to: f)
        var r = try ingestAll([InputSpec(.path(f.path))])
        XCTAssertEqual(r.rows.map(\.table), ["DeviceProcessEvents", "DeviceNetworkEvents"])
        XCTAssertEqual(r.stats.unknownTable, 1)
        XCTAssertEqual(r.unknown.map(\.line), [3])
        r = try ingestAll([InputSpec(.path(f.path))]) { $0.defaultTable = "DeviceEvents" }
        XCTAssertEqual(r.rows.map(\.table), ["DeviceProcessEvents", "DeviceNetworkEvents", "DeviceEvents"])
        r = try ingestAll([InputSpec(.path(f.path), table: "DeviceFileEvents")])
        XCTAssertEqual(r.rows.map(\.table), ["DeviceFileEvents", "DeviceFileEvents", "DeviceFileEvents"])
    }

    func testEscapesNonASCIIAndLongValues() throws {
        let dir = try temporaryDirectory(self)
        let f = dir.appendingPathComponent("esc.jsonl")
        let long = String(repeating: "QUJD", count: 5000)
        let line = #"{"Type":"DeviceProcessEvents","FileName":"\u0070ing.exe","FolderPath":"C:\\Windows\\\"x\"\/y","ProcessCommandLine":"powershell -enc "# + long
            + #"","ProcessVersionInfoProductName":"Microsoft® Windows® \u00e9\ud83d\ude00 AzureÂ®","AccountName":"tab\there\nnl"}"#
        try write(line + "\r\n", to: f)
        let r = try ingestAll([InputSpec(.path(f.path))])
        XCTAssertEqual(r.malformed, [])
        let row = try XCTUnwrap(r.rows.first)
        XCTAssertEqual(row.value("FileName"), .string("ping.exe"))
        XCTAssertEqual(row.value("FolderPath"), .string(#"C:\Windows\"x"/y"#))
        XCTAssertEqual(row.value("ProcessCommandLine")?.stringPayload?.count, 16 + 20000)
        XCTAssertEqual(row.value("ProcessVersionInfoProductName"), .string("Microsoft® Windows® é😀 AzureÂ®"))
        XCTAssertEqual(row.value("AccountName"), .string("tab\there\nnl"))
    }

    func testDynamicColumnForms() throws {
        let dir = try temporaryDirectory(self)
        let f = dir.appendingPathComponent("dyn.jsonl")
        try write("""
        {"Type":"DeviceEvents","AdditionalFields":{"a":[1,2.5,true,null,"s"],"b":{"c":"d"}}}
        {"Type":"DeviceEvents","AdditionalFields":"{\\"Count\\":3}"}
        {"Type":"DeviceEvents","AdditionalFields":"plain text"}
        {"Type":"DeviceEvents","AdditionalFields":""}
        {"Type":"DeviceEvents","AdditionalFields":null}
        {"Type":"DeviceEvents","AdditionalFields_dynamic":null,"AdditionalFields_string":"[1]","ReportId_long":7,"ReportId_string":""}

        """, to: f)
        let r = try ingestAll([InputSpec(.path(f.path))])
        XCTAssertEqual(r.malformed, [])
        let v = r.rows.map { $0.value("AdditionalFields")! }
        XCTAssertEqual(v[0], .dynamic(.bag(DynamicBag([
            ("a", .array([.long(1), .real(2.5), .bool(true), .null, .string("s")])),
            ("b", .bag(DynamicBag([("c", .string("d"))]))),
        ]))))
        XCTAssertEqual(v[1], .dynamic(.bag(DynamicBag([("Count", .long(3))]))))
        XCTAssertEqual(v[2], .dynamic(.string("plain text")))
        XCTAssertEqual(v[3], .null(.dynamic))
        XCTAssertEqual(v[4], .null(.dynamic))
        XCTAssertEqual(v[5], .dynamic(.array([.long(1)])), "suffixed alias columns fill the base column")
        XCTAssertEqual(r.rows[5].value("ReportId"), .long(7))
    }
}
