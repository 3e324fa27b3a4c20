import XCTest
@testable import KQL

final class StringOpsTests: XCTestCase {
    // §10 has-001…has-020 and §9 rows 1–4, via both the one-shot and the prepared forms.
    func testHasFamilyVectors() {
        let cases: [(String, String, Bool, Bool)] = [  // haystack, needle, cs, expected
            (#"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe -nop"#, "powershell", false, true),
            ("WindowsPowerShell.exe", "PowerShell", false, false),
            ("hello_world", "hello", false, true),
            ("say hello_world!", "hello_world", false, true),
            ("hello_world", "lo_wo", false, false),
            ("BA", "b", false, false),
            ("a-b-c", "b", false, true),
            ("x AB y", "ab", false, true),
            ("x ab y", "Ab", true, false),
            (#"C:\Windows\System32\cmd.exe /c whoami"#, "cmd.exe", false, true),
            (#"C:\Windows\System32\cmd.exe /c whoami"#, "md.exe", false, false),
            ("notepad.exe", "exe", false, true),
            ("South/North America", "north america", false, true),
            ("", "x", false, false),
            ("WindowsPowerShell", "shell", false, false),
            ("a b", "b", false, true),
        ]
        for (h, n, cs, want) in cases {
            XCTAssertEqual(StringOps.has(h, n, caseSensitive: cs), want, "\(h) has \(n)")
            XCTAssertEqual(PreparedNeedle(n, caseSensitive: cs).has(h), want, "prepared \(h) has \(n)")
        }
    }

    func testHasPrefixSuffix() {
        let s = "run powershell now"
        XCTAssertTrue(StringOps.hasPrefix(s, "pow", caseSensitive: false))
        XCTAssertFalse(StringOps.hasPrefix(s, "shell", caseSensitive: false))
        XCTAssertTrue(StringOps.hasSuffix(s, "shell", caseSensitive: false))
        XCTAssertFalse(StringOps.hasSuffix(s, "pow", caseSensitive: false))
        XCTAssertTrue(StringOps.hasPrefix(s, "POW", caseSensitive: false))
        XCTAssertFalse(StringOps.hasPrefix(s, "POW", caseSensitive: true))
    }

    func testContainsStartsEnds() {
        XCTAssertTrue(StringOps.contains("WindowsPowerShell", "shell", caseSensitive: false))
        XCTAssertFalse(StringOps.contains("WindowsPowerShell", "shell", caseSensitive: true))
        XCTAssertFalse(StringOps.contains("FabriKam", "kam", caseSensitive: true))
        XCTAssertTrue(StringOps.endsWith(#"c:\tmp\a.exe"#, ".EXE", caseSensitive: false))
        XCTAssertFalse(StringOps.endsWith(#"c:\tmp\a.exe"#, ".EXE", caseSensitive: true))
        XCTAssertTrue(StringOps.endsWith(#"c:\a.EXE"#, ".exe", caseSensitive: false))
        XCTAssertTrue(StringOps.startsWith(#"C:\Users\bob"#, #"c:\users"#, caseSensitive: false))
        XCTAssertFalse(StringOps.startsWith("ab", "abc", caseSensitive: false))
        XCTAssertFalse(StringOps.endsWith("bc", "abc", caseSensitive: false))
        XCTAssertFalse(StringOps.contains("", "a", caseSensitive: false))
        XCTAssertTrue(StringOps.contains("xxaby", "ab", caseSensitive: true))
        XCTAssertTrue(StringOps.contains("aaab", "aab", caseSensitive: false))
    }

    // §3.3: an empty needle occurs everywhere, also in "".
    func testEmptyNeedle() {
        for h in ["", "abc", "é"] {
            for cs in [true, false] {
                let n = PreparedNeedle("", caseSensitive: cs)
                XCTAssertTrue(n.contains(h)); XCTAssertTrue(n.startsWith(h)); XCTAssertTrue(n.endsWith(h))
                XCTAssertTrue(n.has(h)); XCTAssertTrue(n.hasPrefix(h)); XCTAssertTrue(n.hasSuffix(h))
                XCTAssertEqual(n.equals(h), h.isEmpty)
            }
        }
    }

    // §3.4 table and §9 row 5.
    func testCaseFolding() {
        XCTAssertTrue(StringOps.equals("ABC", "abc", caseSensitive: false))
        XCTAssertFalse(StringOps.equals("ABC", "abc", caseSensitive: true))
        XCTAssertFalse(StringOps.equals("İ", "i", caseSensitive: false))
        XCTAssertFalse(StringOps.equals("I", "ı", caseSensitive: false))
        XCTAssertFalse(StringOps.equals("STRASSE", "straße", caseSensitive: false))
        XCTAssertTrue(StringOps.equals("Ä", "ä", caseSensitive: false))
        XCTAssertTrue(StringOps.equals("\u{212A}", "k", caseSensitive: false))
        XCTAssertTrue(StringOps.equals("k", "\u{212A}", caseSensitive: false))
        XCTAssertTrue(StringOps.contains("xx\u{212A}ELVIN", "kelvin", caseSensitive: false))
        XCTAssertTrue(StringOps.has("Über alles", "über", caseSensitive: false))
        XCTAssertTrue(StringOps.equals("ΣΑΣ", "σας", caseSensitive: false))  // final sigma folds to σ
        XCTAssertEqual(StringOps.fold("ÄBC İ"), "äbc İ")
    }

    // Ordinal equality: canonically equivalent but different scalars are not equal.
    func testOrdinalEquality() {
        XCTAssertFalse(StringOps.equals("\u{E9}", "e\u{301}", caseSensitive: true))
        XCTAssertFalse(StringOps.equals("\u{E9}", "e\u{301}", caseSensitive: false))
    }

    // Non-ASCII term characters (§3.2 Decision: Unicode letters and digits).
    func testUnicodeTerms() {
        XCTAssertFalse(StringOps.has("näive", "ive", caseSensitive: false))
        XCTAssertTrue(StringOps.has("x·ive", "ive", caseSensitive: false))   // U+00B7 is punctuation
        XCTAssertTrue(StringOps.has("日本語 text", "text", caseSensitive: true))
        XCTAssertFalse(StringOps.has("日本語text", "text", caseSensitive: true))
    }

    func testRawBytesForm() {
        let n = PreparedNeedle("ping.exe", caseSensitive: false)
        let line = Array("PING.EXE".utf8)
        XCTAssertTrue(line.withUnsafeBufferPointer { n.equals(utf8: $0) })
        XCTAssertFalse(line.withUnsafeBufferPointer { n.contains(utf8: UnsafeBufferPointer(rebasing: $0[1...])) })
    }

    /// Hot path over generated rows: prepared vs fold-then-compare agree on every row.
    func testPreparedAgreesWithFoldedReference() throws {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("abcAB .\\_-éÉK\u{212A}")
        let needles = ["ab", "a.b", "é", "k", "b_", "AB A", "\u{212A}"]
        for _ in 0..<3000 {
            let h = String((0..<Int.random(in: 0...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            for n in needles {
                let p = PreparedNeedle(n, caseSensitive: false)
                let fh = CaseFolding.fold(h), fn = CaseFolding.fold(n)
                XCTAssertEqual(p.contains(h), fh.utf8.count >= fn.utf8.count && fh.contains(fn), "\(h) contains \(n)")
                XCTAssertEqual(p.startsWith(h), fh.hasPrefix(fn), "\(h) startswith \(n)")
                XCTAssertEqual(p.equals(h), fh == fn)
            }
        }
    }

    // §3.1 list operators, has-017/018, str-034/035 and §9 rows 9–10.
    func testListPredicates() {
        let line = "privilege::debug sekurlsa::logonpasswords"
        let any = ["mimikatz", "sekurlsa"].map { PreparedNeedle($0, caseSensitive: false) }
        let all = ["privilege", "debug", "lsass"].map { PreparedNeedle($0, caseSensitive: false) }
        XCTAssertTrue(StringOps.hasAny(line, any))
        XCTAssertFalse(StringOps.hasAll(line, all))
        XCTAssertTrue(StringOps.hasAll(line, Array(all.prefix(2))))
        XCTAssertTrue(ValueOps.isInCaseInsensitive(.string("b"), [.string("a"), .string("B")]))
        XCTAssertFalse(ValueOps.isInCaseInsensitive(.string("c"), [.string("a"), .string("B")]))
        XCTAssertTrue(ValueOps.isInCaseInsensitive(.string("5"), [.string("a.exe"), .long(5)]))
        XCTAssertEqual(ValueOps.isIn(.string("a"), [.string("A")]), false)
    }
}
