/// A compiled expression: evaluates over one row (values indexed by slot).
public typealias Eval = ([Value]) -> Value

/// The columns of rows flowing between two operators, in order, with their slots in the row array.
public struct RowSchema: @unchecked Sendable {
    public struct Entry: Sendable {
        public var name: String
        public var type: KQLType
        public var slot: Int
        /// The source table's slot when this column is that table's column, passed through untouched.
        public var origin: Int?
    }
    public var entries: [Entry]
    /// Size of the row array (slots may be sparse after project-away).
    public var width: Int

    public init(entries: [Entry], width: Int) { self.entries = entries; self.width = width }

    public init(table: TableSchema) {
        entries = table.columns.enumerated().map { Entry(name: $0.element.name, type: $0.element.type, slot: $0.offset, origin: $0.offset) }
        width = table.columns.count
    }

    public init(columns: [Column]) {
        entries = columns.enumerated().map { Entry(name: $0.element.name, type: $0.element.type, slot: $0.offset, origin: nil) }
        width = columns.count
    }

    public func entry(_ name: String) -> Entry? { entries.first { $0.name == name } }
    public var names: [String] { entries.map(\.name) }
    public var columns: [Column] { entries.map { Column(name: $0.name, type: $0.type) } }

    /// A compact schema (slots 0..<n in order) and the slot list to copy from this one.
    public func compacted() -> (RowSchema, [Int]) {
        (RowSchema(entries: entries.enumerated().map { Entry(name: $0.element.name, type: $0.element.type, slot: $0.offset, origin: $0.element.origin) },
                   width: entries.count), entries.map(\.slot))
    }
}
