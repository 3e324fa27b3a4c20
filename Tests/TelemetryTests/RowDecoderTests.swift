import KQL
import XCTest
@testable import Telemetry

final class RowDecoderTests: XCTestCase {
    func testDecodesLinesHeldInMemory() throws {
        let d = try RowDecoder(projection: Projection(columns: ["DeviceFileEvents": ["FileName"]], unlisted: .decodeAll))
        var seen: [(String, Value?, Value?)] = []
        let collect: (RowRef) -> Void = { r in seen.append((r.table.name, r["FileName"], r.decodeAll()[r.schema.slot(of: "FolderPath")!])) }
        XCTAssertNil(try d.decode(jsonLine: #"{"Type":"DeviceFileEvents","FileName":"a","FolderPath":"p"}"#, collect))
        XCTAssertNil(try d.decode(jsonLine: #"{"records":[{"category":"AdvancedHunting-DeviceFileEvents","properties":{"FileName":"b"}}]}"#, collect))
        XCTAssertNotNil(try d.decode(jsonLine: #"{"FileName":"#, collect))
        XCTAssertEqual(seen.map(\.0), ["DeviceFileEvents", "DeviceFileEvents"])
        XCTAssertEqual(seen.map(\.1), [.string("a"), .string("b")])
        XCTAssertEqual(seen.map(\.2), [.string("p"), .string("")])
        XCTAssertThrowsError(try RowDecoder(table: "Nope"))
    }
}
