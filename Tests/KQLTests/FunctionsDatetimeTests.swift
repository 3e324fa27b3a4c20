import XCTest
@testable import KQL

final class FunctionsDatetimeTests: XCTestCase {
    func s(_ v: String) -> Value { .string(v) }
    let hour = Value.timespan(Ticks.perHour)

    func testNowAndAgo() {
        XCTAssertEqual(RT.call("now"), .datetime(RT.now))
        XCTAssertEqual(RT.call("now", .timespan(-Ticks.perHour)), .datetime(RT.now - Ticks.perHour))
        XCTAssertEqual(RT.call("ago", .timespan(Ticks.perDay)), .datetime(RT.now - Ticks.perDay))
        XCTAssertEqual(RT.call("ago", .null(.timespan)), .null(.datetime))
    }

    // §9 row 24, fn-085.
    func testDatetimeDiffCountsBoundaries() {
        XCTAssertEqual(RT.call("datetime_diff", s("day"), RT.dt("2024-01-02 00:00"), RT.dt("2024-01-01 23:59")), .long(1))
        XCTAssertEqual(RT.call("datetime_diff", s("year"), RT.dt("2024-01-01"), RT.dt("2023-12-31T23:59:59Z")), .long(1))
        XCTAssertEqual(RT.call("datetime_diff", s("month"), RT.dt("2024-03-01"), RT.dt("2023-12-31")), .long(3))
        XCTAssertEqual(RT.call("datetime_diff", s("quarter"), RT.dt("2024-04-01"), RT.dt("2024-03-31")), .long(1))
        XCTAssertEqual(RT.call("datetime_diff", s("week"), RT.dt("2024-01-07"), RT.dt("2024-01-06")), .long(1)) // Sat→Sun
        XCTAssertEqual(RT.call("datetime_diff", s("hour"), RT.dt("2024-01-01 10:00"), RT.dt("2024-01-01 12:30")), .long(-2))
        XCTAssertEqual(RT.call("datetime_diff", s("second"), RT.dt("2024-01-01 10:00:01"), RT.dt("2024-01-01 10:00:00.9")), .long(1))
        XCTAssertEqual(RT.call("datetime_diff", s("day"), .null(.datetime), RT.dt("2024-01-01")), .null(.long))
        guard case .failure(let e)? = RT.bind("datetime_diff", [.string, .datetime, .datetime],
                                              constants: [s("fortnight"), nil, nil]) else { return XCTFail() }
        XCTAssertEqual(e.argument, 0)
    }

    func testAddPartStartEnd() {
        XCTAssertEqual(RT.call("datetime_add", s("month"), .long(1), RT.dt("2024-01-31")), RT.dt("2024-02-29"))
        XCTAssertEqual(RT.call("datetime_add", s("year"), .long(-1), RT.dt("2024-02-29 10:00")), RT.dt("2023-02-28 10:00"))
        XCTAssertEqual(RT.call("datetime_add", s("hour"), .long(2), RT.dt("2024-01-01")), RT.dt("2024-01-01 02:00"))
        XCTAssertEqual(RT.call("datetime_part", s("dayofyear"), RT.dt("2024-03-01")), .long(61))
        XCTAssertEqual(RT.call("datetime_part", s("quarter"), RT.dt("2024-08-01")), .long(3))
        XCTAssertEqual(RT.call("datetime_part", s("week_of_year"), RT.dt("2021-01-03")), .long(53))
        XCTAssertEqual(RT.call("datetime_part", s("millisecond"), RT.dt("2024-01-01T00:00:00.1234567Z")), .long(123))
        XCTAssertEqual(RT.call("startofday", RT.dt("2024-03-05T10:59:59Z")), RT.dt("2024-03-05"))
        XCTAssertEqual(RT.call("startofday", RT.dt("2024-03-05T10:59:59Z"), .long(-1)), RT.dt("2024-03-04"))
        XCTAssertEqual(RT.call("startofweek", RT.dt("2024-01-10")), RT.dt("2024-01-07"))        // Sunday
        XCTAssertEqual(RT.call("startofmonth", RT.dt("2024-03-05T10:00Z")), RT.dt("2024-03-01"))
        XCTAssertEqual(RT.call("startofyear", RT.dt("2024-03-05")), RT.dt("2024-01-01"))
        XCTAssertEqual(RT.call("endofday", RT.dt("2024-03-05T10:00Z")), RT.dt("2024-03-05T23:59:59.9999999Z"))
        XCTAssertEqual(RT.call("endofmonth", RT.dt("2024-02-10")), RT.dt("2024-02-29T23:59:59.9999999Z"))
        XCTAssertEqual(RT.call("endofyear", RT.dt("2024-02-10")), RT.dt("2024-12-31T23:59:59.9999999Z"))
    }

    // §9 row 25, fn-087.
    func testDayOfWeekIsTimespan() {
        XCTAssertEqual(RT.call("dayofweek", RT.dt("2024-01-07")), .timespan(0))
        XCTAssertEqual(RT.call("dayofweek", RT.dt("2024-01-08")), .timespan(Ticks.perDay))
        XCTAssertEqual(RT.call("dayofweek", RT.dt("2024-01-13T23:00Z")), .timespan(6 * Ticks.perDay))
        XCTAssertEqual(RT.call("dayofweek", RT.dt("0001-01-01")), .timespan(Ticks.perDay))  // a Monday
        XCTAssertEqual(RT.call("hourofday", RT.dt("2024-01-13T23:00Z")), .long(23))
        XCTAssertEqual(RT.call("dayofmonth", RT.dt("2024-01-13")), .long(13))
        XCTAssertEqual(RT.call("getmonth", RT.dt("2024-07-13")), .long(7))
    }

    func testFormatting() {
        let t = RT.dt("2024-03-05T14:07:09.1234567Z")
        XCTAssertEqual(RT.call("format_datetime", t, s("yyyy-MM-dd HH:mm:ss.fff")), s("2024-03-05 14:07:09.123"))
        XCTAssertEqual(RT.call("format_datetime", t, s("M/d/yy h:mm tt")), s("3/5/24 2:07 PM"))
        XCTAssertEqual(RT.call("format_datetime", .null(.datetime), s("yyyy")), s(""))
        XCTAssertEqual(RT.call("format_timespan", .timespan(Ticks.perDay + 2 * Ticks.perHour + 3 * Ticks.perSecond), s("d:hh:mm:ss")), s("1:02:00:03"))
    }

    func testUnixAndMake() {
        XCTAssertEqual(RT.call("unixtime_seconds_todatetime", .long(1_546_300_800)), RT.dt("2019-01-01"))
        XCTAssertEqual(RT.call("unixtime_seconds_todatetime", .real(1.5)), .datetime(Ticks.unixEpoch + 15_000_000))
        XCTAssertEqual(RT.call("unixtime_milliseconds_todatetime", .long(1_546_300_800_123)), RT.dt("2019-01-01T00:00:00.123Z"))
        XCTAssertEqual(RT.call("make_datetime", .long(2017), .long(10), .long(1)), RT.dt("2017-10-01"))
        XCTAssertEqual(RT.call("make_datetime", .long(2017), .long(10), .long(1), .long(12), .long(10), .real(59.5)),
                       RT.dt("2017-10-01T12:10:59.5Z"))
        XCTAssertEqual(RT.call("make_datetime", .long(2017), .long(2), .long(30)), .null(.datetime))
    }

    // fn-086 and §5.3 bin.
    func testBin() {
        XCTAssertEqual(RT.call("bin", RT.dt("2024-03-05T10:59:59Z"), hour), RT.dt("2024-03-05 10:00"))
        XCTAssertEqual(RT.call("bin", .long(7), .long(5)), .long(5))
        XCTAssertEqual(RT.call("bin", .long(-7), .long(5)), .long(-10))
        XCTAssertEqual(RT.call("bin", .real(4.7), .real(0.5)), .real(4.5))
        XCTAssertEqual(RT.call("bin", .timespan(90 * Ticks.perMinute), hour), .timespan(Ticks.perHour))
        XCTAssertEqual(RT.call("bin", .long(7), .long(0)), .null(.long))
        XCTAssertEqual(RT.call("bin", RT.dt("2024-01-01"), .timespan(-1)), .null(.datetime))
        XCTAssertEqual(RT.call("floor", .null(.long), .long(3)), .null(.long))
        XCTAssertEqual(RT.call("bin", .int(7), .long(5)), .long(5))
        guard case .failure? = RT.bind("bin", [.datetime, .long]) else { return XCTFail("bin(datetime, long) bound") }
    }
}
