#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Numeric functions and `bin`/`floor` (spec §5.3, §6).
extension Functions {
    static let math: [ScalarFunction] = [
        // `rand()`: a real in [0, 1); `rand(N)`: a long in [0, N).
        custom(["rand"], arity: 0...1) { info in
            .success((info.types.isEmpty ? .real : .long, { a, _ in
                guard let n = a.first?.int64Value else { return .real(Double.random(in: 0..<1)) }
                return n > 0 ? .long(Int64.random(in: 0..<n)) : .null(.long)
            }))
        },
        custom(["bin", "floor"], arity: 2...2) { info in
            let (v, s) = (info.types[0], info.types[1])
            let ok: Bool
            switch v {
            case .datetime: ok = s == .timespan || s == .dynamic
            case .timespan: ok = s == .timespan || s.isNumeric || s == .dynamic
            case .dynamic: ok = true
            default: ok = v.isNumeric && (s.isNumeric || s == .dynamic)
            }
            guard ok else { return .failure(typeError("bin", 1, "a size matching \(v)", s)) }
            let t: KQLType = v == .int ? .long : v
            return .success((t, { a, _ in bin(a[0], a[1]) }))
        },
        numeric(["abs"]) { $0.magnitude == $0 ? $0 : -$0 } integer: { $0 == .min ? $0 : Swift.abs($0) },
        custom(["round"], arity: 1...2) { info in
            if let e = check("round", [.number, .integer], info) { return .failure(e) }
            return .success((.real, { a, _ in
                guard let x = a[0].dbl else { return .null(.real) }
                let p = a.count > 1 ? (a[1].i64 ?? 0) : 0
                let m = pow(10.0, Double(max(-15, min(15, p))))
                return .real((x * m).rounded(.toNearestOrAwayFromZero) / m)
            }))
        },
        real(["ceiling"]) { ceil($0) },
        real(["sqrt"]) { sqrt($0) },
        real(["exp"]) { exp($0) },
        real(["exp2"]) { exp2($0) },
        real(["exp10"]) { pow(10, $0) },
        real(["log"]) { log($0) },
        real(["log2"]) { log2($0) },
        real(["log10"]) { log10($0) },
        fn(["pow"], [.number, .number], result: .real) { a, _ in
            guard let x = a[0].dbl, let y = a[1].dbl else { return .null(.real) }
            return .real(pow(x, y))
        },
        fn(["sign"], [.number], result: .real) { a, _ in
            guard let x = a[0].dbl else { return .null(.real) }
            return .real(x > 0 ? 1 : x < 0 ? -1 : 0)
        },
        fn(["isnan"], [.number], result: .bool) { a, _ in a[0].dbl.map { .bool($0.isNaN) } ?? .null(.bool) },
        fn(["isinf"], [.number], result: .bool) { a, _ in a[0].dbl.map { .bool($0.isInfinite) } ?? .null(.bool) },
        fn(["isfinite"], [.number], result: .bool) { a, _ in a[0].dbl.map { .bool($0.isFinite) } ?? .null(.bool) },
        extremum(["max_of"], sign: 1),
        extremum(["min_of"], sign: -1),
    ].flatMap { $0 }

    /// `bin(v, size)`: floor to a multiple of size; null, or size ≤ 0 → null.
    static func bin(_ v: Value, _ size: Value) -> Value {
        let x = v.unwrapped, s = size.unwrapped
        switch x {
        case .datetime(let t):
            guard case .timespan(let w) = s, w > 0 else { return .null(.datetime) }
            return .datetime(Ticks.floorDiv(t, w) &* w)
        case .timespan(let t):
            guard let w = s.span ?? s.int64Value, w > 0 else { return .null(.timespan) }
            return .timespan(Ticks.floorDiv(t, w) &* w)
        case .int, .long:
            if case .real(let w) = s {
                guard w > 0, let d = x.doubleValue else { return .null(.real) }
                return .real((d / w).rounded(.down) * w)
            }
            guard let l = x.int64Value, let w = s.int64Value, w > 0 else { return .null(.long) }
            return .long(Ticks.floorDiv(l, w) &* w)
        case .real(let d):
            guard let w = s.doubleValue, w > 0 else { return .null(.real) }
            return .real((d / w).rounded(.down) * w)
        default:
            return .null(v.type == .int ? .long : v.type)
        }
    }

    static func real(_ names: [String], _ f: @escaping @Sendable (Double) -> Double) -> [ScalarFunction] {
        fn(names, [.number], result: .real) { a, _ in a[0].dbl.map { .real(f($0)) } ?? .null(.real) }
    }

    /// A function keeping its argument's numeric type (int→int, long→long, real→real).
    static func numeric(_ names: [String], _ f: @escaping @Sendable (Double) -> Double,
                        integer g: @escaping @Sendable (Int64) -> Int64) -> [ScalarFunction] {
        custom(names, arity: 1...1) { info in
            let t = info.types[0]
            guard t.isNumeric || t == .timespan || t == .dynamic else { return .failure(typeError(names[0], 0, "a number", t)) }
            return .success((t == .dynamic ? .real : t, { a, _ in
                switch a[0].unwrapped {
                case .int(let i): return .int(Int32(truncatingIfNeeded: g(Int64(i))))
                case .long(let l): return .long(g(l))
                case .timespan(let s): return .timespan(g(s))
                case .real(let r): return .real(f(r))
                default: return .null(t == .dynamic ? .real : t)
                }
            }))
        }
    }

    /// `max_of`/`min_of`: nulls ignored; all null → null.
    static func extremum(_ names: [String], sign: Int) -> [ScalarFunction] {
        custom(names, arity: 1...64) { info in
            guard let t = unify(info.types) else {
                return .failure(FunctionBindError("The arguments of '\(names[0])' must have the same type.", argument: 1))
            }
            return .success((t, { a, _ in
                var best: Value?
                for v in a where !v.isNull {
                    if let b = best { if let c = ValueOps.compare(v, b), c * sign > 0 { best = v } } else { best = v }
                }
                return best?.coerced(to: t) ?? Value.nullResult(t)
            }))
        }
    }
}
