extension Value {
    /// The scalar a dynamic primitive holds (`dynamic(5)` → `5`); arrays, bags and null stay dynamic.
    public static func fromDynamic(_ d: Dynamic) -> Value {
        switch d {
        case .null: return .dynamic(.null)
        case .bool(let b): return .bool(b)
        case .long(let l): return .long(l)
        case .real(let r): return .real(r)
        case .string(let s): return .string(s)
        case .datetime(let t): return .datetime(t)
        case .timespan(let t): return .timespan(t)
        case .guid(let g): return .guid(g)
        case .array, .bag: return .dynamic(d)
        }
    }

    /// This value as a dynamic tree (typed null → `null`, int → long).
    public var toDynamic: Dynamic {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .long(Int64(i))
        case .long(let l): return .long(l)
        case .real(let r): return .real(r)
        case .string(let s): return .string(s)
        case .datetime(let t): return .datetime(t)
        case .timespan(let t): return .timespan(t)
        case .guid(let g): return .guid(g)
        case .dynamic(let d): return d
        }
    }

    /// A dynamic primitive unwrapped to its scalar; every other value unchanged.
    public var unwrapped: Value {
        if case .dynamic(let d) = self { return Value.fromDynamic(d) }
        return self
    }
}
