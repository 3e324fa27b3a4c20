import Foundation
import XCTest
@testable import KQL

/// JSON quoting: byte runs copied whole, every control, DEL, C1 and U+2028/2029 escaped.
final class JSONQuoteTests: XCTestCase {
    /// The rule spelled out scalar by scalar, to compare with.
    func reference(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    func testMatchesTheScalarRuleOnMixedText() {
        let pieces = ["a", "C:\\Windows\\", "\"", "\u{1B}[2J", "\u{85}", "\u{9B}", "\u{7F}", "\u{2028}", "\u{2029}", "\u{2027}",
                      "é", "日本", "🦀", "\u{202E}", "\u{0}", "\t", "\r\n", "\u{C0}", "\u{A0}", "ping.exe -t 127.0.0.1"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let s = (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            XCTAssertEqual(JSONQuote.quote(s), reference(s), s.debugDescription)
        }
        XCTAssertEqual(JSONQuote.quote("x\u{85}\u{2028}y"), "\"x\\u0085\\u2028y\"")
        let back = try? JSONSerialization.jsonObject(with: Data(JSONQuote.quote("a\u{1}\u{2029}b\"").utf8), options: .fragmentsAllowed) as? String
        XCTAssertEqual(back, "a\u{1}\u{2029}b\"")
    }
}
