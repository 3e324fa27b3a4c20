import KQL
import XCTest
@testable import Telemetry

final class ValueParsingTests: XCTestCase {
    func parse(_ s: String) -> (fast: Int64?, full: Int64?, ticks: Int64?) {
        let b = Array(s.utf8)
        return b.withUnsafeBufferPointer { p in
            (ValueParsing.fastDatetime(p.baseAddress!, 0, b.count), ValueParsing.datetime(p.baseAddress!, 0, b.count),
             Ticks.parseDatetime(b))
        }
    }

    func testDatetimeFastPathAgreesWithTicks() {
        var forms = ["2021-06-23 03:08:19.930804700+00:00", "2021-06-23 03:16:01.250792+00:00",
                     "2021-12-15T23:00:03.4494644Z", "2021-08-02T13:32:07Z", "2021-08-02T13:32:02.057Z",
                     "2023-08-16 04:53:48.446", "2024-02-29T23:59:59.9999999Z", "1970-01-01T00:00:00.0000000Z",
                     "2024-03-05T10:14:58.7-05:30", "2024-03-05T10:14:58+01:00"]
        for digits in 0...9 {
            forms.append("2024-03-05T10:14:58" + (digits == 0 ? "" : "." + String("123456789".prefix(digits))) + "Z")
        }
        for f in forms {
            let r = parse(f)
            XCTAssertNotNil(r.ticks, f)
            XCTAssertEqual(r.full, r.ticks, f)
            if let fast = r.fast { XCTAssertEqual(fast, r.ticks, f) }
        }
        XCTAssertEqual(parse("2021-12-15T23:00:03.4494644Z").fast, parse("2021-12-15T23:00:03.4494644Z").ticks)
        for bad in ["2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T00:00:00.Z",
                    "yesterday", "2024-01-01T00:00:00Zjunk"] {
            XCTAssertNil(parse(bad).full, bad)
        }
        XCTAssertEqual(parse("2024-03-05").full, Ticks.datetime(year: 2024, month: 3, day: 5))
    }

    func testNumbersGuidsBools() {
        func text(_ s: String, _ t: KQLType) -> Value { ValueConversion.text(s, t) }
        XCTAssertEqual(text("123", .long), .long(123))
        XCTAssertEqual(text("-9223372036854775808", .long), .long(Int64.min))
        XCTAssertEqual(text("0x62f2d", .long), .long(0x62f2d))
        XCTAssertEqual(text("12abc", .long), .null(.long))
        XCTAssertEqual(text("4294967296", .int), .null(.int))
        XCTAssertEqual(text("1e3", .real), .real(1000))
        XCTAssertEqual(text("99999999999999999999", .real), .real(1e20))
        XCTAssertEqual(text("{81056205-565C-64DC-2304-000000000800}", .guid), .guid("81056205-565c-64dc-2304-000000000800"))
        XCTAssertEqual(text("not-a-guid", .guid), .null(.guid))
        XCTAssertEqual(text("True", .bool), .bool(true))
        XCTAssertEqual(text("0", .bool), .bool(false))
        XCTAssertEqual(text("1.02:03:04.5", .timespan), .timespan(Ticks.perDay + 2 * Ticks.perHour + 3 * Ticks.perMinute + 45_000_000))
        XCTAssertEqual(text("", .long), .null(.long))
        XCTAssertEqual(text("", .string), .string(""))
    }

    func testJSONValueDecoder() {
        func d(_ s: String) -> Dynamic? { JSONValueDecoder.decode(Array(s.utf8)) }
        XCTAssertEqual(d(#" {"a":[1,-2.5e1,"x\u00e9",false,null,{}], "b":{"c":[]}} "#), .bag(DynamicBag([
            ("a", .array([.long(1), .real(-25), .string("xé"), .bool(false), .null, .bag(DynamicBag())])),
            ("b", .bag(DynamicBag([("c", .array([]))]))),
        ])))
        XCTAssertNil(d(#"{"a":1"#))
        XCTAssertNil(d(#"{"a":1} x"#))
        XCTAssertNil(d(String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)), "too deep")
    }
}
