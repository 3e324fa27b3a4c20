import KQL

/// Builds the `Column == literal` predicate of a new exclusion from a value seen in an event.
public enum ExclusionLiteral {
    /// A KQL string literal whose value is exactly `s`: verbatim (`@"C:\x"`, quotes doubled) when
    /// `s` has nothing to escape, else a regular literal with JSON's escapes (which KQL shares).
    public static func string(_ s: String) -> String {
        if !s.unicodeScalars.contains(where: JSONQuote.escapes) {
            return "@\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return JSONQuote.quote(s)
    }

    /// A column reference: the bare name when it is an identifier, else `['name']`.
    public static func column(_ name: String) -> String {
        let ok = name.first.map { $0 == "_" || ($0.isASCII && $0.isLetter) } ?? false
            && name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
        return ok ? name : "['" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "']"
    }

    /// `column == value`, typed from the MDE schema (`text` as shown in the detail pane).
    public static func predicate(column: String, text: String) -> String {
        let col = self.column(column)
        let type = Schema.standard.tableNames.lazy.compactMap { Schema.standard.table($0)?.column(named: column)?.type }.first
        switch type {
        case .long?, .int?, .real?:
            if Double(text) != nil { return "\(col) == \(text)" }
        case .bool?:
            if ["true", "false"].contains(text.lowercased()) { return "\(col) == \(text.lowercased())" }
        case .datetime?:
            if !text.isEmpty, !text.contains(")") { return "\(col) == datetime(\(text))" }
        case .string?, nil:
            return "\(col) == \(string(text))"
        default: break
        }
        return "tostring(\(col)) == \(string(text))"
    }
}
