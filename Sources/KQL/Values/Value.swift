/// One KQL scalar value. Strings are never null (absent = ""); every other type has a typed null.
/// Datetimes and timespans are Int64 ticks (100 ns); datetimes count from 0001-01-01T00:00:00Z.
public enum Value: Sendable, Hashable {
    case null(KQLType)
    case bool(Bool)
    case int(Int32)
    case long(Int64)
    case real(Double)
    case string(String)
    case datetime(Int64)
    case timespan(Int64)
    /// Lower-case canonical text `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`.
    case guid(String)
    case dynamic(Dynamic)

    public static let emptyString = Value.string("")

    /// The value's static type; typed nulls keep theirs.
    public var type: KQLType {
        switch self {
        case .null(let t): return t
        case .bool: return .bool
        case .int: return .int
        case .long: return .long
        case .real: return .real
        case .string: return .string
        case .datetime: return .datetime
        case .timespan: return .timespan
        case .guid: return .guid
        case .dynamic: return .dynamic
        }
    }

    /// True for typed nulls and for `dynamic(null)`; never for strings.
    public var isNull: Bool {
        switch self {
        case .null: return true
        case .dynamic(let d): return d == .null
        default: return false
        }
    }

    /// `""` and null are empty (spec §6 `isempty`).
    public var isEmpty: Bool {
        switch self {
        case .string(let s): return s.isEmpty
        case .dynamic(.string(let s)): return s.isEmpty
        default: return isNull
        }
    }

    /// The null value of a type (`""` for string).
    public static func null(of type: KQLType) -> Value {
        type == .string ? .emptyString : .null(type)
    }

    public var boolValue: Bool? {
        switch self {
        case .bool(let b): return b
        case .dynamic(.bool(let b)): return b
        default: return nil
        }
    }

    /// Integer view of int/long (and dynamic long); nil otherwise.
    public var int64Value: Int64? {
        switch self {
        case .int(let i): return Int64(i)
        case .long(let l): return l
        case .dynamic(.long(let l)): return l
        default: return nil
        }
    }

    /// Numeric view of int/long/real (and dynamic numbers); nil otherwise.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .long(let l): return Double(l)
        case .real(let r): return r
        case .dynamic(.long(let l)): return Double(l)
        case .dynamic(.real(let r)): return r
        default: return nil
        }
    }

    /// String payload for strings and dynamic strings; nil otherwise.
    public var stringPayload: String? {
        switch self {
        case .string(let s): return s
        case .dynamic(.string(let s)): return s
        default: return nil
        }
    }
}
