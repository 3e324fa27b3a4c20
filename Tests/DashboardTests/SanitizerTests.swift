import Terminal
import XCTest

final class SanitizerTests: XCTestCase {
    func testEscapeSequencesAndControlsAreNeutralised() {
        let hostile = "cmd.exe /c \u{1B}[2J\u{1B}]0;pwned\u{07}echo\u{9B}31m\u{7F}\u{0}x"
        let clean = Sanitizer.clean(hostile)
        for s in clean.unicodeScalars {
            XCTAssertFalse(s.value < 0x20 || (0x7F...0x9F).contains(s.value), "control U+\(String(s.value, radix: 16)) survived")
        }
        XCTAssertTrue(clean.hasPrefix("cmd.exe /c \u{FFFD}[2J"))
        XCTAssertTrue(clean.contains("echo"))
    }

    func testBidiAndZeroWidthAreVisibleReplacements() {
        // "exe.txt" disguised with RLO; a zero-width space hiding in "ping".
        let s = "invoice\u{202E}fdp.exe p\u{200B}ing \u{2066}x\u{2069}\u{FEFF}"
        let clean = Sanitizer.clean(s)
        for bad: UInt32 in [0x202E, 0x200B, 0x2066, 0x2069, 0xFEFF] {
            XCTAssertFalse(clean.unicodeScalars.contains { $0.value == bad })
        }
        XCTAssertEqual(clean, "invoice\u{FFFD}fdp.exe p\u{FFFD}ing \u{FFFD}x\u{FFFD}\u{FFFD}")
    }

    func testInvalidUTF8BecomesReplacement() {
        let bytes: [UInt8] = Array("ok ".utf8) + [0xC3, 0x28, 0xFF, 0xE2, 0x82] + Array(" end".utf8)
        let clean = Sanitizer.clean(bytes: bytes)
        XCTAssertTrue(clean.hasPrefix("ok \u{FFFD}"))
        XCTAssertTrue(clean.hasSuffix(" end"))
        XCTAssertEqual(Sanitizer.width(clean), clean.unicodeScalars.count)
    }

    func testWidthsOfWideAndCombiningText() {
        XCTAssertEqual(Sanitizer.width("abc"), 3)
        XCTAssertEqual(Sanitizer.width("日本語"), 6)
        XCTAssertEqual(Sanitizer.width("e\u{301}"), 1)
        XCTAssertEqual(Sanitizer.width("🔥x"), 3)
        // Zalgo: marks beyond two per base are dropped, width stays 1.
        let zalgo = "a" + String(repeating: "\u{301}", count: 500)
        XCTAssertEqual(Sanitizer.width(zalgo), 1)
        XCTAssertLessThanOrEqual(Sanitizer.clean(zalgo).unicodeScalars.count, 3)
    }

    func testFitPadAndWrapRespectCells() {
        XCTAssertEqual(Sanitizer.fit("abcdefgh", width: 5), "abcd…")
        XCTAssertEqual(Sanitizer.fit("日本語日本語", width: 5), "日本…")
        XCTAssertEqual(Sanitizer.width(Sanitizer.pad("日本", width: 7)), 7)
        XCTAssertEqual(Sanitizer.fit("abc", width: 5), "abc")
        let long = String(repeating: "C:\\Windows\\System32\\", count: 10)
        let lines = Sanitizer.wrap(long, width: 30)
        XCTAssertEqual(lines.joined(), long)
        XCTAssertTrue(lines.allSatisfy { Sanitizer.width($0) <= 30 })
        XCTAssertTrue(lines.dropLast().allSatisfy { $0.hasSuffix("\\") }, "breaks at path separators: \(lines)")
        XCTAssertEqual(Sanitizer.wrap("日本語", width: 1), ["日", "本", "語"])
    }

    func testGridScreenAlignsWideCharactersAndClips() {
        let g = GridScreen(rows: 2, cols: 8)
        let end = g.put("日本x\u{1B}y", row: 0, col: 1, style: .plain)
        XCTAssertEqual(end, 8)
        XCTAssertEqual(g.text(row: 0), " 日本x\u{FFFD}y")
        g.put("abcdefghijk", row: 1, col: 5, style: .plain)
        XCTAssertEqual(g.text(row: 1), "     abc")
        let a = GridScreen(rows: 1, cols: 10, unicode: false)
        a.put("└─ ok", row: 0, col: 0, style: .plain)
        XCTAssertEqual(a.text(row: 0), "?? ok     ")
    }
}

final class SanitizerLimitsTests: XCTestCase {
    func testHugeHostileInputFitsWithoutScanningItAll() {
        let huge = String(repeating: "\u{1B}[2J\u{202E}A\u{301}\u{301}\u{301}日", count: 200_000)
        let head = Sanitizer.fit(huge, width: 20)
        XCTAssertEqual(Sanitizer.width(head), 20)
        XCTAssertTrue(head.hasPrefix("\u{FFFD}[2J\u{FFFD}A\u{301}\u{301}日"), head)
        XCTAssertTrue(head.hasSuffix("…"))
        let tail = Sanitizer.fitTail(huge, width: 20)
        XCTAssertTrue(tail.hasPrefix("…"))
        XCTAssertLessThanOrEqual(Sanitizer.width(tail), 20)
        XCTAssertTrue(tail.hasSuffix("A\u{301}\u{301}日"), tail)
        XCTAssertFalse(tail.unicodeScalars.contains { Sanitizer.isHostile($0) })
    }

    func testFitTailKeepsFileName() {
        XCTAssertEqual(Sanitizer.fitTail("C:\\Users\\bob\\AppData\\Local\\Temp\\exfil.eml", width: 15), "…Temp\\exfil.eml")
        XCTAssertEqual(Sanitizer.fitTail("short.eml", width: 15), "short.eml")
    }
}
