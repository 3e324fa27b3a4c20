/// One column of a table: its name and KQL type.
public struct Column: Sendable, Hashable {
    public let name: String
    public let type: KQLType
    public init(name: String, type: KQLType) { self.name = name; self.type = type }
}

/// A table's columns in schema order; a column's slot is its index here.
public struct TableSchema: Sendable {
    public let name: String
    public let columns: [Column]
    private let slots: [String: Int]

    public init(name: String, columns: [Column]) {
        self.name = name
        self.columns = columns
        var s: [String: Int] = [:]
        for (i, c) in columns.enumerated() where s[c.name] == nil { s[c.name] = i }
        slots = s
    }

    public func slot(of column: String) -> Int? { slots[column] }
    public func column(named name: String) -> Column? { slots[name].map { columns[$0] } }
}

/// The MDE Advanced Hunting / Sentinel tables, built into the binary (scripts/gen-schema.py).
public struct Schema: Sendable {
    public let tables: [String: TableSchema]

    public init(tables: [TableSchema]) {
        var t: [String: TableSchema] = [:]
        for table in tables { t[table.name] = table }
        self.tables = t
    }

    public func table(_ name: String) -> TableSchema? { tables[name] }
    public var tableNames: [String] { tables.keys.sorted() }

    /// The built-in schema.
    public static let standard: Schema = {
        Schema(tables: tableText.map { name, text in
            TableSchema(name: name, columns: text.split(separator: ",").map { entry in
                let parts = entry.split(separator: ":")
                return Column(name: String(parts[0]), type: KQLType(name: String(parts[1])) ?? .string)
            })
        })
    }()
}
