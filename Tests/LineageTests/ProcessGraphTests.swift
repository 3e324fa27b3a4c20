import XCTest
import KQL
@testable import Lineage

/// Graph rules on small hand-built rows.
final class ProcessGraphTests: XCTestCase {
    typealias P = SyntheticRows.P
    let services = P(pid: 700, name: "services.exe", at: -86_400)
    let svchost = P(pid: 1200, name: "svchost.exe", at: -86_000, cmd: "svchost.exe -k netsvcs")
    let msra = P(pid: 4000, name: "msra.exe", at: 10, cmd: "msra.exe")
    let ping = P(pid: 5000, name: "ping.exe", at: 20, cmd: "ping.exe -t 127.0.0.1")

    func testFileEventHangsUnderActorAndInfersAncestors() {
        let g = ProcessGraph(budget: 1000)
        SyntheticRows.observe(g, [(SyntheticRows.dfe, SyntheticRows.file("C:\\Users\\a\\1.eml", by: ping, parent: msra, at: 30))])
        let actor = try! XCTUnwrap(g.node(for: EventRef(0)))
        let chain = g.ancestors(of: actor, includingSelf: true)
        XCTAssertEqual(chain.map(\.fileName), ["msra.exe", "ping.exe"])
        XCTAssertEqual(chain.map(\.inferred), [true, true])
        XCTAssertEqual(chain[1].link, .inferredParent)
        XCTAssertEqual(chain[0].link, .unresolved, "msra's parent is unknown: unresolved, not invented")
        XCTAssertEqual(g.stats.inferred, 2)
        g._checkInvariants()
    }

    func testChildBeforeParentIsRelinkedWhenParentArrives() {
        let g = ProcessGraph(budget: 1000)
        let rows: [(TableSchema, [Value])] = [
            (SyntheticRows.dfe, SyntheticRows.file("C:\\x\\1.eml", by: ping, parent: msra, at: 30)),
            (SyntheticRows.dpe, SyntheticRows.created(ping, by: msra, parent: svchost)),
            (SyntheticRows.dpe, SyntheticRows.created(msra, by: svchost, parent: services)),
        ]
        SyntheticRows.observe(g, rows)
        let actor = g.node(for: EventRef(0))!
        XCTAssertEqual(g.createdNode(for: EventRef(1)), actor, "ping's creation row joins the node its file event made")
        XCTAssertEqual(g.ancestors(of: actor, includingSelf: true).map(\.fileName),
                       ["services.exe", "svchost.exe", "msra.exe", "ping.exe"])
        XCTAssertEqual(g.process(actor)?.link, .exact)
        XCTAssertEqual(g.process(actor)?.inferred, false)
        XCTAssertEqual(g.process(g.createdNode(for: EventRef(2))!)?.inferred, false)
        XCTAssertEqual(g.stats.linkedExact, 1, "ping -> msra; svchost and services were never seen created")
        XCTAssertEqual(g.stats.linkedToInferred, 2)
        XCTAssertEqual(g.stats.unresolved, 1)
        g._checkInvariants()
    }

    func testCreationTimesAFewMillisecondsApartAreOneProcess() {
        let g = ProcessGraph(budget: 1000)
        var skewed = ping
        skewed.at += 0.004
        SyntheticRows.observe(g, [
            (SyntheticRows.dpe, SyntheticRows.created(ping, by: msra, parent: svchost)),
            (SyntheticRows.dfe, SyntheticRows.file("C:\\x\\1.eml", by: skewed, parent: msra, at: 30)),
        ])
        XCTAssertEqual(g.node(for: EventRef(1)), g.createdNode(for: EventRef(0)))
        XCTAssertEqual(g.stats.nodes, 3)
    }

    func testPidReuseByAnotherImageStaysApart() {
        let g = ProcessGraph(budget: 1000)
        let later = P(pid: ping.pid, name: "conhost.exe", at: 600)
        SyntheticRows.observe(g, [
            (SyntheticRows.dpe, SyntheticRows.created(ping, by: msra, parent: svchost)),
            (SyntheticRows.dpe, SyntheticRows.created(later, by: svchost, parent: services)),
            (SyntheticRows.dfe, SyntheticRows.file("C:\\x\\a.eml", by: ping, parent: msra, at: 700)),
            (SyntheticRows.dfe, SyntheticRows.file("C:\\x\\b.log", by: later, parent: svchost, at: 701)),
        ])
        let both = g.findProcess(device: "dev1.contoso.local", pid: ping.pid)
        XCTAssertEqual(both.count, 2)
        XCTAssertEqual(both.compactMap { g.process($0)?.fileName }, ["ping.exe", "conhost.exe"])
        XCTAssertEqual(g.node(for: EventRef(2)), both[0])
        XCTAssertEqual(g.node(for: EventRef(3)), both[1])
        XCTAssertEqual(g.findProcess(device: "dev1", pid: ping.pid), both, "DeviceId works too")
    }

    func testSamePidSameImageRestartedIsANewProcess() {
        let g = ProcessGraph(budget: 1000)
        var again = ping
        again.at += 3600
        SyntheticRows.observe(g, [
            (SyntheticRows.dpe, SyntheticRows.created(ping, by: msra, parent: svchost)),
            (SyntheticRows.dpe, SyntheticRows.created(again, by: msra, parent: svchost)),
        ])
        XCTAssertEqual(g.findProcess(device: "dev1", pid: ping.pid).count, 2)
    }

    func testRowsClaimingACycleAreRefused() {
        let g = ProcessGraph(budget: 1000)
        let a = P(pid: 10, name: "a.exe", at: 1), b = P(pid: 20, name: "b.exe", at: 1)
        SyntheticRows.observe(g, [
            (SyntheticRows.dpe, SyntheticRows.created(a, by: b, parent: nil)),
            (SyntheticRows.dpe, SyntheticRows.created(b, by: a, parent: nil)),
            (SyntheticRows.dpe, SyntheticRows.created(a, by: a, parent: a)),
        ])
        XCTAssertGreaterThanOrEqual(g.stats.refusedLinks, 1)
        for id in [g.createdNode(for: EventRef(0))!, g.createdNode(for: EventRef(1))!] {
            XCTAssertLessThanOrEqual(g.ancestors(of: id).count, 1)
        }
        g._checkInvariants()
    }

    func testNoPidOrNoIdentityNamesNobody() {
        let g = ProcessGraph(budget: 1000)
        let anon = P(pid: 0, name: "", at: 5)
        SyntheticRows.observe(g, [(SyntheticRows.dfe, SyntheticRows.file("C:\\x\\y", by: anon, parent: nil, at: 6))])
        XCTAssertNil(g.node(for: EventRef(0)))
        XCTAssertEqual(g.stats.nodes, 0)
        XCTAssertEqual(g.chain(forEvent: EventRef(0)), [])
    }

    func testEvictionKeepsBudgetAndNeverLeavesADanglingChild() {
        let g = ProcessGraph(budget: 40)
        var rows: [(TableSchema, [Value])] = []
        for k in 0..<200 {
            let child = P(pid: Int64(8000 + 4 * k), name: "worker.exe", at: Double(k))
            rows.append((SyntheticRows.dpe, SyntheticRows.created(child, by: svchost, parent: services)))
            rows.append((SyntheticRows.dfe, SyntheticRows.file("C:\\t\\\(k).tmp", by: child, parent: svchost, at: Double(k) + 0.5)))
            g._checkInvariants()
        }
        SyntheticRows.observe(g, rows)
        g._checkInvariants()
        let s = g.stats
        XCTAssertLessThanOrEqual(s.nodes + s.events, 40)
        XCTAssertGreaterThan(s.evictedEvents, 0)
        XCTAssertGreaterThan(s.evictedNodes, 0)
        // The newest event survives with its whole chain.
        let last = EventRef(UInt64(rows.count - 1))
        XCTAssertEqual(g.chain(forEvent: last).map(\.fileName), ["services.exe", "svchost.exe", "worker.exe"])
        XCTAssertNil(g.node(for: EventRef(0)), "oldest event evicted")
    }

    func testLineageJSON() throws {
        let g = ProcessGraph(budget: 100)
        let evil = P(pid: 42, name: "pi\"ng.exe", at: 1, cmd: "ping \\ -t \u{1b}[31m\n")
        SyntheticRows.observe(g, [(SyntheticRows.dfe, SyntheticRows.file("C:\\a.eml", by: evil, parent: msra, at: 2))])
        let json = LineageEntry.jsonArray(g.chain(forEvent: EventRef(0)))
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        XCTAssertEqual(parsed.count, 2)
        XCTAssertEqual(parsed[0]["FileName"] as? String, "msra.exe")
        XCTAssertEqual(parsed[1]["FileName"] as? String, "pi\"ng.exe")
        XCTAssertEqual(parsed[1]["CommandLine"] as? String, "ping \\ -t \u{1b}[31m\n")
        XCTAssertEqual((parsed[1]["ProcessId"] as? NSNumber)?.int64Value, 42)
        XCTAssertEqual((parsed[1]["inferred"] as? NSNumber)?.boolValue, true)
        XCTAssertTrue(json.hasPrefix("[{\"FileName\":\"msra.exe\",\"ProcessId\":4000,\"CommandLine\":\"\",\"inferred\":true}"))
    }

    func testTreeListsOldestEventsAndTheFocusAndCountsTheRest() {
        let g = ProcessGraph(budget: 10_000)
        var rows: [(TableSchema, [Value])] = []
        for k in 0..<300 {
            rows.append((SyntheticRows.dfe, SyntheticRows.file("C:\\t\\\(k).tmp", by: svchost, parent: services, at: Double(k))))
            if k % 60 == 0 {
                let child = P(pid: Int64(9000 + k), name: "worker.exe", at: Double(k) + 0.5)
                rows.append((SyntheticRows.dpe, SyntheticRows.created(child, by: svchost, parent: services)))
            }
        }
        SyntheticRows.observe(g, rows)
        g._checkInvariants()
        let focus = EventRef(UInt64(rows.firstIndex { ($0.1.compactMap(\.stringPayload)).contains("C:\\t\\250.tmp") }!))
        let tree = try! XCTUnwrap(g.tree(aroundEvent: focus, maxNodes: 100, maxEventsPerNode: 40))
        let node = try! XCTUnwrap(tree.nodes.first { $0.process.fileName == "svchost.exe" })
        XCTAssertEqual(node.events.count, 40, "39 oldest and the focus")
        XCTAssertEqual(node.events.filter(\.isFocus).map(\.ref), [focus])
        XCTAssertEqual(node.events.last?.ref, focus, "listed in event order")
        XCTAssertEqual(node.events.first?.summary.detail, "C:\\t\\0.tmp")
        XCTAssertEqual(node.moreEvents, 300 - 40, "the five creation rows are child nodes, not events")
        XCTAssertEqual(tree.nodes.filter { $0.process.fileName == "worker.exe" }.count, 5)
    }

    func testCreationRowsOfEvictedChildrenCountAsEventsAgain() {
        // Children go once their own events are gone; their creation rows on svchost stay longer.
        let g = ProcessGraph(budget: 60)
        for k in 0..<120 {
            let child = P(pid: Int64(8000 + 4 * k), name: "worker.exe", at: Double(k))
            SyntheticRows.observe(g, [(SyntheticRows.dpe, SyntheticRows.created(child, by: svchost, parent: services))], from: UInt64(2 * k))
            SyntheticRows.observe(g, [(SyntheticRows.dfe, SyntheticRows.file("C:\\t\\\(k).tmp", by: child, parent: svchost, at: Double(k) + 0.5))],
                                  from: UInt64(2 * k + 1))
            if k % 7 == 0 { g._checkInvariants() }
        }
        g._checkInvariants()
        let s = try! XCTUnwrap(g.findProcess(device: "dev1", pid: svchost.pid).first.flatMap { g.slot($0) })
        let brute = g.nodes[Int(s)].events.elements.filter { e in g.events[e]?.subject.flatMap(g.slot) == nil }.count
        XCTAssertEqual(g.nonCreationEvents(s), brute)
        XCTAssertGreaterThan(g.stats.evictedNodes, 0)
    }

    func testDeviceIdsDifferingInCaseAreOneDevice() {
        let g = ProcessGraph(budget: 100)
        SyntheticRows.observe(g, [
            (SyntheticRows.dfe, SyntheticRows.file("C:\\a", by: ping, parent: svchost, at: 30, device: "ABC")),
            (SyntheticRows.dfe, SyntheticRows.file("C:\\b", by: ping, parent: svchost, at: 31, device: "abc")),
            (SyntheticRows.dfe, SyntheticRows.file("C:\\c", by: ping, parent: svchost, at: 32, device: "ABC")),
            (SyntheticRows.dfe, SyntheticRows.file("C:\\d", by: ping, parent: svchost, at: 33, device: "other")),
        ])
        let n = g.node(for: EventRef(0))
        XCTAssertEqual(g.node(for: EventRef(1)), n)
        XCTAssertEqual(g.node(for: EventRef(2)), n)
        XCTAssertNotEqual(g.node(for: EventRef(3)), n)
        XCTAssertEqual(g.findProcess(device: "abc", pid: ping.pid), [n!])
        XCTAssertEqual(g.findProcess(device: "ABC.contoso.local", pid: ping.pid), [n!])
        XCTAssertEqual(g.process(n!)?.device, "ABC.contoso.local", "the first name seen is kept")
    }
}
