@testable import Dashboard
import Engine
import Terminal
import XCTest

final class RenderTests: XCTestCase {
    func testTiledLayoutShowsEveryPaneAndStatus() {
        let h = Harness()
        let s = h.screen
        for title in ["1 Feed", "2 Rules", "3 Hits", "4 Tree", "5 Detail", "6 Exclusions"] {
            XCTAssertTrue(s.contains(title), "missing \(title)\n\(s.dump)")
        }
        XCTAssertTrue(s.contains("123 ev/s"))
        let status = s.text(row: 34)
        XCTAssertTrue(status.contains("gen.jsonl"))
        XCTAssertTrue(status.contains("malformed 2"))
        XCTAssertTrue(status.contains("rule errors 1"))
        XCTAssertTrue(status.contains("q quit"))
        // Newest event first, and the hit row is styled as a hit.
        XCTAssertTrue(s.contains("exfil"))
        let feed = h.pane(.feed)
        XCTAssertTrue(feed[1].contains("exfil"), feed[1])
        XCTAssertTrue(feed[2].contains("log19.txt"), feed[2])
        XCTAssertEqual(s.style(of: "log19.txt")?.fg, Theme.builtIn.style(.main).fg)
        h.press(.down)   // move the selection off the hit row: it keeps the hit style
        XCTAssertEqual(h.screen.style(of: "Temp\\exfil.eml")?.fg, Theme.builtIn.style(.hit).fg)
        XCTAssertTrue(s.contains("┌"), "unicode box drawing")
    }

    func testRulesPaneShowsCountsAndSparkline() {
        let h = Harness()
        let row = h.screen.rowsContaining("Ping writes .eml").first!
        let line = h.screen.text(row: row)
        XCTAssertTrue(line.contains("Exfiltrat"), line)
        XCTAssertTrue(line.contains("High"))
        XCTAssertTrue(line.contains("14:02:33"), line)   // last hit
        XCTAssertTrue(line.contains("█"), "sparkline peak: \(line)")
        XCTAssertTrue(h.pane(.rules).contains { $0.hasPrefix("! rules/bad.yaml: unknown column 'Foo'") }, h.pane(.rules).joined(separator: "\n"))
        XCTAssertEqual(h.screen.style(of: "! rules/bad.yaml")?.fg, Theme.builtIn.style(.error).fg)
        XCTAssertEqual(h.screen.style(of: "High")?.fg, Theme.builtIn.style(.severityHigh).fg)
    }

    func testDrillFromRuleToHitToTreeShowsLineage() {
        let h = Harness()
        h.press(.char("2"))                  // Rules
        XCTAssertEqual(h.state.focus, .rules)
        h.press(.enter)                      // → hits of the seed rule
        XCTAssertEqual(h.state.focus, .hits)
        XCTAssertTrue(h.screen.contains("3 Hits (3): Ping writes .eml under remote assistance"), h.screen.dump)
        // Grouped by device/process: WS01 ping.exe twice, shown once with its count.
        let hitsText = h.pane(.hits)
        let ws01 = h.paneRows(.hits, containing: "WS01")
        XCTAssertEqual(ws01.count, 1, h.screen.dump)
        guard ws01.count == 1 else { return }
        XCTAssertTrue(hitsText[ws01[0]].contains("x2"))
        XCTAssertTrue(hitsText[ws01[0] + 1].contains("〃"), "repeat of device/process shown as ditto")
        XCTAssertTrue(hitsText.contains { $0.contains("WS02") && $0.contains("[excluded:") }, hitsText.joined(separator: "\n"))
        XCTAssertEqual(h.screen.style(of: "[excluded:")?.fg, Theme.builtIn.style(.suppressed).fg)
        h.press(.enter)                      // → tree of the selected hit
        XCTAssertEqual(h.state.focus, .tree)
        let s = h.screen
        let tree = h.pane(.tree)
        let unresolved = h.paneRows(.tree, containing: "(unresolved parent)"), msra = h.paneRows(.tree, containing: "msra.exe [4242] (inferred)")
        let ping = h.paneRows(.tree, containing: "ping.exe [4711]"), eml = h.paneRows(.tree, containing: "FileCreated …")
        XCTAssertEqual(unresolved, [0], s.dump)
        XCTAssertEqual(msra, [1])
        XCTAssertEqual(ping, [2])
        XCTAssertEqual(eml, [3, 4], "both .eml writes under ping.exe")
        guard ping == [2] else { return }
        XCTAssertTrue(tree[2].hasPrefix("  └─▾ ping.exe"), tree[2])
        XCTAssertEqual(s.style(of: "msra.exe [4242]")?.fg, Theme.builtIn.style(.inferred).fg)
        XCTAssertEqual(s.style(of: "(unresolved parent)")?.underline, true)
        // Detail follows the tree selection: ping.exe is selected.
        XCTAssertTrue(s.contains("5 Detail: process ping.exe"), s.dump)
        // Down to the first .eml write, Enter → its columns in detail.
        h.press(.down, .enter)
        XCTAssertEqual(h.state.focus, .detail)
        XCTAssertTrue(h.screen.contains("FolderPath"))
        // Esc walks back up the stack.
        h.press(.escape); XCTAssertEqual(h.state.focus, .tree)
        h.press(.escape); XCTAssertEqual(h.state.focus, .hits)
        h.press(.escape); XCTAssertEqual(h.state.focus, .rules)
    }

    func testTreeFoldAndUnfold() {
        let h = Harness()
        h.press(.char("2"), .enter, .enter)
        XCTAssertEqual(h.paneRows(.tree, containing: "FileCreated").count, 2)
        h.press(.left)                        // fold ping.exe
        XCTAssertEqual(h.paneRows(.tree, containing: "FileCreated"), [], h.screen.dump)
        XCTAssertTrue(h.screen.contains("▸ ping.exe"))
        h.press(.right)
        XCTAssertEqual(h.paneRows(.tree, containing: "FileCreated"), [3, 4])
        h.press(.left, .left)                 // fold, then to parent
        XCTAssertTrue(h.screen.contains("5 Detail: process msra.exe"), h.screen.dump)
        h.press(.char("-"))
        XCTAssertFalse(h.screen.contains("ping.exe [4711]"))
        h.press(.char("+"))
        XCTAssertTrue(h.screen.contains("ping.exe [4711]"))
    }

    func testHelpIsGeneratedFromKeyTable() {
        let h = Harness()
        h.press(.char("?"))
        XCTAssertTrue(h.state.showHelp)
        for b in KeyTable.standard.bindings {
            XCTAssertTrue(h.screen.contains(b.description), "help lacks \(b.description)")
        }
        XCTAssertTrue(h.screen.contains("q F10 Ctrl-C"))
        h.press(.escape)
        XCTAssertFalse(h.state.showHelp)
        h.press(.function(1))
        XCTAssertTrue(h.state.showHelp)
        h.press(.char("j"))                   // ignored while help is up
        h.press(.function(1))
        XCTAssertFalse(h.screen.contains("Help: keys"))
    }

    func testFilterNegationAndMatches() {
        let h = Harness()
        h.press(.char("/"))
        h.type("log1")
        XCTAssertTrue(h.screen.text(row: 34).contains("/log1_"), "prompt: \(h.screen.text(row: 34))")
        h.press(.enter)
        let shown = h.pane(.feed).dropFirst().filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        XCTAssertEqual(shown.count, 7, h.screen.dump)
        XCTAssertTrue(shown.allSatisfy { $0.contains("log1") }, shown.joined(separator: "\n"))
        XCTAssertFalse(h.screen.contains("log2.txt"))
        XCTAssertFalse(h.pane(.feed).contains { $0.contains("exfil") })
        XCTAssertTrue(h.screen.contains("/log1 (11)"))
        // Negated.
        h.press(.char("/"), .backspace, .backspace, .backspace, .backspace)
        h.type("!log")
        h.press(.enter)
        XCTAssertTrue(h.screen.contains("exfil"))
        XCTAssertFalse(h.screen.contains("log5.txt"), h.screen.dump)
        // Esc clears the filter.
        h.press(.escape)
        XCTAssertTrue(h.screen.contains("log19.txt"))
        // n/N in the detail pane jump between matching lines.
        h.press(.char("5"), .char("/"))
        h.type("folderpath")
        h.press(.enter, .char("n"))
        XCTAssertEqual(h.screen.style(of: "FolderPath")?.reverse, true, "selected matching line")
    }

    func testPauseFreezesDisplayAndCountsArrivals() {
        let h = Harness()
        h.press(.char("p"))
        h.source.publish { s in
            s.feed.append(Fixtures.feedEvent(500, seconds: 40, path: "C:\\new\\arrival.txt"))
            s.totals.eventsRead += 5
        }
        h.draw()
        XCTAssertFalse(h.screen.contains("arrival.txt"))
        XCTAssertTrue(h.screen.contains("PAUSED +5 new"), h.screen.text(row: 34))
        h.press(.char("p"))
        XCTAssertTrue(h.screen.contains("arrival.txt"))
        XCTAssertFalse(h.screen.contains("PAUSED"))
    }

    func testSortCyclesRules() {
        let h = Harness()
        h.press(.char("2"), .char("s"))
        XCTAssertTrue(h.screen.contains("sort: last hit"))
        h.press(.char("s"))                   // by name: Mshta before Ping
        XCTAssertTrue(h.pane(.rules)[1].hasPrefix("Mshta with URL"), h.pane(.rules)[1])
        XCTAssertTrue(h.pane(.rules)[2].hasPrefix("Ping writes"))
        h.press(.char("s"), .char("s"))
        XCTAssertTrue(h.screen.contains("sort: hits"))
    }

    func testTooSmallShowsMessageAndRecovers() {
        let h = Harness()
        h.screen.resize(rows: 10, cols: 50)
        h.press(.resize)
        XCTAssertTrue(h.screen.contains("Terminal too small: 50x10"), h.screen.dump)
        XCTAssertFalse(h.screen.contains("Feed"))
        h.screen.resize(rows: 15, cols: 60)
        h.press(.resize)
        XCTAssertTrue(h.screen.contains("1 Feed"))
        XCTAssertTrue(h.screen.contains("exfil"), h.screen.dump)
        XCTAssertTrue(h.screen.text(row: 14).contains("malformed 2"), h.screen.dump)
    }

    func testCompactLayoutSwitchesPanesWithTabAndDigits() {
        let h = Harness(rows: 20, cols: 80)
        XCTAssertTrue(h.screen.text(row: 0).contains(" 1 Feed "))
        XCTAssertEqual(h.screen.style(of: " 1 Feed ")?.reverse, true)
        h.press(.tab)
        XCTAssertTrue(h.screen.contains("2 Rules (2)"))
        XCTAssertFalse(h.screen.contains("log19.txt"))
        h.press(.backTab, .backTab)
        XCTAssertEqual(h.state.focus, .exclusions)
        XCTAssertTrue(h.screen.contains("Lab device WS02"))
    }

    func testHostileCommandLineNeverReachesGridRaw() {
        var snap = Fixtures.seedSnapshot()
        let evil = "powershell -c \u{1B}[31mred\u{1B}]8;;http://x\u{07}link\u{202E}gpj.exe\u{200B}\u{9B}2J\u{0}\r\nnext"
        snap.feed.append(Fixtures.feedEvent(777, seconds: 50, process: "powershell.exe", path: evil, action: "ProcessCreated"))
        let h = Harness(snap)
        h.press(.enter)   // detail of the newest (hostile) event
        XCTAssertTrue(h.screen.contains("powershell -c"))
        for r in 0..<h.screen.rows {
            for cell in h.screen.cells[r] {
                for s in cell.text.unicodeScalars {
                    XCTAssertFalse(Sanitizer.isHostile(s), "U+\(String(s.value, radix: 16)) on row \(r)")
                }
            }
        }
        XCTAssertTrue(h.screen.contains("\u{FFFD}[31mred"))
    }

    func testExclusionsSpaceAndShadowSendCommands() {
        let h = Harness()
        h.press(.char("6"))
        XCTAssertTrue(h.screen.contains("[✔] Lab device WS02"), h.screen.dump)
        XCTAssertTrue(h.screen.contains("[ ] Known backup job"))
        XCTAssertTrue(h.screen.contains("1 suppressed"))
        h.press(.char(" "))                   // Known backup job sorts first by name
        XCTAssertEqual(h.source.sent, [.toggleExclusion("backup")])
        XCTAssertTrue(h.screen.contains("[✔] Known backup job"))
        h.press(.down, .char("v"))
        XCTAssertEqual(h.source.sent.last, .setExclusionShadow("lab-ws02", true))
        XCTAssertTrue(h.screen.contains("SHADOW Lab device WS02"))
        XCTAssertTrue(h.pane(.hits).contains { $0.contains("WS02") && $0.contains("[shadow:lab-ws02]") }, h.pane(.hits).joined(separator: "\n"))
        XCTAssertEqual(h.screen.style(of: "[shadow:")?.fg, Theme.builtIn.style(.warning).fg)
        // Space elsewhere sends nothing.
        h.press(.char("1"), .char(" "))
        XCTAssertEqual(h.source.sent.count, 2)
    }

    func testMouseClickFocusesAndSelects() {
        let h = Harness()
        guard let row = h.screen.rowsContaining("Mshta with URL").first else { return XCTFail(h.screen.dump) }
        h.press(.mouse(row: row, col: 5))
        XCTAssertEqual(h.state.focus, .rules)
        XCTAssertEqual(h.state.selectedKey[.rules], "mshta-url")
        XCTAssertTrue(h.screen.contains("5 Detail: rule Mshta with URL"))
    }

    func testAsciiFallbackWhenLocaleIsNotUTF8() {
        let h = Harness(unicode: false)
        h.press(.char("2"), .enter, .enter)
        let s = h.screen
        XCTAssertFalse(s.contains("┌"))
        XCTAssertTrue(s.contains("+-"))
        XCTAssertTrue(s.contains("`-"), s.dump)
        for r in 0..<s.rows { XCTAssertTrue(s.text(row: r).unicodeScalars.allSatisfy(\.isASCII), s.text(row: r)) }
    }

    func testRealLongCommandLineWrapsInDetail() throws {
        let feed: [FeedEvent]
        do { feed = try Fixtures.realFeed(limit: 678) } catch { throw XCTSkip("../shared/data not found next to the package") }
        XCTAssertGreaterThan(feed.count, 600)
        let longest = feed.max { $0.pathOrCommand.count < $1.pathOrCommand.count }!
        XCTAssertGreaterThan(longest.pathOrCommand.count, 1000)
        let h = Harness(Snapshot(version: 1, sources: ["mde_proc_cs1"], feed: feed))
        h.state.selectedKey[.feed] = String(longest.eventId)
        h.press(.enter)
        XCTAssertEqual(h.state.focus, .detail)
        // The command line column wraps over consecutive rows, losing nothing.
        let all = DetailPane.lines(longest.columns.map { ($0.name, $0.value) }, width: 58)
        guard let start = all.firstIndex(where: { $0.name == "ProcessCommandLine" }) else { return XCTFail("no command line") }
        let wrapped = Array(all[start...].prefix { $0.name == "ProcessCommandLine" || $0.name.isEmpty })
        XCTAssertGreaterThan(wrapped.count, 10)
        XCTAssertEqual(wrapped.map(\.value).joined(), Sanitizer.clean(longest.pathOrCommand))
        h.press(.char("/"))
        h.type("ProcessCommandLine")
        h.press(.enter)
        // n walks the matches (InitiatingProcessCommandLine matches too) until ProcessCommandLine is selected.
        for _ in 0..<6 where !h.pane(.detail).contains(where: { $0.hasPrefix("ProcessCommandLine") }) { h.press(.char("n")) }
        let detail = h.pane(.detail)
        guard let row = detail.firstIndex(where: { $0.hasPrefix("ProcessCommandLine") }) else { return XCTFail(h.screen.dump) }
        XCTAssertTrue(detail[row].contains(wrapped[0].value), detail[row])
        if row + 1 < detail.count { XCTAssertTrue(detail[row + 1].contains(wrapped[1].value), detail[row + 1]) }
        XCTAssertTrue(h.screen.contains("5 Detail: event \(longest.eventId)"))
    }
}
