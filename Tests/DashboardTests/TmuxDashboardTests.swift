import Foundation
import XCTest

/// End to end: the real `hunttop` binary on the demo, in a detached tmux session, driven by keys
/// and read back with capture-pane.
final class TmuxDashboardTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private var session: TmuxSession?

    override func tearDown() {
        session?.kill()
        session = nil
        super.tearDown()
    }

    /// Builds `hunttop` once per test run: `swift test` builds the test bundle but not the
    /// executable product. `--ignore-lock` because the running `swift test` holds the build lock
    /// (it is idle while tests run); an up-to-date build only re-plans, a few seconds.
    nonisolated(unsafe) static var built: Result<String, Error>?

    func binary() throws -> String {
        if Self.built == nil { Self.built = Result { try Self.build() } }
        switch Self.built! {
        case .success(let path): return path
        case .failure(let error): throw XCTSkip("cannot build hunttop for the end-to-end tests: \(error)")
        }
    }

    static func build() throws -> String {
        let path = root.appendingPathComponent(".build/debug/hunttop").path
        guard let swift = TmuxSession.which("swift") else {
            if FileManager.default.isExecutableFile(atPath: path) { return path }
            throw TmuxError(message: "no `swift` on PATH and \(path) is missing; run `swift build` first")
        }
        try TmuxSession.runProcess(swift, ["build", "--package-path", root.path, "--product", "hunttop", "--ignore-lock"],
                                   what: "swift build --product hunttop")
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw TmuxError(message: "\(path) is missing after `swift build --product hunttop`")
        }
        return path
    }

    /// Starts the demo at 200x replay speed in a 120x35 window.
    func startDemo() throws -> TmuxSession {
        guard TmuxSession.executable != nil else { throw XCTSkip("tmux is not installed; the end-to-end tests need it") }
        let exe = try binary()
        let fixtures = Self.root.appendingPathComponent("Fixtures").path
        let s = try TmuxSession(command: "\(TmuxSession.shellQuote(exe)) demo --replay 200", cols: 120, rows: 35,
                                environment: ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "HUNTTOP_FIXTURES": fixtures])
        session = s
        return s
    }

    /// Number in the Hits pane title, `3 Hits (N)`.
    static func hitCount(_ screen: [String]) -> Int? {
        for line in screen {
            guard let r = line.range(of: "3 Hits (") else { continue }
            let digits = line[r.upperBound...].prefix { $0.isNumber }
            return Int(digits)
        }
        return nil
    }

    /// Feed rows under the column header.
    static func feedRows(_ screen: [String]) -> [String] {
        guard let box = ScreenBox.contents(screen, title: "1 Feed") else { return [] }
        return box.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func testDrillIntoQakbotHitShowsLineage() throws {
        let s = try startDemo()
        try s.waitFor("the first Qakbot hit", timeout: 60) { (Self.hitCount($0) ?? 0) > 0 }
        // Rules pane, filtered to the Qakbot rule (the demo loads two) → Enter (its hits) → Enter (the hit's tree).
        try s.send("2")
        try s.send("/", literal: true)
        try s.send("Qakbot", literal: true)
        try s.send("Enter")
        try s.send("Enter")
        try s.waitFor("the Hits pane to take focus", timeout: 10) { screen in
            screen.contains { $0.contains("Hits (") && $0.contains("Qakbot") }
        }
        try s.send("Enter")
        let screen = try s.waitFor("msra.exe, ping.exe and .eml in the tree", timeout: 20) { screen in
            guard let tree = ScreenBox.contents(screen, title: "4 Tree") else { return false }
            let text = tree.joined(separator: "\n")
            return text.contains("msra.exe") && text.contains("ping.exe") && text.contains(".eml")
        }
        let tree = ScreenBox.contents(screen, title: "4 Tree") ?? []
        // The chain is drawn as a tree: msra.exe above ping.exe, ping.exe's .eml writes below it.
        let msra = tree.firstIndex { $0.contains("msra.exe") }, ping = tree.firstIndex { $0.contains("ping.exe") }
        let eml = tree.firstIndex { $0.contains(".eml") }
        XCTAssertNotNil(msra); XCTAssertNotNil(ping); XCTAssertNotNil(eml)
        if let msra, let ping, let eml {
            XCTAssertLessThan(msra, ping, "msra.exe should be the parent of ping.exe:\n\(tree.joined(separator: "\n"))")
            XCTAssertLessThan(ping, eml, "the .eml writes belong under ping.exe:\n\(tree.joined(separator: "\n"))")
        }
        XCTAssertTrue(screen.contains { $0.contains("Tree: ping.exe on fin-ws-07") || $0.contains("Tree: ping.exe on hr-ws-12") },
                      "tree title names the hit process and host:\n\(screen.joined(separator: "\n"))")
    }

    func testHelpFilterResizeAndQuitRestoresTerminal() throws {
        let s = try startDemo()
        try s.waitFor("the dashboard", timeout: 30) { screen in
            screen.contains { $0.contains("1 Feed") } && Self.feedRows(screen).count > 3
        }
        XCTAssertEqual(try s.format("alternate_on"), "1", "the dashboard runs on the alternate screen")

        // Help: `?` shows the listing generated from the key table; `?` again closes it.
        try s.send("?", literal: true)
        try s.waitFor("the help listing", timeout: 10) { screen in
            let text = screen.joined(separator: "\n")
            return text.contains("Help: keys") && text.contains("Drill in: rule > hits > tree > detail") && text.contains("Quit")
        }
        try s.send("?", literal: true)
        try s.waitFor("help to close", timeout: 10) { !$0.joined().contains("Help: keys") }

        // Filter: the feed shows other hosts first; `/hr-ws-12` + Enter keeps only that host's rows.
        try s.send("1")
        try s.waitFor("feed rows of several hosts", timeout: 30) { screen in
            let rows = Self.feedRows(screen)
            return rows.contains { $0.contains("hr-ws-12") } && rows.contains { !$0.contains("hr-ws-12") }
        }
        try s.send("/", literal: true)
        try s.send("hr-ws-12", literal: true)
        try s.send("Enter")
        // The filter applies while it is typed; Enter then leaves the input line (keys reach a
        // busy debug build one frame at a time, so wait for both).
        let filtered = try s.waitFor("the feed filtered to hr-ws-12 and the filter input closed", timeout: 20) { screen in
            let rows = Self.feedRows(screen)
            return rows.count > 2 && rows.allSatisfy { $0.contains("hr-ws-12") } && !screen.joined().contains("Filter Feed: /")
        }
        XCTAssertTrue(filtered.contains { $0.contains("/hr-ws-12") }, "the pane title shows the filter")

        // Resize below the minimum: the too-small message; back: the layout.
        try s.resize(cols: 50, rows: 12)
        try s.waitFor("the too-small message", timeout: 10) { screen in
            screen.joined(separator: "\n").contains("Terminal too small: 50x12")
        }
        try s.resize(cols: 120, rows: 35)
        try s.waitFor("the layout to return", timeout: 10) { screen in
            let text = screen.joined(separator: "\n")
            return !text.contains("Terminal too small") && text.contains("1 Feed") && text.contains("4 Tree")
                && ScreenBox.contents(screen, title: "2 Rules") != nil
        }

        // Quit: the shell's echo shows up on the normal screen, cursor visible again, mouse off.
        try s.send("q", literal: true)
        let after = try s.waitFor("hunttop to exit", timeout: 15) { $0.contains { $0.contains("EXITED:") } }
        XCTAssertTrue(after.contains { $0.contains("EXITED:0") }, "exit status 0:\n\(after.joined(separator: "\n"))")
        XCTAssertEqual(try s.format("alternate_on"), "0", "alternate screen left")
        XCTAssertEqual(try s.format("cursor_flag"), "1", "cursor shown again")
        XCTAssertEqual(try s.format("mouse_any_flag"), "0", "mouse reporting off")
        XCTAssertFalse(after.contains { $0.contains("1 Feed") }, "no dashboard left on the normal screen")
    }
}
