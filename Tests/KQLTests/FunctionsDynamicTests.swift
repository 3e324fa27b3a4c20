import XCTest
@testable import KQL

final class FunctionsDynamicTests: XCTestCase {
    func s(_ v: String) -> Value { .string(v) }

    // §6 parse_json and §9 row 26.
    func testParseJSON() {
        XCTAssertEqual(RT.call("parse_json", s("not json")), .dynamic(.string("not json")))
        XCTAssertEqual(RT.call("parse_json", s("")), .dynamic(.null))
        XCTAssertEqual(RT.call("parse_json", s(#"{"a":[1,2]}"#)), RT.dyn(#"{"a":[1,2]}"#))
        XCTAssertEqual(RT.call("todynamic", RT.dyn("[1]")), RT.dyn("[1]"))
        XCTAssertEqual(RT.call("parsejson", s("5")), .dynamic(.long(5)))
        XCTAssertEqual(RT.call("parse_json", .long(5)), .dynamic(.long(5)))
    }

    func testArrays() {
        XCTAssertEqual(RT.call("array_length", RT.dyn("[1,2,3]")), .long(3))            // fn-073
        XCTAssertEqual(RT.call("array_length", RT.dyn(#"{"a":1}"#)), .null(.long))
        XCTAssertEqual(RT.call("array_length", .dynamic(.string("abc"))), .null(.long))
        XCTAssertEqual(RT.call("set_has_element", RT.dyn(#"["x","y"]"#), s("x")), .bool(true))   // fn-074
        XCTAssertEqual(RT.call("set_has_element", RT.dyn(#"["1"]"#), .long(1)), .bool(false))   // type-aware
        XCTAssertEqual(RT.call("set_has_element", RT.dyn("[1]"), .int(1)), .bool(true))
        XCTAssertEqual(RT.call("array_index_of", RT.dyn(#"["a","b","a"]"#), s("a"), .long(1)), .long(2))
        XCTAssertEqual(RT.call("array_index_of", RT.dyn(#"["a"]"#), s("z")), .long(-1))
        XCTAssertEqual(RT.call("array_index_of", RT.dyn(#"["a"]"#), s("a"), .long(5)), .null(.long))
        XCTAssertEqual(RT.call("pack_array", .long(1), s("a"), .null(.long)), RT.dyn(#"[1,"a",null]"#))
        XCTAssertEqual(RT.call("array_concat", RT.dyn("[1]"), RT.dyn("[2,3]")), RT.dyn("[1,2,3]"))
        XCTAssertEqual(RT.call("array_slice", RT.dyn("[1,2,3,4,5]"), .long(1), .long(-2)), RT.dyn("[2,3,4]"))
        XCTAssertEqual(RT.call("array_slice", RT.dyn("[1,2,3]"), .long(2), .long(10)), RT.dyn("[3]"))
        XCTAssertEqual(RT.call("set_union", RT.dyn("[1,2]"), RT.dyn("[2,3]")), RT.dyn("[1,2,3]"))
        XCTAssertEqual(RT.call("set_intersect", RT.dyn("[1,2,2]"), RT.dyn("[2,3]")), RT.dyn("[2]"))
        XCTAssertEqual(RT.call("set_difference", RT.dyn("[1,2,3]"), RT.dyn("[2]")), RT.dyn("[1,3]"))
    }

    func testBags() {
        XCTAssertEqual(RT.call("bag_pack", s("a"), .long(1), s("b"), s("x")), RT.dyn(#"{"a":1,"b":"x"}"#))
        XCTAssertEqual(RT.call("pack", s("k"), .bool(true)), RT.dyn(#"{"k":true}"#))
        XCTAssertEqual(RT.call("bag_keys", RT.dyn(#"{"z":1,"a":2}"#)), RT.dyn(#"["z","a"]"#))
        XCTAssertEqual(RT.call("bag_has_key", RT.dyn(#"{"z":1}"#), s("z")), .bool(true))
        XCTAssertEqual(RT.call("extractjson", s("$.a.b[1]"), s(#"{"a":{"b":[10,20]}}"#)), s("20"))
        XCTAssertEqual(RT.call("extractjson", s("$['x y']"), s(#"{"x y":"v"}"#)), s("v"))
        XCTAssertEqual(RT.call("extractjson", s("$.missing"), s(#"{"a":1}"#)), s(""))
    }

    func testParsePathAndURL() {
        let p = RT.call("parse_path", s(#"C:\Windows\System32\cmd.exe"#))
        XCTAssertEqual(p, RT.dyn(#"{"Scheme":"","RootPath":"C:\\","DirectoryPath":"C:\\Windows\\System32","DirectoryName":"System32","Filename":"cmd.exe","Extension":"exe","AlternateDataStreamName":""}"#))
        let ads = RT.call("parse_path", s(#"C:\temp\file.txt:hidden"#)).toDynamic
        XCTAssertEqual(ads["Filename"], .string("file.txt"))
        XCTAssertEqual(ads["AlternateDataStreamName"], .string("hidden"))
        let unc = RT.call("parse_path", s(#"\\srv\share\dir\a.ps1"#)).toDynamic
        XCTAssertEqual(unc["RootPath"], .string(#"\\srv\share"#))
        XCTAssertEqual(unc["Extension"], .string("ps1"))
        let u = RT.call("parse_url", s("https://user:pw@host.example.com:8443/p/a.php?x=1&y=a%20b#frag")).toDynamic
        XCTAssertEqual(u["Scheme"], .string("https"))
        XCTAssertEqual(u["Host"], .string("host.example.com"))
        XCTAssertEqual(u["Port"], .string("8443"))
        XCTAssertEqual(u["Path"], .string("/p/a.php"))
        XCTAssertEqual(u["Username"], .string("user"))
        XCTAssertEqual(u["Password"], .string("pw"))
        XCTAssertEqual(u["Query Parameters"]["y"], .string("a b"))
        XCTAssertEqual(u["Fragment"], .string("frag"))
        XCTAssertEqual(RT.call("parse_url", s("not a url")).toDynamic["Host"], .string(""))
    }
}
