/// The `dynamic` type: a JSON-like tree (spec §2.1).
public indirect enum Dynamic: Sendable, Hashable {
    case null
    case bool(Bool)
    case long(Int64)
    case real(Double)
    case string(String)
    case datetime(Int64)
    case timespan(Int64)
    case guid(String)
    case array([Dynamic])
    case bag(DynamicBag)

    public subscript(key: String) -> Dynamic {
        if case .bag(let b) = self { return b[key] ?? .null }
        return .null
    }

    public subscript(index: Int) -> Dynamic {
        guard case .array(let a) = self else { return .null }
        let i = index < 0 ? a.count + index : index
        return a.indices.contains(i) ? a[i] : .null
    }
}

/// A property bag that keeps its keys in insertion order (JSON text round-trips as written).
public struct DynamicBag: Sendable, Hashable {
    public private(set) var keys: [String] = []
    public private(set) var values: [Dynamic] = []

    public init() {}
    public init(_ pairs: [(String, Dynamic)]) {
        for (k, v) in pairs { self[k] = v }
    }

    public var count: Int { keys.count }

    public subscript(key: String) -> Dynamic? {
        get { keys.firstIndex(of: key).map { values[$0] } }
        set {
            if let i = keys.firstIndex(of: key) {
                if let v = newValue { values[i] = v } else { keys.remove(at: i); values.remove(at: i) }
            } else if let v = newValue {
                keys.append(key); values.append(v)
            }
        }
    }

    public var pairs: [(String, Dynamic)] { Array(zip(keys, values)) }
}
