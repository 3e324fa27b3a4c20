import Foundation
import XCTest
import KQL
@testable import Engine

/// Loading, diagnostics and the literal built from a hit.
final class ExclusionFileTests: XCTestCase {
    func testBrokenExclusionIsRejectedWithFileLineColumnAndOthersLoad() throws {
        let text = """
        exclusions:
          - id: good
            name: Good one
            rules: "*"
            query: |
              InitiatingProcessFileName =~ "wbadmin.exe"
          - id: bad-column
            query: |
              InitiatingProcessFileName =~ "x.exe"
              and NoSuchColumn == 1
          - id: bad-syntax
            query: FolderPath has_any ("a",
        """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("excl-\(UUID().uuidString).yaml").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let rules = RuleSet.load(paths: [ExclusionFixtures.rules])
        let set = ExclusionSet.load(file: file, rules: rules)
        XCTAssertEqual(set.entries.map(\.exclusion.id), ["good"])
        XCTAssertEqual(set.errors.count, 2)
        let unknown = try XCTUnwrap(set.errors.first { $0.message.contains("bad-column") })
        // `NoSuchColumn` is on line 10, column 11 of the file.
        XCTAssertEqual(unknown.description.prefix(file.count + 7), "\(file):10:11:")
        let syntax = try XCTUnwrap(set.errors.first { $0.message.contains("bad-syntax") })
        XCTAssertEqual(syntax.file, file)
        XCTAssertEqual(syntax.line, 12)
        XCTAssertGreaterThan(syntax.column, 12)
    }

    func testAddingABrokenExclusionLeavesTheActiveSetUnchanged() throws {
        let rules = RuleSet.load(paths: [ExclusionFixtures.rules])
        let set = ExclusionSet.load(file: ExclusionFixtures.exclusions, rules: rules)
        let before = set.entries.map(\.exclusion.id)
        let beforeMask = set.activeMask
        let r = set.add(Exclusion(id: "broken", name: "broken", predicate: "FolderPath ==", file: "x.yaml", line: 3, indent: 6))
        guard case .failure(let e) = r else { return XCTFail("a broken predicate was accepted") }
        XCTAssertEqual(e.file, "x.yaml")
        XCTAssertEqual(e.line, 3)
        XCTAssertEqual(set.entries.map(\.exclusion.id), before)
        XCTAssertEqual(set.activeMask, beforeMask)
    }

    func testLiteralFromAHitEscapesQuotesAndBackslashes() throws {
        let tricky = ["C:\\Users\\o'brien\\say \"hi\".eml", "a\\\"b", "\"", "\\", "tab\there\nnewline \"q\" \\end\\", "plain"]
        let schema = try XCTUnwrap(Schema.standard.table("DeviceFileEvents"))
        let slot = try XCTUnwrap(schema.slot(of: "FolderPath"))
        for s in tricky {
            let pred = ExclusionLiteral.predicate(column: "FolderPath", text: s)
            let (q, d) = KQLCompiler.compile("DeviceFileEvents | where \(pred)")
            let query = try XCTUnwrap(q, "\(pred): \(d)")
            func row(_ v: String) -> [Value] {
                var r = [Value](repeating: .null(.string), count: schema.columns.count)
                r[slot] = .string(v)
                return r
            }
            XCTAssertEqual(query.evaluate(["DeviceFileEvents": [row(s)]]).count, 1, pred)
            XCTAssertEqual(query.evaluate(["DeviceFileEvents": [row(s + "x"), row(s.replacingOccurrences(of: "\\", with: "/") + "\u{1}")]]).count, 0, pred)
        }
        XCTAssertEqual(ExclusionLiteral.string("C:\\a\"b"), "@\"C:\\a\"\"b\"")
        XCTAssertEqual(ExclusionLiteral.string("x\ty\\\""), "\"x\\ty\\\\\\\"\"")
        XCTAssertEqual(ExclusionLiteral.predicate(column: "InitiatingProcessId", text: "7388"), "InitiatingProcessId == 7388")
    }

    func testSavedExclusionReadsBack() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("excl-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let pred = ExclusionLiteral.predicate(column: "FolderPath", text: "D:\\Backup\\\"x\".eml")
        try ExclusionFile.append(Exclusion(id: "from-hit \"1\"", name: "n: \\ \"q\"", rules: [ExclusionFixtures.seedId], predicate: pred), to: file)
        try ExclusionFile.append(Exclusion(id: "two", name: "two", predicate: "FolderPath has \"a\""), to: file)
        let (xs, errs) = ExclusionFile.load(file)
        XCTAssertEqual(errs.map(\.description), [])
        XCTAssertEqual(xs.map(\.id), ["from-hit \"1\"", "two"])
        XCTAssertEqual(xs[0].name, "n: \\ \"q\"")
        XCTAssertEqual(xs[0].predicate.trimmingCharacters(in: .newlines), pred)
        XCTAssertEqual(xs[0].rules, [ExclusionFixtures.seedId])
        XCTAssertTrue(xs[1].appliesToAll)
    }
}
