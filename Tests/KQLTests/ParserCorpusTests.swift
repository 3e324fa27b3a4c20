import Foundation
import XCTest
@testable import KQL

final class ParserCorpusTests: XCTestCase {
    func testParserReportsOnEveryCorpusQuery() throws {
        let dir = try TestPaths.sharedFile("corpus/kql")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".kql") }.sorted()
        XCTAssertGreaterThan(files.count, 200)
        var clean = 0
        var lines: [String] = []
        for f in files {
            let text = try TestPaths.read(dir.appendingPathComponent(f))
            var p = Parser(text)
            _ = p.parse()
            if p.diagnostics.filter(\.isError).isEmpty { clean += 1 } else {
                lines.append("\(f): \(p.diagnostics.first!)")
            }
        }
        print("parse-clean: \(clean)/\(files.count)")
        for l in lines { print(l) }
    }
}
