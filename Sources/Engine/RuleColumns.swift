import KQL

extension CompiledQuery {
    /// Slots of `table` a rule needs decoded from each row; nil: every column. A window rule whose
    /// output passes input columns through untouched (e.g. `top … by`) needs them all.
    func decodedSlots(_ table: String) -> Set<Int>? {
        guard let req = requiredSlots[table] ?? nil else { return nil }
        let passthrough = windowed && output.entries.contains { e in e.origin.map { !req.contains($0) } ?? false }
        return passthrough ? nil : req
    }
}

extension Dictionary where Key == String, Value == Set<Int> {
    /// Adds `slots` of `table` to a projection; nil adds every column.
    mutating func need(_ table: TableSchema, _ slots: Set<Int>?) {
        if let slots { self[table.name, default: []].formUnion(slots) } else { self[table.name] = Set(table.columns.indices) }
    }
}
