import Foundation
import KQL

/// Stored hits as NDJSON or CSV (`hunttop hits`). Control characters in JSON strings are
/// escaped, so attacker text never reaches a terminal raw through NDJSON.
public enum HitExport {
    public static let csvColumns = ["HitId", "RuleId", "RuleName", "Timestamp", "DeviceName", "ProcessFileName",
                                    "ProcessCommandLine", "Path", "SuppressedBy", "Triage", "Note", "Source", "Line", "Lineage"]

    public static func ndjson(_ s: StoredHit) -> String {
        let h = s.hit
        var pairs: [(String, String)] = [
            ("HitId", String(h.hitId)), ("RuleId", ValueJSON.string(h.ruleId)), ("RuleName", ValueJSON.string(s.ruleName)),
            ("Timestamp", ValueJSON.string(Ticks.formatDatetime(h.time))), ("DeviceName", ValueJSON.string(h.device)),
            ("ProcessFileName", ValueJSON.string(h.processFileName)),
            ("ProcessCommandLine", ValueJSON.string(h.processCommandLine)), ("Path", ValueJSON.string(h.path)),
            ("SuppressedBy", "[" + h.suppressedBy.map(ValueJSON.string).joined(separator: ",") + "]"),
            ("Triage", ValueJSON.string(h.triage.state.rawValue)), ("Note", ValueJSON.string(h.triage.note)),
            ("Source", ValueJSON.string(s.source)), ("Line", String(s.line)),
        ]
        pairs.append(("Columns", ValueJSON.object(h.columns.map { ($0.name, ValueJSON.string($0.value)) })))
        pairs.append(("Lineage", h.tree.map { json($0.jsonObject) } ?? "null"))
        return ValueJSON.object(pairs)
    }

    public static var csvHeader: String { csvColumns.joined(separator: ",") }

    public static func csv(_ s: StoredHit) -> String {
        let h = s.hit
        let fields = [String(h.hitId), h.ruleId, s.ruleName, Ticks.formatDatetime(h.time), h.device, h.processFileName,
                      h.processCommandLine, h.path, h.suppressedBy.joined(separator: ";"), h.triage.state.rawValue,
                      h.triage.note, s.source, String(s.line), chain(h.tree)]
        return fields.map(ValueJSON.csvField).joined(separator: ",")
    }

    /// Root → … → the hitting process, by file name.
    public static func chain(_ tree: SnapshotTree?) -> String {
        guard let tree else { return "" }
        func path(_ n: SnapshotTreeNode) -> [String]? {
            if n.isHitProcess { return [n.fileName] }
            for c in n.children { if let p = path(c) { return [n.fileName] + p } }
            return nil
        }
        for r in tree.roots { if let p = path(r) { return p.joined(separator: " > ") } }
        return ""
    }

    /// JSON text of Foundation JSON objects, strings escaped like hit output.
    static func json(_ any: Any) -> String {
        switch any {
        case let s as String: return ValueJSON.string(s)
        case let n as Int64: return String(n)
        case let n as UInt64: return String(n)
        case let n as Int: return String(n)
        case let b as Bool: return b ? "true" : "false"
        case let n as NSNumber: return n.stringValue
        case let a as [Any]: return "[" + a.map(json).joined(separator: ",") + "]"
        case let o as [String: Any]: return ValueJSON.object(o.keys.sorted().map { ($0, json(o[$0]!)) })
        default: return "null"
        }
    }
}
