import KQL

/// A table of the schema plus what decoding needs: a stable id and the key index.
public final class TableInfo: Sendable {
    public let schema: TableSchema
    /// Index of the table in `TableCatalog.tables`.
    public let id: Int
    let keys: KeyIndex
    /// The null of each column, in slot order (`""` for strings).
    public let nulls: [Value]

    init(schema: TableSchema, id: Int) {
        self.schema = schema
        self.id = id
        self.keys = KeyIndex(columns: schema.columns.map(\.name))
        self.nulls = schema.columns.map { Value.null(of: $0.type) }
    }

    public var name: String { schema.name }
}

/// Every table of a schema, numbered, with lookup by name.
public final class TableCatalog: Sendable {
    public let tables: [TableInfo]
    private let byName: [String: TableInfo]

    public init(schema: Schema) {
        let infos = schema.tableNames.enumerated().map { i, n in TableInfo(schema: schema.table(n)!, id: i) }
        tables = infos
        var m: [String: TableInfo] = [:]
        for t in infos { m[t.name] = t; m[t.name.lowercased()] = m[t.name.lowercased()] ?? t }
        byName = m
    }

    /// `Schema.standard`, indexed once.
    public static let standard = TableCatalog(schema: .standard)

    /// Exact name, then case-insensitive, then with an `AdvancedHunting-` prefix stripped.
    public func table(named name: String) -> TableInfo? {
        var n = Substring(name)
        if n.hasPrefix("AdvancedHunting-") { n = n.dropFirst("AdvancedHunting-".count) }
        let s = String(n)
        return byName[s] ?? byName[s.lowercased()]
    }
}
