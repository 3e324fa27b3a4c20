import Foundation
import XCTest
@testable import Engine

/// `kill -9` at random moments while hits are being written: every hit committed before the
/// kill is still there, and the database opens cleanly and passes SQLite's integrity check.
final class PersistenceKillTests: XCTestCase {
    static func hunttopBinary() throws -> URL {
        for dir in [".build/debug", ".build/x86_64-unknown-linux-gnu/debug", ".build/release"] {
            let u = PersistencePaths.root.appendingPathComponent(dir).appendingPathComponent("hunttop")
            if FileManager.default.isExecutableFile(atPath: u.path) { return u }
        }
        throw XCTSkip("hunttop executable not built (swift build)")
    }

    func testKillNineLosesNoCommittedHit() throws {
        let exe = try Self.hunttopBinary()
        let dir = try PersistencePaths.tempDir(self)
        let state = dir.appendingPathComponent("state.db").path
        var rng = SystemRandomNumberGenerator()
        var total = 0
        for round in 0..<3 {
            let p = Process()
            p.executableURL = exe
            p.arguments = ["soak", "--events", "3000000", "--quiet", "--state", state,
                           "--rules", PersistencePaths.seedRule]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            // Wait until this run has committed something new.
            let deadline = Date().addingTimeInterval(30)
            var before = total
            while Date() < deadline {
                usleep(50_000)
                if FileManager.default.fileExists(atPath: state), let n = try? HitStore(path: state, readOnly: true).count(), n > total {
                    before = n; break
                }
            }
            XCTAssertGreaterThan(before, total, "round \(round): no hit committed within 30 s")
            usleep(UInt32.random(in: 10_000...400_000, using: &rng))
            let committed = try HitStore(path: state, readOnly: true).count()
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            XCTAssertEqual(p.terminationReason, .uncaughtSignal)
            let s = try HitStore(path: state)
            XCTAssertEqual(try s.integrityCheck(), "ok")
            let after = try s.count()
            XCTAssertGreaterThanOrEqual(after, committed, "round \(round): committed hits lost")
            XCTAssertEqual(try s.hits().count, after)
            total = after
            print("kill -9 round \(round): \(committed) committed before the kill, \(after) after reopening")
        }
    }
}
