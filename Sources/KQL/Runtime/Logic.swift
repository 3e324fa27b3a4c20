/// Three-valued (Kleene) logic, spec §4.3. nil is null.
public enum Logic {
    @inline(__always)
    public static func and(_ a: Bool?, _ b: Bool?) -> Bool? {
        if a == false || b == false { return false }
        if a == nil || b == nil { return nil }
        return true
    }

    @inline(__always)
    public static func or(_ a: Bool?, _ b: Bool?) -> Bool? {
        if a == true || b == true { return true }
        if a == nil || b == nil { return nil }
        return false
    }

    @inline(__always)
    public static func not(_ a: Bool?) -> Bool? { a.map { !$0 } }

    /// `bool` value → Bool?, treating typed null and non-bools as null.
    @inline(__always)
    public static func truth(_ v: Value) -> Bool? { v.boolValue }
}
