import Foundation
import XCTest
import Terminal
#if canImport(Glibc)
import Glibc
#endif

/// Drives a command in a detached tmux session on a private socket (`tmux -L hunttop-test-<pid>-<n>`,
/// no user config), so tests never touch a user's tmux. `kill()` ends the server; always call it.
final class TmuxSession {
    let socket: String
    let target = "e2e"
    private static let counter = NSLock()
    nonisolated(unsafe) private static var next = 0

    /// The tmux executable, or nil when it is not installed.
    static let executable: String? = which("tmux")

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// Starts `command` (run by `sh -c`) in a `cols`×`rows` window.
    init(command: String, cols: Int, rows: Int, environment: [String: String] = [:]) throws {
        guard Self.executable != nil else { throw XCTSkip("tmux is not installed; the end-to-end tests need it") }
        Self.counter.lock(); Self.next += 1; let n = Self.next; Self.counter.unlock()
        socket = "hunttop-test-\(getpid())-\(n)"
        var env = ""
        for (k, v) in environment.sorted(by: { $0.key < $1.key }) { env += "\(k)=\(Self.shellQuote(v)) " }
        // The pane stays after the command so the shell's output (EXITED:…) can be read.
        let script = "\(env)\(command); echo EXITED:$?; exec sleep 600"
        _ = try run(["-f", "/dev/null", "new-session", "-d", "-s", target, "-x", String(cols), "-y", String(rows),
                     "sh", "-c", script])
    }

    /// Runs a tmux subcommand on this session's socket; returns its stdout. Throws on failure.
    @discardableResult
    func run(_ args: [String]) throws -> String {
        try Self.runProcess(Self.executable!, ["-u", "-L", socket] + args, what: "tmux \(args.joined(separator: " "))")
    }

    /// Runs a program to completion with posix_spawn + waitpid. Not Foundation's `Process`: it
    /// notices the exit through a descriptor the child inherits, and the tmux server that
    /// `new-session` forks keeps that open, so the wait never ends. Output goes through files.
    @discardableResult
    static func runProcess(_ exe: String, _ args: [String], what: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory
        let outPath = dir.appendingPathComponent("hunttop-e2e-\(UUID().uuidString).out").path
        let errPath = dir.appendingPathComponent("hunttop-e2e-\(UUID().uuidString).err").path
        defer { unlink(outPath); unlink(errPath) }
        var fa = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fa)
        defer { posix_spawn_file_actions_destroy(&fa) }
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&fa, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&fa, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([exe] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, exe, &fa, nil, argv, environ)
        guard rc == 0 else { throw TmuxError(message: "\(what): cannot start \(exe): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let stdout = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let exited = status & 0x7f == 0, code = (status >> 8) & 0xff
        guard exited && code == 0 else {
            let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            throw TmuxError(message: "\(what) failed (status \(status)): \(stderr)\(stdout.suffix(2000))")
        }
        return stdout
    }

    /// The visible screen as text, one string per row.
    func capture() throws -> [String] {
        try run(["capture-pane", "-p", "-t", target]).components(separatedBy: "\n")
    }

    /// A pane format variable, e.g. `alternate_on`, `cursor_flag`.
    func format(_ name: String) throws -> String {
        try run(["display-message", "-p", "-t", target, "#{\(name)}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Sends tmux key names (`Enter`, `Escape`, `Tab`) or, with `literal`, the text as typed.
    func send(_ keys: String..., literal: Bool = false) throws {
        try run(["send-keys", "-t", target] + (literal ? ["-l"] : []) + keys)
    }

    func resize(cols: Int, rows: Int) throws {
        try run(["resize-window", "-t", target, "-x", String(cols), "-y", String(rows)])
    }

    /// Polls the screen every 200 ms until `condition` holds; fails with the last screen on timeout.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval, file: StaticString = #filePath, line: UInt = #line,
                 _ condition: ([String]) -> Bool) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var screen: [String] = []
        while true {
            screen = try capture()
            if condition(screen) { return screen }
            if Date() > deadline { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        XCTFail("timed out after \(Int(timeout)) s waiting for \(what); screen:\n\(screen.joined(separator: "\n"))",
                file: file, line: line)
        throw TmuxError(message: "timed out waiting for \(what)")
    }

    /// Ends the tmux server of this session (and the command in it).
    func kill() {
        _ = try? run(["kill-server"])
    }

    static func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

struct TmuxError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A box drawn on a captured screen: the text inside the frame whose title contains a marker.
/// Works on terminal cells, so wide characters (e.g. 〃) do not shift the columns.
enum ScreenBox {
    /// One string per cell; a wide character fills its first cell, the second is empty.
    static func cells(_ line: String) -> [String] {
        var out: [String] = []
        for ch in line {
            let w = ch.unicodeScalars.first.map { Sanitizer.scalarWidth($0) } ?? 1
            out.append(String(ch))
            if w == 2 { out.append("") }
        }
        return out
    }

    /// Rows inside the box whose top border contains `title`, cut to the box's columns.
    static func contents(_ screen: [String], title: String) -> [String]? {
        let grid = screen.map(cells)
        let want = cells(title)
        for (r, row) in grid.enumerated() where row.count >= want.count {
            guard let t = (0...(row.count - want.count)).first(where: { Array(row[$0..<($0 + want.count)]) == want }) else { continue }
            guard let left = row[..<t].lastIndex(where: { $0 == "┌" || $0 == "+" }),
                  let right = row[t...].firstIndex(where: { $0 == "┐" || $0 == "+" }) else { continue }
            var out: [String] = []
            for next in grid[(r + 1)...] {
                guard next.count > right, next[left] != "└", next[left] != "+" else { break }
                out.append(next[(left + 1)..<right].joined())
            }
            return out
        }
        return nil
    }
}
