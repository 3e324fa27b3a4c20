import XCTest
@testable import KQL

final class RuntimeValueOpsTests: XCTestCase {
    let nl = Value.null(.long)

    // §4.2 and §9 rows 6, 7, 21; vectors nul-042..045, num-057/058.
    func testEqualityNullRules() {
        XCTAssertEqual(ValueOps.notEquals(nl, .long(5)), true)
        XCTAssertEqual(ValueOps.equals(nl, .long(5)), false)
        XCTAssertNil(ValueOps.equals(nl, nl))
        XCTAssertNil(ValueOps.notEquals(nl, nl))
        XCTAssertNil(ValueOps.compare(nl, .long(3)))
        XCTAssertEqual(ValueOps.equals(.real(1.0), .long(1)), true)
        XCTAssertEqual(ValueOps.equals(.int(2), .long(2)), true)
        XCTAssertEqual(ValueOps.equals(.real(1000), .long(1000)), true)
        XCTAssertEqual(ValueOps.equals(.string(""), .string("")), true)
        XCTAssertEqual(ValueOps.equals(.string("abc"), .string("ABC")), false)
        XCTAssertEqual(ValueOps.equals(.timespan(90 * Ticks.perMinute), .timespan(Ticks.perHour * 3 / 2)), true)
        XCTAssertEqual(ValueOps.equals(.guid("ab"), .guid("AB")), true)
    }

    // §2.3 Decision on dynamic unwrapping.
    func testDynamicUnwrapping() {
        XCTAssertEqual(ValueOps.equals(.dynamic(.long(1)), .long(1)), true)
        XCTAssertEqual(ValueOps.equals(.dynamic(.long(1)), .real(1)), true)
        XCTAssertEqual(ValueOps.equals(.dynamic(.string("1")), .long(1)), false)
        XCTAssertEqual(ValueOps.notEquals(.dynamic(.string("1")), .long(1)), true)
        XCTAssertNil(ValueOps.less(.dynamic(.string("1")), .long(1)))
        XCTAssertEqual(ValueOps.equals(.dynamic(.null), .long(1)), false)
        XCTAssertEqual(ValueOps.equals(.dynamic(.array([.long(1)])), .long(1)), false)
        XCTAssertEqual(ValueOps.notEquals(.dynamic(.array([.long(1)])), .long(1)), true)
        XCTAssertNil(ValueOps.equals(.dynamic(.array([])), .dynamic(.array([]))))
        XCTAssertEqual(ValueOps.equals(.dynamic(.string("a")), .string("a")), true)
        XCTAssertEqual(ValueOps.greater(.dynamic(.long(5)), .long(3)), true)
    }

    func testOrdering() {
        XCTAssertEqual(ValueOps.less(.long(1), .real(1.5)), true)
        XCTAssertEqual(ValueOps.greater(.timespan(2), .timespan(1)), true)  // tsp-062
        XCTAssertNil(ValueOps.less(.real(.nan), .real(1)))
        XCTAssertEqual(ValueOps.compare(.datetime(5), .datetime(5)), 0)
        XCTAssertNil(ValueOps.compare(.datetime(5), .timespan(5)))
    }

    // §4.4 and vectors nul-050/051, btw-052..056.
    func testBetween() {
        XCTAssertNil(ValueOps.between(nl, .long(1), .long(10)))
        XCTAssertNil(ValueOps.notBetween(nl, .long(1), .long(10)))
        XCTAssertEqual(ValueOps.between(.long(10), .long(1), .long(10)), true)
        XCTAssertEqual(ValueOps.notBetween(.long(11), .long(1), .long(10)), true)
        let d1 = RT.dt("2024-01-01"), d2 = RT.dt("2024-01-02")
        XCTAssertEqual(ValueOps.between(d2, d1, d2), true)
        XCTAssertEqual(ValueOps.between(.datetime(Ticks.parseDatetime("2024-01-02")! + 1), d1, .timespan(Ticks.perDay)), false)
        XCTAssertEqual(ValueOps.between(d2, d1, .timespan(Ticks.perDay)), true)
        XCTAssertEqual(ValueOps.between(.long(2), .real(1.5), .real(2.5)), true)
    }

    // §3.1 list semantics; vector nul-013 and str-033/036.
    func testIn() {
        XCTAssertNil(ValueOps.isIn(nl, [.long(1), nl]))
        XCTAssertEqual(ValueOps.isIn(nl, [.long(1), .long(2)]), false)
        XCTAssertEqual(ValueOps.isIn(.string("b"), [.string("a"), .string("B")]), false)
        XCTAssertEqual(ValueOps.isIn(.long(3), ValueOps.flattenList([RT.dyn("[1,[2,3]]")])), true)
        XCTAssertEqual(ValueOps.flattenList([RT.dyn("[1,[2,[3]]]"), .long(4)]).count, 4)
    }

    // §4.3 and §9 row 8.
    func testThreeValuedLogic() {
        XCTAssertEqual(Logic.and(false, nil), false)
        XCTAssertEqual(Logic.and(nil, false), false)
        XCTAssertNil(Logic.and(true, nil))
        XCTAssertEqual(Logic.or(true, nil), true)
        XCTAssertNil(Logic.or(false, nil))
        XCTAssertNil(Logic.or(nil, nil))
        XCTAssertNil(Logic.not(nil))
        XCTAssertEqual(Logic.not(false), true)
    }

    // §2.3 arithmetic.
    func testArithmetic() {
        XCTAssertEqual(ValueOps.add(.int(2), .int(3)), .long(5))
        XCTAssertEqual(ValueOps.add(.long(.max), .long(1)), .long(.min))  // wraps
        XCTAssertEqual(ValueOps.multiply(.long(.max), .long(2)), .long(-2))
        XCTAssertEqual(ValueOps.divide(.long(7), .long(0)), .null(.long))
        XCTAssertEqual(ValueOps.modulo(.long(7), .long(0)), .null(.long))
        XCTAssertEqual(ValueOps.divide(.long(.min), .long(-1)), .long(.min))
        XCTAssertEqual(ValueOps.divide(.long(7), .long(2)), .long(3))
        XCTAssertEqual(ValueOps.divide(.real(1), .long(0)), .real(.infinity))
        XCTAssertEqual(ValueOps.add(.long(1), .real(0.5)), .real(1.5))
        XCTAssertEqual(ValueOps.add(nl, .long(1)), .null(.long))
        let d = Ticks.parseDatetime("2024-01-02")!
        XCTAssertEqual(ValueOps.subtract(.datetime(d), .datetime(d - Ticks.perDay)), .timespan(Ticks.perDay))
        XCTAssertEqual(ValueOps.add(.datetime(d), .timespan(Ticks.perHour)), .datetime(d + Ticks.perHour))
        XCTAssertEqual(ValueOps.subtract(.datetime(d), .timespan(Ticks.perHour)), .datetime(d - Ticks.perHour))
        XCTAssertEqual(ValueOps.multiply(.timespan(Ticks.perHour), .long(2)), .timespan(2 * Ticks.perHour))
        XCTAssertEqual(ValueOps.multiply(.real(1.5), .timespan(Ticks.perHour)), .timespan(Ticks.perHour * 3 / 2))
        XCTAssertEqual(ValueOps.divide(.timespan(Ticks.perDay), .timespan(Ticks.perHour)), .real(24))
        XCTAssertEqual(ValueOps.negate(.long(.min)), .long(.min))
        XCTAssertEqual(ValueOps.negate(.timespan(5)), .timespan(-5))
        XCTAssertEqual(ValueOps.add(.dynamic(.long(2)), .long(3)), .dynamic(.long(5)))
        XCTAssertEqual(ValueOps.add(.dynamic(.string("x")), .long(3)), .null(.dynamic))
    }

    // The binder's view (§2.3 table, §9 row 22).
    func testStaticTypes() {
        XCTAssertEqual(ValueOps.binaryResultType(op: .add, .int, .int), .long)
        XCTAssertEqual(ValueOps.binaryResultType(op: .add, .long, .real), .real)
        XCTAssertEqual(ValueOps.binaryResultType(op: .add, .real, .decimal), .decimal)
        XCTAssertEqual(ValueOps.binaryResultType(op: .subtract, .datetime, .datetime), .timespan)
        XCTAssertEqual(ValueOps.binaryResultType(op: .add, .datetime, .timespan), .datetime)
        XCTAssertNil(ValueOps.binaryResultType(op: .add, .datetime, .datetime))
        XCTAssertNil(ValueOps.binaryResultType(op: .add, .string, .string))
        XCTAssertNil(ValueOps.binaryResultType(op: .subtract, .timespan, .datetime))
        XCTAssertEqual(ValueOps.binaryResultType(op: .divide, .timespan, .timespan), .real)
        XCTAssertEqual(ValueOps.binaryResultType(op: .multiply, .long, .dynamic), .dynamic)
        XCTAssertFalse(ValueOps.comparable(.string, .long))
        XCTAssertFalse(ValueOps.comparable(.datetime, .timespan))
        XCTAssertTrue(ValueOps.comparable(.int, .real))
        XCTAssertTrue(ValueOps.comparable(.dynamic, .string))
        XCTAssertFalse(ValueOps.orderable(.string, .string))
        XCTAssertFalse(ValueOps.orderable(.bool, .long))
        XCTAssertTrue(ValueOps.orderable(.datetime, .datetime))
        XCTAssertFalse(ValueOps.orderable(.datetime, .long))
        XCTAssertTrue(ValueOps.orderable(.dynamic, .long))
    }
}
