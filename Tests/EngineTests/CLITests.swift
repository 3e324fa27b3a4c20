import Foundation
import XCTest

/// The `hunttop` executable's subcommands: output formats and exit codes.
final class CLITests: XCTestCase {
    func hunttop(_ args: [String], stdin: String? = nil) throws -> (out: String, err: String, code: Int32) {
        let bin = EnginePaths.root.appendingPathComponent(".build/debug/hunttop").path
        guard FileManager.default.isExecutableFile(atPath: bin) else { throw XCTSkip("\(bin) not built") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: bin)
        p.arguments = args
        p.currentDirectoryURL = EnginePaths.root
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let inPipe = Pipe()
        p.standardInput = inPipe
        try p.run()
        if let stdin { inPipe.fileHandleForWriting.write(Data(stdin.utf8)) }
        inPipe.fileHandleForWriting.closeFile()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self), p.terminationStatus)
    }

    func testCheckReportsOkAndErrorsWithPositions() throws {
        let dir = EnginePaths.tempDir()
        let bad = dir.appendingPathComponent("bad.kql")
        try "DeviceFileEvents\n| where FolderPth endswith '.eml'".write(to: bad, atomically: true, encoding: .utf8)
        let r = try hunttop(["check", EnginePaths.seedRule, bad.path])
        XCTAssertEqual(r.code, 1)
        XCTAssertTrue(r.out.contains("\(EnginePaths.seedRule): ok"))
        XCTAssertTrue(r.out.contains("\(bad.path):2:9: error[KQL0201]: Unknown column 'FolderPth' on DeviceFileEvents; did you mean 'FolderPath'?"), r.out)
        XCTAssertTrue(r.out.hasSuffix("1 ok, 1 failed\n"), r.out)
        let ok = try hunttop(["check", "--format", "json", EnginePaths.seedRule])
        XCTAssertEqual(ok.code, 0)
        let json = try JSONSerialization.jsonObject(with: Data(ok.out.utf8)) as! [String: Any]
        XCTAssertEqual(json["ok"] as? Int, 1)
        XCTAssertEqual(try hunttop(["check"]).code, 2)
        XCTAssertEqual(try hunttop(["check", "--format", "xml", bad.path]).code, 2)
    }

    func testScanFromStdinAsCSVAndUsageErrors() throws {
        let demo = try String(contentsOfFile: EnginePaths.demo, encoding: .utf8)
        let r = try hunttop(["scan", "--rules", EnginePaths.seedRule, "--format", "csv", "-"], stdin: demo)
        XCTAssertEqual(r.code, 0, r.err)
        let lines = r.out.split(separator: "\n")
        XCTAssertEqual(lines.count, 41)
        XCTAssertTrue(lines[0].hasPrefix("RuleId,RuleName,Timestamp,DeviceName,ReportId"))
        XCTAssertTrue(r.err.contains("40 hits  Qakbot email theft (1)"), r.err)
        XCTAssertEqual(try hunttop(["scan", "--rules", EnginePaths.seedRule]).code, 2)
        XCTAssertEqual(try hunttop(["scan", "--bogus"]).code, 2)
        let missing = try hunttop(["scan", "--rules", EnginePaths.seedRule, "/nonexistent/file.jsonl"])
        XCTAssertEqual(missing.code, 1)
        XCTAssertTrue(missing.err.contains("/nonexistent/file.jsonl"), missing.err)
    }

    func testTreePrintsTheChainOfAHit() throws {
        let r = try hunttop(["tree", EnginePaths.demo, "--hit", "8404268", "--ascii"])
        XCTAssertEqual(r.code, 0, r.err)
        for name in ["EXCEL.EXE", "cmd.exe", "regsvr32.exe", "mobsync.exe", "ping.exe -t 127.0.0.1", "00001.eml [ReportId 8404268]"] {
            XCTAssertTrue(r.out.contains(name), "missing \(name) in\n\(r.out)")
        }
        XCTAssertFalse(r.out.contains("─"), "ASCII mode must not use box drawing")
        XCTAssertEqual(try hunttop(["tree", EnginePaths.demo, "--hit", "999"]).code, 1)
        XCTAssertEqual(try hunttop(["tree", EnginePaths.demo]).code, 2)
    }

    /// Obfuscated literals (`h"…"`) never appear in what `check` echoes.
    func testCheckMasksObfuscatedLiterals() throws {
        let dir = EnginePaths.tempDir()
        let q = dir.appendingPathComponent("h.kql")
        try "DeviceProcessEvents | where ProcessCommandLine has h\"s3cr3t-token\" and FolderPth == 'x'".write(to: q, atomically: true, encoding: .utf8)
        let r = try hunttop(["check", q.path])
        XCTAssertEqual(r.code, 1)
        XCTAssertTrue(r.out.contains("KQL0201"), r.out)
        XCTAssertFalse(r.out.contains("s3cr3t"), r.out)
        XCTAssertTrue(r.out.contains("h\"************\""), r.out)
    }

    /// Text that would reorder (U+202E), hide (U+200B) or command the terminal (ESC) reaches
    /// neither `scan --format table` nor `tree` raw.
    func testTableAndTreeOutputsNeutraliseHostileText() throws {
        let evil = "\\u202etxt.exe\\u200b\\u001b[2J"
        let line = #"{"$table":"DeviceFileEvents","Timestamp":"2026-03-10T09:00:00Z","DeviceName":"h\#(evil)","ActionType":"FileCreated","FolderPath":"C:\\x\#(evil).eml","InitiatingProcessId":3712,"InitiatingProcessCreationTime":"2026-03-10T08:59:00Z","InitiatingProcessFileName":"ping.exe","InitiatingProcessCommandLine":"ping.exe -t 127.0.0.1","InitiatingProcessParentId":7388,"InitiatingProcessParentFileName":"msra.exe","ReportId":4242}"#
        let r = try hunttop(["scan", "--rules", EnginePaths.seedRule, "--format", "table", "-"], stdin: line + "\n")
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(r.out.contains("txt.exe"), r.out)
        let dir = EnginePaths.tempDir()
        let f = dir.appendingPathComponent("evil.jsonl")
        try (line + "\n").write(to: f, atomically: true, encoding: .utf8)
        let t = try hunttop(["tree", f.path, "--hit", "4242"])
        XCTAssertEqual(t.code, 0, t.err)
        XCTAssertTrue(t.out.contains("\\u{202e}txt.exe\\u{200b}\\x1b[2J"), t.out)
        for out in [r.out, t.out] {
            for u in out.unicodeScalars {
                XCTAssertFalse([0x202E, 0x200B, 0x1B].contains(u.value), "raw U+\(String(u.value, radix: 16)) in\n\(out)")
            }
        }
    }
}
