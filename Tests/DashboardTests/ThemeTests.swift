@testable import Dashboard
import Terminal
import XCTest

final class ThemeTests: XCTestCase {
    func testBuiltInThemeCoversEveryRole() {
        for r in Role.allCases { XCTAssertNotNil(Theme.builtIn.styles[r], "no style for \(r)") }
    }

    func testParsesBtopLikeKeysAndNamedColours() throws {
        let t = try Theme.parse("""
        # comment
        main_fg = "#102030"
        theme[hit_bg]="bright-red"
        selected_attr = "bold,underline"
        dim = grey
        """, name: "x")
        XCTAssertEqual(t.style(.main).fg, .rgb(0x10, 0x20, 0x30))
        XCTAssertEqual(t.style(.hit).bg, .ansi(9))
        XCTAssertTrue(t.style(.selected).bold && t.style(.selected).underline)
        XCTAssertFalse(t.style(.selected).reverse)
        XCTAssertEqual(t.style(.dim).fg, .ansi(8))
        XCTAssertEqual(t.style(.border), Theme.builtIn.style(.border), "keys not in the file keep the default")
    }

    func testBadColourReportsLine() {
        XCTAssertThrowsError(try Theme.parse("main_fg = \"#123\"\nhit_fg = \"#12345z\"", name: "bad", file: "bad.theme")) { e in
            XCTAssertEqual(e as? ThemeError, .badLine(file: "bad.theme", line: 2, message: "bad colour '#12345z' (use #rrggbb or a colour name)"))
        }
        XCTAssertThrowsError(try Theme.parse("nosuch_fg = red", name: "bad"))
    }

    func testShippedThemesLoad() throws {
        let dir = Fixtures.packageRoot.appendingPathComponent("Themes").path
        for name in ["dark", "light", "monochrome"] {
            let t = try Theme.load(name: name, directories: [dir])
            XCTAssertEqual(t.name, name)
        }
        let mono = try Theme.load(name: "monochrome", directories: [dir])
        for r in Role.allCases {
            XCTAssertEqual(mono.style(r).fg, .default, "\(r)")
            XCTAssertEqual(mono.style(r).bg, .default, "\(r)")
        }
        XCTAssertTrue(mono.style(.selected).reverse)
        XCTAssertEqual(try Theme.load(name: "dark", directories: [dir]).style(.selected).bg, .rgb(0x26, 0x4f, 0x78))
        XCTAssertThrowsError(try Theme.load(name: "nope", directories: [dir]))
    }
}
