import XCTest
import KQL
@testable import Lineage

final class LineageTextRendererTests: XCTestCase {
    typealias P = SyntheticRows.P

    func makeGraph(cmd: String = "ping.exe -t 127.0.0.1") -> ProcessGraph {
        let g = ProcessGraph(budget: 1000)
        let services = P(pid: 700, name: "services.exe", at: -900)
        let svchost = P(pid: 1200, name: "svchost.exe", at: -800, cmd: "svchost.exe -k netsvcs")
        let msra = P(pid: 4000, name: "msra.exe", at: 10, cmd: "msra.exe")
        let ping = P(pid: 5000, name: "ping.exe", at: 20, cmd: cmd)
        let other = P(pid: 5100, name: "conhost.exe", at: 21, cmd: "conhost.exe 0xffffffff")
        SyntheticRows.observe(g, [
            (SyntheticRows.dpe, SyntheticRows.created(msra, by: svchost, parent: services)),
            (SyntheticRows.dpe, SyntheticRows.created(ping, by: msra, parent: svchost)),
            (SyntheticRows.dpe, SyntheticRows.created(other, by: msra, parent: svchost)),
            (SyntheticRows.dfe, SyntheticRows.file("C:\\Users\\a\\mail\\1.eml", by: ping, parent: msra, at: 30)),
            (SyntheticRows.dfe, SyntheticRows.file("C:\\Users\\a\\mail\\2.eml", by: ping, parent: msra, at: 31)),
        ])
        return g
    }

    func testTreeAroundAHitUnicode() throws {
        let g = makeGraph()
        let tree = try XCTUnwrap(g.tree(aroundEvent: EventRef(3)))
        XCTAssertEqual(tree.nodes.map(\.process.fileName), ["services.exe", "svchost.exe", "msra.exe", "ping.exe"])
        XCTAssertEqual(tree.nodes.map(\.depth), [0, 1, 2, 3])
        XCTAssertTrue(tree.rootParentUnresolved)
        let text = LineageTextRenderer.render(tree, unicode: true, width: nil)
        print(text)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "? (parent unresolved)")
        XCTAssertTrue(lines[1].hasPrefix("services.exe (pid 700, ") && lines[1].contains("[inferred]"))
        XCTAssertTrue(lines[2].hasPrefix("└─ svchost.exe (pid 1200"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("   └─ msra.exe (pid 4000") && !$0.contains("[inferred]") })
        let pingLine = try XCTUnwrap(lines.firstIndex { $0.contains("ping.exe (pid 5000") })
        XCTAssertTrue(lines[pingLine].hasSuffix("ping.exe -t 127.0.0.1 ◀"))
        XCTAssertTrue(lines[pingLine + 1].contains("• ") && lines[pingLine + 1].contains("FileCreated C:\\Users\\a\\mail\\1.eml") && lines[pingLine + 1].hasSuffix("◀"))
        XCTAssertTrue(lines[pingLine + 2].contains("2.eml") && !lines[pingLine + 2].hasSuffix("◀"))
        XCTAssertTrue(text.contains("1 more child process(es)"), "conhost sibling is summarised on the path")
    }

    func testSubtreeAsciiWithSiblings() throws {
        let g = makeGraph()
        let msra = try XCTUnwrap(g.createdNode(for: EventRef(0)))
        let tree = try XCTUnwrap(g.subtree(of: msra))
        XCTAssertEqual(tree.nodes.map(\.process.fileName), ["msra.exe", "ping.exe", "conhost.exe"])
        let text = LineageTextRenderer.render(tree, unicode: false, width: 60)
        print(text)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.hasPrefix("|- ping.exe (pid 5000") })
        XCTAssertTrue(lines.contains { $0.hasPrefix("|     * ") && $0.contains("FileCreated") }, "events under ping keep the sibling guide")
        XCTAssertTrue(lines.contains { $0.hasPrefix("`- conhost.exe (pid 5100") })
        XCTAssertTrue(lines.allSatisfy { $0.count <= 60 })
        XCTAssertTrue(text.unicodeScalars.allSatisfy { $0.isASCII })
    }

    func testControlCharactersAreShownNotObeyed() throws {
        let g = makeGraph(cmd: "ping.exe \u{1b}[2J\u{202e}gpj.exe\r\n\u{9b}x\u{7f}")
        let tree = try XCTUnwrap(g.tree(aroundEvent: EventRef(3)))
        let text = LineageTextRenderer.render(tree, unicode: true, width: nil)
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x1b || $0.value == 0x202e || $0.value == 0x9b || $0.value == 0x7f || $0 == "\r" })
        XCTAssertTrue(text.contains("ping.exe \\x1b[2J\\u{202e}gpj.exe\\x0d\\x0a\\x9bx\\x7f"))
        XCTAssertEqual(DisplayText.sanitize("plain ✔ text"), "plain ✔ text")
    }

    func testDeepChainRendersWithoutRecursion() {
        let g = ProcessGraph(budget: 100_000)
        var rows: [(TableSchema, [Value])] = []
        var parent = P(pid: 4, name: "root.exe", at: 0)
        var grand: P? = nil
        for k in 1...3000 {
            let child = P(pid: Int64(8 + 4 * k), name: "n\(k).exe", at: Double(k))
            rows.append((SyntheticRows.dpe, SyntheticRows.created(child, by: parent, parent: grand)))
            grand = parent
            parent = child
        }
        SyntheticRows.observe(g, rows)
        let root = g.findProcess(device: "dev1", pid: 4)[0]
        let tree = g.subtree(of: root, maxNodes: 5000)!
        XCTAssertEqual(tree.nodes.count, 3001)
        XCTAssertEqual(tree.nodes.last?.depth, 3000)
        XCTAssertEqual(g.ancestors(of: g.createdNode(for: EventRef(2999))!).count, 3000)
        XCTAssertFalse(LineageTextRenderer.render(tree, unicode: false, width: 80).isEmpty)
    }
}
