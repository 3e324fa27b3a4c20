/// Binary arithmetic operators.
public enum ArithmeticOp: String, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%"
}

extension ValueOps {
    /// Evaluates `l op r` (spec §2.3): null operands give null of the result type, integers wrap,
    /// integer division or modulo by zero gives null, reals follow IEEE 754.
    public static func arithmetic(_ op: ArithmeticOp, _ l: Value, _ r: Value) -> Value {
        let dyn = l.type == .dynamic || r.type == .dynamic
        let a = l.unwrapped, b = r.unwrapped
        guard let t = binaryResultType(op: op, a.type, b.type) else { return .null(dyn ? .dynamic : .long) }
        if a.isNull || b.isNull { return dyn ? .dynamic(.null) : .null(t) }
        let v = compute(op, t, a, b)
        return dyn ? .dynamic(v.toDynamic) : v
    }

    public static func add(_ l: Value, _ r: Value) -> Value { arithmetic(.add, l, r) }
    public static func subtract(_ l: Value, _ r: Value) -> Value { arithmetic(.subtract, l, r) }
    public static func multiply(_ l: Value, _ r: Value) -> Value { arithmetic(.multiply, l, r) }
    public static func divide(_ l: Value, _ r: Value) -> Value { arithmetic(.divide, l, r) }
    public static func modulo(_ l: Value, _ r: Value) -> Value { arithmetic(.modulo, l, r) }

    /// Unary minus: int stays int, long/real/timespan keep their type; wraps on overflow.
    public static func negate(_ v: Value) -> Value {
        switch v {
        case .int(let i): return .int(0 &- i)
        case .long(let l): return .long(0 &- l)
        case .real(let r): return .real(-r)
        case .timespan(let t): return .timespan(0 &- t)
        case .null(let t): return .null(t)
        case .dynamic(let d):
            let u = Value.fromDynamic(d)
            if case .dynamic = u { return .dynamic(.null) }
            return .dynamic(negate(u).toDynamic)
        default: return .null(v.type)
        }
    }

    private static func compute(_ op: ArithmeticOp, _ t: KQLType, _ a: Value, _ b: Value) -> Value {
        switch t {
        case .long, .int:
            guard let x = a.int64Value, let y = b.int64Value else { return .null(.long) }
            return integer(op, x, y).map(Value.long) ?? .null(.long)
        case .real, .decimal:
            if case .timespan(let x) = a, case .timespan(let y) = b { return .real(Double(x) / Double(y)) }
            guard let x = a.doubleValue, let y = b.doubleValue else { return .null(.real) }
            switch op {
            case .add: return .real(x + y)
            case .subtract: return .real(x - y)
            case .multiply: return .real(x * y)
            case .divide: return .real(x / y)
            case .modulo: return .real(x.truncatingRemainder(dividingBy: y))
            }
        case .datetime:
            switch (a, b) {
            case let (.datetime(d), .timespan(s)): return .datetime(op == .add ? d &+ s : d &- s)
            case let (.timespan(s), .datetime(d)): return .datetime(d &+ s)
            default: return .null(.datetime)
            }
        case .timespan:
            switch (a, b) {
            case let (.datetime(x), .datetime(y)): return .timespan(x &- y)
            case let (.timespan(x), .timespan(y)):
                return integer(op, x, y).map(Value.timespan) ?? .null(.timespan)
            case let (.timespan(x), _):
                if let y = b.int64Value { return integer(op, x, y).map(Value.timespan) ?? .null(.timespan) }
                if let y = b.doubleValue { return scaled(op, x, y) }
            case let (_, .timespan(y)):
                if let x = a.int64Value { return integer(op, x, y).map(Value.timespan) ?? .null(.timespan) }
                if let x = a.doubleValue { return scaled(op, y, x) }
            default: break
            }
            return .null(.timespan)
        default:
            return .null(t)
        }
    }

    /// timespan × real or timespan ÷ real, rounded toward zero to whole ticks.
    private static func scaled(_ op: ArithmeticOp, _ ticks: Int64, _ f: Double) -> Value {
        let r: Double
        switch op {
        case .multiply: r = Double(ticks) * f
        case .divide: r = Double(ticks) / f
        default: return .null(.timespan)
        }
        guard r.isFinite, abs(r) < 9.2e18 else { return .null(.timespan) }
        return .timespan(Int64(r))
    }

    /// Wrapping integer arithmetic; nil for division or modulo by zero.
    static func integer(_ op: ArithmeticOp, _ x: Int64, _ y: Int64) -> Int64? {
        switch op {
        case .add: return x &+ y
        case .subtract: return x &- y
        case .multiply: return x &* y
        case .divide: return y == 0 ? nil : x.dividedReportingOverflow(by: y).partialValue
        case .modulo: return y == 0 ? nil : x.remainderReportingOverflow(dividingBy: y).partialValue
        }
    }
}
