import Foundation
import XCTest
import KQL
@testable import Lineage

/// Test-side JSON-lines decoding into schema rows (independent of the Telemetry reader).
struct LoadedRow {
    let table: TableSchema
    let values: [Value]
    let reportId: String
    var summary: EventSummary { EventSummary(table: table, values: values) }
}

enum Paths {
    /// Package root, from this file's location.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    static func sharedData(_ name: String) throws -> URL {
        let url = shared.appendingPathComponent("data").appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("../shared/data/\(name) not found next to the package; real-sample test skipped")
        }
        return url
    }

    static var demo: URL { packageRoot.appendingPathComponent("Fixtures/demo") }
}

enum RowLoader {
    /// Decodes every line; `defaultTable` applies when a line has no `$table` key.
    static func load(_ url: URL, defaultTable: String? = nil) throws -> [LoadedRow] {
        let data = try Data(contentsOf: url)
        var rows: [LoadedRow] = []
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let obj = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { continue }
            let name = (obj["$table"] as? String) ?? defaultTable ?? "DeviceProcessEvents"
            guard let table = Schema.standard.table(name) else { continue }
            rows.append(decode(obj, table: table))
        }
        return rows
    }

    static func decode(_ obj: [String: Any], table: TableSchema) -> LoadedRow {
        var values: [Value] = []
        values.reserveCapacity(table.columns.count)
        for c in table.columns {
            values.append(value(obj[c.name], type: c.type))
        }
        let rid = obj["ReportId"].map { "\($0)" } ?? ""
        return LoadedRow(table: table, values: values, reportId: rid)
    }

    static func value(_ raw: Any?, type: KQLType) -> Value {
        guard let raw, !(raw is NSNull) else { return .null(of: type) }
        switch type {
        case .string:
            if let s = raw as? String { return .string(s) }
            return .string("\(raw)")
        case .long:
            if let n = raw as? NSNumber { return .long(n.int64Value) }
            if let s = raw as? String, let l = Int64(s) { return .long(l) }
        case .int:
            if let n = raw as? NSNumber { return .int(n.int32Value) }
        case .datetime:
            if let s = raw as? String, let t = Ticks.parseDatetime(s) { return .datetime(t) }
        case .bool:
            if let n = raw as? NSNumber { return .bool(n.boolValue) }
        default:
            break
        }
        return .null(of: type)
    }

    static func string(_ row: LoadedRow, _ column: String) -> String {
        guard let i = row.table.slot(of: column) else { return "" }
        return row.values[i].stringPayload ?? ""
    }

    static func long(_ row: LoadedRow, _ column: String) -> Int64? {
        guard let i = row.table.slot(of: column) else { return nil }
        return row.values[i].int64Value
    }

    /// Feeds rows to a fresh graph; event refs are the row indexes.
    static func graph(_ rows: [LoadedRow], order: [Int]? = nil, budget: Int = 10_000_000) -> ProcessGraph {
        let g = ProcessGraph(budget: budget)
        for i in order ?? Array(rows.indices) {
            g.observe(table: rows[i].table, values: rows[i].values, event: EventRef(UInt64(i)), summary: rows[i].summary)
        }
        return g
    }
}
