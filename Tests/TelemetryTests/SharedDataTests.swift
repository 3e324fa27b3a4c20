import Foundation
import KQL
import XCTest
@testable import Telemetry

/// Every real sample file parses completely, and agrees with Foundation's JSON parser.
final class SharedDataTests: XCTestCase {
    func data(_ name: String) throws -> URL {
        try requireShared().appendingPathComponent("data").appendingPathComponent(name)
    }

    /// Compares every column present in each source object with our typed value.
    func assertMatchesFoundation(_ url: URL, table: String, rows: [CollectedRow], file: StaticString = #filePath, line: UInt = #line) throws {
        let schema = Schema.standard.table(table)!
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        XCTAssertEqual(lines.count, rows.count, file: file, line: line)
        var checked = 0
        for (text, row) in zip(lines, rows) {
            let obj = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
            for (i, col) in schema.columns.enumerated() {
                let got = row.all[i]
                guard let raw = obj[col.name] else {
                    XCTAssertEqual(got, Value.null(of: col.type), "\(col.name) missing", file: file, line: line); continue
                }
                if raw is NSNull { XCTAssertEqual(got, Value.null(of: col.type), col.name, file: file, line: line); continue }
                switch col.type {
                case .string: XCTAssertEqual(got, .string(raw as? String ?? "\(raw)"), col.name, file: file, line: line)
                case .long: XCTAssertEqual(got, .long((raw as! NSNumber).int64Value), col.name, file: file, line: line)
                case .datetime:
                    let s = raw as! String
                    XCTAssertEqual(got, s.isEmpty ? .null(.datetime) : .datetime(Ticks.parseDatetime(s)!), col.name, file: file, line: line)
                default: break
                }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, rows.count * 40, file: file, line: line)
    }

    func testMDEProcessCS1() throws {
        let url = try data("mde_proc_cs1.DeviceProcessEvents.jsonl")
        let r = try ingestAll([InputSpec(.path(url.path))])
        XCTAssertEqual(r.rows.count, 678)
        XCTAssertEqual(r.malformed, [])
        XCTAssertEqual(r.stats.unknownTable, 0)
        XCTAssertEqual(Set(r.rows.map(\.table)), ["DeviceProcessEvents"])
        // Space separator, +00:00 and 6 or 9 fraction digits, all typed.
        XCTAssertTrue(r.rows.allSatisfy { if case .datetime = $0.value("Timestamp")! { return true }; return false })
        XCTAssertEqual(r.rows[0].value("Timestamp"),
                       .datetime(Ticks.datetime(year: 2021, month: 6, day: 23, hour: 3, minute: 8, second: 14, fraction: 3_370_283)))
        let sixDigits = r.rows.filter { $0.raw.hasPrefix(#"{"Timestamp":"2021-06-23 03:08:20.378135+00:00""#) }
        XCTAssertEqual(sixDigits.first?.value("Timestamp"),
                       .datetime(Ticks.datetime(year: 2021, month: 6, day: 23, hour: 3, minute: 8, second: 20, fraction: 3_781_350)))
        try assertMatchesFoundation(url, table: "DeviceProcessEvents", rows: r.rows)
    }

    func testMDEProcessPub() throws {
        let url = try data("mde_proc_pub.DeviceProcessEvents.jsonl")
        let r = try ingestAll([InputSpec(.path(url.path))])
        XCTAssertEqual(r.rows.count, 200)
        XCTAssertEqual(r.malformed, [])
        XCTAssertEqual(Set(r.rows.map(\.table)), ["DeviceProcessEvents"])
        let longest = r.rows.compactMap { $0.value("ProcessCommandLine")?.stringPayload?.count }.max()
        XCTAssertEqual(longest, 5734)
        XCTAssertEqual(r.rows.filter { $0.raw.contains("AzureÂ®") }.count, 3, "mojibake kept as UTF-8")
        try assertMatchesFoundation(url, table: "DeviceProcessEvents", rows: r.rows)
    }

    func testGoldenSAMLMixedTablesInferred() throws {
        let url = try data("otrf_goldensaml_m365d.jsonl")
        let r = try ingestAll([InputSpec(.path(url.path))])
        XCTAssertEqual(r.malformed, [])
        XCTAssertEqual(r.rows.count, 9)
        XCTAssertEqual(r.rows.filter { $0.table == "DeviceEvents" }.count, 5)
        XCTAssertEqual(r.rows.filter { $0.table == "IdentityDirectoryEvents" }.count, 2)
        XCTAssertEqual(r.rows.filter { $0.table == "CloudAppEvents" }.count, 2)
        for row in r.rows {
            guard case .datetime(let t) = row.value("Timestamp")! else { return XCTFail("untyped Timestamp") }
            XCTAssertGreaterThan(t, ticks("2021-08-01T00:00:00Z"))
            XCTAssertLessThan(t, ticks("2021-08-04T00:00:00Z"))
        }
        let dev = r.rows.first { $0.table == "DeviceEvents" }!
        if case .dynamic(.bag) = dev.value("AdditionalFields")! {} else { XCTFail("AdditionalFields_string not parsed: \(dev.value("AdditionalFields")!)") }
        if case .long = dev.value("ReportId")! {} else { XCTFail("ReportId_long not used") }
        let cloud = r.rows.first { $0.table == "CloudAppEvents" }!
        XCTAssertEqual(Set(r.rows.filter { $0.table == "CloudAppEvents" }.compactMap { $0.value("ActionType")?.stringPayload }),
                       ["MailItemsAccessed", "Add delegated permission grant."])
        XCTAssertEqual(Set(r.rows.filter { $0.table == "IdentityDirectoryEvents" }.compactMap { $0.value("ActionType")?.stringPayload }),
                       ["Directory Services replication"])
        if case .string(let id) = cloud.value("ReportId")! { XCTAssertFalse(id.isEmpty) } else { XCTFail("string ReportId") }
        if case .dynamic(.bag) = cloud.value("RawEventData")! {} else { XCTFail("RawEventData object") }
    }

    func testSysmonMappedToMDETables() throws {
        let url = try data("otrf_lsass_campaign01_sysmon_proc_file.jsonl")
        let r = try ingestAll([InputSpec(.path(url.path))])
        XCTAssertEqual(r.malformed, [])
        XCTAssertEqual(r.rows.count, 920)
        XCTAssertEqual(r.rows.filter { $0.table == "DeviceProcessEvents" }.count, 269)
        XCTAssertEqual(r.rows.filter { $0.table == "DeviceFileEvents" }.count, 279 + 45 + 75)
        XCTAssertEqual(r.rows.filter { $0.table == "DeviceEvents" }.count, 252)
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\r\n")
        for (text, row) in zip(lines, r.rows) {
            let obj = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
            XCTAssertEqual(row.value("Timestamp"), .datetime(Ticks.parseDatetime(obj["UtcTime"] as! String)!), "order by UtcTime")
            switch obj["EventID"] as! Int {
            case 1:
                XCTAssertEqual(row.value("FolderPath"), .string(obj["Image"] as! String))
                XCTAssertEqual(row.value("InitiatingProcessFolderPath"), .string(obj["ParentImage"] as! String))
                XCTAssertEqual(row.value("ProcessId"), .long(Int64(obj["ProcessId"] as! String)!))
                XCTAssertEqual(row.value("ProcessCommandLine"), .string(obj["CommandLine"] as! String))
                XCTAssertEqual(row.value("ActionType"), .string("ProcessCreated"))
            case 11:
                XCTAssertEqual(row.value("FolderPath"), .string(obj["TargetFilename"] as! String))
                XCTAssertEqual(row.value("InitiatingProcessFolderPath"), .string(obj["Image"] as! String))
                XCTAssertEqual(row.value("ActionType"), .string("FileCreated"))
            default: break
            }
            XCTAssertEqual(row.value("AdditionalFields")?.isNull, false)
        }
        let p = r.rows.first { $0.table == "DeviceProcessEvents" && $0.raw.contains("\"LogonId\":\"0x62f2d\"") }
        XCTAssertEqual(p?.value("LogonId"), .long(0x62f2d), "hex LogonId")
    }
}
