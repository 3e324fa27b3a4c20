import XCTest
@testable import KQL

final class FunctionsConversionTests: XCTestCase {
    func s(_ v: String) -> Value { .string(v) }

    // §6 tostring and §9 row 20, fn-075, fn-079.
    func testToString() {
        XCTAssertEqual(RT.call("tostring", .null(.long)), s(""))
        XCTAssertEqual(RT.call("tostring", .long(-5)), s("-5"))
        XCTAssertEqual(RT.call("tostring", .real(1.5)), s("1.5"))
        XCTAssertEqual(RT.call("tostring", .real(2)), s("2"))
        XCTAssertEqual(RT.call("tostring", .bool(true)), s("true"))
        XCTAssertEqual(RT.call("tostring", RT.dt("2024-03-05T10:00:00Z")), s("2024-03-05T10:00:00.0000000Z"))
        XCTAssertEqual(RT.call("tostring", .timespan(Ticks.perDay + 90 * Ticks.perMinute)), s("1.01:30:00"))
        XCTAssertEqual(RT.call("tostring", .timespan(-5)), s("-00:00:00.0000005"))
        XCTAssertEqual(RT.call("tostring", .dynamic(RT.dyn(#"{"a":1}"#).toDynamic["a"])), s("1"))
        XCTAssertEqual(RT.call("tostring", RT.dyn(#"{"a":[1,"x",null,true,1.5]}"#)), s(#"{"a":[1,"x",null,true,1.5]}"#))
        XCTAssertEqual(RT.call("tostring", .dynamic(.string("q\"x"))), s("q\"x"))
        XCTAssertEqual(RT.call("tostring", .dynamic(.null)), s(""))
    }

    func testNumbers() {
        XCTAssertEqual(RT.call("toint", s("abc")), .null(.int))          // fn-078
        XCTAssertEqual(RT.call("toint", s(" 42 ")), .int(42))
        XCTAssertEqual(RT.call("toint", s("99999999999")), .null(.int))
        XCTAssertEqual(RT.call("toint", .real(-2.9)), .int(-2))
        XCTAssertEqual(RT.call("tolong", s("-9000000000")), .long(-9_000_000_000))
        XCTAssertEqual(RT.call("tolong", .bool(true)), .long(1))
        XCTAssertEqual(RT.call("tolong", RT.dyn("7")), .long(7))
        XCTAssertEqual(RT.call("tolong", s("0x10")), .null(.long))
        XCTAssertEqual(RT.call("todouble", s("1.5e3")), .real(1500))
        XCTAssertEqual(RT.call("toreal", s("nope")), .null(.real))
        XCTAssertEqual(RT.call("toreal", s("0x1p3")), .null(.real))
        XCTAssertEqual(RT.call("todouble", .long(3)), .real(3))
    }

    func testBoolDatetimeTimespanGuid() {
        XCTAssertEqual(RT.call("tobool", s("TRUE")), .bool(true))
        XCTAssertEqual(RT.call("tobool", s("false")), .bool(false))
        XCTAssertEqual(RT.call("tobool", .long(0)), .bool(false))
        XCTAssertEqual(RT.call("tobool", s("yes")), .null(.bool))
        XCTAssertEqual(RT.call("todatetime", s("2024-03-05 10:15:00")), RT.dt("2024-03-05T10:15:00Z"))
        XCTAssertEqual(RT.call("todatetime", s("2024-02-30")), .null(.datetime))
        XCTAssertEqual(RT.call("todatetime", RT.dyn(#""2024-03-05T10:15:00Z""#)), RT.dt("2024-03-05T10:15:00Z"))
        XCTAssertEqual(RT.call("totimespan", s("1.02:03:04.5")), .timespan(Ticks.perDay + 2 * Ticks.perHour + 3 * Ticks.perMinute + 45_000_000))
        XCTAssertEqual(RT.call("totimespan", s("90m")), .timespan(90 * Ticks.perMinute))
        XCTAssertEqual(RT.call("totimespan", s("1.5h")), .timespan(90 * Ticks.perMinute))
        XCTAssertEqual(RT.call("totimespan", s("xyz")), .null(.timespan))
        XCTAssertEqual(RT.call("toguid", s("74BE27DE-1E4E-49D9-B579-FE0B331D3642")), .guid("74be27de-1e4e-49d9-b579-fe0b331d3642"))
        XCTAssertEqual(RT.call("toguid", s("74be27de-1e4e-49d9-b579-fe0b331d364")), .null(.guid))
        XCTAssertEqual(RT.call("tohex", .long(255)), s("ff"))
    }

    func testGetType() {
        XCTAssertEqual(RT.call("gettype", s("a")), s("string"))
        XCTAssertEqual(RT.call("gettype", .int(1)), s("int"))
        XCTAssertEqual(RT.call("gettype", RT.dyn("[1]")), s("array"))
        XCTAssertEqual(RT.call("gettype", RT.dyn("{}")), s("dictionary"))
        XCTAssertEqual(RT.call("gettype", .dynamic(.null)), s("null"))
        XCTAssertEqual(RT.call("gettype", RT.dyn("1.5")), s("real"))
    }
}

/// Hostile numbers must give null, never trap (attacker-controlled text, §7 spirit).
final class FunctionsOverflowTests: XCTestCase {
    func s(_ v: String) -> Value { .string(v) }

    func testNoTrapsOnExtremeInputs() {
        XCTAssertEqual(RT.call("totimespan", s("99999999999:00:00")), .null(.timespan))
        XCTAssertEqual(RT.call("totimespan", s("999999999999.00:00:00")), .null(.timespan))
        XCTAssertEqual(RT.call("totimespan", s("1e300d")), .null(.timespan))
        XCTAssertEqual(RT.call("totimespan", s("1e300nanos")), .null(.timespan))
        XCTAssertEqual(RT.call("totimespan", s("-01:00:00")), .timespan(-Ticks.perHour))
        XCTAssertEqual(RT.call("datetime_add", s("year"), .long(.max), RT.dt("2024-01-01")), .null(.datetime))
        XCTAssertEqual(RT.call("startofmonth", RT.dt("2024-01-01"), .long(.min)), .null(.datetime))
        XCTAssertEqual(RT.call("indexof", s("abc"), s("c"), .long(1), .long(.max)), .long(2))
        XCTAssertEqual(RT.call("array_index_of", RT.dyn("[1,2]"), .long(2), .long(1), .long(.max)), .long(1))
        XCTAssertEqual(RT.call("tohex", .long(1), .long(.max)).stringPayload?.count, 64)
        XCTAssertEqual(RT.call("make_timespan", .real(1e300), .long(0)), .null(.timespan))
        _ = RT.call("bin", .datetime(.min), .timespan(Ticks.perDay))
        _ = RT.call("bin", .long(.min), .long(7))
        _ = RT.call("format_datetime", .datetime(.max), s("yyyy-MM-dd"))
        _ = RT.call("datetime_diff", s("nanosecond"), .datetime(.max), .datetime(.min))
        _ = RT.call("substring", s("abc"), .long(.min), .long(.max))
        _ = RT.call("unixtime_milliseconds_todatetime", .long(.max))
        _ = RT.call("make_datetime", .long(.max), .long(1), .long(1))
        XCTAssertEqual(RT.call("tolong", s("99999999999999999999999")), .null(.long))
    }
}
