import XCTest
@testable import Lineage

/// `EventTable` against a plain dictionary, and its use for the graph's events.
final class EventTableTests: XCTestCase {
    private func assertSame(_ t: EventTable<Int>, _ model: [EventRef: Int], probe: ClosedRange<UInt64>,
                            file: StaticString = #filePath, line: UInt = #line) {
        t.checkInvariants()
        XCTAssertEqual(t.count, model.count, "count", file: file, line: line)
        for raw in probe {
            XCTAssertEqual(t[EventRef(raw)], model[EventRef(raw)], "ref \(raw)", file: file, line: line)
        }
        var seen: [EventRef: Int] = [:]
        t.forEach { e, v in
            XCTAssertNil(seen[e], "ref \(e.raw) listed twice", file: file, line: line)
            seen[e] = v
        }
        XCTAssertEqual(seen, model, "forEach", file: file, line: line)
    }

    func testInOrderOutOfOrderAndReobservedRefs() {
        var t = EventTable<Int>()
        var model: [EventRef: Int] = [:]
        func set(_ raw: UInt64, _ v: Int) { t.set(v, for: EventRef(raw)); model[EventRef(raw)] = v }
        func remove(_ raw: UInt64) {
            XCTAssertEqual(t.removeValue(forKey: EventRef(raw)), model.removeValue(forKey: EventRef(raw)), "remove \(raw)")
        }
        for raw in UInt64(10)..<20 { set(raw, Int(raw)) }
        assertSame(t, model, probe: 0...30)
        set(3, 300)                 // older than anything held
        set(15, 1500)               // re-observed: replaced, count unchanged
        assertSame(t, model, probe: 0...30)
        XCTAssertEqual(t.count, 11)
        remove(10); remove(11)      // evict the oldest: the window moves up
        remove(12)
        assertSame(t, model, probe: 0...30)
        set(11, 110)                // re-observed after its slot left the window
        remove(17)                  // a hole in the middle
        remove(19)                  // the newest
        assertSame(t, model, probe: 0...30)
        set(19, 190); set(20, 200); set(22, 220)
        assertSame(t, model, probe: 0...30)
        for raw in [3, 11, 13, 14, 15, 16, 18, 19, 20, 22] as [UInt64] { remove(raw) }
        remove(22)                  // already gone
        assertSame(t, model, probe: 0...30)
        XCTAssertTrue(t.isEmpty)
        set(5, 50); set(6, 60)      // empty again: restarts anywhere
        assertSame(t, model, probe: 0...30)
        // The window drains while an older ref is held: refs around it must still be found.
        set(2, 20); remove(5); remove(6)
        set(1, 10); set(3, 30); set(4, 40)
        assertSame(t, model, probe: 0...30)
        set(7, 70)
        remove(2)
        assertSame(t, model, probe: 0...30)
    }

    func testFarJumpKeepsEarlierRecords() {
        var t = EventTable<Int>()
        var model: [EventRef: Int] = [:]
        for raw in UInt64(0)..<100 { t.set(Int(raw), for: EventRef(raw)); model[EventRef(raw)] = Int(raw) }
        let far: UInt64 = 1 << 40
        for raw in far..<(far + 10) { t.set(-1, for: EventRef(raw)); model[EventRef(raw)] = -1 }
        assertSame(t, model, probe: 0...120)
        for raw in far..<(far + 12) { XCTAssertEqual(t[EventRef(raw)], model[EventRef(raw)]) }
        XCTAssertEqual(t.removeValue(forKey: EventRef(50)), 50)
        model[EventRef(50)] = nil
        assertSame(t, model, probe: 0...120)
    }

    func testRandomOperationsMatchADictionary() {
        var rng = SeededRandom(seed: 42)
        var t = EventTable<Int>()
        var model: [EventRef: Int] = [:]
        var next: UInt64 = 0
        var fifo: [UInt64] = []
        for step in 0..<30_000 {
            switch rng.next() % 10 {
            case 0...4:                                   // the next sequence number, sometimes after a gap
                if rng.next() % 50 == 0 { next += rng.next() % 300 }
                if rng.next() % 500 == 0 { next += rng.next() % 5000 }
                t.set(step, for: EventRef(next)); model[EventRef(next)] = step
                fifo.append(next); next += 1
            case 5:                                       // re-observe any ref seen so far
                let raw = next == 0 ? 0 : rng.next() % next
                t.set(step, for: EventRef(raw)); model[EventRef(raw)] = step
            case 6...8:                                   // evict the oldest, now and then all of them
                if rng.next() % 400 == 0 {
                    for raw in fifo { XCTAssertEqual(t.removeValue(forKey: EventRef(raw)), model.removeValue(forKey: EventRef(raw))) }
                    fifo.removeAll()
                }
                if !fifo.isEmpty {
                    let raw = fifo.removeFirst()
                    XCTAssertEqual(t.removeValue(forKey: EventRef(raw)), model.removeValue(forKey: EventRef(raw)))
                }
            default:                                      // remove anything
                let raw = next == 0 ? 0 : rng.next() % next
                XCTAssertEqual(t.removeValue(forKey: EventRef(raw)), model.removeValue(forKey: EventRef(raw)))
            }
            if step % 997 == 0 { assertSame(t, model, probe: 0...(next + 5)) }
        }
        assertSame(t, model, probe: 0...(next + 5))
    }

    /// The graph's event count and lookups with re-observed refs and eviction of the oldest.
    func testGraphEventsWithReobservedRefsAndEviction() {
        typealias P = SyntheticRows.P
        let parent = P(pid: 700, name: "services.exe", at: -100)
        let actor = P(pid: 1200, name: "svchost.exe", at: -50)
        let g = ProcessGraph(budget: 12)
        let rows = (0..<20).map { k in
            (SyntheticRows.dfe, SyntheticRows.file("C:\\t\\\(k).tmp", by: actor, parent: parent, at: Double(k)))
        }
        SyntheticRows.observe(g, Array(rows[0..<5]))
        XCTAssertEqual(g.stats.events, 5)
        SyntheticRows.observe(g, [rows[2]], from: 2)     // re-observed: replaced, not added
        XCTAssertEqual(g.stats.events, 5)
        g._checkInvariants()
        SyntheticRows.observe(g, Array(rows[5..<20]), from: 5)
        g._checkInvariants()
        let s = g.stats
        XCTAssertEqual(s.nodes, 2)
        XCTAssertEqual(s.events, 10, "2 nodes + 10 events fill the budget")
        XCTAssertEqual(s.evictedEvents, 10)
        for k in 0..<10 { XCTAssertNil(g.summary(of: EventRef(UInt64(k))), "event \(k) evicted") }
        for k in 10..<20 { XCTAssertEqual(g.summary(of: EventRef(UInt64(k)))?.detail, "C:\\t\\\(k).tmp") }
        // An evicted ref seen again is held again (below the window), and evicted first.
        SyntheticRows.observe(g, [rows[3]], from: 3)
        g._checkInvariants()
        XCTAssertEqual(g.summary(of: EventRef(3))?.detail, "C:\\t\\3.tmp")
        XCTAssertEqual(g.stats.events, 10)
        XCTAssertNil(g.summary(of: EventRef(10)), "the oldest in order went to make room")
        // Eviction follows arrival order, so ref 3 outlives 11...19.
        SyntheticRows.observe(g, Array(rows[11..<19]), from: 20)
        g._checkInvariants()
        XCTAssertEqual(g.summary(of: EventRef(3))?.detail, "C:\\t\\3.tmp")
        XCTAssertNil(g.summary(of: EventRef(18)))
        XCTAssertEqual(g.summary(of: EventRef(19))?.detail, "C:\\t\\19.tmp")
        SyntheticRows.observe(g, [rows[19], rows[19]], from: 28)
        g._checkInvariants()
        XCTAssertNil(g.summary(of: EventRef(19)))
        XCTAssertNil(g.summary(of: EventRef(3)))
        XCTAssertEqual(g.stats.events, 10)
        XCTAssertEqual(g.stats.evictedEvents, 21)
        XCTAssertEqual(g.node(for: EventRef(29)), g.node(for: EventRef(20)))
    }
}
