import KQL

/// One decoded row, handed to the caller's callback. `values` holds the needed slots (the
/// rest are nulls); `rawLine` and `record` point into the reader's buffer and are valid only
/// during the callback — call `decodeAll()` or copy `rawText` to keep something.
public struct RowRef {
    public let table: TableInfo
    /// Indexed by schema slot (`table.schema.columns`).
    public let values: [Value]
    public let source: String
    /// Line where the row starts (1-based).
    public let lineNumber: Int
    /// The physical line, CSV record or JSON document the row came from.
    public let rawLine: UnsafeRawBufferPointer
    let recordStart: Int
    let recordEnd: Int
    let kind: RecordKind
    unowned(unsafe) let csv: CSVDecoder?

    public var schema: TableSchema { table.schema }

    /// The row's own bytes (the `properties` object of an envelope record, a CSV record…).
    public var record: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: rawLine[recordStart..<recordEnd])
    }

    /// The record is a CSV record (its literals are escaped the CSV way, not the JSON way).
    public var isCSV: Bool { kind == .csv }

    public var rawText: String { String(decoding: rawLine, as: UTF8.self) }

    /// The value of a column by name (nil when the table has no such column).
    public subscript(column: String) -> Value? {
        table.schema.slot(of: column).map { values[$0] }
    }

    /// Every column, decoded now from the record bytes.
    public func decodeAll() -> [Value] {
        guard let base = rawLine.baseAddress else { return table.nulls }
        let p = base.assumingMemoryBound(to: UInt8.self)
        switch kind {
        case .json, .sysmon:
            return JSONRowDecoder.decodeAll(p, recordStart, recordEnd, table: table, kind: kind)
        case .csv:
            return csv?.decodeAll(p, recordStart, recordEnd, table: table) ?? table.nulls
        }
    }
}
