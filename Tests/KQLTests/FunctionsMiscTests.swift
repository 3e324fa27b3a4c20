import XCTest
@testable import KQL

final class FunctionsMiscTests: XCTestCase {
    func s(_ v: String) -> Value { .string(v) }

    // fn-080..082.
    func testIPv4() {
        XCTAssertEqual(RT.call("ipv4_is_private", s("10.1.2.3")), .bool(true))
        XCTAssertEqual(RT.call("ipv4_is_private", s("172.31.255.1")), .bool(true))
        XCTAssertEqual(RT.call("ipv4_is_private", s("172.32.0.1")), .bool(false))
        XCTAssertEqual(RT.call("ipv4_is_private", s("8.8.8.8")), .bool(false))
        XCTAssertEqual(RT.call("ipv4_is_private", s("not-an-ip")), .null(.bool))
        XCTAssertEqual(RT.call("ipv4_is_private", s("10.1.2.300")), .null(.bool))
        XCTAssertEqual(RT.call("ipv4_is_in_range", s("192.168.1.77"), s("192.168.1.0/24")), .bool(true))
        XCTAssertEqual(RT.call("ipv4_is_in_range", s("192.168.2.77"), s("192.168.1.0/24")), .bool(false))
        XCTAssertEqual(RT.call("ipv4_is_in_range", s("1.2.3.4"), s("1.2.3.4")), .bool(true))
        XCTAssertEqual(RT.call("ipv4_is_in_range", s("1.2.3.4"), s("1.2.3.0/33")), .null(.bool))
        XCTAssertEqual(RT.call("ipv4_compare", s("127.0.0.1"), s("127.0.0.2")), .long(-1))
        XCTAssertEqual(RT.call("ipv4_compare", s("192.168.1.1"), s("192.168.1.255"), .long(24)), .long(0))
        XCTAssertEqual(RT.call("ipv4_is_match", s("192.168.1.1/24"), s("192.168.1.255")), .bool(true))
        XCTAssertEqual(RT.call("parse_ipv4", s("127.0.0.1")), .long(2_130_706_433))
    }

    // Known digests of "abc" and "" (FIPS 180 / RFC 1321 test vectors).
    func testDigests() {
        XCTAssertEqual(RT.call("hash_sha256", s("abc")), s("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
        XCTAssertEqual(RT.call("hash_sha256", s("")), s("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
        XCTAssertEqual(RT.call("hash_sha1", s("abc")), s("a9993e364706816aba3e25717850c26c9cd0d89d"))
        XCTAssertEqual(RT.call("hash_md5", s("abc")), s("900150983cd24fb0d6963f7d28e17f72"))
        XCTAssertEqual(RT.call("hash_md5", s("")), s("d41d8cd98f00b204e9800998ecf8427e"))
        let long = String(repeating: "a", count: 1000)
        XCTAssertEqual(RT.call("hash_sha256", s(long)), s("41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"))
        XCTAssertEqual(RT.call("hash_sha1", s(long)), s("291e9a6c66994949b57ba5e650361e98fc36b1ba"))
        XCTAssertEqual(RT.call("hash_md5", s(long)), s("cabe45dcc9ae5b66ba86600cca6b8ba8"))
        XCTAssertEqual(RT.call("hash", s("x")), RT.call("hash", s("x")))
        XCTAssertNotEqual(RT.call("hash", s("x")), RT.call("hash", s("y")))
        guard case .long(let m) = RT.call("hash", s("x"), .long(10)) else { return XCTFail() }
        XCTAssertTrue((0..<10).contains(m))
    }

    func testMath() {
        XCTAssertEqual(RT.call("abs", .long(-3)), .long(3))
        XCTAssertEqual(RT.call("abs", .real(-2.5)), .real(2.5))
        XCTAssertEqual(RT.call("abs", .int(-3)), .int(3))
        XCTAssertEqual(RT.call("round", .real(2.5)), .real(3))
        XCTAssertEqual(RT.call("round", .real(1.2345), .long(2)), .real(1.23))
        XCTAssertEqual(RT.call("log10", .long(1000)), .real(3))
        XCTAssertEqual(RT.call("sqrt", .long(-1)).doubleValue?.isNaN, true)
        XCTAssertEqual(RT.call("pow", .long(2), .long(10)), .real(1024))
        XCTAssertEqual(RT.call("max_of", .long(1), .null(.long), .long(7)), .long(7))
        XCTAssertEqual(RT.call("min_of", .long(1), .real(0.5)), .real(0.5))
        XCTAssertEqual(RT.call("ceiling", .real(1.1)), .real(2))
    }

    // §4.3 iff/case, §6 coalesce/isempty/isnull; fn-083, fn-084, nul-040/041/046/049.
    func testLogic() {
        XCTAssertEqual(RT.call("iff", .null(.bool), s("big"), s("small")), s("small"))
        XCTAssertEqual(RT.call("iif", .bool(true), .int(1), .long(2)), .long(1))
        XCTAssertEqual(RT.call("case", .bool(false), s("a"), .null(.bool), s("b"), s("c")), s("c"))
        XCTAssertEqual(RT.call("case", .bool(false), s("a"), .bool(true), s("b"), s("c")), s("b"))
        XCTAssertEqual(RT.call("coalesce", .null(.long), .long(7)), .long(7))
        XCTAssertEqual(RT.call("coalesce", s(""), s("x")), s("x"))
        XCTAssertEqual(RT.call("coalesce", .null(.long), .null(.long)), .null(.long))
        XCTAssertEqual(RT.call("isempty", s("")), .bool(true))
        XCTAssertEqual(RT.call("isnull", s("")), .bool(false))
        XCTAssertEqual(RT.call("isnull", .null(.long)), .bool(true))
        XCTAssertEqual(RT.call("isnull", RT.dyn("[]")), .bool(false))
        XCTAssertEqual(RT.call("isempty", RT.dyn("[]")), .bool(false))
        XCTAssertEqual(RT.call("isnotempty", .null(.datetime)), .bool(false))
        XCTAssertEqual(RT.call("not", .null(.bool)), .null(.bool))
        XCTAssertEqual(RT.call("not", .bool(false)), .bool(true))
        guard case .failure(let e)? = RT.bind("iff", [.bool, .string, .long]) else { return XCTFail() }
        XCTAssertEqual(e.argument, 2)
        guard case .failure? = RT.bind("case", [.bool, .string]) else { return XCTFail() }
        guard case .success(let (t, _))? = RT.bind("iff", [.bool, .int, .real]) else { return XCTFail() }
        XCTAssertEqual(t, .real)
    }
}
