import Foundation
import XCTest
import KQL
import Telemetry
@testable import Engine

/// Paths and demo truth shared by the exclusion tests.
enum ExclusionFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var rules: String { root.appendingPathComponent("Fixtures/rules").path }
    static var exclusions: String { root.appendingPathComponent("Fixtures/rules/exclusions.yaml").path }
    static var events: String { root.appendingPathComponent("Fixtures/demo/events.jsonl").path }
    static let seedId = "a5c3ebdf-e427-4b1b-985e-c1f1e20067b7"
    static let companionId = "6f1d2c4e-3b7a-4e0f-9c15-0e4d8a2b7c31"
    /// Exclusion id → the truth.json scenario whose `.eml` rows it must suppress.
    static let scenarioOf = ["fp-scheduled-backup": "fp_backup", "fp-admin-mail-archive": "fp_admin_archive",
                             "fp-sql-agent-export": "fp_sql_export", "fp-exchange-message-trace": "fp_message_trace",
                             "fp-user-forwarding": "fp_user_forward"]

    struct Truth {
        var seedHits: Set<String>
        var emlRows: [String: Set<String>]
        var allRows: [String: Set<String>]
    }

    static func truth() throws -> Truth {
        let data = try Data(contentsOf: root.appendingPathComponent("Fixtures/demo/truth.json"))
        let obj = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        func ids(_ a: Any?) -> Set<String> { Set((a as? [Any] ?? []).map { "\($0)" }) }
        let sc = try XCTUnwrap(obj["scenarios"] as? [String: [String: Any]])
        return Truth(seedHits: ids(obj["seed_hits"]), emlRows: sc.mapValues { ids($0["eml_rows"]) },
                     allRows: sc.mapValues { ids($0["rows"]) })
    }

    /// Every row of the demo, fully decoded.
    static func rows() throws -> [(table: TableSchema, values: [Value])] {
        var opts = IngestOptions()
        opts.projection = .all
        let ingest = try Ingest(inputs: [InputSpec(argument: events)], options: opts)
        var out: [(TableSchema, [Value])] = []
        _ = try ingest.run { r in out.append((r.schema, r.values)) }
        return out
    }

    static func reportId(_ t: TableSchema, _ v: [Value]) -> String {
        t.slot(of: "ReportId").map { v[$0].text } ?? ""
    }

    /// A temporary folder with copies of the shipped rules and exclusions.
    static func tempRules() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hunttop-excl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for f in try FileManager.default.contentsOfDirectory(atPath: rules) {
            try FileManager.default.copyItem(atPath: (rules as NSString).appendingPathComponent(f),
                                             toPath: dir.appendingPathComponent(f).path)
        }
        return dir.path
    }
}
