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
    /// Column name → slot, in 256 buckets chosen by length and first/last byte: name lookups
    /// sit on the per-event path (lineage, feed), where hashing whole strings showed in profiles.
    private let buckets: [[(name: String, slot: Int)]]

    public init(name: String, columns: [Column]) {
        self.name = name
        self.columns = columns
        var b = Array(repeating: [(name: String, slot: Int)](), count: 256)
        for (i, c) in columns.enumerated() {
            let k = TableSchema.bucket(c.name)
            if !b[k].contains(where: { $0.name == c.name }) { b[k].append((c.name, i)) }
        }
        buckets = b
    }

    @inline(__always)
    static func bucket(_ s: String) -> Int {
        let u = s.utf8
        guard let f = u.first, let l = u.last else { return 0 }
        return (u.count &* 31 &+ Int(f) &* 7 &+ Int(l)) & 255
    }

    public func slot(of column: String) -> Int? {
        for e in buckets[TableSchema.bucket(column)] where e.name == column { return e.slot }
        return nil
    }

    public func column(named name: String) -> Column? { slot(of: name).map { columns[$0] } }
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
