/// `in~`, `has_any`, `has_all` over already-flattened lists (spec §3.1, §9 row 10).
extension ValueOps {
    /// `x in~ (list)`: every element converted with `tostring`, compared with simple case folding.
    /// Never null (string predicates are two-valued).
    public static func isInCaseInsensitive(_ x: Value, _ list: [Value]) -> Bool {
        let folded = CaseFolding.fold(x.text)
        return list.contains { CaseFolding.fold($0.text).utf8.elementsEqual(folded.utf8) }
    }
}

extension StringOps {
    /// `s has_any (needles)`, case-insensitive.
    public static func hasAny(_ s: String, _ needles: [PreparedNeedle]) -> Bool { needles.contains { $0.has(s) } }
    /// `s has_all (needles)`, case-insensitive.
    public static func hasAll(_ s: String, _ needles: [PreparedNeedle]) -> Bool { needles.allSatisfy { $0.has(s) } }
}
