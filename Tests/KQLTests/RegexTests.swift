import XCTest
@testable import KQL

final class RegexTests: XCTestCase {
    func testSearchSemantics() throws {
        XCTAssertTrue(try Regex(#"^[a-z]+\d{2}$"#).matches("abc12"))          // rx-037
        XCTAssertFalse(try Regex("ABC").matches("abc"))                         // rx-038
        XCTAssertTrue(try Regex("(?i)ABC").matches("xabcx"))                    // rx-039
        XCTAssertTrue(try Regex("").matches(""))                                // "" matches everything
        XCTAssertTrue(try Regex("").matches("anything"))
        XCTAssertTrue(try Regex(#"cmd\.exe"#).matches(#"C:\Windows\cmd.exe /c"#))
        XCTAssertFalse(try Regex(#"^cmd"#).matches("x cmd"))
    }

    func testGroupsAndNamedGroups() throws {
        let r = try Regex(#"(\d+)\.(\d+)"#)
        XCTAssertEqual(r.groupCount, 2)
        XCTAssertEqual(r.firstMatch(in: "v10.5 and 3.14"), ["10.5", "10", "5"])
        XCTAssertNil(r.firstMatch(in: "none"))
        XCTAssertEqual(r.allMatches(in: "v10.5 and 3.14").map { $0[0] }, ["10.5", "3.14"])
        let named = try Regex(#"(?<user>\w+)@(?P<host>\w+)"#)
        XCTAssertEqual(named.firstMatch(in: "mail bob@corp"), ["bob@corp", "bob", "corp"])
        let opt = try Regex("a(x)?b")
        XCTAssertEqual(opt.firstMatch(in: "ab"), ["ab", nil])
    }

    func testFlags() throws {
        XCTAssertTrue(try Regex("(?x) a b # comment\n c").matches("xabcx"))
        XCTAssertTrue(try Regex("(?ix) A [ ]B").matches("a b"))
        XCTAssertFalse(try Regex("(?x) a b").matches("a b"))
        XCTAssertTrue(try Regex("(?s)a.b").matches("a\nb"))
        XCTAssertFalse(try Regex("a.b").matches("a\nb"))
        XCTAssertTrue(try Regex("(?m)^b$").matches("a\nb\nc"))
        XCTAssertEqual(try Regex("(?U)a+").firstMatch(in: "aaa")?[0], "a")
        XCTAssertEqual(try Regex("a+?").firstMatch(in: "aaa")?[0], "a")
        XCTAssertTrue(try Regex(#"\pL+\d"#).matches("été1"))
        XCTAssertTrue(try Regex(#"[[:alpha:]]\b"#).matches("ab cd"))
    }

    func testReplaceAll() throws {
        XCTAssertEqual(try Regex(#"(\w+)@(\w+)"#).replaceAll(in: "a@b c@d", with: #"\2 at \1"#), "b at a d at c")
        XCTAssertEqual(try Regex("x*").replaceAll(in: "abc", with: "-"), "-a-b-c-")
        XCTAssertEqual(try Regex("é").replaceAll(in: "héé", with: "e"), "hee")
        XCTAssertEqual(try Regex("a").replaceAll(in: "", with: "b"), "")
    }

    func testRejectsUnsupportedFeatures() {
        for p in [#"(a)\1"#, "a(?=b)", "a(?!b)", "(?<=a)b", "(?<!a)b", "(?>a)", "a++", #"\Gx"#, #"a\Z"#] {
            XCTAssertThrowsError(try Regex(p), p) { e in
                XCTAssertTrue((e as? RegexError)?.message.contains("Unsupported") == true, "\(p): \(e)")
            }
        }
        // Inside a class these are plain characters.
        XCTAssertTrue(try Regex("[(?=+]+").matches("x(?=+"))
        XCTAssertThrowsError(try Regex("(unclosed"))
        XCTAssertThrowsError(try Regex("(a{1000}){1000}"))
    }

    /// §7: pathological patterns run in linear time on 50,000 'a' + 'b'.
    func testNoCatastrophicBacktracking() throws {
        let input = String(repeating: "a", count: 50_000) + "b"
        for p in ["(a|aa)+$", "(a+)+$"] {
            let r = try Regex(p)
            let t0 = ContinuousClock.now
            XCTAssertFalse(r.matches(input))  // the string ends in 'b', which neither pattern accepts
            XCTAssertTrue(r.matches(String(repeating: "a", count: 50_000)))
            print("regex \(p) over 50,001 chars: \(ContinuousClock.now - t0)")
        }
    }

    func testConcurrentUse() throws {
        let r = try Regex(#"(\d+)"#)
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            for k in 0..<200 { XCTAssertEqual(r.firstMatch(in: "n\(i * 1000 + k)")?[1], "\(i * 1000 + k)") }
        }
    }
}
