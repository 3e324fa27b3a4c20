/// Regex functions (spec §6, §7). Patterns must be constant and are compiled once at bind.
extension Functions {
    static let regexFunctions: [ScalarFunction] = [
        // extract(re, group, s [, typeName]): the optional 4th argument is a constant type name
        // (the compiler passes `typeof(T)` as the string "T").
        custom(["extract"], arity: 3...4) { info in
            if let e = check("extract", [.string, .integer, .string, .string], info) { return .failure(e) }
            var target = KQLType.string
            if info.types.count == 4 {
                switch constantString("extract", info, 3, what: "typeof(T)") {
                case .failure(let e): return .failure(e)
                case .success(let n):
                    guard let t = KQLType(name: n) else { return .failure(FunctionBindError("Unknown type '\(n)' in argument 4 of 'extract'.", argument: 3)) }
                    target = t
                }
            }
            let result = target
            return constantRegex("extract", info, 0).map { re in
                (result, { a, _ in
                    guard let g = a[1].i64, g >= 0, g <= re.groupCount,
                          let m = re.firstMatch(in: a[2].str), let s = m[Int(g)] else { return Value.null(of: result) }
                    return convert(.string(s), to: result)
                })
            }
        },
        custom(["extract_all"], arity: 2...3) { info in
            let hasGroups = info.types.count == 3
            if let e = check("extract_all", hasGroups ? [.string, .dynamic, .string] : [.string, .string], info) { return .failure(e) }
            var groups: [Int]? = nil
            if hasGroups {
                guard case .dynamic(.array(let arr))? = info.constants[1] else {
                    return .failure(FunctionBindError("Argument 2 of 'extract_all' must be a constant dynamic array of group numbers.", argument: 1, code: "KQL0207"))
                }
                let ints = arr.compactMap { d -> Int? in if case .long(let l) = d { return Int(l) }; return nil }
                guard ints.count == arr.count else {
                    return .failure(FunctionBindError("Argument 2 of 'extract_all' must list integer group numbers.", argument: 1))
                }
                groups = ints
            }
            return constantRegex("extract_all", info, 0).flatMap { re -> BindResult in
                let gs = groups ?? (re.groupCount == 0 ? [0] : Array(1...re.groupCount))
                if let bad = gs.first(where: { $0 < 0 || $0 > re.groupCount }) {
                    return .failure(FunctionBindError("Group \(bad) does not exist in the regex of 'extract_all'.", argument: 1))
                }
                return .success((.dynamic, { a, _ in
                    let ms = re.allMatches(in: a[a.count - 1].str)
                    if ms.isEmpty { return .dynamic(.null) }
                    let rows: [Dynamic] = ms.map { m in
                        gs.count == 1 ? .string(m[gs[0]] ?? "") : .array(gs.map { .string(m[$0] ?? "") })
                    }
                    return .dynamic(.array(rows))
                }))
            }
        },
        custom(["replace_regex"], arity: 3...3) { info in
            if let e = check("replace_regex", [.string, .string, .string], info) { return .failure(e) }
            return constantRegex("replace_regex", info, 1).map { re in
                (.string, { a, _ in .string(re.replaceAll(in: a[0].str, with: a[2].str)) })
            }
        },
        // Legacy argument order: replace(regex, rewrite, text).
        custom(["replace"], arity: 3...3) { info in
            if let e = check("replace", [.string, .string, .string], info) { return .failure(e) }
            return constantRegex("replace", info, 0).map { re in
                (.string, { a, _ in .string(re.replaceAll(in: a[2].str, with: a[1].str)) })
            }
        },
        trimFunction("trim", start: true, end: true),
        trimFunction("trim_start", start: true, end: false),
        trimFunction("trim_end", start: false, end: true),
    ].flatMap { $0 }

    /// trim(re, s): removes leading and/or trailing runs of `re` matches.
    static func trimFunction(_ name: String, start: Bool, end: Bool) -> [ScalarFunction] {
        custom([name], arity: 2...2) { info in
            if let e = check(name, [.string, .string], info) { return .failure(e) }
            let lead = start ? constantRegex(name, info, 0) { "^(?:\($0))+" } : nil
            let trail = end ? constantRegex(name, info, 0) { "(?:\($0))+$" } : nil
            if case .failure(let e)? = lead { return .failure(e) }
            if case .failure(let e)? = trail { return .failure(e) }
            let l = try? lead?.get(), t = try? trail?.get()
            return .success((.string, { a, _ in
                var s = a[1].str
                if let l, let m = l.firstMatch(in: s)?[0], !m.isEmpty { s = String(decoding: s.utf8.dropFirst(m.utf8.count), as: UTF8.self) }
                if let t, let sp = t.lastMatchStart(in: s) { s = String(decoding: s.utf8.prefix(sp), as: UTF8.self) }
                return .string(s)
            }))
        }
    }

    /// `extract(..., typeof(T))` conversion of the matched text.
    static func convert(_ v: Value, to t: KQLType) -> Value {
        switch t {
        case .string: return v
        case .int: return Conversions.toLong(v).flatMap { Int32(exactly: $0) }.map(Value.int) ?? .null(.int)
        case .long: return Conversions.toLong(v).map(Value.long) ?? .null(.long)
        case .real, .decimal: return Conversions.toReal(v).map(Value.real) ?? .null(t)
        case .bool: return Conversions.toBool(v).map(Value.bool) ?? .null(.bool)
        case .datetime: return Conversions.toDatetime(v).map(Value.datetime) ?? .null(.datetime)
        case .timespan: return Conversions.toTimespan(v).map(Value.timespan) ?? .null(.timespan)
        case .guid: return Conversions.toGuid(v).map(Value.guid) ?? .null(.guid)
        case .dynamic: return .dynamic(parseJSON(v))
        }
    }
}

extension Regex {
    /// Byte offset where the first match starts, when it is non-empty (used by `trim_end`).
    func lastMatchStart(in s: String) -> Int? {
        var copy = s
        return copy.withUTF8 { b in
            guard let sp = spans(in: b, from: 0), sp[1] > 0 else { return nil }
            return sp[0]
        }
    }
}
