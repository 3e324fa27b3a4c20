import XCTest
@testable import KQL

final class FunctionsRegexTests: XCTestCase {
    func s(_ v: String) -> Value { .string(v) }

    func testExtract() {
        XCTAssertEqual(RT.call("extract", s(#"(\d+)\.(\d+)"#), .long(2), s("v10.5")), s("5"))    // fn-088
        XCTAssertEqual(RT.call("extract", s(#"z(\d)"#), .long(1), s("abc")), s(""))              // fn-090
        XCTAssertEqual(RT.call("extract", s(#"(\d+)"#), .long(0), s("ab12cd")), s("12"))
        XCTAssertEqual(RT.call("extract", s(#"(\d+)"#), .long(5), s("ab12cd")), s(""))
        XCTAssertEqual(RT.call("extract", s(#"(\d+)"#), .long(1), s("x42"), s("long")), .long(42))
        XCTAssertEqual(RT.call("extract", s(#"(\w+)"#), .long(1), s("x42"), s("long")), .null(.long))
    }

    func testExtractAll() {
        XCTAssertEqual(RT.call("extract_all", s(#"(\d+)"#), s("a1b22c333")), RT.dyn(#"["1","22","333"]"#))
        XCTAssertEqual(RT.call("extract_all", s(#"(\w)(\d)"#), s("a1 b2")), RT.dyn(#"[["a","1"],["b","2"]]"#))
        XCTAssertEqual(RT.call("extract_all", s(#"(\w)(\d)"#), RT.dyn("[2]"), s("a1 b2")), RT.dyn(#"["1","2"]"#))
        XCTAssertEqual(RT.call("extract_all", s(#"\d"#), s("a1b2")), RT.dyn(#"["1","2"]"#))
        XCTAssertEqual(RT.call("extract_all", s(#"(\d)"#), s("none")), .dynamic(.null))
    }

    func testReplaceAndTrim() {
        XCTAssertEqual(RT.call("replace_regex", s("a1b22"), s(#"\d+"#), s("#")), s("a#b#"))
        XCTAssertEqual(RT.call("replace_regex", s("john smith"), s(#"(\w+) (\w+)"#), s(#"\2, \1"#)), s("smith, john"))
        XCTAssertEqual(RT.call("replace", s(#"\d"#), s("x"), s("a1b2")), s("axbx"))
        XCTAssertEqual(RT.call("trim", s(#"\s+"#), s("  ab c  ")), s("ab c"))
        XCTAssertEqual(RT.call("trim", s("--"), s("----a--b-----")), s("a--b-"))
        XCTAssertEqual(RT.call("trim_start", s("[^a-z]"), s("12ab34")), s("ab34"))
        XCTAssertEqual(RT.call("trim_end", s("[^a-z]"), s("12ab34")), s("12ab"))
        XCTAssertEqual(RT.call("trim", s("x"), s("xxx")), s(""))
        XCTAssertEqual(RT.call("trim", s("a|b"), s("abcab")), s("c"))
    }

    // §6: regex arguments must be constant; bad patterns are bind errors naming the argument.
    func testConstantPatternRequired() {
        guard case .failure(let e)? = RT.bind("extract", [.string, .long, .string], constants: [nil, .long(1), nil]) else {
            return XCTFail("non-constant regex bound")
        }
        XCTAssertEqual(e.argument, 0)
        guard case .failure(let e2)? = RT.bind("replace_regex", [.string, .string, .string],
                                               constants: [nil, .string("(a)\\1"), .string("")]) else { return XCTFail() }
        XCTAssertEqual(e2.argument, 1)
        XCTAssertTrue(e2.message.contains("backreference"), e2.message)
        guard case .failure(let e3)? = RT.bind("trim", [.string, .string], constants: [.string("(?=x)"), nil]) else { return XCTFail() }
        XCTAssertEqual(e3.argument, 0)
    }
}
