/// Hash functions (spec §6). Strings hash their UTF-8 bytes; other values their `tostring` text.
extension Functions {
    static let hashing: [ScalarFunction] = [
        fn(["hash_sha256"], [.any], result: .string) { a, _ in .string(Digest.hex(Digest.sha256(Array(a[0].str.utf8)))) },
        fn(["hash_sha1"], [.any], result: .string) { a, _ in .string(Digest.hex(Digest.sha1(Array(a[0].str.utf8)))) },
        fn(["hash_md5"], [.any], result: .string) { a, _ in .string(Digest.hex(Digest.md5(Array(a[0].str.utf8)))) },
        fn(["hash"], [.any, .integer], optional: 1, result: .long) { a, _ in
            let h = Int64(bitPattern: Digest.fnv1a(Array(a[0].str.utf8)))
            guard a.count > 1 else { return .long(h) }
            guard let m = a[1].i64, m > 0 else { return .null(.long) }
            return .long(Int64(UInt64(bitPattern: h) % UInt64(m)))
        },
    ].flatMap { $0 }
}
