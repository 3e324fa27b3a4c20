import Foundation
import TextSafety
import KQL
import Engine

/// Writes hits to stdout as NDJSON, CSV (one header: the union of the rules' columns) or a table.
final class HitWriter {
    let format: String
    let rules: RuleSet
    var csvColumns: [String] = []
    var out = FileHandle.standardOutput
    var buffer: [UInt8] = []
    /// CSV to a terminal shows hostile characters as escapes; to a file or pipe it stays intact.
    let csvToTerminal = isatty(STDOUT_FILENO) != 0

    init(format: String, rules: RuleSet) {
        self.format = format
        self.rules = rules
        var seen = Set<String>()
        for c in ["RuleId", "RuleName", "Timestamp", "DeviceName", "ReportId"] { csvColumns.append(c); seen.insert(c) }
        for cr in rules.rules {
            for e in cr.query.output.entries where seen.insert(e.name).inserted { csvColumns.append(e.name) }
        }
        csvColumns.append("Lineage")
    }

    func emit(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        buffer.append(0x0A)
        if buffer.count > 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        out.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func begin() {
        if format == "csv" { emit(csvColumns.map(ValueJSON.csvField).joined(separator: ",")) }
        if format == "table" { emit(["Rule", "Timestamp", "DeviceName", "Details"].joined(separator: "\t")) }
    }

    func end() { flush() }

    func lineageJSON(_ h: Hit) -> String {
        "[" + (h.lineage ?? []).map(\.json).joined(separator: ",") + "]"
    }

    func write(_ h: Hit) {
        let rule = rules.rules[h.ruleIndex].rule
        switch format {
        case "csv":
            var fields: [String] = []
            for c in csvColumns {
                switch c {
                case "RuleId": fields.append(rule.id)
                case "RuleName": fields.append(rule.name)
                case "Lineage": fields.append(lineageJSON(h))
                default:
                    guard let v = h.value(c) else { fields.append(""); continue }
                    if case .dynamic(let d) = v { fields.append(d.jsonText) } else { fields.append(v.isNull ? "" : v.text) }
                }
            }
            emit(fields.map { ValueJSON.csvField(csvToTerminal ? HostileScalar.visible($0) : $0) }.joined(separator: ","))
        case "table":
            let ts = Self.clip(h.value("Timestamp").map { $0.isNull ? "" : $0.text } ?? "")
            let dev = Self.clip(h.value("DeviceName")?.text ?? "")
            let details = h.columns.filter { !["Timestamp", "DeviceName"].contains($0.name) && !$0.value.isEmpty }
                .prefix(6).map { "\($0.name)=\(Self.clip($0.value.text))" }.joined(separator: " ")
            emit([Self.clip(rule.name), ts, dev, details].joined(separator: "\t"))
        default:
            var pairs: [(String, String)] = [("RuleId", ValueJSON.string(rule.id)), ("RuleName", ValueJSON.string(rule.name))]
            for c in h.columns where c.name != "RuleId" && c.name != "RuleName" { pairs.append((c.name, ValueJSON.encode(c.value))) }
            if h.lineage != nil { pairs.append(("Lineage", lineageJSON(h))) }
            emit(ValueJSON.object(pairs))
        }
    }

    /// Short, control-free text for the table format.
    static func clip(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars.prefix(80) {
            if HostileScalar.isHostile(u) { out += "?" } else { out.unicodeScalars.append(u) }
        }
        return out
    }
}
