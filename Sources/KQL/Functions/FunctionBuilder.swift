/// What an argument position accepts at bind time.
enum Param: Sendable {
    case string, integer, number, bool, datetime, timespan, dynamic, any
    /// A scalar or dynamic of one of several types.
    case oneOf([KQLType])

    func accepts(_ t: KQLType) -> Bool {
        if t == .dynamic { return true }
        switch self {
        case .string: return t == .string
        case .integer: return t == .int || t == .long || t == .real || t == .decimal
        case .number: return t.isNumeric
        case .bool: return t == .bool
        case .datetime: return t == .datetime
        case .timespan: return t == .timespan
        case .dynamic: return false
        case .any: return true
        case .oneOf(let ts): return ts.contains(t) || (ts.contains(.long) && t == .int)
        }
    }

    var name: String {
        switch self {
        case .string: return "string"
        case .integer: return "an integer"
        case .number: return "a number"
        case .bool: return "bool"
        case .datetime: return "datetime"
        case .timespan: return "timespan"
        case .dynamic: return "dynamic"
        case .any: return "any"
        case .oneOf(let ts): return ts.map(\.rawValue).joined(separator: " or ")
        }
    }
}

typealias BindResult = Result<(KQLType, ScalarImpl), FunctionBindError>

extension Functions {
    /// Entries for `names` (the first is canonical, the rest aliases) with a fixed parameter list;
    /// the last `optional` params may be omitted; with `variadic` the last param repeats.
    static func fn(_ names: [String], _ params: [Param], optional: Int = 0, variadic: ClosedRange<Int>? = nil,
                   result: KQLType, _ impl: @escaping ScalarImpl) -> [ScalarFunction] {
        custom(names, arity: variadic ?? ((params.count - optional)...params.count)) { info in
            if let e = check(names[0], params, info) { return .failure(e) }
            return .success((result, impl))
        }
    }

    /// Entries with a hand-written bind (result type depends on arguments, constant regexes, ...).
    static func custom(_ names: [String], arity: ClosedRange<Int>,
                       _ bind: @escaping @Sendable (ArgumentInfo) -> BindResult) -> [ScalarFunction] {
        names.map { name in
            ScalarFunction(name, arity: arity) { info in
                guard arity.contains(info.types.count) else {
                    return .failure(FunctionBindError(
                        "Function '\(name)' expects \(arityText(arity)) argument(s); got \(info.types.count).",
                        code: "KQL0206"))
                }
                return bind(info)
            }
        }
    }

    static func arityText(_ a: ClosedRange<Int>) -> String {
        a.lowerBound == a.upperBound ? "\(a.lowerBound)" : "\(a.lowerBound) to \(a.upperBound)"
    }

    /// Checks argument types against `params` (the last param repeats for extra arguments).
    static func check(_ name: String, _ params: [Param], _ info: ArgumentInfo) -> FunctionBindError? {
        for (i, t) in info.types.enumerated() {
            guard let p = i < params.count ? params[i] : params.last else { break }
            if !p.accepts(t) { return typeError(name, i, p.name, t) }
        }
        return nil
    }

    static func typeError(_ name: String, _ i: Int, _ want: String, _ got: KQLType) -> FunctionBindError {
        FunctionBindError("Argument \(i + 1) of '\(name)' must be \(want); got \(got).", argument: i)
    }

    /// The constant string at argument `i`, or a bind error (regexes and parts must be constant).
    static func constantString(_ name: String, _ info: ArgumentInfo, _ i: Int, what: String) -> Result<String, FunctionBindError> {
        guard i < info.constants.count, let c = info.constants[i], let s = c.stringPayload else {
            return .failure(FunctionBindError("Argument \(i + 1) of '\(name)' (\(what)) must be a constant string.",
                                              argument: i, code: "KQL0207"))
        }
        return .success(s)
    }

    /// Compiles the constant regex at argument `i` once, at bind time.
    static func constantRegex(_ name: String, _ info: ArgumentInfo, _ i: Int, wrap: (String) -> String = { $0 })
        -> Result<Regex, FunctionBindError> {
        constantString(name, info, i, what: "regex").flatMap { p in
            do throws(RegexError) { return .success(try Regex(wrap(p))) } catch {
                return .failure(FunctionBindError(error.message, argument: i, code: "KQL0301"))
            }
        }
    }

    /// The common result type of branches (iff, case, coalesce): equal types, numbers widened,
    /// dynamic with anything → dynamic; nil when incompatible.
    static func unify(_ ts: [KQLType]) -> KQLType? {
        guard var r = ts.first else { return nil }
        for t in ts.dropFirst() where t != r {
            if r == .dynamic || t == .dynamic { r = .dynamic }
            else if r.isNumeric && t.isNumeric {
                r = (r == .decimal || t == .decimal) ? .decimal : (r == .real || t == .real) ? .real : .long
            } else { return nil }
        }
        return r
    }
}

// Argument accessors used by implementations.
extension Value {
    /// `tostring` of the value (string parameters accept dynamic).
    @inline(__always) var str: String {
        if case .string(let s) = self { return s }
        return text
    }
    /// Integer view: int/long, reals truncated, dynamic numbers unwrapped.
    var i64: Int64? {
        if let l = int64Value { return l }
        if let d = doubleValue, d.isFinite, abs(d) < 9.2e18 { return Int64(d) }
        return nil
    }
    var dbl: Double? { doubleValue }
    /// Datetime ticks: datetime, dynamic datetime, or a dynamic string holding ISO text.
    var ticks: Int64? {
        switch self {
        case .datetime(let t), .dynamic(.datetime(let t)): return t
        case .dynamic(.string(let s)): return Ticks.parseDatetime(s)
        default: return nil
        }
    }
    /// Timespan ticks: timespan, dynamic timespan, or a dynamic string in timespan form.
    var span: Int64? {
        switch self {
        case .timespan(let t), .dynamic(.timespan(let t)): return t
        case .dynamic(.string(let s)): return Ticks.parseTimespan(s)
        default: return nil
        }
    }
    var dyn: Dynamic { toDynamic }

    /// The null a function of result type `t` returns: `""`, `dynamic(null)` or a typed null.
    static func nullResult(_ t: KQLType) -> Value {
        t == .string ? .emptyString : (t == .dynamic ? .dynamic(.null) : .null(t))
    }

    /// Converts to `t` for a unified result type (int → long → real); otherwise unchanged.
    func coerced(to t: KQLType) -> Value {
        if isNull { return Value.nullResult(t) }
        switch t {
        case .long: if case .int(let i) = self { return .long(Int64(i)) }
        case .real, .decimal: if case .real = self { return self }; if let d = doubleValue, type != .dynamic { return .real(d) }
        case .dynamic: if type != .dynamic { return .dynamic(toDynamic) }
        default: break
        }
        return self
    }
}
