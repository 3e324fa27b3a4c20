@testable import Terminal
import XCTest

final class ColorMapTests: XCTestCase {
    func testRGBMapsToNearestTerminalColour() {
        XCTAssertEqual(ColorMap.xterm256(0xff, 0x00, 0x00), 196)
        XCTAssertEqual(ColorMap.xterm256(0x00, 0x00, 0x00), 16)
        XCTAssertEqual(ColorMap.xterm256(0x80, 0x80, 0x80), 244)
        XCTAssertEqual(ColorMap.xterm256(0x26, 0x4f, 0x78), 16 + 36 * 0 + 6 * 1 + 2)
        XCTAssertEqual(ColorMap.ansi8(0xff, 0x10, 0x10), 1)
        XCTAssertEqual(ColorMap.ansi8(0xf0, 0xf0, 0xf0), 7)
        XCTAssertEqual(ColorMap.ansi8(0x10, 0x10, 0x10), 0)
    }
}
