/// Equality and ordering of KQL values (spec §2.3, §4.2). nil means null.
public enum ValueOps {
    /// Type families that compare with each other.
    enum Family { case number, string, bool, datetime, timespan, guid, container, null }

    static func family(_ v: Value) -> Family {
        switch v {
        case .null: return .null
        case .int, .long, .real: return .number
        case .string: return .string
        case .bool: return .bool
        case .datetime: return .datetime
        case .timespan: return .timespan
        case .guid: return .guid
        case .dynamic(let d):
            switch d {
            case .null: return .null
            case .array, .bag: return .container
            default: return family(Value.fromDynamic(d))
            }
        }
    }

    /// `==`: null vs non-null → false, null vs null → null; numbers widen; dynamic primitives
    /// unwrap; a dynamic of another family, array or bag → false.
    public static func equals(_ l: Value, _ r: Value) -> Bool? {
        let a = l.unwrapped, b = r.unwrapped
        switch (a, b) {
        case let (.string(x), .string(y)): return x.utf8.elementsEqual(y.utf8)
        case let (.long(x), .long(y)): return x == y
        default: break
        }
        let fa = family(a), fb = family(b)
        if fa == .null && fb == .null { return nil }
        if fa == .null || fb == .null { return false }
        if fa != fb { return false }
        switch (a, b) {
        case let (.bool(x), .bool(y)): return x == y
        case let (.datetime(x), .datetime(y)), let (.timespan(x), .timespan(y)): return x == y
        case let (.guid(x), .guid(y)): return x.lowercased() == y.lowercased()
        case (.dynamic, .dynamic): return nil // arrays/bags: not comparable without a cast
        default:
            if let x = a.int64Value, let y = b.int64Value { return x == y }
            if let x = a.doubleValue, let y = b.doubleValue { return x == y }
            return false
        }
    }

    /// `!=`: the negation of `==` with the same null rule (null vs null → null).
    public static func notEquals(_ l: Value, _ r: Value) -> Bool? {
        equals(l, r).map { !$0 }
    }

    /// Ordering for `<`, `<=`, `>`, `>=`: -1/0/1, or nil when either side is null, NaN or the
    /// families differ. Strings compare ordinally (for sorting; the binder rejects `<` on strings).
    public static func compare(_ l: Value, _ r: Value) -> Int? {
        let a = l.unwrapped, b = r.unwrapped
        switch (a, b) {
        case let (.long(x), .long(y)): return x < y ? -1 : (x == y ? 0 : 1)
        case let (.datetime(x), .datetime(y)), let (.timespan(x), .timespan(y)):
            return x < y ? -1 : (x == y ? 0 : 1)
        case let (.string(x), .string(y)): return StringOps.compareOrdinal(x, y)
        case let (.bool(x), .bool(y)): return x == y ? 0 : (x ? 1 : -1)
        case let (.guid(x), .guid(y)): return StringOps.compareOrdinal(x.lowercased(), y.lowercased())
        default: break
        }
        if let x = a.int64Value, let y = b.int64Value { return x < y ? -1 : (x == y ? 0 : 1) }
        if family(a) == .number && family(b) == .number, let x = a.doubleValue, let y = b.doubleValue {
            if x.isNaN || y.isNaN { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        }
        return nil
    }

    public static func less(_ l: Value, _ r: Value) -> Bool? { compare(l, r).map { $0 < 0 } }
    public static func lessOrEqual(_ l: Value, _ r: Value) -> Bool? { compare(l, r).map { $0 <= 0 } }
    public static func greater(_ l: Value, _ r: Value) -> Bool? { compare(l, r).map { $0 > 0 } }
    public static func greaterOrEqual(_ l: Value, _ r: Value) -> Bool? { compare(l, r).map { $0 >= 0 } }

    /// `x between (lo .. hi)`, inclusive; a datetime `lo` with a timespan `hi` means `[lo, lo+hi]`.
    public static func between(_ x: Value, _ lo: Value, _ hi: Value) -> Bool? {
        var upper = hi
        if case .datetime(let l) = lo.unwrapped, case .timespan(let w) = hi.unwrapped { upper = .datetime(l &+ w) }
        return Logic.and(greaterOrEqual(x, lo), lessOrEqual(x, upper))
    }

    /// `x !between (lo .. hi)`: null when any operand is null.
    public static func notBetween(_ x: Value, _ lo: Value, _ hi: Value) -> Bool? {
        var upper = hi
        if case .datetime(let l) = lo.unwrapped, case .timespan(let w) = hi.unwrapped { upper = .datetime(l &+ w) }
        return Logic.or(less(x, lo), greater(x, upper))
    }

    /// `in`: OR of `==` over the (already flattened) elements.
    public static func isIn(_ x: Value, _ list: [Value]) -> Bool? {
        var acc: Bool? = false
        for e in list {
            acc = Logic.or(acc, equals(x, e))
            if acc == true { return true }
        }
        return acc
    }

    /// Flattens list operands for `in`/`has_any`: dynamic arrays (nested too) become their elements.
    public static func flattenList(_ values: [Value]) -> [Value] {
        var out: [Value] = []
        func add(_ d: Dynamic) {
            if case .array(let a) = d { a.forEach(add) } else { out.append(Value.fromDynamic(d)) }
        }
        for v in values {
            if case .dynamic(.array(let a)) = v { a.forEach(add) } else { out.append(v) }
        }
        return out
    }
}
