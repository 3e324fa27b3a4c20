/// Conversion of a value to a column type (datatable values, parse and mv-expand targets).
extension ValueOps {
    public static func convert(_ v: Value, to type: KQLType) -> Value {
        let u = v.unwrapped
        if u.isNull { return .null(of: type) }
        switch (type, u) {
        case (.string, _): return .string(u.text)
        case (.dynamic, _): return .dynamic(u.toDynamic)
        case (.long, .long), (.int, .int), (.real, .real), (.bool, .bool), (.datetime, .datetime), (.timespan, .timespan), (.guid, .guid):
            return u
        case (.long, .int(let i)): return .long(Int64(i))
        case (.long, .real(let r)): return r.isFinite ? .long(Int64(r)) : .null(.long)
        case (.int, .long(let l)): return .int(Int32(truncatingIfNeeded: l))
        case (.real, _), (.decimal, _): return u.doubleValue.map(Value.real) ?? (u.stringPayload.flatMap { Double($0.trimmingSpaces) }.map(Value.real) ?? .null(.real))
        case (.long, .string(let s)): return Int64(s.trimmingSpaces).map(Value.long) ?? .null(.long)
        case (.int, .string(let s)): return Int32(s.trimmingSpaces).map(Value.int) ?? .null(.int)
        case (.bool, .string(let s)):
            switch s.lowercased() { case "true", "1": return .bool(true); case "false", "0": return .bool(false); default: return .null(.bool) }
        case (.bool, .long(let l)): return .bool(l != 0)
        case (.datetime, .string(let s)): return Ticks.parseDatetime(s).map(Value.datetime) ?? .null(.datetime)
        case (.timespan, .string(let s)): return Ticks.parseTimespan(s).map(Value.timespan) ?? .null(.timespan)
        case (.guid, .string(let s)): return s.count == 36 ? .guid(s.lowercased()) : .null(.guid)
        default: return .null(of: type)
        }
    }
}
