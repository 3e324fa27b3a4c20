import XCTest
@testable import Engine

final class ChunkedListTests: XCTestCase {
    func testIndexesAcrossChunksAndTrimsWholeChunksFromTheFront() {
        var l = ChunkedList<Int>()
        for i in 0..<1_000 { l.append(i) }
        XCTAssertEqual(l.count, 1_000)
        XCTAssertEqual(Array(l), Array(0..<1_000))
        XCTAssertEqual(l[255], 255)
        XCTAssertEqual(l[256], 256)
        l.trimFront(keeping: 300)
        // 1,000 = 3 full chunks + 232; dropping two chunks leaves 488 >= 300, a third would leave 232.
        XCTAssertEqual(l.count, 1_000 - 2 * 256)
        XCTAssertEqual(l.first, 512)
        XCTAssertEqual(l.last, 999)
        XCTAssertEqual(l[l.count - 1], 999)
        l.append(1_000)
        XCTAssertEqual(l.last, 1_000)
        XCTAssertEqual(Array(l), Array(512...1_000))
    }

    func testACopyIsUnchangedByLaterAppendsTrimsAndWrites() {
        var l = ChunkedList(0..<600)
        let snapshot = l
        for i in 600..<700 { l.append(i) }
        l[0] = -1
        l.trimFront(keeping: 100)
        XCTAssertEqual(Array(snapshot), Array(0..<600))
        XCTAssertEqual(l.last, 699)
        XCTAssertGreaterThanOrEqual(l.count, 100)
        XCTAssertLessThan(l.count, 100 + 256)
    }

    func testTrimNeverDropsBelowWhatIsKeptOrTheLastChunk() {
        var l = ChunkedList(0..<10)
        l.trimFront(keeping: 0)
        XCTAssertEqual(Array(l), Array(0..<10), "the last (partial) chunk stays")
        var big = ChunkedList(0..<512)
        big.trimFront(keeping: 256)
        XCTAssertEqual(Array(big), Array(256..<512))
        big.removeAll()
        XCTAssertTrue(big.isEmpty)
    }
}
