/// Unicode simple case folding (spec §3.4): per scalar, locale-free, no multi-scalar folds.
public enum CaseFolding {
    /// ASCII fold table: A–Z → a–z, every other byte unchanged.
    public static let asciiFold: [UInt8] = (0..<256).map { (b: Int) -> UInt8 in
        let v = UInt8(b)
        return (v >= 0x41 && v <= 0x5A) ? v &+ 0x20 : v
    }

    /// Scalars whose lowercase mapping is themselves but whose simple fold (C/S) is another scalar.
    private static let extraFolds: [UInt32: UInt32] = [
        0x00B5: 0x03BC, 0x017F: 0x0073, 0x0345: 0x03B9, 0x03C2: 0x03C3, 0x03D0: 0x03B2,
        0x03D1: 0x03B8, 0x03D5: 0x03C6, 0x03D6: 0x03C0, 0x03F0: 0x03BA, 0x03F1: 0x03C1,
        0x03F5: 0x03B5, 0x1E9B: 0x1E61, 0x1E9E: 0x00DF, 0x1FBE: 0x03B9,
    ]

    /// Folds for the Basic Multilingual Plane, computed once on first use.
    private static let bmp: [UInt32] = (0..<0x10000).map { UInt32(slowFold(UInt32($0))) }

    static func slowFold(_ v: UInt32) -> UInt32 {
        if v < 0x80 { return UInt32(asciiFold[Int(v)]) }
        guard let s = Unicode.Scalar(v) else { return v }
        if let e = extraFolds[v] { return e }
        // U+0130 lowercases to two scalars: no simple fold, so it stays itself.
        let lower = s.properties.lowercaseMapping.unicodeScalars
        if lower.count == 1, let f = lower.first { return f.value }
        return v
    }

    /// The simple fold of one scalar value.
    @inline(__always)
    public static func fold(_ v: UInt32) -> UInt32 {
        if v < 0x80 { return UInt32(asciiFold[Int(v)]) }
        if v < 0x10000 { return bmp[Int(v)] }
        return slowFold(v)
    }

    /// Folds every scalar of `s`.
    public static func fold(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: s.utf8.map { asciiFold[Int($0)] }, as: UTF8.self)
        }
        var out = String.UnicodeScalarView()
        for sc in s.unicodeScalars { out.append(Unicode.Scalar(fold(sc.value)) ?? sc) }
        return String(out)
    }

    /// UTF-8 bytes of the folded text.
    static func foldedBytes(_ s: String) -> [UInt8] { Array(fold(s).utf8) }

    /// Simple (single-scalar) lowercase mapping of a string.
    public static func lower(_ s: String) -> String { map(s, lowerCase: true) }
    /// Simple (single-scalar) uppercase mapping of a string.
    public static func upper(_ s: String) -> String { map(s, lowerCase: false) }

    private static func map(_ s: String, lowerCase: Bool) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: s.utf8.map { b in
                if lowerCase { return (b >= 0x41 && b <= 0x5A) ? b + 0x20 : b }
                return (b >= 0x61 && b <= 0x7A) ? b - 0x20 : b
            }, as: UTF8.self)
        }
        var out = String.UnicodeScalarView()
        for sc in s.unicodeScalars {
            let m = (lowerCase ? sc.properties.lowercaseMapping : sc.properties.uppercaseMapping).unicodeScalars
            out.append(m.count == 1 ? m.first! : sc)
        }
        return String(out)
    }

    /// Term characters for the `has` family: Unicode letters (L*) and decimal digits (Nd).
    @inline(__always)
    public static func isTermChar(_ v: UInt32) -> Bool {
        if v < 0x80 {
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        guard let s = Unicode.Scalar(v) else { return false }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber:
            return true
        default:
            return false
        }
    }
}
