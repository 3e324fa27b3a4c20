import KQL

/// Typed, forgiving access to a decoded row by column name or by resolved slot
/// (`nil` or out-of-range slots read as absent).
struct RowReader {
    let table: TableSchema
    let values: [Value]

    func value(_ column: String) -> Value? { value(at: table.slot(of: column)) }

    @inline(__always)
    func value(at slot: Int?) -> Value? {
        guard let i = slot, i < values.count else { return nil }
        return values[i]
    }

    func string(_ column: String) -> String { string(at: table.slot(of: column)) }
    func long(_ column: String) -> Int64? { long(at: table.slot(of: column)) }
    func time(_ column: String) -> Int64? { time(at: table.slot(of: column)) }

    func string(at slot: Int?) -> String {
        guard let v = value(at: slot) else { return "" }
        switch v {
        case .string(let s): return s
        case .dynamic(.string(let s)): return s
        case .long(let l): return String(l)
        case .int(let i): return String(i)
        default: return ""
        }
    }

    func long(at slot: Int?) -> Int64? {
        guard let v = value(at: slot) else { return nil }
        if let i = v.int64Value { return i }
        if case .real(let d) = v, d > -9.2e18, d < 9.2e18, Double(Int64(d)) == d { return Int64(d) }
        if case .string(let s) = v { return Int64(s) }
        return nil
    }

    /// Datetime ticks; null, the Unix epoch and earlier count as unknown.
    func time(at slot: Int?) -> Int64? {
        guard let v = value(at: slot) else { return nil }
        let t: Int64?
        switch v {
        case .datetime(let x): t = x
        case .string(let s): t = Ticks.parseDatetime(s)
        default: t = nil
        }
        guard let t, t > Ticks.unixEpoch else { return nil }
        return t
    }

    func firstNonEmpty(_ columns: [String]) -> String {
        for c in columns { let s = string(c); if !s.isEmpty { return s } }
        return ""
    }
}
