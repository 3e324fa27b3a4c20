/// Null tests, conditionals and `not` (spec §4.3, §6).
extension Functions {
    static let logic: [ScalarFunction] = [
        fn(["isempty"], [.any], result: .bool) { a, _ in .bool(a[0].isEmpty) },
        fn(["isnotempty", "notempty"], [.any], result: .bool) { a, _ in .bool(!a[0].isEmpty) },
        fn(["isnull"], [.any], result: .bool) { a, _ in .bool(a[0].isNull) },
        fn(["isnotnull", "notnull"], [.any], result: .bool) { a, _ in .bool(!a[0].isNull) },
        fn(["not"], [.bool], result: .bool) { a, _ in Logic.not(a[0].boolValue).map(Value.bool) ?? .null(.bool) },
        custom(["iff", "iif"], arity: 3...3) { info in
            guard Param.bool.accepts(info.types[0]) else { return .failure(typeError("iff", 0, "bool", info.types[0])) }
            guard let t = unify([info.types[1], info.types[2]]) else {
                return .failure(FunctionBindError("Arguments 2 and 3 of 'iff' must have the same type; got \(info.types[1]) and \(info.types[2]).", argument: 2))
            }
            return .success((t, { a, _ in (a[0].boolValue == true ? a[1] : a[2]).coerced(to: t) }))
        },
        custom(["case"], arity: 3...255) { info in
            let n = info.types.count
            guard n % 2 == 1 else {
                return .failure(FunctionBindError("Function 'case' needs predicate/value pairs and a final else value; got \(n) arguments.", code: "KQL0206"))
            }
            for i in stride(from: 0, to: n - 1, by: 2) where !Param.bool.accepts(info.types[i]) {
                return .failure(typeError("case", i, "bool", info.types[i]))
            }
            let values = stride(from: 1, to: n, by: 2).map { info.types[$0] } + [info.types[n - 1]]
            guard let t = unify(values) else {
                return .failure(FunctionBindError("The values of 'case' must have the same type; got \(values.map(\.rawValue).joined(separator: ", ")).", argument: n - 1))
            }
            return .success((t, { a, _ in
                for i in stride(from: 0, to: a.count - 1, by: 2) where a[i].boolValue == true { return a[i + 1].coerced(to: t) }
                return a[a.count - 1].coerced(to: t)
            }))
        },
        custom(["coalesce"], arity: 1...64) { info in
            guard let t = unify(info.types) else {
                return .failure(FunctionBindError("The arguments of 'coalesce' must have the same type; got \(info.types.map(\.rawValue).joined(separator: ", ")).", argument: 1))
            }
            return .success((t, { a, _ in
                for v in a where !(v.isNull || (t == .string && v.isEmpty)) { return v.coerced(to: t) }
                return Value.nullResult(t)
            }))
        },
    ].flatMap { $0 }
}
