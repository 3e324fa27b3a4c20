import KQL

/// Turns a scanned JSON value or a text field into a `Value` of the column's type (spec §2.2):
/// null, missing and `""` give `""` for strings and the typed null otherwise; text that does not
/// parse as the column's type also gives the typed null.
enum ValueConversion {
    static func json(_ p: UnsafePointer<UInt8>, _ f: JSONField, _ type: KQLType) -> Value {
        let s = f.valueStart, e = f.valueEnd
        switch f.kind {
        case .null:
            return Value.null(of: type)
        case .string:
            return text(p, s, e, type)
        case .escapedString:
            if type == .string { return .string(JSONText.decode(p, s, e, escaped: true)) }
            var buf: [UInt8] = []
            buf.reserveCapacity(e - s)
            JSONText.unescapeAppending(p, s, e, to: &buf)
            return buf.withUnsafeBufferPointer { b in
                b.baseAddress.map { text($0, 0, b.count, type) } ?? Value.null(of: type)
            }
        case .number:
            switch type {
            case .string: return .string(ByteScan.string(p, s, e))
            case .dynamic:
                switch ValueParsing.number(p, s, e) {
                case .long(let l): return .dynamic(.long(l))
                case .real(let r): return .dynamic(.real(r))
                case nil: return .null(.dynamic)
                }
            default: return text(p, s, e, type)
            }
        case .boolTrue, .boolFalse:
            let b = f.kind == .boolTrue
            switch type {
            case .bool: return .bool(b)
            case .string: return .string(b ? "true" : "false")
            case .dynamic: return .dynamic(.bool(b))
            case .int: return .int(b ? 1 : 0)
            case .long: return .long(b ? 1 : 0)
            default: return Value.null(of: type)
            }
        case .object, .array:
            switch type {
            case .dynamic: return .dynamic(JSONValueDecoder.decode(p, s, e) ?? .string(ByteScan.string(p, s, e)))
            case .string: return .string(ByteScan.string(p, s, e))
            default: return Value.null(of: type)
            }
        }
    }

    /// Unquoted text (a JSON string's decoded content or a CSV field) as `type`.
    static func text(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, _ type: KQLType) -> Value {
        if type == .string { return .string(ByteScan.string(p, s, e)) }
        if s >= e { return .null(type) }
        switch type {
        case .datetime:
            return ValueParsing.datetime(p, s, e).map { .datetime($0) } ?? .null(type)
        case .long:
            return ValueParsing.long(p, s, e).map { .long($0) } ?? .null(type)
        case .int:
            guard let l = ValueParsing.long(p, s, e), let i = Int32(exactly: l) else { return .null(type) }
            return .int(i)
        case .real, .decimal:
            switch ValueParsing.number(p, s, e) {
            case .long(let l): return .real(Double(l))
            case .real(let r): return .real(r)
            case nil: return .null(type)
            }
        case .bool:
            return ValueParsing.bool(p, s, e).map { .bool($0) } ?? .null(type)
        case .guid:
            return ValueParsing.guid(p, s, e).map { .guid($0) } ?? .null(type)
        case .timespan:
            return Ticks.parseTimespan(ByteScan.string(p, s, e)).map { .timespan($0) } ?? .null(type)
        case .dynamic:
            let t = ByteScan.skipSpaces(p, s, e)
            if t < e, p[t] == 0x7B || p[t] == 0x5B, let d = JSONValueDecoder.decode(p, s, e) {
                return .dynamic(d)
            }
            return .dynamic(.string(ByteScan.string(p, s, e)))
        case .string:
            return .string(ByteScan.string(p, s, e))
        }
    }

    /// `Value.text(...)` for a Swift String (used by mappings that compute text).
    static func text(_ s: String, _ type: KQLType) -> Value {
        var s = s
        return s.withUTF8 { b in
            guard let base = b.baseAddress else { return Value.null(of: type) }
            return text(base, 0, b.count, type)
        }
    }
}
