import KQL

/// The reused row buffers, one per table id, each indexed by schema slot.
/// Created full of the columns' nulls; decoding then rewrites only the needed slots.
/// Raw storage, so writing a slot costs no exclusivity check.
final class RowBuffers {
    let rows: UnsafeMutablePointer<[Value]>
    private let count: Int

    init(catalog: TableCatalog) {
        count = catalog.tables.count
        rows = .allocate(capacity: count)
        for (i, t) in catalog.tables.enumerated() { (rows + i).initialize(to: t.nulls) }
    }

    deinit {
        rows.deinitialize(count: count)
        rows.deallocate()
    }
}
