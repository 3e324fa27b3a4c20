import Foundation
import KQL

/// A hunting rule: a Sentinel YAML rule or a `.kql` file, with the fields kept for display.
public struct Rule: Sendable {
    public var id: String
    public var name: String
    public var description: String
    public var tactics: [String]
    public var techniques: [String]
    public var severity: String
    public var connectors: [String]
    public var query: String
    public var file: String
    /// Where the query text starts in the file (1-based line, and the column its lines are indented to).
    public var queryLine: Int
    public var queryIndent: Int

    public init(id: String, name: String, description: String = "", tactics: [String] = [], techniques: [String] = [],
                severity: String = "", connectors: [String] = [], query: String, file: String, queryLine: Int = 1, queryIndent: Int = 0) {
        self.id = id; self.name = name; self.description = description; self.tactics = tactics; self.techniques = techniques
        self.severity = severity; self.connectors = connectors; self.query = query; self.file = file
        self.queryLine = queryLine; self.queryIndent = queryIndent
    }

    /// A diagnostic's position in the rule's file.
    public func fileLocation(_ d: Diagnostic) -> (line: Int, column: Int) {
        (d.location.line + queryLine - 1, d.location.column + queryIndent)
    }
}

/// A rule file that could not be read or whose query does not compile.
public struct RuleError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var code: String
    public var message: String
    public var description: String { "\(file):\(line):\(column): error[\(code)]: \(message)" }
}

public enum RuleLoader {
    /// Rule files under `path` (a file, or a folder searched recursively for .yaml/.yml/.kql).
    public static func files(at path: String) -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return [path] }
        if !isDir.boolValue { return [path] }
        let e = FileManager.default.enumerator(atPath: path)
        var out: [String] = []
        while let rel = e?.nextObject() as? String {
            let lower = rel.lowercased()
            if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".kql") {
                if lower.hasSuffix("exclusions.yaml") || lower.hasSuffix("exclusions.yml") { continue }
                out.append((path as NSString).appendingPathComponent(rel))
            }
        }
        return out.sorted()
    }

    /// Reads one rule file.
    public static func load(file: String) -> Result<Rule, RuleError> {
        guard let data = FileManager.default.contents(atPath: file) else {
            return .failure(RuleError(file: file, line: 0, column: 0, code: "IO", message: "cannot read the file"))
        }
        let text = String(decoding: data, as: UTF8.self)
        let base = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        if file.lowercased().hasSuffix(".kql") {
            return .success(Rule(id: base, name: base, query: text, file: file))
        }
        let doc: YAMLNode
        do { doc = try YAML.parse(text) } catch {
            return .failure(RuleError(file: file, line: error.line, column: error.column, code: "YAML", message: error.message))
        }
        guard let qnode = doc["query"], case .scalar(let query, let line, let col, let block) = qnode else {
            return .failure(RuleError(file: file, line: 1, column: 1, code: "RULE", message: "no 'query:' in this rule"))
        }
        // A block scalar's text starts on the next line, indented.
        var qLine = line + 1, indent = col
        if block {
            qLine = line + 2
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if qLine - 1 < lines.count { indent = lines[qLine - 1].prefix { $0 == " " }.count }
        }
        let connectors: [String] = {
            guard case .sequence(let items)? = doc["requiredDataConnectors"] else { return [] }
            return items.compactMap { $0["connectorId"]?.string }
        }()
        return .success(Rule(
            id: doc["id"]?.string ?? base, name: doc["name"]?.string ?? base,
            description: doc["description"]?.string ?? "", tactics: doc["tactics"]?.strings ?? [],
            techniques: doc["relevantTechniques"]?.strings ?? [], severity: doc["severity"]?.string ?? "",
            connectors: connectors, query: query, file: file, queryLine: qLine, queryIndent: indent))
    }
}
