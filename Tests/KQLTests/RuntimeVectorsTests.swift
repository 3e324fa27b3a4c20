import XCTest
@testable import KQL

/// Runs the string-predicate rows of spec/kql-vectors.tsv (`s OP "literal"` over a string row)
/// directly against PreparedNeedle/StringOps/Regex; the full file needs the parser.
final class RuntimeVectorsTests: XCTestCase {
    func testStringPredicateVectors() throws {
        let path = try RT.shared("spec/kql-vectors.tsv")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let shape = try Regex(#"^s (!?[a-z_]+|=~|!~|==|!=|matches regex) @?"([^"\\]*)"$"#)
        var ran = 0
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("id\t") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 4, let m = shape.firstMatch(in: f[1]), let op = m[1], let lit = m[2],
                  case .bag(let row)? = Dynamic.parse(json: f[2]), case .string(let s)? = row["s"] else { continue }
            if f[1].contains(#"\"#) && !f[1].contains("@") { continue }  // needs string-escape decoding
            let got: Bool
            let neg = op.hasPrefix("!") && op != "!=" && op != "!~"
            let base = neg ? String(op.dropFirst()) : op
            let cs = base.hasSuffix("_cs")
            let n = PreparedNeedle(lit, caseSensitive: cs || base == "==" || base == "!=")
            switch base.replacingOccurrences(of: "_cs", with: "") {
            case "has": got = n.has(s)
            case "hasprefix": got = n.hasPrefix(s)
            case "hassuffix": got = n.hasSuffix(s)
            case "contains": got = n.contains(s)
            case "startswith": got = n.startsWith(s)
            case "endswith": got = n.endsWith(s)
            case "==", "=~": got = n.equals(s)
            case "!=", "!~": got = !n.equals(s)
            case "matches regex": got = try Regex(lit).matches(s)
            default: continue
            }
            XCTAssertEqual((neg ? !got : got) ? "true" : "false", f[3], "\(f[0]): \(f[1]) over \(s)")
            ran += 1
        }
        XCTAssertGreaterThanOrEqual(ran, 25, "too few vectors matched the simple shape")
        print("ran \(ran) string-predicate vectors")
    }
}
