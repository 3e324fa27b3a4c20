/// Conversion and type-inspection functions (spec §6): failures give null, never an error.
extension Functions {
    static let conversion: [ScalarFunction] = [
        fn(["tostring"], [.any], result: .string) { a, _ in .string(a[0].text) },
        fn(["toint"], [.any], result: .int) { a, _ in
            guard let l = Conversions.toLong(a[0]), let i = Int32(exactly: l) else { return .null(.int) }
            return .int(i)
        },
        fn(["tolong"], [.any], result: .long) { a, _ in Conversions.toLong(a[0]).map(Value.long) ?? .null(.long) },
        fn(["todouble", "toreal"], [.any], result: .real) { a, _ in Conversions.toReal(a[0]).map(Value.real) ?? .null(.real) },
        fn(["todecimal"], [.any], result: .decimal) { a, _ in Conversions.toReal(a[0]).map(Value.real) ?? .null(.decimal) },
        fn(["tobool", "toboolean"], [.any], result: .bool) { a, _ in Conversions.toBool(a[0]).map(Value.bool) ?? .null(.bool) },
        fn(["todatetime"], [.any], result: .datetime) { a, _ in
            Conversions.toDatetime(a[0]).map(Value.datetime) ?? .null(.datetime)
        },
        fn(["totimespan", "totime"], [.any], result: .timespan) { a, _ in
            Conversions.toTimespan(a[0]).map(Value.timespan) ?? .null(.timespan)
        },
        fn(["toguid"], [.any], result: .guid) { a, _ in Conversions.toGuid(a[0]).map(Value.guid) ?? .null(.guid) },
        fn(["tohex"], [.integer, .integer], optional: 1, result: .string) { a, _ in
            guard let l = a[0].i64 else { return .emptyString }
            let h = String(UInt64(bitPattern: l), radix: 16)
            let w = a.count > 1 ? Int(min(64, max(0, a[1].i64 ?? 0))) : 0
            return .string(h.count >= w ? h : String(repeating: "0", count: w - h.count) + h)
        },
        fn(["gettype"], [.any], result: .string) { a, _ in .string(typeName(a[0])) },
    ].flatMap { $0 }

    /// `gettype` names: dynamic values report their content (`array`, `dictionary`, `null`, ...).
    static func typeName(_ v: Value) -> String {
        switch v {
        case .dynamic(let d):
            switch d {
            case .null: return "null"
            case .array: return "array"
            case .bag: return "dictionary"
            default: return typeName(Value.fromDynamic(d))
            }
        case .int, .null(.int): return "int"
        case .long, .null(.long): return "long"
        case .real, .null(.real): return "real"
        case .null(.decimal): return "decimal"
        case .bool, .null(.bool): return "bool"
        case .string, .null(.string): return "string"
        case .datetime, .null(.datetime): return "datetime"
        case .timespan, .null(.timespan): return "timespan"
        case .guid, .null(.guid): return "guid"
        case .null(.dynamic): return "null"
        }
    }
}
