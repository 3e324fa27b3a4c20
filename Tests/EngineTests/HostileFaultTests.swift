import Foundation
import XCTest
@testable import Engine
import Telemetry

/// Faults around the engine: inputs that vanish or cannot be read, hostile event text in
/// exports, and the terminal going away (SIGHUP) or resizing wildly under tmux.
final class HostileFaultTests: XCTestCase {
    func waitUntil(_ seconds: Double, _ cond: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline { if cond() { return true }; usleep(20_000) }
        return cond()
    }

    func testFollowedInputDeletedWhileReadingKeepsHitsAndRuns() throws {
        let dir = try PersistencePaths.tempDir(self)
        let input = dir.appendingPathComponent("events.jsonl")
        try FileManager.default.copyItem(atPath: PersistencePaths.demoEvents, toPath: input.path)
        var o = LiveOptions()
        o.follow = true
        o.publishInterval = 0.01
        o.statePath = dir.appendingPathComponent("state.db").path
        let e = LiveEngine(rules: RuleSet.load(paths: [PersistencePaths.seedRule]), inputs: [InputSpec(.path(input.path))], options: o)
        try e.start()
        XCTAssertTrue(waitUntil(30) { e.latest().rules.first?.hitCount == 40 })
        try FileManager.default.removeItem(at: input)
        usleep(300_000)
        XCTAssertFalse(e.isFinished, "following goes on after the file is deleted")
        XCTAssertEqual(e.latest().rules.first?.hitCount, 40)
        // The file comes back (rotation): its rows are read too.
        try Data(try String(contentsOfFile: PersistencePaths.demoEvents, encoding: .utf8).utf8.prefix(20_000)).write(to: input)
        let before = e.latest().totals.eventsRead
        XCTAssertTrue(waitUntil(10) { e.latest().totals.eventsRead > before }, "a re-created file is followed")
        e.send(.quit)
        XCTAssertTrue(waitUntil(10) { e.isFinished })
        XCTAssertEqual(try HitStore(path: o.statePath!).count(), 40)
    }

    func testUnreadableInputIsAClearErrorNamingTheFile() throws {
        guard getuid() != 0 else { throw XCTSkip("root reads everything") }
        let dir = try PersistencePaths.tempDir(self)
        let f = dir.appendingPathComponent("secret.jsonl")
        try Data("{}\n".utf8).write(to: f)
        chmod(f.path, 0)
        let e = LiveEngine(rules: RuleSet.load(paths: [PersistencePaths.seedRule]), inputs: [InputSpec(.path(f.path))], options: LiveOptions())
        XCTAssertThrowsError(try e.start()) { XCTAssertTrue("\($0)".contains("secret.jsonl"), "\($0)") }
    }

    /// Event text full of terminal commands: stored intact, exported with every control escaped.
    func testHostileEventTextIsEscapedInExports() throws {
        let dir = try PersistencePaths.tempDir(self)
        let evil = "\\u001b]0;owned\\u0007\\u001b[2J\\u009b31m\\u202etxt.exe\\u200b\\u0000"
        let line = #"{"$table":"DeviceFileEvents","Timestamp":"2026-03-10T09:00:00Z","DeviceName":"h\#(evil)","ActionType":"FileCreated","FolderPath":"C:\\x\#(evil).eml","InitiatingProcessFileName":"ping.exe","InitiatingProcessCommandLine":"ping.exe -t 127.0.0.1","InitiatingProcessParentFileName":"msra.exe","ReportId":1}"#
        let input = dir.appendingPathComponent("evil.jsonl")
        try Data((line + "\n").utf8).write(to: input)
        let state = dir.appendingPathComponent("state.db").path
        let snap = try PersistencePaths.runEngine([input.path], state: state)
        XCTAssertEqual(snap.rules.first?.hitCount, 1)
        let stored = try HitStore(path: state).hits()
        XCTAssertEqual(stored.count, 1)
        XCTAssertTrue(stored[0].hit.device.contains("\u{1B}]0;owned"), "stored as it came")
        let json = HitExport.ndjson(stored[0])
        for u in json.unicodeScalars {
            XCTAssertFalse(u.value < 0x20 || (0x7F...0x9F).contains(u.value), "raw control U+\(String(u.value, radix: 16)) in NDJSON")
        }
        XCTAssertTrue(json.contains("\\u001b]0;owned"))
        let back = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        XCTAssertEqual(back?["DeviceName"] as? String, stored[0].hit.device)
    }

    // MARK: - Under tmux

    func tmuxSetup() throws -> (exe: String, socket: String) {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else { throw XCTSkip("tmux not installed") }
        let exe = try PersistenceKillTests.hunttopBinary().path
        return (exe, "hunttop-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    }

    /// Runs tmux through the shell (Foundation's Process waits forever on a client that starts a
    /// server, which inherits its descriptors).
    @discardableResult
    func tmux(_ socket: String, _ args: [String]) -> String {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-out-\(UUID().uuidString)").path
        defer { unlink(out) }
        func q(_ a: String) -> String { "'" + a.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let cmd = "/usr/bin/tmux -L \(q(socket)) " + args.map(q).joined(separator: " ") + " >\(q(out)) 2>/dev/null </dev/null"
        _ = system(cmd)
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }

    func startDashboard(_ t: (exe: String, socket: String), state: String) -> Int32? {
        let cmd = "\(t.exe) watch --rules \(PersistencePaths.seedRule) --replay 2000/s --state \(state) \(PersistencePaths.demoEvents)"
        tmux(t.socket, ["new-session", "-d", "-x", "120", "-y", "40", "env TERM=xterm-256color LANG=C.UTF-8 " + cmd])
        addTeardownBlock { [t] in self.tmux(t.socket, ["kill-server"]) }
        var pid: Int32?
        _ = waitUntil(5) { pid = Int32(self.tmux(t.socket, ["list-panes", "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)); return pid != nil }
        return pid
    }

    func testTerminalClosedWithSIGHUPExitsAndKeepsCommittedHits() throws {
        let t = try tmuxSetup()
        let dir = try PersistencePaths.tempDir(self)
        let state = dir.appendingPathComponent("state.db").path
        let pid = try XCTUnwrap(startDashboard(t, state: state))
        XCTAssertTrue(waitUntil(20) { ((try? HitStore(path: state, readOnly: true).count()) ?? 0) > 0 }, "hits committed while on screen")
        let committed = try HitStore(path: state, readOnly: true).count()
        tmux(t.socket, ["kill-server"])          // the terminal goes away: SIGHUP
        XCTAssertTrue(waitUntil(5) { kill(pid, 0) != 0 }, "hunttop exits on SIGHUP")
        let s = try HitStore(path: state)
        XCTAssertEqual(try s.integrityCheck(), "ok")
        XCTAssertGreaterThanOrEqual(try s.count(), committed)
    }

    func testResizeStormThenTinyThenBackRestoresLayout() throws {
        let t = try tmuxSetup()
        let dir = try PersistencePaths.tempDir(self)
        let pid = try XCTUnwrap(startDashboard(t, state: dir.appendingPathComponent("state.db").path))
        XCTAssertTrue(waitUntil(10) { self.tmux(t.socket, ["capture-pane", "-p"]).contains("Feed") })
        // 1,000 resizes in a row, sent in batches through one tmux client call each.
        var sizes: [String] = []
        for i in 0..<1_000 {
            sizes += ["resize-window", "-x", String(30 + (i * 37) % 170), "-y", String(6 + (i * 13) % 50), ";"]
            if sizes.count >= 300 { tmux(t.socket, Array(sizes.dropLast())); sizes = [] }
        }
        if !sizes.isEmpty { tmux(t.socket, Array(sizes.dropLast())) }
        tmux(t.socket, ["resize-window", "-x", "20", "-y", "5"])
        usleep(300_000)
        XCTAssertEqual(kill(pid, 0), 0, "still running at 20x5")
        tmux(t.socket, ["resize-window", "-x", "120", "-y", "40"])
        XCTAssertTrue(waitUntil(5) {
            let screen = self.tmux(t.socket, ["capture-pane", "-p"])
            return ["1 Feed", "2 Rules", "3 Hits", "4 Tree", "5 Detail", "6 Exclusions"].allSatisfy(screen.contains)
        }, tmux(t.socket, ["capture-pane", "-p"]))
        XCTAssertEqual(kill(pid, 0), 0)
    }

    /// Event text with OSC/CSI sequences, C1 controls, bidi overrides, zero-width and double-width
    /// characters and invalid UTF-8, shown by the real dashboard under tmux: the pane title is not
    /// changed, the screen is not cleared, and the pane borders stay aligned.
    func testHostileEventTextNeverReachesTheTerminalRaw() throws {
        let t = try tmuxSetup()
        let dir = try PersistencePaths.tempDir(self)
        let input = dir.appendingPathComponent("evil.jsonl")
        var bytes: [UInt8] = []
        for i in 0..<30 {
            let evil = "\\u001b]0;owned\\u0007\\u001b[2J\\u001b[H\\u009b31m\\u202egpj.exe\\u200b文字wide\\u0000"
            bytes += Array(#"{"$table":"DeviceFileEvents","Timestamp":"2026-03-10T09:00:\#(String(format: "%02d", i))Z","DeviceName":"host\#(evil)","ActionType":"FileCreated","FolderPath":"C:\\evil\#(evil)\#(i).eml","InitiatingProcessFileName":"ping.exe","InitiatingProcessCommandLine":"ping.exe -t 127.0.0.1","InitiatingProcessParentFileName":"msra.exe","ReportId":\#(i)}"#.utf8)
            bytes += [0x0A]
        }
        bytes += Array(#"{"$table":"DeviceFileEvents","DeviceName":"raw-"#.utf8) + [0xFF, 0xC0, 0x1B, 0x5D, 0x30, 0x3B] + Array(#"bad","ReportId":99}"#.utf8) + [0x0A]
        try Data(bytes).write(to: input)
        let cmd = "\(t.exe) watch --rules \(PersistencePaths.seedRule) --no-state \(input.path)"
        tmux(t.socket, ["new-session", "-d", "-x", "120", "-y", "40", "env TERM=xterm-256color LANG=C.UTF-8 " + cmd])
        addTeardownBlock { [t] in self.tmux(t.socket, ["kill-server"]) }
        XCTAssertTrue(waitUntil(10) { self.tmux(t.socket, ["capture-pane", "-p"]).contains("owned") },
                      tmux(t.socket, ["capture-pane", "-p"]))
        tmux(t.socket, ["send-keys", "3"])                       // the Hits pane: hostile device names
        usleep(300_000)
        let screen = tmux(t.socket, ["capture-pane", "-p"])
        XCTAssertFalse(tmux(t.socket, ["display-message", "-p", "#{pane_title}"]).contains("owned"), "OSC 0 reached the terminal")
        XCTAssertTrue(screen.contains("1 Feed"), "the screen was not cleared:\n\(screen)")
        XCTAssertTrue(screen.contains("\u{FFFD}]0;owned"), "shown neutralised:\n\(screen)")
        XCTAssertFalse(screen.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x200B || $0.value == 0x1B })
        // Alignment: every bordered line that shows hostile text still ends on its border.
        let evilLines = screen.split(separator: "\n").filter { $0.contains("owned") }
        XCTAssertFalse(evilLines.isEmpty)
        for l in evilLines { XCTAssertTrue(["│", "┐", "┘"].contains { l.hasSuffix($0) }, "misaligned: \(l)") }
    }
}
