/// The scalar function registry: one table built from the per-family lists below.
/// Adding a function = adding one entry to its family's list.
public enum Functions {
    static let all: [ScalarFunction] = {
        let families: [[ScalarFunction]] = [strings, datetime, conversion, dynamicFunctions, regexFunctions,
                                             ip, hashing, math, logic]
        return families.flatMap { $0 }
    }()

    static let table: [String: ScalarFunction] = {
        var t: [String: ScalarFunction] = [:]
        for f in all {
            precondition(t[f.name] == nil, "duplicate function \(f.name)")
            t[f.name] = f
        }
        return t
    }()

    /// The function called `name` (names are case-sensitive), or nil.
    public static func lookup(_ name: String) -> ScalarFunction? { table[name] }

    /// Every registered name, aliases included, sorted.
    public static var names: [String] { table.keys.sorted() }
}
