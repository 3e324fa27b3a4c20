import Foundation
import Glibc
import KQL
import Synchronization
import XCTest
@testable import Telemetry

/// Follow mode against a writer thread: rotation, copytruncate and partial lines lose nothing.
final class FollowTests: XCTestCase {
    static func row(_ n: Int) -> String {
        #"{"Type":"DeviceFileEvents","FileName":"\#(n)","FolderPath":"C:\\tmp\\\#(n).eml","InitiatingProcessCommandLine":"ping.exe -t 127.0.0.1"}"# + "\n"
    }

    static func append(_ path: String, _ text: String) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        precondition(fd >= 0)
        _ = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress!, $0.count - 1) }
        close(fd)
    }

    static func waitFor(_ box: Box, _ n: Int, timeout: Double = 10) {
        let end = Date().addingTimeInterval(timeout)
        while box.count.load(ordering: .relaxed) < n && Date() < end { usleep(2000) }
    }

    func follow(_ inputs: [InputSpec], expected: Int, writer: @escaping @Sendable (Box) -> Void) throws -> (seq: [Int], malformed: [MalformedLine]) {
        let c = Collector()
        var o = IngestOptions()
        o.pollInterval = 0.005
        o.folderRescanInterval = 0.02
        o.onMalformed = { m in c.malformed.withLock { $0.append(m) } }
        let ingest = try Ingest(inputs: inputs, options: o)
        let flag = ingest.stopFlag
        let seen = Box()
        let t = Thread {
            writer(seen)
            FollowTests.waitFor(seen, expected)
            usleep(50_000)          // let any extra (wrong) rows show up before stopping
            flag.stop()
        }
        t.start()
        var seq: [Int] = []
        try ingest.run { row in
            seq.append(Int(row.values[row.table.schema.slot(of: "FileName")!].stringPayload!)!)
            seen.count.add(1, ordering: .relaxed)
        }
        return (seq, c.malformed.withLock { $0 })
    }

    final class Box: Sendable { let count = Atomic<Int>(0) }

    func testRotationTruncationAndPartialLines() throws {
        let dir = try temporaryDirectory(self)
        let path = dir.appendingPathComponent("live.jsonl").path
        Self.append(path, "")
        let r = try follow([InputSpec(.path(path), follow: true)], expected: 601) { seen in
            // Partial lines: every 7th row arrives in two writes.
            for n in 1...200 {
                let line = Self.row(n)
                if n % 7 == 0 {
                    let cut = line.index(line.startIndex, offsetBy: line.count / 2)
                    Self.append(path, String(line[..<cut])); usleep(3000)
                    Self.append(path, String(line[cut...]))
                } else {
                    Self.append(path, line)
                }
            }
            // Rotation: rename away, write on in a new file.
            rename(path, path + ".1")
            usleep(20_000)
            for n in 201...400 { Self.append(path, Self.row(n)) }
            // copytruncate once the reader has the lines (a copy keeps them for others).
            FollowTests.waitFor(seen, 400)
            truncate(path, 0)
            usleep(100_000)
            for n in 401...600 { Self.append(path, Self.row(n)) }
            // A partial last line waits for its end.
            let last = Self.row(601)
            Self.append(path, String(last.prefix(40)))
            usleep(100_000)
            Self.append(path, String(last.dropFirst(40)))
        }
        XCTAssertEqual(r.malformed, [])
        XCTAssertEqual(r.seq, Array(1...601))
    }

    func testFolderPicksUpNewFiles() throws {
        let dir = try temporaryDirectory(self)
        let a = dir.appendingPathComponent("a.jsonl").path
        Self.append(a, Self.row(1) + Self.row(2))
        let r = try follow([InputSpec(.path(dir.path), follow: true)], expected: 5) { seen in
            FollowTests.waitFor(seen, 2)
            Self.append(dir.appendingPathComponent("b.jsonl").path, Self.row(3) + Self.row(4))
            FollowTests.waitFor(seen, 4)
            Self.append(a, Self.row(5))
        }
        XCTAssertEqual(r.malformed, [])
        XCTAssertEqual(r.seq, [1, 2, 3, 4, 5])
    }

    func testBatchReadOfFolderAndLastLineWithoutNewline() throws {
        let dir = try temporaryDirectory(self)
        try write(Self.row(1) + Self.row(2), to: dir.appendingPathComponent("1.jsonl"))
        try write(Self.row(3) + String(Self.row(4).dropLast()), to: dir.appendingPathComponent("2.jsonl"))
        let r = try ingestAll([InputSpec(.path(dir.path))])
        XCTAssertEqual(r.rows.compactMap { $0.value("FileName")?.stringPayload }, ["1", "2", "3", "4"])
        XCTAssertEqual(r.rows.map(\.line), [1, 2, 1, 2])
    }

    func testStdinIsRead() throws {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        let saved = dup(0)
        dup2(fds[0], 0)
        close(fds[0])
        defer { dup2(saved, 0); close(saved) }
        let text = Self.row(1) + "not json\n" + Self.row(2)
        _ = text.utf8CString.withUnsafeBufferPointer { write(fds[1], $0.baseAddress!, $0.count - 1) }
        close(fds[1])
        let r = try ingestAll([InputSpec(argument: "-")])
        XCTAssertEqual(r.rows.compactMap { $0.value("FileName")?.stringPayload }, ["1", "2"])
        XCTAssertEqual(r.rows.map(\.source), ["<stdin>", "<stdin>"])
        XCTAssertEqual(r.malformed.map(\.description).first?.hasPrefix("<stdin>:2: "), true)
    }

    func testLineReaderGrowsForLongLinesAndDropsOversizedOnes() throws {
        let dir = try temporaryDirectory(self)
        let f = dir.appendingPathComponent("long.txt")
        let long = String(repeating: "x", count: 50_000)
        let huge = String(repeating: "y", count: 300_000)
        try write("a\r\n" + long + "\n" + huge + "\nb", to: f)
        let reader = try LineReader(path: f.path, bufferSize: 4096, maxLineBytes: 128 * 1024)
        var lines: [Int] = []
        var oversize: [Int] = []
        var status = LineReader.Status.progress
        while status != .finished {
            status = try reader.pump(onOversize: { oversize.append($0) }) { line, _ in lines.append(line.count) }
        }
        XCTAssertEqual(lines, [1, 50_000, 1])
        XCTAssertEqual(oversize, [3])
    }
}
