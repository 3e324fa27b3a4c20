import XCTest
@testable import Lineage

/// The eviction order queue: first in, first out across chunk boundaries, chunks reused.
final class ChunkedQueueTests: XCTestCase {
    func testFIFOAcrossChunks() {
        var q = ChunkedQueue<Int>()
        var expected: [Int] = []
        var next = 0
        // Interleave appends and pops so the head crosses several 4,096-element chunks.
        for round in 0..<6 {
            for _ in 0..<(5_000 + round * 700) { q.append(next); expected.append(next); next += 1 }
            for _ in 0..<4_500 {
                XCTAssertEqual(q.popFirst(), expected.removeFirst())
            }
            XCTAssertEqual(q.count, expected.count)
        }
        while let x = q.popFirst() { XCTAssertEqual(x, expected.removeFirst()) }
        XCTAssertTrue(expected.isEmpty)
        XCTAssertTrue(q.isEmpty)
        XCTAssertNil(q.popFirst())
        q.append(7)
        XCTAssertEqual(q.popFirst(), 7)
    }
}
