/// IPv4 functions (spec §6): unparseable input → null.
extension Functions {
    static let ip: [ScalarFunction] = [
        fn(["ipv4_is_private"], [.string], result: .bool) { a, _ in
            guard let (addr, _) = IPv4.parseCIDR(a[0].str) else { return .null(.bool) }
            return .bool(IPv4.isPrivate(addr))
        },
        fn(["ipv4_is_in_range"], [.string, .string], result: .bool) { a, _ in
            guard let (addr, _) = IPv4.parseCIDR(a[0].str), let (net, p) = IPv4.parseCIDR(a[1].str) else { return .null(.bool) }
            let m = IPv4.mask(p)
            return .bool(addr & m == net & m)
        },
        fn(["ipv4_is_in_any_range"], [.string, .any], variadic: 2...64, result: .bool) { a, _ in
            guard let (addr, _) = IPv4.parseCIDR(a[0].str) else { return .null(.bool) }
            for r in ValueOps.flattenList(Array(a.dropFirst())) {
                if let (net, p) = IPv4.parseCIDR(r.str), addr & IPv4.mask(p) == net & IPv4.mask(p) { return .bool(true) }
            }
            return .bool(false)
        },
        fn(["ipv4_compare"], [.string, .string, .integer], optional: 1, result: .long) { a, _ in
            compare(a).map { .long(Int64($0)) } ?? .null(.long)
        },
        fn(["ipv4_is_match"], [.string, .string, .integer], optional: 1, result: .bool) { a, _ in
            compare(a).map { .bool($0 == 0) } ?? .null(.bool)
        },
        fn(["parse_ipv4"], [.string], result: .long) { a, _ in
            guard let (addr, p) = IPv4.parseCIDR(a[0].str) else { return .null(.long) }
            return .long(Int64(addr & IPv4.mask(p)))
        },
    ].flatMap { $0 }

    /// Compares two addresses under the smallest prefix given (in either text or the 3rd argument).
    private static func compare(_ a: [Value]) -> Int? {
        guard let (x, px) = IPv4.parseCIDR(a[0].str), let (y, py) = IPv4.parseCIDR(a[1].str) else { return nil }
        var p = min(px, py)
        if a.count > 2 { guard let q = a[2].i64, (0...32).contains(q) else { return nil }; p = min(p, Int(q)) }
        let m = IPv4.mask(p)
        let (u, v) = (x & m, y & m)
        return u < v ? -1 : (u == v ? 0 : 1)
    }
}
