extension Value {
    /// Canonical `tostring` text (spec §6): null → "", datetime ISO with 7 fraction digits,
    /// timespan `[-][d.]hh:mm:ss[.fffffff]`, dynamic as compact JSON (a dynamic string bare).
    public var text: String {
        switch self {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .long(let l): return String(l)
        case .real(let r): return Value.realText(r)
        case .string(let s): return s
        case .datetime(let t): return Ticks.formatDatetime(t)
        case .timespan(let t): return Ticks.formatTimespan(t)
        case .guid(let g): return g
        case .dynamic(let d):
            switch d {
            case .null: return ""
            case .string(let s): return s
            case .array, .bag: return d.jsonText
            default: return Value.fromDynamic(d).text
            }
        }
    }

    /// Real text: integral values without a fraction, otherwise the shortest round-trip form;
    /// `NaN`, `Infinity`, `-Infinity` as .NET prints them.
    public static func realText(_ r: Double) -> String {
        if r.isNaN { return "NaN" }
        if r.isInfinite { return r < 0 ? "-Infinity" : "Infinity" }
        if r == r.rounded(), abs(r) < 1e15 { return String(Int64(r)) }
        return r.description.replacingExponent()
    }
}

private extension String {
    /// `1e+20` → `1E+20` (.NET style).
    func replacingExponent() -> String {
        String(unicodeScalars.map { $0 == "e" ? "E" : Character($0) })
    }
}
