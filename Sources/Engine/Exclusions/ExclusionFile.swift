import Foundation
import KQL

/// The exclusions file (Sentinel-style YAML, `exclusions.yaml` next to the rules):
///
///     exclusions:
///       - id: fp-backup
///         name: Scheduled backup
///         rules: [<rule id or name>, ...]     # or "*" / absent: every rule
///         enabled: true                       # optional, default true
///         query: |
///           InitiatingProcessFileName in~ ("wbadmin.exe", "vssadmin.exe")
public enum ExclusionFile {
    /// The file auto-loaded from a rules folder.
    public static let defaultName = "exclusions.yaml"

    /// `exclusions.yaml` inside `rulesPath` when it is a folder holding one.
    public static func beside(rulesPath: String) -> String? {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: rulesPath, isDirectory: &isDir), isDir.boolValue else { return nil }
        let p = (rulesPath as NSString).appendingPathComponent(defaultName)
        return FileManager.default.fileExists(atPath: p) ? p : nil
    }

    /// Reads the file: the well-formed exclusions and an error for each bad entry.
    public static func load(_ file: String) -> (exclusions: [Exclusion], errors: [RuleError]) {
        guard let data = FileManager.default.contents(atPath: file) else {
            return ([], [RuleError(file: file, line: 0, column: 0, code: "IO", message: "cannot read the exclusions file")])
        }
        return parse(String(decoding: data, as: UTF8.self), file: file)
    }

    public static func parse(_ text: String, file: String) -> (exclusions: [Exclusion], errors: [RuleError]) {
        func err(_ line: Int, _ col: Int, _ msg: String) -> RuleError {
            RuleError(file: file, line: line, column: col, code: "EXCL", message: msg)
        }
        let doc: YAMLNode
        do { doc = try YAML.parse(text) } catch {
            return ([], [RuleError(file: file, line: error.line, column: error.column, code: "YAML", message: error.message)])
        }
        if case .scalar(let s, _, _, _) = doc, s.isEmpty { return ([], []) }
        guard let list = doc["exclusions"] else { return ([], [err(1, 1, "no 'exclusions:' list in this file")]) }
        guard case .sequence(let items) = list else { return ([], [err(1, 1, "'exclusions:' must be a list")]) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [Exclusion] = [], errors: [RuleError] = []
        var ids = Set<String>()
        for (n, item) in items.enumerated() {
            guard let q = item["query"], case .scalar(let query, let line, let col, let block) = q else {
                errors.append(err(firstLine(item) ?? 1, 1, "exclusion #\(n + 1) has no 'query:'"))
                continue
            }
            guard let id = item["id"]?.string, !id.isEmpty else {
                errors.append(err(line, col + 1, "exclusion #\(n + 1) has no 'id:'"))
                continue
            }
            if ids.contains(id) { errors.append(err(line, col + 1, "duplicate exclusion id '\(id)'")); continue }
            ids.insert(id)
            // Same convention as rule files: libyaml marks are 0-based; a block scalar starts on the next line.
            var qLine = line + 1, indent = col
            if block {
                qLine = line + 2
                if qLine - 1 < lines.count { indent = lines[qLine - 1].prefix { $0 == " " }.count }
            }
            let enabledText = item["enabled"]?.string?.lowercased() ?? "true"
            guard ["true", "false", "yes", "no", "on", "off"].contains(enabledText) else {
                errors.append(err(line, 1, "exclusion '\(id)': 'enabled' must be true or false"))
                continue
            }
            out.append(Exclusion(id: id, name: item["name"]?.string ?? id, description: item["description"]?.string ?? "",
                                 rules: item["rules"]?.strings ?? [], predicate: query,
                                 enabled: ["true", "yes", "on"].contains(enabledText),
                                 file: file, line: qLine, indent: indent))
        }
        return (out, errors)
    }

    private static func firstLine(_ n: YAMLNode) -> Int? {
        switch n {
        case .scalar(_, let l, _, _): return l + 1
        case .sequence(let xs): return xs.lazy.compactMap(firstLine).first
        case .mapping(let ps): return ps.lazy.compactMap { firstLine($0.1) }.first
        }
    }

    /// The YAML text of one entry, as appended by `append`.
    public static func entryText(_ x: Exclusion) -> String {
        var s = "\n  - id: \(quoted(x.id))\n    name: \(quoted(x.name))\n"
        if x.appliesToAll { s += "    rules: \"*\"\n" } else {
            s += "    rules:\n" + x.rules.map { "      - \(quoted($0))\n" }.joined()
        }
        if !x.enabled { s += "    enabled: false\n" }
        s += "    query: |\n"
        for l in x.predicate.split(separator: "\n", omittingEmptySubsequences: false) { s += "      \(l)\n" }
        return s
    }

    /// Appends `x` to the file (creating it with an `exclusions:` header when missing).
    public static func append(_ x: Exclusion, to file: String) throws {
        var text = FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) } ?? ""
        if text.isEmpty { text = "# hunttop exclusions (see README: Exclusions)\nexclusions:\n" }
        if !text.hasSuffix("\n") { text += "\n" }
        text += entryText(x)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
    }

    /// A double-quoted YAML scalar (JSON's string syntax is a subset of it).
    static func quoted(_ s: String) -> String { JSONQuote.quote(s) }
}
