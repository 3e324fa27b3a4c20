import Foundation
import XCTest
@testable import KQL

/// A small deterministic generator (SplitMix64), so every run mutates the same way.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Byte-level mutations in the style of libFuzzer's: flip, insert, delete, splice, repeat.
enum Mutator {
    static let tokens: [[UInt8]] = ["|", "(", ")", "[", "]", "{", "}", "\"", "'", "@\"", "h'", "```", "//", "\\", ",",
                                    "==", "=~", "!~", "has", "in~", "between", "..", "let ", ";", "where ", "summarize ",
                                    "join (", "datetime(", "timespan(", "ago(", "1d", "0x", "1e309", "-9223372036854775808",
                                    "dynamic({", "parse ", "extend ", "\u{0}", "\u{FFFD}", "\u{202E}", "\u{1B}[2J"]
        .map { Array($0.utf8) }

    static func mutate(_ input: [UInt8], _ rng: inout SeededRandom, others: [[UInt8]]) -> [UInt8] {
        var b = input
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let pos = b.isEmpty ? 0 : Int.random(in: 0...b.count, using: &rng)
            switch Int.random(in: 0..<7, using: &rng) {
            case 0 where !b.isEmpty: b[min(pos, b.count - 1)] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
            case 1: b.insert(contentsOf: tokens.randomElement(using: &rng)!, at: pos)
            case 2 where !b.isEmpty:
                let end = min(b.count, pos + Int.random(in: 1...16, using: &rng))
                b.removeSubrange(min(pos, end)..<end)
            case 3: b = Array(b[..<pos])                                          // truncate
            case 4:                                                                // splice another input
                let o = others.randomElement(using: &rng)!
                let s = o.isEmpty ? 0 : Int.random(in: 0..<o.count, using: &rng)
                b.insert(contentsOf: o[s..<min(o.count, s + 64)], at: pos)
            case 5 where !b.isEmpty:                                               // repeat a chunk
                let end = min(b.count, pos + 8)
                let chunk = Array(b[min(pos, end)..<end])
                for _ in 0..<Int.random(in: 1...20, using: &rng) { b.insert(contentsOf: chunk, at: pos) }
            default: b.insert(UInt8.random(in: 0...255, using: &rng), at: pos)
            }
        }
        return b
    }
}

/// Hostile and broken KQL: nothing may crash, hang, or grow without bound.
final class HostileKQLTests: XCTestCase {
    func corpus() throws -> [[UInt8]] {
        let dir = try TestPaths.sharedFile("corpus/kql")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".kql") }.sorted()
        return try files.map { Array(try Data(contentsOf: dir.appendingPathComponent($0))) }
    }

    /// The fuzz smoke run of the default tests: a few thousand mutated corpus queries through
    /// lexer, parser, binder and compiler. A crash fails the whole run; every query must end with
    /// a compiled query or at least one located error diagnostic.
    func testMutatedCorpusQueriesNeverCrash() throws {
        let seeds = try corpus()
        XCTAssertGreaterThan(seeds.count, 200)
        var rng = SeededRandom(seed: 0x6875_6E74_746F_70)
        var compiled = 0, rejected = 0
        for i in 0..<2_000 {
            let q = Mutator.mutate(seeds[i % seeds.count], &rng, others: seeds)
            let text = String(decoding: q, as: UTF8.self)
            var lexer = Lexer(text)
            _ = lexer.tokenize()
            let (query, diags) = KQLCompiler.compile(text)
            if query != nil { compiled += 1 } else {
                rejected += 1
                let err = diags.first(where: \.isError)
                XCTAssertNotNil(err, "query \(i) neither compiled nor reported an error")
                if let err { XCTAssertGreaterThanOrEqual(err.range.startLocation.line, 1) }
            }
        }
        print("hostile-kql mutated: \(compiled) compiled, \(rejected) rejected with a diagnostic")
        XCTAssertGreaterThan(rejected, 0)
    }

    func testDeepNestingIsAnErrorNotAStackOverflow() {
        for depth in [1_000, 10_000] {
            for (open, close) in [("(", ")"), ("dynamic([", "])"), ("-", ""), ("!", ""), ("not(", ")")] {
                let expr = String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth)
                let (q, diags) = KQLCompiler.compile("DeviceFileEvents | where \(expr) == 1")
                if q == nil { XCTAssertTrue(diags.contains(where: \.isError), "\(open) x\(depth)") }
            }
            let pipes = "DeviceFileEvents" + String(repeating: " | where true", count: depth / 10)
            _ = KQLCompiler.compile(pipes)
            let chain = "DeviceFileEvents | where " + Array(repeating: "FileName == 'a'", count: depth).joined(separator: " or ")
            _ = KQLCompiler.compile(chain)
        }
    }

    func testTenMegabyteQueryIsAClearError() {
        // Below the query size limit a long literal is fine.
        let long = String(repeating: "x", count: 900_000)
        let (q0, d0) = KQLCompiler.compile("DeviceFileEvents | where FileName has '\(long)'")
        XCTAssertNotNil(q0, "\(d0.prefix(2))")
        // 10 MB of anything: one located error naming the limit, in bounded time and memory.
        let big = String(repeating: "x", count: 10 << 20)
        let terms = Array(repeating: "FileName has 'abcdefgh'", count: (10 << 20) / 28).joined(separator: " or ")
        for text in ["DeviceFileEvents | where FileName has '\(big)'", "DeviceFileEvents | where FileName has '\(big)",
                     "DeviceFileEvents | where " + terms, String(repeating: "@$#`", count: (10 << 20) / 4)] {
            let (q, d) = KQLCompiler.compile(text)
            XCTAssertNil(q)
            XCTAssertEqual(d.first(where: \.isError)?.code, "KQL0902")
            XCTAssertTrue(d.first(where: \.isError)?.message.contains("limit") ?? false)
        }
    }

    func testLongOperatorChainsAndPipelinesAreBounded() {
        let ok = "DeviceFileEvents | where " + Array(repeating: "FileName == 'a'", count: 300).joined(separator: " or ")
        let (q0, d0) = KQLCompiler.compile(ok)
        XCTAssertNotNil(q0, "\(d0.prefix(2))")
        let tooLong = "DeviceFileEvents | where " + Array(repeating: "FileName == 'a'", count: 20_000).joined(separator: " or ")
        let (q, d) = KQLCompiler.compile(tooLong)
        XCTAssertNil(q)
        XCTAssertEqual(d.first(where: \.isError)?.code, "KQL0901")
        let (q2, d2) = KQLCompiler.compile("DeviceFileEvents" + String(repeating: " | where true", count: 20_000))
        XCTAssertNil(q2)
        XCTAssertEqual(d2.first(where: \.isError)?.code, "KQL0901")
        let (q3, d3) = KQLCompiler.compile("print x = " + String(repeating: "-", count: 50_000) + "1")
        XCTAssertNil(q3)
        XCTAssertEqual(d3.first(where: \.isError)?.code, "KQL0901")
    }

    /// RE2 has no backtracking: `(a+)+$` against 'a'×n + '!' would take 2^n steps in a
    /// backtracking engine; finishing at n = 1,000,000 is the proof.
    func testCatastrophicRegexFinishesInLinearTime() throws {
        let hostile = ["(a+)+$", "(a|a)*$", "(a|aa)+$", "^(a?){25}a{25}$", "(.*a){20}$", "(\\w+\\s?)+$"]
        for p in hostile {
            let r = try Regex(p)
            var times: [String] = []
            for n in [10_000, 100_000, 1_000_000] {
                let s = String(repeating: "a", count: n) + "!"
                let t0 = Date()
                let m = r.matches(s)
                times.append(String(format: "n=%d %.1fms", n, Date().timeIntervalSince(t0) * 1000))
                if p == "(a+)+$" { XCTAssertFalse(m) }
            }
            print("regex \(p): \(times.joined(separator: ", "))")
        }
        // And through the compiled query path.
        let (q, d) = KQLCompiler.compile("DeviceProcessEvents | where ProcessCommandLine matches regex '(a+)+$'")
        XCTAssertNotNil(q, "\(d)")
    }

    func testHostileRegexPatternsAreErrorsNotCrashes() {
        let bad = ["(", "[z-a]", "a{100000}", "((a{1000}){1000}){1000}", "(?<n>a)\\k<n>", "\\", "a**",
                   String(repeating: "(", count: 100_000), String(repeating: "a|", count: 1_000_000)]
        for p in bad {
            do { _ = try Regex(p) } catch { XCTAssertFalse(error.message.isEmpty) }
        }
        let (q, d) = KQLCompiler.compile("DeviceProcessEvents | where ProcessCommandLine matches regex '((a{1000}){1000}){1000}'")
        XCTAssertNil(q)
        XCTAssertTrue(d.contains(where: \.isError))
    }

    func testControlAndInvalidBytesInQueriesAreLocatedErrors() {
        let texts = ["DeviceFileEvents | where FileName == 'a\u{0}b'", "DeviceFileEvents\u{1B}[31m | take 1",
                     "DeviceFileEvents | where FileName == \u{202E}'x'", String(decoding: [0xFF, 0xFE, 0x41], as: UTF8.self)]
        for t in texts {
            let (q, d) = KQLCompiler.compile(t)
            if q == nil { XCTAssertTrue(d.contains(where: \.isError), t.debugDescription) }
        }
    }
}
