/// KQL string predicates (spec §3) on arbitrary operands. For a constant needle prefer
/// `PreparedNeedle`, which folds once.
public enum StringOps {
    public static func equals(_ s: String, _ needle: String, caseSensitive: Bool) -> Bool {
        if caseSensitive { return s.utf8.elementsEqual(needle.utf8) }
        return PreparedNeedle(needle, caseSensitive: false).equals(s)
    }
    public static func contains(_ s: String, _ needle: String, caseSensitive: Bool) -> Bool {
        PreparedNeedle(needle, caseSensitive: caseSensitive).contains(s)
    }
    public static func startsWith(_ s: String, _ needle: String, caseSensitive: Bool) -> Bool {
        PreparedNeedle(needle, caseSensitive: caseSensitive).startsWith(s)
    }
    public static func endsWith(_ s: String, _ needle: String, caseSensitive: Bool) -> Bool {
        PreparedNeedle(needle, caseSensitive: caseSensitive).endsWith(s)
    }
    public static func has(_ s: String, _ needle: String, caseSensitive: Bool) -> Bool {
        PreparedNeedle(needle, caseSensitive: caseSensitive).has(s)
    }
    public static func hasPrefix(_ s: String, _ needle: String, caseSensitive: Bool) -> Bool {
        PreparedNeedle(needle, caseSensitive: caseSensitive).hasPrefix(s)
    }
    public static func hasSuffix(_ s: String, _ needle: String, caseSensitive: Bool) -> Bool {
        PreparedNeedle(needle, caseSensitive: caseSensitive).hasSuffix(s)
    }

    /// Unicode simple case fold of every scalar (§3.4).
    public static func fold(_ s: String) -> String { CaseFolding.fold(s) }

    /// Ordinal scalar-sequence comparison (`strcmp`): -1, 0 or 1.
    public static func compareOrdinal(_ a: String, _ b: String) -> Int {
        // UTF-8 byte order equals code point order.
        var ia = a.utf8.makeIterator(), ib = b.utf8.makeIterator()
        while true {
            switch (ia.next(), ib.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case let (x?, y?): if x != y { return x < y ? -1 : 1 }
            }
        }
    }
}
