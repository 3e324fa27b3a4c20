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
