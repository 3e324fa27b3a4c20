/// Static typing rules for the binder (spec §2.3).
extension ValueOps {
    /// Result type of `l op r`, or nil when the operator is not defined for these types.
    /// A dynamic operand makes the result dynamic (its primitive is unwrapped at run time).
    public static func binaryResultType(op: ArithmeticOp, _ l: KQLType, _ r: KQLType) -> KQLType? {
        if l == .dynamic || r == .dynamic {
            let other = l == .dynamic ? r : l
            let ok: Set<KQLType> = [.dynamic, .int, .long, .real, .decimal, .datetime, .timespan]
            return ok.contains(other) ? .dynamic : nil
        }
        if l.isNumeric && r.isNumeric {
            if l == .decimal || r == .decimal { return .decimal }
            if l == .real || r == .real { return .real }
            return .long
        }
        switch (op, l, r) {
        case (.add, .datetime, .timespan), (.add, .timespan, .datetime), (.subtract, .datetime, .timespan):
            return .datetime
        case (.subtract, .datetime, .datetime): return .timespan
        case (.add, .timespan, .timespan), (.subtract, .timespan, .timespan), (.modulo, .timespan, .timespan):
            return .timespan
        case (.divide, .timespan, .timespan): return .real
        case (.multiply, .timespan, _) where r.isNumeric: return .timespan
        case (.multiply, _, .timespan) where l.isNumeric: return .timespan
        case (.divide, .timespan, _) where r.isNumeric: return .timespan
        default: return nil
        }
    }

    /// Whether `==`/`!=` may compare these static types: same family, numbers with numbers,
    /// dynamic with anything. `string == long` is a compile error.
    public static func comparable(_ l: KQLType, _ r: KQLType) -> Bool {
        if l == .dynamic || r == .dynamic { return true }
        if l.isNumeric && r.isNumeric { return true }
        return l == r
    }

    /// Whether `<`, `<=`, `>`, `>=` (and `between`) are defined: numbers, datetimes, timespans
    /// (each within its family) and dynamic against those. Strings, bools and guids are not.
    public static func orderable(_ l: KQLType, _ r: KQLType) -> Bool {
        let ordered: Set<KQLType> = [.int, .long, .real, .decimal, .datetime, .timespan]
        if l == .dynamic && r == .dynamic { return true }
        if l == .dynamic { return ordered.contains(r) }
        if r == .dynamic { return ordered.contains(l) }
        if l.isNumeric && r.isNumeric { return true }
        return l == r && (l == .datetime || l == .timespan)
    }

    /// Type of unary minus, or nil when undefined.
    public static func negateResultType(_ t: KQLType) -> KQLType? {
        switch t {
        case .int, .long, .real, .decimal, .timespan, .dynamic: return t
        default: return nil
        }
    }
}
