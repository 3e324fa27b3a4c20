/// Dynamic (JSON) functions (spec §6).
extension Functions {
    static let dynamicFunctions: [ScalarFunction] = [
        fn(["parse_json", "todynamic", "parsejson", "toobject"], [.any], result: .dynamic) { a, _ in
            .dynamic(parseJSON(a[0]))
        },
        fn(["array_length"], [.dynamic], result: .long) { a, _ in
            guard case .dynamic(.array(let arr)) = a[0] else { return .null(.long) }
            return .long(Int64(arr.count))
        },
        fn(["pack", "bag_pack"], [.string, .any], variadic: 0...128, result: .dynamic) { a, _ in
            guard a.count % 2 == 0 else { return .dynamic(.null) }
            var bag = DynamicBag()
            for i in stride(from: 0, to: a.count, by: 2) { bag[a[i].str] = a[i + 1].dyn }
            return .dynamic(.bag(bag))
        },
        fn(["pack_array"], [.any], variadic: 1...128, result: .dynamic) { a, _ in .dynamic(.array(a.map(\.dyn))) },
        fn(["set_has_element"], [.dynamic, .any], result: .bool) { a, _ in
            guard case .dynamic(.array(let arr)) = a[0] else { return .null(.bool) }
            return .bool(arr.contains { ValueOps.equals(Value.fromDynamic($0), a[1]) == true })
        },
        fn(["array_index_of"], [.dynamic, .any, .integer, .integer, .integer], optional: 3, result: .long) { a, _ in
            guard case .dynamic(.array(let arr)) = a[0] else { return .null(.long) }
            var start = a.count > 2 ? (a[2].i64 ?? 0) : 0
            let len = a.count > 3 ? (a[3].i64 ?? -1) : -1
            let occ = a.count > 4 ? (a[4].i64 ?? 1) : 1
            if start < 0 { start += Int64(arr.count) }
            guard start >= 0, start <= arr.count, len >= -1, occ > 0 else { return .null(.long) }
            let end = len == -1 ? arr.count : Int(min(Int64(arr.count), saturatingAdd(start, len)))
            var seen: Int64 = 0
            for i in Int(start)..<max(Int(start), end) where ValueOps.equals(Value.fromDynamic(arr[i]), a[1]) == true {
                seen += 1
                if seen == occ { return .long(Int64(i)) }
            }
            return .long(-1)
        },
        fn(["bag_keys"], [.dynamic], result: .dynamic) { a, _ in
            guard case .dynamic(.bag(let b)) = a[0] else { return .dynamic(.null) }
            return .dynamic(.array(b.keys.map(Dynamic.string)))
        },
        fn(["bag_has_key"], [.dynamic, .string], result: .bool) { a, _ in
            guard case .dynamic(.bag(let b)) = a[0] else { return .null(.bool) }
            return .bool(b[a[1].str] != nil)
        },
        fn(["array_concat"], [.dynamic], variadic: 1...64, result: .dynamic) { a, _ in
            var out: [Dynamic] = []
            for v in a {
                guard case .dynamic(.array(let arr)) = v else { return .dynamic(.null) }
                out += arr
            }
            return .dynamic(.array(out))
        },
        fn(["array_slice"], [.dynamic, .integer, .integer], result: .dynamic) { a, _ in
            guard case .dynamic(.array(let arr)) = a[0], var s = a[1].i64, var e = a[2].i64 else { return .dynamic(.null) }
            let n = Int64(arr.count)
            if s < 0 { s += n }
            if e < 0 { e += n }
            s = max(0, s); e = min(n - 1, e)
            return .dynamic(.array(s <= e ? Array(arr[Int(s)...Int(e)]) : []))
        },
        fn(["array_reverse"], [.dynamic], result: .dynamic) { a, _ in
            guard case .dynamic(.array(let arr)) = a[0] else { return .dynamic(.null) }
            return .dynamic(.array(arr.reversed()))
        },
        fn(["set_union"], [.dynamic], variadic: 2...64, result: .dynamic) { a, _ in
            let arrays = a.compactMap(arrayOf)
            return arrays.count == a.count ? .dynamic(.array(unique(arrays.flatMap { $0 }))) : .dynamic(.null)
        },
        fn(["set_intersect"], [.dynamic], variadic: 2...64, result: .dynamic) { a, _ in
            let arrays = a.compactMap(arrayOf)
            guard arrays.count == a.count else { return .dynamic(.null) }
            return .dynamic(.array(unique(arrays[0]).filter { e in arrays.dropFirst().allSatisfy { $0.contains(e) } }))
        },
        fn(["set_difference"], [.dynamic], variadic: 2...64, result: .dynamic) { a, _ in
            .dynamic(.array(unique(arrayOf(a[0]) ?? []).filter { e in !a.dropFirst().contains { arrayOf($0)?.contains(e) == true } }))
        },
        fn(["parse_path"], [.string], result: .dynamic) { a, _ in .dynamic(PathParsing.parsePath(a[0].str)) },
        fn(["parse_url", "parseurl"], [.string], result: .dynamic) { a, _ in .dynamic(PathParsing.parseURL(a[0].str)) },
        // `extractjson(path, json [, typeof(T)])`: the selected value as text, or converted to T.
        custom(["extractjson", "extract_json"], arity: 2...3) { info in
            if let e = check("extractjson", [.string, .string], ArgumentInfo(types: Array(info.types.prefix(2)), constants: Array(info.constants.prefix(2)))) { return .failure(e) }
            var target = KQLType.string
            if info.types.count == 3 {
                guard case .string(let tn)? = info.constants[2], let t = KQLType(name: tn) else {
                    return .failure(FunctionBindError("the third argument must be typeof(T).", argument: 2))
                }
                target = t
            }
            let type = target
            return .success((type, { a, _ in
                let json = a[1].stringPayload ?? a[1].text
                guard let d = Dynamic.parse(json: json), let r = JSONPath.select(a[0].stringPayload ?? a[0].text, in: d) else { return .null(of: type) }
                let text = Value.dynamic(r).text
                return type == .string ? .string(text) : ValueOps.convert(type == .dynamic ? .dynamic(r) : Value.fromDynamic(r), to: type)
            }))
        },
        // `range(start, stop [, step])` as a scalar: a dynamic array of the values.
        custom(["range"], arity: 2...3) { info in
            .success((.dynamic, { a, _ in
                let step = a.count > 2 ? a[2] : Value.long(1)
                var v = a[0], out: [Dynamic] = []
                while let c = ValueOps.compare(v, a[1]), c <= 0, out.count < 1_048_576 {
                    out.append(v.toDynamic)
                    let n = ValueOps.add(v, step)
                    guard let adv = ValueOps.compare(n, v), adv > 0 else { break }
                    v = n
                }
                return .dynamic(.array(out))
            }))
        },
    ].flatMap { $0 }

    /// `parse_json`: valid JSON → its value, other text → a dynamic string, `""` → null.
    static func parseJSON(_ v: Value) -> Dynamic {
        switch v {
        case .string(let s):
            if s.isEmpty { return .null }
            return Dynamic.parse(json: s) ?? .string(s)
        case .dynamic(let d): return d
        default: return v.toDynamic
        }
    }

    static func arrayOf(_ v: Value) -> [Dynamic]? {
        if case .dynamic(.array(let a)) = v { return a }
        return nil
    }

    static func unique(_ a: [Dynamic]) -> [Dynamic] {
        var seen = Set<Dynamic>(), out: [Dynamic] = []
        for e in a where seen.insert(e).inserted { out.append(e) }
        return out
    }
}
