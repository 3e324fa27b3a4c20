import KQL

/// The reused row buffers, one per table id, each indexed by schema slot.
/// Created full of the columns' nulls; decoding then rewrites only the needed slots.
final class RowBuffers {
    var rows: [[Value]]

    init(catalog: TableCatalog) {
        rows = catalog.tables.map(\.nulls)
    }
}
