import KQL

/// Decodes single JSON lines held by the caller (no files): a row, a streaming envelope or a bare
/// envelope record, with the same table detection, projection and typing as `Ingest`.
public final class RowDecoder {
    public let catalog: TableCatalog
    private let buffers: RowBuffers
    private let json: JSONRowDecoder
    private let override: TableInfo?
    private let fallback: TableInfo?

    /// `table` forces every row's table; `defaultTable` is used when the content does not tell.
    public init(projection: Projection = .all, table: String? = nil, defaultTable: String? = nil,
                catalog: TableCatalog = .standard) throws {
        self.catalog = catalog
        if let t = table, catalog.table(named: t) == nil { throw TelemetryError.unknownTable(t) }
        if let t = defaultTable, catalog.table(named: t) == nil { throw TelemetryError.unknownTable(t) }
        override = table.flatMap { catalog.table(named: $0) }
        fallback = defaultTable.flatMap { catalog.table(named: $0) }
        buffers = RowBuffers(catalog: catalog)
        json = JSONRowDecoder(catalog: catalog, projection: ResolvedProjection(projection, catalog: catalog), buffers: buffers)
    }

    /// Calls `body` for each row of the line whose table is known; returns why the line is
    /// malformed, or nil. `body` may only use the `RowRef` during the call.
    @discardableResult
    public func decode(jsonLine line: UnsafeRawBufferPointer, source: String = "", lineNumber: Int = 0,
                       _ body: (RowRef) throws -> Void) throws -> String? {
        guard let base = line.baseAddress else { return nil }
        let p = base.assumingMemoryBound(to: UInt8.self)
        let failure = try json.decode(p, 0, line.count, override: override, fallback: fallback) { t, rs, re, kind in
            guard let t else { return }
            try body(RowRef(table: t, values: buffers.rows[t.id], source: source, lineNumber: lineNumber,
                            rawLine: line, recordStart: rs, recordEnd: re, kind: kind, csv: nil))
        }
        return failure?.reason
    }

    @discardableResult
    public func decode(jsonLine line: String, source: String = "", lineNumber: Int = 0,
                       _ body: (RowRef) throws -> Void) throws -> String? {
        var s = line
        return try s.withUTF8 { try decode(jsonLine: UnsafeRawBufferPointer($0), source: source, lineNumber: lineNumber, body) }
    }
}
