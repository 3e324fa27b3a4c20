import XCTest
@testable import KQL

final class FunctionsStringsTests: XCTestCase {
    func s(_ v: String) -> Value { .string(v) }

    func testCaseAndLength() {
        XCTAssertEqual(RT.call("tolower", s("AbC")), s("abc"))                 // fn-076
        XCTAssertEqual(RT.call("toupper", s("straße İ")), s("STRASSE İ".replacingOccurrences(of: "SS", with: "ß")))
        XCTAssertEqual(RT.call("tolower", s("ÄÖÜ")), s("äöü"))
        XCTAssertEqual(RT.call("strlen", s("é😀")), .long(2))                  // fn-077, §9 row 23
        XCTAssertEqual(RT.call("strlen", s("e\u{301}")), .long(2))
        XCTAssertEqual(RT.call("strlen", s("")), .long(0))
        XCTAssertEqual(RT.call("strlen", .dynamic(.string("abc"))), .long(3))
    }

    func testSubstring() {
        XCTAssertEqual(RT.call("substring", s("123456"), .long(-2), .long(2)), s("56"))   // fn-091
        XCTAssertEqual(RT.call("substring", s("123456"), .long(1), .long(2)), s("23"))
        XCTAssertEqual(RT.call("substring", s("123456"), .long(4)), s("56"))
        XCTAssertEqual(RT.call("substring", s("123456"), .long(-10), .long(3)), s("123"))
        XCTAssertEqual(RT.call("substring", s("123456"), .long(10), .long(3)), s(""))
        XCTAssertEqual(RT.call("substring", s("123456"), .long(2), .long(100)), s("3456"))
        XCTAssertEqual(RT.call("substring", s("a😀b"), .long(1), .long(1)), s("😀"))
        XCTAssertEqual(RT.call("substring", s(""), .long(0), .long(1)), s(""))
    }

    func testConcatSplitReplace() {
        XCTAssertEqual(RT.call("strcat", s("a"), .long(1), .null(.long), .bool(true)), s("a1true"))
        XCTAssertEqual(RT.call("strcat_delim", s("-"), s("a"), s("b"), .long(3)), s("a-b-3"))
        XCTAssertEqual(RT.call("split", s("a,b,,c"), s(",")), RT.dyn(#"["a","b","","c"]"#))
        XCTAssertEqual(RT.call("split", s(""), s(",")), RT.dyn(#"[""]"#))
        XCTAssertEqual(RT.call("split", s("a::b"), s("::"), .long(1)), RT.dyn(#"["b"]"#))
        XCTAssertEqual(RT.call("split", s("a::b"), s("::"), .long(5)), RT.dyn("[]"))
        XCTAssertEqual(RT.call("replace_string", s(#"a\b"#), s("\\"), s("/")), s("a/b"))   // fn-089
        XCTAssertEqual(RT.call("replace_string", s("aaa"), s("aa"), s("b")), s("ba"))
        XCTAssertEqual(RT.call("replace_string", s("abc"), s(""), s("x")), s("abc"))
        XCTAssertEqual(RT.call("strcat_array", RT.dyn(#"["a",1,true]"#), s("|")), s("a|1|true"))
    }

    func testIndexCountReverse() {
        XCTAssertEqual(RT.call("indexof", s("abcdefg"), s("cde")), .long(2))
        XCTAssertEqual(RT.call("indexof", s("abcdefg"), s("cde"), .long(3)), .long(-1))
        XCTAssertEqual(RT.call("indexof", s("abcabc"), s("bc"), .long(0), .long(-1), .long(2)), .long(4))
        XCTAssertEqual(RT.call("indexof", s("😀abc"), s("b")), .long(2))
        XCTAssertEqual(RT.call("indexof", s("abc"), s("x")), .long(-1))
        XCTAssertEqual(RT.call("countof", s("aaa"), s("aa")), .long(2))
        XCTAssertEqual(RT.call("countof", s("aaa"), s("a+"), s("regex")), .long(1))
        XCTAssertEqual(RT.call("countof", s("The cat sat"), s("at")), .long(2))
        XCTAssertEqual(RT.call("reverse", s("ab😀")), s("😀ba"))
        XCTAssertEqual(RT.call("strcmp", s("a"), s("b")), .long(-1))
        XCTAssertEqual(RT.call("isascii", s("abc")), .bool(true))
        XCTAssertEqual(RT.call("isascii", s("abé")), .bool(false))
    }

    func testEncodings() {
        XCTAssertEqual(RT.call("base64_encode_tostring", s("Kusto1")), s("S3VzdG8x"))
        XCTAssertEqual(RT.call("base64_decode_tostring", s("S3VzdG8x")), s("Kusto1"))
        XCTAssertEqual(RT.call("base64_decode_tostring", s("S3VzdG8")), s("Kusto"))  // missing padding accepted
        XCTAssertEqual(RT.call("base64_decode_tostring", s("!!notbase64")), s(""))    // §6 Decision
        XCTAssertEqual(RT.call("base64_decode_tostring", s("/w==")), s(""))          // 0xFF is not UTF-8
        // PowerShell -EncodedCommand text is UTF-16LE: decoding as UTF-8 keeps the NULs.
        XCTAssertEqual(RT.call("base64_decode_tostring", s("dwBoAG8AYQBtAGkA")), s("w\0h\0o\0a\0m\0i\0"))
        XCTAssertEqual(RT.call("url_encode", s("a b&c=é")), s("a%20b%26c%3D%C3%A9"))
        XCTAssertEqual(RT.call("url_decode", s("a%20b%26c%3D%C3%A9+x")), s("a b&c=é x"))
        XCTAssertEqual(RT.call("url_decode", s("100%")), s("100%"))
    }

    func testParseCommandLine() {
        XCTAssertEqual(RT.call("parse_command_line", s(#""C:\Program Files\a.exe" -x "q \"z\"" c:\dir\\"#), s("windows")),
                       RT.dyn(#"["C:\\Program Files\\a.exe","-x","q \"z\"","c:\\dir\\\\"]"#))
        XCTAssertEqual(RT.call("parse_command_line", s("  "), s("windows")), RT.dyn("[]"))
    }

    func testBindErrors() {
        guard case .failure(let e)? = RT.bind("strlen", [.long]) else { return XCTFail("strlen(long) bound") }
        XCTAssertEqual(e.argument, 0)
        XCTAssertTrue(e.message.contains("strlen"), e.message)
        guard case .failure(let e2)? = RT.bind("substring", [.string, .string]) else { return XCTFail() }
        XCTAssertEqual(e2.argument, 1)
        guard case .failure(let e3)? = RT.bind("substring", [.string]) else { return XCTFail() }
        XCTAssertNil(e3.argument)
        guard case .success(let (t, _))? = RT.bind("strlen", [.dynamic]) else { return XCTFail() }
        XCTAssertEqual(t, .long)
    }
}
