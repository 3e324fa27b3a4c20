import Foundation
import XCTest
@testable import KQL

/// Every real hunting query of ../shared/corpus either compiles or is rejected with a positioned
/// diagnostic naming the construct; never a crash. Truncated and mutated queries too.
final class CorpusCheckTests: XCTestCase {
    func corpusFiles(_ sub: String) throws -> [(String, String)] {
        let dir = try TestPaths.sharedFile("corpus/\(sub)")
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".kql") }.sorted()
            .map { ($0, try TestPaths.read(dir.appendingPathComponent($0))) }
    }

    func testCorpusShareThatCompiles() throws {
        let files = try corpusFiles("kql")
        var ok = 0
        var reasons: [String: Int] = [:]
        for (name, text) in files {
            let (q, diags) = KQLCompiler.compile(text)
            if q != nil { ok += 1; continue }
            let errors = diags.filter(\.isError)
            XCTAssertFalse(errors.isEmpty, "\(name) failed without an error diagnostic")
            let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" }).count
            for e in errors {
                XCTAssertTrue(e.code.hasPrefix("KQL"), "\(name): \(e)")
                XCTAssertTrue(e.location.line >= 1 && e.location.line <= lines + 1, "\(name): \(e) outside the file")
            }
            reasons[errors[0].code + " " + String(errors[0].message.prefix(50)), default: 0] += 1
        }
        let share = Double(ok) / Double(files.count)
        print("corpus: \(ok)/\(files.count) compile (\(Int(share * 100))%)")
        for (r, n) in reasons.sorted(by: { $0.value > $1.value }) { print("  \(n)  \(r)") }
        XCTAssertGreaterThanOrEqual(share, 0.8)
    }

    func testQakbotQueriesAndSeedRule() throws {
        for (name, text) in try corpusFiles("qakbot") {
            let (q, diags) = KQLCompiler.compile(text)
            if name.contains("ransomware__qakbotdiscoveryactivities") {
                // As published it reads DeviceName after a summarize that dropped it.
                XCTAssertEqual(diags.first(where: \.isError)?.code, "KQL0201", name)
                continue
            }
            XCTAssertNotNil(q, "\(name): \(diags)")
        }
        let seed = TestPaths.packageRoot.appendingPathComponent("Fixtures/rules/qakbot-email-theft-1.yaml")
        let text = try TestPaths.read(seed)
        let query = text.components(separatedBy: "query: |\n")[1].split(separator: "\n").map { $0.dropFirst(2) }.joined(separator: "\n")
        let (q, diags) = KQLCompiler.compile(query)
        XCTAssertNotNil(q, "\(diags)")
        XCTAssertEqual(q?.prefilters["DeviceFileEvents"]?.clauses.count, 4)
    }

    /// Deterministic truncations and byte mutations of every corpus query: compile must return.
    func testTruncatedAndMutatedQueriesNeverCrash() throws {
        var rng = SeededRandom(seed: 7)
        let junk: [String] = ["(", ")", "|", "'", "\"", "`", "[", "]", "{", "}", "..", "\\", "@", "h'", "!", "~", "\u{200B}", "é", ";", "let", "=", "dynamic(", "datetime(", "```", "//", "\r\n"]
        var runs = 0
        for (_, text) in try corpusFiles("kql") {
            let scalars = Array(text.unicodeScalars)
            for _ in 0..<6 {
                let cut = Int(rng.next() % UInt64(scalars.count + 1))
                var s = String.UnicodeScalarView()
                s.append(contentsOf: scalars[0..<cut])
                _ = KQLCompiler.compile(String(s))
                var m = scalars
                for _ in 0..<3 where !m.isEmpty {
                    let at = Int(rng.next() % UInt64(m.count))
                    let piece = Array(junk[Int(rng.next() % UInt64(junk.count))].unicodeScalars)
                    m.replaceSubrange(at..<min(m.count, at + Int(rng.next() % 3)), with: piece)
                }
                var ms = String.UnicodeScalarView()
                ms.append(contentsOf: m)
                _ = KQLCompiler.compile(String(ms))
                runs += 2
            }
        }
        XCTAssertGreaterThan(runs, 2000)
    }
}
