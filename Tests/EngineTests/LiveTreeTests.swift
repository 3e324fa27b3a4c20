import Foundation
import XCTest
import Telemetry
@testable import Engine

/// Lineage trees in live snapshots: the newest hits of each rule and the hit the dashboard
/// focuses, whatever its age.
final class LiveTreeTests: XCTestCase {
    func waitFor(_ e: LiveEngine, _ ok: (Snapshot) -> Bool) -> Snapshot? {
        let end = Date().addingTimeInterval(20)
        while Date() < end {
            let s = e.latest()
            if ok(s) { return s }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return nil
    }

    func names(_ t: SnapshotTree?) -> [String] {
        var out: [String] = []
        func walk(_ n: SnapshotTreeNode) { out.append(n.fileName.lowercased()); n.children.forEach(walk) }
        t?.roots.forEach(walk)
        return out
    }

    func testNewestHitsHaveTreesAndAFocusedOldHitGetsOne() throws {
        let rules = RuleSet.load(paths: [EnginePaths.seedRule])
        var opts = LiveOptions()
        opts.treesPerRule = 3
        let e = LiveEngine(rules: rules, inputs: [InputSpec(argument: EnginePaths.demo)], options: opts)
        try e.start()
        defer { e.send(.quit) }
        let done = try XCTUnwrap(waitFor(e) { _ in e.isFinished })
        _ = done
        let s = try XCTUnwrap(waitFor(e) { s in !s.trees.isEmpty })
        let hits = Array(s.hits(of: rules.rules[0].rule.id))
        XCTAssertEqual(hits.count, 40, "the demo's Qakbot rows")
        XCTAssertEqual(Set(s.trees.keys), Set(hits.suffix(3).map(\.hitId)), "only the newest three have trees")
        let oldest = try XCTUnwrap(hits.first)
        XCTAssertNil(s.tree(for: oldest))
        e.send(.focusHit(oldest.hitId))
        let f = try XCTUnwrap(waitFor(e) { $0.trees[oldest.hitId] != nil }, "the focused hit's tree arrives")
        let chain = names(f.tree(for: oldest))
        let msra = try XCTUnwrap(chain.firstIndex { $0 == "msra.exe" || $0 == "mobsync.exe" })
        let ping = try XCTUnwrap(chain.firstIndex(of: "ping.exe"))
        XCTAssertLessThan(msra, ping, "msra/mobsync above ping in pre-order")
        let hitEvents = f.tree(for: oldest)!.roots.flatMap { root -> [SnapshotTreeEvent] in
            var evs: [SnapshotTreeEvent] = []
            func walk(_ n: SnapshotTreeNode) { evs += n.events; n.children.forEach(walk) }
            walk(root)
            return evs
        }
        XCTAssertTrue(hitEvents.contains { $0.isHit && $0.path.lowercased().hasSuffix(".eml") })
        e.send(.focusHit(nil))
        XCTAssertNotNil(waitFor(e) { $0.trees[oldest.hitId] == nil }, "unfocused: the old hit's tree leaves the snapshot")
    }
}
