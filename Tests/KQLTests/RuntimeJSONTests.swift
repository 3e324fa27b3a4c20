import XCTest
@testable import KQL

final class RuntimeJSONTests: XCTestCase {
    func testScalarsAndStructure() {
        XCTAssertEqual(Dynamic.parse(json: "1"), .long(1))
        XCTAssertEqual(Dynamic.parse(json: "-1.5e2"), .real(-150))
        XCTAssertEqual(Dynamic.parse(json: "9223372036854775808"), .real(9_223_372_036_854_775_808))
        XCTAssertEqual(Dynamic.parse(json: " true "), .bool(true))
        XCTAssertEqual(Dynamic.parse(json: "null"), .null)
        XCTAssertEqual(Dynamic.parse(json: #""a\"b\\c\n\u00e9\ud83d\ude00""#), .string("a\"b\\c\né😀"))
        let d = Dynamic.parse(json: #"{"b":1,"a":[true,{"x":null}]}"#)!
        XCTAssertEqual(d["a"][1]["x"], .null)
        XCTAssertEqual(d.jsonText, #"{"b":1,"a":[true,{"x":null}]}"#)  // key order kept
    }

    func testRejectsMalformed() {
        for bad in ["", "{", "[1,]", "{\"a\"}", "01", "1.", "tru", "\"abc", "[1] x", "{'a':1}", "\"\u{1}\"", "\"\\q\"", "-"] {
            XCTAssertNil(Dynamic.parse(json: bad), bad)
        }
    }

    func testDepthLimit() {
        let ok = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        XCTAssertNotNil(Dynamic.parse(json: ok))
        let deep = String(repeating: "[", count: 129) + String(repeating: "]", count: 129)
        XCTAssertNil(Dynamic.parse(json: deep))
        let hostile = String(repeating: "{\"a\":", count: 100_000)
        XCTAssertNil(Dynamic.parse(json: hostile))  // no stack overflow
    }

    func testSerialisationEscapes() {
        let d = Dynamic.array([.string("q\"\\\n\u{1}"), .real(0.5), .real(.nan), .datetime(Ticks.unixEpoch), .timespan(Ticks.perHour)])
        XCTAssertEqual(Dynamic.array([.real(2), .real(1e20)]).jsonText, "[2.0,1E+20]")
        XCTAssertEqual(d.jsonText, #"["q\"\\\n\u0001",0.5,"NaN","1970-01-01T00:00:00.0000000Z","01:00:00"]"#)
        XCTAssertEqual(Dynamic.parse(json: Dynamic.array([.string("q\"\\\n\u{1}é")]).jsonText), .array([.string("q\"\\\n\u{1}é")]))
    }

    /// Every line of the real telemetry parses, and serialising then re-parsing gives the same tree.
    func testRealTelemetryRoundTrips() throws {
        let dir = try RT.shared("data")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".jsonl") }.sorted()
        XCTAssertFalse(files.isEmpty)
        var rows = 0
        for f in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + f))
            for line in data.split(separator: 0x0A) where !line.isEmpty {
                let parsed = line.withUnsafeBytes { Dynamic.parse(json: $0) }
                guard let p = parsed, case .bag(let bag) = p else { return XCTFail("\(f): line \(rows) did not parse") }
                XCTAssertGreaterThan(bag.count, 0)
                XCTAssertTrue(Dynamic.parse(json: p.jsonText) == p, "\(f) row \(rows) does not round-trip")
                rows += 1
            }
        }
        XCTAssertGreaterThan(rows, 1000)
        print("parsed and round-tripped \(rows) real telemetry rows")
    }

    func testValueConversions() {
        XCTAssertEqual(Value.fromDynamic(.long(3)), .long(3))
        XCTAssertEqual(Value.fromDynamic(.array([])), .dynamic(.array([])))
        XCTAssertEqual(Value.int(3).toDynamic, .long(3))
        XCTAssertEqual(Value.null(.datetime).toDynamic, .null)
        XCTAssertEqual(Value.dynamic(.string("x")).unwrapped, .string("x"))
    }
}
