import Foundation
import KQL
import XCTest
@testable import Telemetry

final class ProjectionTests: XCTestCase {
    func testOnlyNeededSlotsAreDecoded() throws {
        let shared = try requireShared()
        let url = shared.appendingPathComponent("data/mde_proc_pub.DeviceProcessEvents.jsonl")
        let wanted = ["FileName", "ProcessCommandLine", "Timestamp"]
        let r = try ingestAll([InputSpec(.path(url.path))]) {
            $0.projection = Projection(columns: ["DeviceProcessEvents": wanted])
        }
        XCTAssertEqual(r.rows.count, 200)
        let schema = Schema.standard.table("DeviceProcessEvents")!
        let needed = Set(wanted.compactMap { schema.slot(of: $0) })
        for row in r.rows {
            for (i, c) in schema.columns.enumerated() {
                if needed.contains(i) {
                    XCTAssertEqual(row.values[i], row.all[i], c.name)
                } else {
                    XCTAssertEqual(row.values[i], Value.null(of: c.type), "\(c.name) should be untouched")
                }
            }
            XCTAssertNotEqual(row.full("DeviceId"), .string(""), "decodeAll fills every column")
        }
    }

    /// With the table given, decoding stops once the needed columns are found; the values must
    /// equal a full decode, and anything odd still takes the full path.
    func testGivenTableFastPathAgreesWithFullDecode() throws {
        let shared = try requireShared()
        for (file, table) in [("mde_proc_pub.DeviceProcessEvents.jsonl", "DeviceProcessEvents"),
                              ("mde_proc_cs1.DeviceProcessEvents.jsonl", "DeviceProcessEvents")] {
            let url = shared.appendingPathComponent("data/" + file)
            let wanted = ["Timestamp", "FileName", "ProcessCommandLine", "InitiatingProcessParentId", "AdditionalFields"]
            let r = try ingestAll([InputSpec(.path(url.path), table: table)]) {
                $0.projection = Projection(columns: [table: wanted])
            }
            XCTAssertEqual(r.malformed, [])
            let schema = Schema.standard.table(table)!
            for row in r.rows {
                for c in wanted { XCTAssertEqual(row.value(c), row.all[schema.slot(of: c)!], "\(file) \(c)") }
            }
        }
        let dir = try temporaryDirectory(self)
        let f = dir.appendingPathComponent("odd.jsonl")
        try write([
            #"{"FileName":"a","FolderPath":"x"}"#,                                    // 1 FileSize missing
            #"{"FileName":"b","FileSize_long":5,"FileSize_string":"","FolderPath":"y","FileSize":null}"#, // 2 alias
            #"{"FileName":"c","FolderPath":"z","FileSize":1"#,                       // 3 truncated
            #"{"records":[{"category":"AdvancedHunting-DeviceFileEvents","properties":{"FileName":"d","FileSize":4}}]}"#, // 4
            #"{"\u0046ileName":"e","FileSize":5}"#,                                  // 5 escaped key
            #"{"FileName":"f","FileSize":6,"FolderPath":"w"} x"#,                    // 6 trailing junk
        ].joined(separator: "\n") + "\n", to: f)
        let r = try ingestAll([InputSpec(.path(f.path), table: "DeviceFileEvents")]) {
            $0.projection = Projection(columns: ["DeviceFileEvents": ["FileName", "FileSize"]])
        }
        XCTAssertEqual(r.rows.map { $0.value("FileName")!.stringPayload! }, ["a", "b", "d", "e"])
        XCTAssertEqual(r.rows.map { $0.value("FileSize")! }, [.null(.long), .long(5), .long(4), .long(5)])
        XCTAssertEqual(r.rows.map { $0.value("FolderPath")! }, [.string(""), .string(""), .string(""), .string("")])
        XCTAssertEqual(r.malformed.map(\.line), [3, 6])
    }

    func testUnlistedTablesAreSkippedOrDecoded() throws {
        let dir = try temporaryDirectory(self)
        let f = dir.appendingPathComponent("mixed.jsonl")
        try write(#"{"Type":"DeviceFileEvents","FileName":"a","FolderPath":"p"}"# + "\n"
                  + #"{"Type":"DeviceProcessEvents","FileName":"b"}"# + "\n", to: f)
        var r = try ingestAll([InputSpec(.path(f.path))]) {
            $0.projection = Projection(columns: ["DeviceFileEvents": ["FileName"]], unlisted: .skip)
        }
        XCTAssertEqual(r.rows.map(\.table), ["DeviceFileEvents"])
        XCTAssertEqual(r.rows[0].value("FolderPath"), .string(""))
        r = try ingestAll([InputSpec(.path(f.path))]) {
            $0.projection = Projection(columns: ["DeviceFileEvents": ["FileName"]], unlisted: .decodeAll)
        }
        XCTAssertEqual(r.rows.map(\.table), ["DeviceFileEvents", "DeviceProcessEvents"])
        XCTAssertEqual(r.rows[1].value("FileName"), .string("b"))
    }

    func testReusedBufferResetsNeededSlotsBetweenRows() throws {
        let dir = try temporaryDirectory(self)
        let f = dir.appendingPathComponent("rows.jsonl")
        try write(#"{"Type":"DeviceFileEvents","FileName":"a","FileSize":5}"# + "\n"
                  + #"{"Type":"DeviceFileEvents"}"# + "\n", to: f)
        let r = try ingestAll([InputSpec(.path(f.path))]) {
            $0.projection = Projection(columns: ["DeviceFileEvents": ["FileName", "FileSize"]])
        }
        XCTAssertEqual(r.rows[1].value("FileName"), .string(""))
        XCTAssertEqual(r.rows[1].value("FileSize"), .null(.long))
    }
}
