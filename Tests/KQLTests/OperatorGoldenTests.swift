import XCTest
@testable import KQL

/// One query per operator over inline data, with the expected result written next to it
/// (rows rendered as `a|b|c`, values in KQL's canonical text, null as `<null>`).
final class OperatorGoldenTests: XCTestCase {
    static func render(_ rows: [[Value]]) -> [String] {
        rows.map { $0.map { $0.isNull ? "<null>" : $0.text }.joined(separator: "|") }
    }

    func check(_ query: String, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
        let (q, diags) = KQLCompiler.compile(query)
        guard let q else { return XCTFail("does not compile: \(diags)", file: file, line: line) }
        XCTAssertEqual(Self.render(q.evaluate([:])), expected, query, file: file, line: line)
    }

    let events = """
    let E = datatable(Device:string, Proc:string, Bytes:long, T:datetime) [
      "d1", "a.exe", 10, datetime(2024-01-01 10:05),
      "d1", "b.exe", 20, datetime(2024-01-01 10:55),
      "d2", "a.exe", 5,  datetime(2024-01-01 11:10),
      "d1", "a.exe", long(null), datetime(2024-01-01 11:20),
      "d3", "c.exe", 7,  datetime(2024-01-01 12:00)];
    """

    func testSummarizeWithBin() {
        check(events + "E | summarize n = count(), total = sum(Bytes) by Device, bin(T, 1h) | sort by Device asc, T asc",
              ["d1|2024-01-01T10:00:00.0000000Z|2|30", "d1|2024-01-01T11:00:00.0000000Z|1|0",
               "d2|2024-01-01T11:00:00.0000000Z|1|5", "d3|2024-01-01T12:00:00.0000000Z|1|7"])
    }

    func testAggregates() {
        check(events + "E | summarize dcount(Proc), make_set(Proc), max(Bytes), min(Bytes), avg(Bytes), countif(Bytes > 6)",
              ["3|[\"a.exe\",\"b.exe\",\"c.exe\"]|20|5|10.5|3"])
        check(events + "E | summarize arg_max(Bytes, Proc) by Device | sort by Device asc", ["d1|20|b.exe", "d2|5|a.exe", "d3|7|c.exe"])
        check(events + "E | where Device == 'zz' | summarize count(), sum(Bytes), make_list(Proc)", ["0|0|[]"])
        check(events + "E | where Device == 'zz' | summarize count() by Device", [])
    }

    func testSortDefaultsToDescendingWithNullsLast() {
        check(events + "E | sort by Bytes | project Bytes", ["20", "10", "7", "5", "<null>"])
        check(events + "E | sort by Bytes asc | project Bytes", ["<null>", "5", "7", "10", "20"])
        check(events + "E | top 2 by Bytes | project Proc", ["b.exe", "a.exe"])
    }

    func testDistinctAndCount() {
        check(events + "E | distinct Device, Proc | count", ["4"])
        check(events + "E | distinct Device", ["d1", "d2", "d3"])
    }

    /// spec §5.4: two left rows and three right rows on one key: innerunique 3, inner 6.
    func testJoinKinds() {
        let data = """
        let L = datatable(k:string, l:long) ["d1", 1, "d1", 2, "d2", 3];
        let R = datatable(k:string, r:long) ["d1", 10, "d1", 20, "d1", 30, "d9", 90];
        """
        check(data + "L | join R on k | count", ["3"])
        check(data + "L | join kind=inner R on k | count", ["6"])
        check(data + "L | join kind=leftouter R on k | where isnull(r) | project k, l", ["d2|3"])
        check(data + "L | join kind=leftanti R on k", ["d2|3"])
        check(data + "L | join kind=rightanti R on k", ["d9|90"])
        check(data + "L | join kind=leftsemi R on k | count", ["2"])
        check(data + "L | join kind=fullouter R on k | count", ["8"])
        check(data + "L | join kind=inner (R | where r > 15) on $left.k == $right.k | project l, r, k1 | sort by l asc, r asc",
              ["1|20|d1", "1|30|d1", "2|20|d1", "2|30|d1"])
        check(data + "L | lookup R on k | count", ["7"])
    }

    func testMvExpandAndParse() {
        check("datatable(id:long, a:dynamic) [1, dynamic([1,2]), 2, dynamic([]), 3, dynamic(null)] | mv-expand a | project id, a",
              ["1|1", "1|2", "3|<null>"])
        check("datatable(s:string) ['user=bob id=42', 'garbage'] | parse s with 'user=' User ' id=' Id:long | project User, Id",
              ["bob|42", "|<null>"])
    }

    func testUnionAndProjections() {
        check("union withsource=Src (datatable(a:long)[1]), (datatable(b:string)['x']) | project Src, a, b",
              ["union_arg0|1|", "union_arg1|<null>|x"])
        check("datatable(a:long, b:string, c:real)[1, 'x', 2.5] | project-away b | project-rename z = a | project-reorder c",
              ["2.5|1"])
        check("datatable(a:long)[1, 2, 3] | extend b = a * 2, a = a + 10 | where b > 2",
              ["12|4", "13|6"])
    }

    func testSubqueriesAndFunctions() {
        let data = """
        let Bad = datatable(h:string)['X1', 'X3'];
        let f = (s:string) { strcat(s, '!') };
        let g = (T:(h:string)) { T | where h startswith_cs 'X' };
        let top1 = toscalar(Bad | summarize max(h));
        """
        check(data + "datatable(h:string)['x1', 'X1', 'X2', 'X3'] | where h in (Bad) | extend e = f(h), m = top1",
              ["X1|X1!|X3", "X3|X3!|X3"])
        check(data + "datatable(h:string)['x1', 'X2'] | where h in~ (Bad)", ["x1"])
        check(data + "datatable(h:string)['x1', 'X2'] | invoke g() | count", ["1"])
    }

    /// Long IOC chains (`x == a or x == b or …`, 1,500 terms) bind and evaluate without deep recursion.
    func testLongOrChain() {
        let terms = (0..<1500).map { "h == 'f\($0).exe'" }.joined(separator: " or ")
        check("datatable(h:string)['f7.exe', 'g.exe', 'f1499.exe'] | where \(terms)", ["f7.exe", "f1499.exe"])
        check("datatable(x:long)[long(null)] | where x > 1 or true or x < 0", ["<null>"])
        check("datatable(x:long)[long(null)] | extend r = x > 1 and true and x < 5 | project r", ["<null>"])
    }

    /// `row_number()`, `prev()`, `next()` over a serialized (sorted) row set.
    func testSerializedRowFunctions() {
        check("datatable(t:long, v:string)[3, 'c', 1, 'a', 2, 'b'] | sort by t asc | extend n = row_number(), p = prev(v), q = next(v, 1, 'end')",
              ["1|a|1||b", "2|b|2|a|c", "3|c|3|b|end"])
        check("datatable(t:long)[1, 5, 6, 10] | serialize | where t - prev(t, 1, 0) >= 4", ["5", "10"])
    }
}
