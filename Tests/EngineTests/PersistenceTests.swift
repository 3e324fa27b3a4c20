import Foundation
import XCTest
@testable import Engine
import Telemetry

/// Paths of the repository for engine tests.
enum PersistencePaths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static var demoEvents: String { root.appendingPathComponent("Fixtures/demo/events.jsonl").path }
    static var seedRule: String { root.appendingPathComponent("Fixtures/rules/qakbot-email-theft-1.yaml").path }

    static func tempDir(_ t: XCTestCase) throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("hunttop-persist-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        t.addTeardownBlock { try? FileManager.default.removeItem(at: d) }
        return d
    }

    /// Runs a live engine over `inputs` to the end and returns its last snapshot.
    static func runEngine(_ inputs: [String], state: String?, commands: [EngineCommand] = []) throws -> Snapshot {
        var o = LiveOptions()
        o.statePath = state
        o.publishInterval = 0.01
        let e = LiveEngine(rules: RuleSet.load(paths: [seedRule]), inputs: inputs.map { InputSpec(argument: $0) }, options: o)
        for c in commands { e.send(c) }
        try e.start()
        let deadline = Date().addingTimeInterval(60)
        while !e.isFinished && Date() < deadline { usleep(5_000) }
        XCTAssertTrue(e.isFinished)
        return e.latest()
    }
}

final class PersistenceTests: XCTestCase {
    func sampleHit(_ id: UInt64, line: Int, text: String = "ping.exe -t 127.0.0.1") -> StoredHit {
        let tree = SnapshotTree(roots: [SnapshotTreeNode(id: "d/1/0", fileName: "msra.exe", pid: 7388, commandLine: "msra.exe",
                                                         inferred: true, fields: [("ProcessId", "7388")],
                                                         events: [SnapshotTreeEvent(time: 5, action: "FileCreated", path: "a.eml",
                                                                                    eventId: 9, isHit: true)],
                                                         children: [SnapshotTreeNode(id: "d/2/0", fileName: "ping.exe", isHitProcess: true)])])
        let hit = RuleHit(hitId: id, eventId: id * 10, ruleId: "rule-1", time: 638_000_000_000_000_000 + Int64(id), device: "host",
                          processFileName: "ping.exe", processCommandLine: text, path: "C:\\x\\\(id).eml",
                          suppressedBy: id == 2 ? ["fp-backup"] : [], tree: tree, columns: [("FolderPath", "C:\\x"), ("Odd", text)])
        return StoredHit(hit: hit, ruleName: "Rule one", source: "/data/events.jsonl", line: line)
    }

    func testStoreRoundTripsHitsTriageExclusionsAndOffsets() throws {
        let dir = try PersistencePaths.tempDir(self)
        let path = dir.appendingPathComponent("nested/state.db").path
        let hostile = "a\u{0}b\u{1B}[2J\u{202E}é\u{FFFD}"
        do {
            let s = try HitStore(path: path)
            XCTAssertEqual(try s.journalMode(), "wal")
            XCTAssertEqual(try s.append([sampleHit(1, line: 10, text: hostile), sampleHit(2, line: 20)]), 2)
            XCTAssertEqual(try s.append([sampleHit(3, line: 20)]), 0, "same rule, input and line is the same hit")
            try s.setTriage(hitId: 2, HitTriage(state: .benign, note: "backup job"))
            try s.setTriage(hitId: 2, HitTriage(state: .malicious, note: "no, real"))
            try s.saveExclusion(id: "fp-backup", enabled: false, shadow: true)
        }
        let s = try HitStore(path: path)
        let hs = try s.hits()
        XCTAssertEqual(hs.map(\.hit.hitId), [1, 2])
        XCTAssertEqual(hs[0].hit.processCommandLine, hostile)
        XCTAssertEqual(hs[0].hit.columns.map(\.value), ["C:\\x", hostile])
        XCTAssertEqual(hs[0].hit.tree?.roots.first?.children.first?.fileName, "ping.exe")
        XCTAssertEqual(hs[0].hit.tree?.roots.first?.events.first?.eventId, 9)
        XCTAssertEqual(hs[0].hit.tree?.roots.first?.pid, 7388)
        XCTAssertEqual(hs[0].hit.triage.state, .new)
        XCTAssertEqual(hs[1].hit.triage, HitTriage(state: .malicious, note: "no, real"))
        XCTAssertEqual(hs[1].hit.suppressedBy, ["fp-backup"])
        XCTAssertEqual(hs[1].ruleName, "Rule one")
        XCTAssertEqual(try s.resumeOffsets(), ["/data/events.jsonl": 20])
        XCTAssertEqual(try s.exclusions()["fp-backup"]?.shadow, true)
        XCTAssertEqual(try s.integrityCheck(), "ok")
    }

    func testDefaultPathFollowsXDG() {
        XCTAssertEqual(HitStore.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]), "/s/hunttop/state.db")
        XCTAssertEqual(HitStore.defaultPath(environment: ["HOME": "/h"]), "/h/.local/state/hunttop/state.db")
    }

    func testRestartShowsStoredHitsAgainWithoutDuplicatesAndKeepsTriage() throws {
        let dir = try PersistencePaths.tempDir(self)
        let state = dir.appendingPathComponent("state.db").path
        let first = try PersistencePaths.runEngine([PersistencePaths.demoEvents], state: state)
        let hits1 = first.hitsByRule.values.flatMap { $0 }
        XCTAssertEqual(hits1.count, 40, "the seed rule's hits in the demo")
        XCTAssertNil(first.stateWarning)
        let marked = hits1[3].hitId
        // Second run over the same input: same hits, no duplicates, the triage mark sent now sticks.
        let second = try PersistencePaths.runEngine([PersistencePaths.demoEvents], state: state,
                                               commands: [.setTriage(hitId: marked, state: .investigating, note: "look")])
        let hits2 = second.hitsByRule.values.flatMap { $0 }
        XCTAssertEqual(hits2.map(\.hitId).sorted(), hits1.map(\.hitId).sorted())
        XCTAssertEqual(second.rules.first?.hitCount, 40)
        XCTAssertEqual(hits2.first { $0.hitId == marked }?.triage, HitTriage(state: .investigating, note: "look"))
        // Third run with no input at all: everything comes back from the database, trees included.
        let empty = dir.appendingPathComponent("empty.jsonl")
        try Data().write(to: empty)
        let third = try PersistencePaths.runEngine([empty.path], state: state)
        let hits3 = third.hitsByRule.values.flatMap { $0 }
        XCTAssertEqual(hits3.count, 40)
        XCTAssertEqual(hits3.first { $0.hitId == marked }?.triage.state, .investigating)
        XCTAssertTrue(hits3.allSatisfy { $0.tree != nil }, "the stored lineage snapshot is shown again")
        XCTAssertTrue(hits3.contains { h in h.tree?.roots.contains { $0.fileName.lowercased() != "" } ?? false })
        XCTAssertEqual(try HitStore(path: state).hits().count, 40)
    }

    /// Input read in two sessions (as a followed file that grew while hunttop was down) yields
    /// exactly the hits of one session over the whole input: no duplicates, no gaps.
    func testResumeAfterRestartHasNoDuplicatesAndNoGaps() throws {
        let dir = try PersistencePaths.tempDir(self)
        let lines = try String(contentsOfFile: PersistencePaths.demoEvents, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let input = dir.appendingPathComponent("events.jsonl")
        let cut = lines.count * 2 / 5
        try (lines[..<cut].joined(separator: "\n") + "\n").write(to: input, atomically: false, encoding: .utf8)
        let state = dir.appendingPathComponent("state.db").path
        let a = try PersistencePaths.runEngine([input.path], state: state).hitsByRule.values.flatMap { $0 }
        XCTAssertGreaterThan(a.count, 0)
        XCTAssertLessThan(a.count, 40)
        let h = try FileHandle(forWritingTo: input)
        h.seekToEndOfFile()
        h.write(Data(lines[cut...].joined(separator: "\n").utf8))
        try h.close()
        _ = try PersistencePaths.runEngine([input.path], state: state)
        let stored = try HitStore(path: state).hits()
        let reference = try PersistencePaths.runEngine([input.path], state: nil).hitsByRule.values.flatMap { $0 }
        XCTAssertEqual(stored.count, reference.count)
        XCTAssertEqual(Set(stored.map(\.line)).count, stored.count, "no duplicates")
        XCTAssertEqual(Set(stored.map(\.hit.path)), Set(reference.map(\.path)), "no gaps")
        XCTAssertEqual(try HitStore(path: state).resumeOffsets()[input.path], stored.map(\.line).max())
    }

    func testDiskFullKeepsHitsInMemoryWithAWarning() throws {
        let dir = try PersistencePaths.tempDir(self)
        let path = dir.appendingPathComponent("full.db").path
        let p = HitPersistence(path: path, maxPages: 12)
        XCTAssertNil(p.warning)
        let big = String(repeating: "x", count: 3_000)
        var id: UInt64 = 1
        while p.warning == nil && id < 500 {
            p.record(sampleHit(id, line: Int(id), text: big)); id += 1
            p.flush()
        }
        let warning = try XCTUnwrap(p.warning)
        XCTAssertTrue(warning.contains("disk full"), warning)
        XCTAssertGreaterThan(p.pendingCount, 0, "the unwritten hit stays in memory")
        p.record(sampleHit(id, line: Int(id), text: big))
        p.flush()
        XCTAssertEqual(p.pendingCount, 2)
        // What was committed is intact and readable.
        let s = try HitStore(path: path)
        XCTAssertEqual(try s.hits().count, p.committed)
        XCTAssertEqual(try s.integrityCheck(), "ok")
    }

    func testUnusableStateLocationStillShowsHitsAndWarns() throws {
        let dir = try PersistencePaths.tempDir(self)
        let file = dir.appendingPathComponent("not-a-dir")
        try Data("x".utf8).write(to: file)
        let snap = try PersistencePaths.runEngine([PersistencePaths.demoEvents], state: file.path + "/state.db")
        XCTAssertEqual(snap.hitsByRule.values.flatMap { $0 }.count, 40)
        XCTAssertNotNil(snap.stateWarning)
        XCTAssertTrue(snap.stateWarning?.contains("memory") ?? false)
    }

    func testCorruptDatabaseIsAClearError() throws {
        let dir = try PersistencePaths.tempDir(self)
        let path = dir.appendingPathComponent("junk.db").path
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try HitStore(path: path)) { e in XCTAssertTrue("\(e)".contains("junk.db"), "\(e)") }
    }

    func testHitsCommandExportsNDJSONAndCSV() throws {
        let exe = try PersistenceKillTests.hunttopBinary()
        let dir = try PersistencePaths.tempDir(self)
        let state = dir.appendingPathComponent("state.db").path
        _ = try PersistencePaths.runEngine([PersistencePaths.demoEvents], state: state,
                                      commands: [])
        func run(_ args: [String]) throws -> (String, Int32) {
            let p = Process()
            p.executableURL = exe
            p.arguments = args
            let pipe = Pipe()
            p.standardOutput = pipe
            p.standardError = FileHandle.nullDevice
            try p.run()
            let d = pipe.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (String(decoding: d, as: UTF8.self), p.terminationStatus)
        }
        let (nd, rc) = try run(["hits", "--format", "ndjson", "--state", state])
        XCTAssertEqual(rc, 0)
        let objs = try nd.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(objs.count, 40)
        XCTAssertEqual(objs.first?["RuleName"] as? String, "Qakbot email theft (1)")
        XCTAssertEqual(objs.first?["Triage"] as? String, "new")
        XCTAssertTrue((objs.first?["Path"] as? String ?? "").hasSuffix(".eml"))
        XCTAssertNotNil(objs.first?["Lineage"] as? [Any])
        let (csv, rc2) = try run(["hits", "--format", "csv", "--state", state])
        XCTAssertEqual(rc2, 0)
        let rows = csv.split(separator: "\n")
        XCTAssertEqual(rows.count, 41)
        XCTAssertEqual(String(rows[0]), HitExport.csvHeader)
        XCTAssertTrue(rows[1].contains("ping.exe"))
        XCTAssertTrue(rows[1].contains(" > ping.exe"), "lineage chain: \(rows[1])")
        let (_, rc3) = try run(["hits", "--state", dir.appendingPathComponent("none.db").path])
        XCTAssertEqual(rc3, 1)
        let (_, rc4) = try run(["hits", "--format", "xml", "--state", state])
        XCTAssertEqual(rc4, 2)
    }
}
