/// String functions (spec §6). Offsets and lengths count Unicode scalars (§3.5).
extension Functions {
    static let strings: [ScalarFunction] = [
        // `make_string(c1, [c2, …])`: the string of Unicode code points (numbers or arrays of them).
        custom(["make_string"], arity: 1...64) { _ in
            .success((.string, { a, _ in
                var out = String.UnicodeScalarView()
                func add(_ v: Value) {
                    switch v {
                    case .dynamic(.array(let items)): items.forEach { add(Value.fromDynamic($0)) }
                    default:
                        if let n = v.int64Value, n >= 0, n <= 0x10FFFF, let u = Unicode.Scalar(UInt32(n)) { out.append(u) }
                    }
                }
                a.forEach(add)
                return .string(String(out))
            }))
        },
        fn(["tolower"], [.string], result: .string) { a, _ in .string(CaseFolding.lower(a[0].str)) },
        fn(["toupper"], [.string], result: .string) { a, _ in .string(CaseFolding.upper(a[0].str)) },
        fn(["strlen"], [.string], result: .long) { a, _ in .long(Int64(a[0].str.unicodeScalars.count)) },
        fn(["string_size"], [.string], result: .long) { a, _ in .long(Int64(a[0].str.utf8.count)) },
        fn(["substring"], [.string, .integer, .integer], optional: 1, result: .string) { a, _ in
            guard let start = a[1].i64 else { return .emptyString }
            let len = a.count > 2 ? a[2].i64 : nil
            if a.count > 2 && len == nil && !a[2].isNull { return .emptyString }
            return .string(substring(a[0].str, start, len))
        },
        fn(["strcat"], [.any], variadic: 1...64, result: .string) { a, _ in
            .string(a.map(\.str).joined())
        },
        fn(["strcat_delim"], [.string, .any], variadic: 2...65, result: .string) { a, _ in
            .string(a.dropFirst().map(\.str).joined(separator: a[0].str))
        },
        fn(["strcat_array"], [.dynamic, .string], result: .string) { a, _ in
            guard case .dynamic(.array(let arr)) = a[0] else { return .emptyString }
            return .string(arr.map { Value.fromDynamic($0).str }.joined(separator: a[1].str))
        },
        fn(["split"], [.string, .string, .integer], optional: 1, result: .dynamic) { a, _ in
            let parts = split(a[0].str, a[1].str).map(Dynamic.string)
            guard a.count > 2 else { return .dynamic(.array(parts)) }
            guard let i = a[2].i64 else { return .dynamic(.null) }
            return .dynamic(.array(i >= 0 && i < parts.count ? [parts[Int(i)]] : []))
        },
        fn(["replace_string"], [.string, .string, .string], result: .string) { a, _ in
            let s = a[0].str, find = a[1].str
            if find.isEmpty { return .string(s) }
            return .string(split(s, find).joined(separator: a[2].str))
        },
        fn(["strcmp"], [.string, .string], result: .long) { a, _ in
            .long(Int64(StringOps.compareOrdinal(a[0].str, a[1].str)))
        },
        fn(["indexof"], [.string, .string, .integer, .integer, .integer], optional: 3, result: .long) { a, _ in
            indexOf(a)
        },
        fn(["reverse"], [.string], result: .string) { a, _ in
            var v = String.UnicodeScalarView()
            v.append(contentsOf: a[0].str.unicodeScalars.reversed())
            return .string(String(v))
        },
        fn(["isascii"], [.string], result: .bool) { a, _ in .bool(a[0].str.utf8.allSatisfy { $0 < 0x80 }) },
        fn(["url_encode", "url_encode_component"], [.string], result: .string) { a, _ in
            .string(URLCoding.encode(a[0].str))
        },
        fn(["url_decode"], [.string], result: .string) { a, _ in .string(URLCoding.decode(a[0].str)) },
        fn(["base64_encode_tostring", "base64_encodestring"], [.string], result: .string) { a, _ in
            .string(Base64.encode(Array(a[0].str.utf8)))
        },
        fn(["base64_decode_tostring", "base64_decodestring"], [.string], result: .string) { a, _ in
            guard let bytes = Base64.decode(a[0].str) else { return .emptyString }
            return .string(String(validating: bytes, as: UTF8.self) ?? "")
        },
        fn(["base64_decode_toarray"], [.string], result: .dynamic) { a, _ in
            guard let bytes = Base64.decode(a[0].str) else { return .dynamic(.null) }
            return .dynamic(.array(bytes.map { .long(Int64($0)) }))
        },
        fn(["parse_command_line"], [.string, .string], result: .dynamic) { a, _ in
            .dynamic(.array(WindowsCommandLine.arguments(a[0].str).map(Dynamic.string)))
        },
        custom(["countof"], arity: 2...3) { info in
            if let e = check("countof", [.string, .string, .string], info) { return .failure(e) }
            if info.types.count == 3 {
                switch constantString("countof", info, 2, what: "kind") {
                case .failure(let e): return .failure(e)
                case .success("regex"):
                    return constantRegex("countof", info, 1).map { re in
                        (.long, { a, _ in .long(Int64(re.matchCount(in: a[0].str))) })
                    }
                case .success("normal"): break
                case .success(let k):
                    return .failure(FunctionBindError("Argument 3 of 'countof' must be \"normal\" or \"regex\"; got \"\(k)\".", argument: 2))
                }
            }
            return .success((.long, { a, _ in .long(countOverlapping(a[0].str, a[1].str)) }))
        },
    ].flatMap { $0 }

    /// `substring` with negative start counted from the end, then clamped (§6 Decision).
    static func substring(_ s: String, _ start: Int64, _ len: Int64?) -> String {
        let sc = Array(s.unicodeScalars)
        let n = Int64(sc.count)
        var st = start < 0 ? n + start : start
        st = min(max(st, 0), n)
        var end = n
        if let len { end = len <= 0 ? st : min(n, saturatingAdd(st, len)) }
        if end <= st { return "" }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: sc[Int(st)..<Int(end)])
        return String(v)
    }

    /// Ordinal split on a literal delimiter (an empty delimiter gives the whole string).
    static func split(_ s: String, _ d: String) -> [String] {
        let h = Array(s.utf8), n = Array(d.utf8)
        guard !n.isEmpty else { return [s] }
        var out: [String] = []
        var last = 0, i = 0
        while i + n.count <= h.count {
            if h[i] == n[0] && h[i..<(i + n.count)].elementsEqual(n) {
                out.append(String(decoding: h[last..<i], as: UTF8.self))
                i += n.count; last = i
            } else { i += 1 }
        }
        out.append(String(decoding: h[last...], as: UTF8.self))
        return out
    }

    static func saturatingAdd(_ a: Int64, _ b: Int64) -> Int64 {
        let (s, o) = a.addingReportingOverflow(b)
        return o ? (b > 0 ? .max : .min) : s
    }

    /// Overlapping ordinal occurrences (`countof("aaa", "aa")` = 2).
    static func countOverlapping(_ s: String, _ find: String) -> Int64 {
        let h = Array(s.unicodeScalars), n = Array(find.unicodeScalars)
        guard !n.isEmpty, n.count <= h.count else { return 0 }
        var c: Int64 = 0
        for i in 0...(h.count - n.count) where h[i..<(i + n.count)].elementsEqual(n) { c += 1 }
        return c
    }

    /// `indexof(s, lookup [, start [, length [, occurrence]]])` in scalars; -1 when absent.
    static func indexOf(_ a: [Value]) -> Value {
        let h = Array(a[0].str.unicodeScalars), n = Array(a[1].str.unicodeScalars)
        var start = a.count > 2 ? (a[2].i64 ?? 0) : 0
        let length = a.count > 3 ? (a[3].i64 ?? -1) : -1
        let occurrence = a.count > 4 ? (a[4].i64 ?? 1) : 1
        if start < 0 { start = max(0, Int64(h.count) + start) }
        guard start <= h.count, occurrence > 0, length >= -1 else { return .null(.long) }
        let end = length == -1 ? h.count : Int(min(Int64(h.count), saturatingAdd(start, length)))
        var seen: Int64 = 0
        var i = Int(start)
        while i + n.count <= end {
            if h[i..<(i + n.count)].elementsEqual(n) {
                seen += 1
                if seen == occurrence { return .long(Int64(i)) }
            }
            i += 1
        }
        return .long(-1)
    }
}
