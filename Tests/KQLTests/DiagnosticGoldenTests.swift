import Foundation
import XCTest
@testable import KQL

/// Query files in Golden/ with the diagnostics they must produce written next to them as
/// `// expect: LINE:COL CODE message-fragment` lines. A file without expect lines must compile.
final class DiagnosticGoldenTests: XCTestCase {
    func testGoldenDiagnostics() throws {
        let dir = TestPaths.packageRoot.appendingPathComponent("Tests/KQLTests/Golden")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".kql") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 10)
        for f in files {
            let text = try TestPaths.read(dir.appendingPathComponent(f))
            var expected: [(String, String, String)] = []
            for line in text.split(separator: "\n") where line.hasPrefix("// expect: ") {
                let rest = line.dropFirst("// expect: ".count).split(separator: " ", maxSplits: 2).map(String.init)
                expected.append((rest[0], rest[1], rest.count > 2 ? rest[2] : ""))
            }
            let (q, diags) = KQLCompiler.compile(text)
            let errors = diags.filter(\.isError)
            if expected.isEmpty {
                XCTAssertNotNil(q, "\(f) should compile: \(errors)")
                continue
            }
            XCTAssertNil(q, "\(f) must not compile")
            XCTAssertEqual(errors.count, expected.count, "\(f): \(errors)")
            for (k, e) in expected.enumerated() where k < errors.count {
                let d = errors[k]
                XCTAssertEqual("\(d.location.line):\(d.location.column)", e.0, "\(f): position of \(d)")
                XCTAssertEqual(d.code, e.1, "\(f): code of \(d)")
                XCTAssertTrue(d.message.lowercased().contains(e.2.lowercased()), "\(f): message '\(d.message)' lacks '\(e.2)'")
            }
        }
    }
}
