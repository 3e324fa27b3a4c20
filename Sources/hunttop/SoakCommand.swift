import Foundation
import Glibc
import KQL
import Telemetry
import Engine

/// `hunttop soak [--events N] [--rules PATH]... [--state PATH] [--quiet]`:
/// the long check. Generates N synthetic MDE events (background activity, Qakbot e-mail theft
/// chains and look-alikes) into a pipe, runs them through `watch`'s engine at full speed with
/// the state database on, samples RSS every second and reports whether it stayed flat
/// (within ±10% after warm-up). Exit 0 flat, 1 not flat or failed, 2 usage.
enum SoakCommand {
    static let usage = "usage: hunttop soak [--events N] [--rules PATH]... [--state PATH] [--quiet]"

    static func run(_ argv: [String]) -> Int32 {
        let args: Arguments
        do {
            args = try Arguments(argv, valued: ["--events", "--rules", "--state"], switches: ["--quiet", "--help", "-h"])
        } catch {
            Output.err("hunttop soak: \(error.message)\n\(usage)")
            return 2
        }
        if args.has("--help") || args.has("-h") { print(usage); return 0 }
        guard let total = Int(args.value("--events") ?? "10000000"), total > 0 else { Output.err(usage); return 2 }
        var rulePaths = args.all("--rules")
        if rulePaths.isEmpty, let fx = WatchCommand.fixturesDirectory() { rulePaths = [(fx as NSString).appendingPathComponent("rules")] }
        let rules = RuleSet.load(paths: rulePaths)
        guard !rules.rules.isEmpty else { Output.err("hunttop soak: no rule compiled from \(rulePaths)"); return 1 }

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hunttop-soak-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("events.jsonl").path
        guard mkfifo(fifo, 0o600) == 0 else { Output.err("hunttop soak: cannot make a pipe at \(fifo)"); return 1 }
        let state = args.value("--state") ?? dir.appendingPathComponent("state.db").path

        let writer = Thread { SoakEvents.write(count: total, to: fifo) }
        writer.name = "hunttop-soak-writer"
        writer.start()

        var opts = LiveOptions()
        opts.statePath = state
        let engine = LiveEngine(rules: rules, inputs: [InputSpec(.path(fifo), format: .jsonLines)], options: opts)
        do { try engine.start() } catch { Output.err("hunttop soak: \(error)"); return 1 }

        let quiet = args.has("--quiet")
        let start = Date()
        var samples: [(t: Double, events: Int, rss: Int)] = []
        while !engine.isFinished {
            usleep(1_000_000)
            let s = engine.latest()   // as the UI would
            let rss = residentBytes()
            let t = Date().timeIntervalSince(start)
            samples.append((t, s.totals.eventsRead, rss))
            if !quiet {
                let hits = s.rules.reduce(0) { $0 + $1.hitCount }
                say(String(format: "t=%5.0fs events=%10d rate=%8.0f/s rss=%7.1fMB hits=%d%@", t, s.totals.eventsRead,
                             s.totals.eventsPerSecond, Double(rss) / 1e6, hits, s.stateWarning.map { " warning: \($0)" } ?? ""))
            }
        }
        let final = engine.latest()
        let secs = Date().timeIntervalSince(start)
        say(String(format: "soak: %d events in %.1fs (%.0f ev/s), %d rules, %d hits, malformed %d", final.totals.eventsRead, secs,
                     Double(final.totals.eventsRead) / max(secs, 0.001), rules.rules.count,
                     final.rules.reduce(0) { $0 + $1.hitCount }, final.totals.malformedLines))
        if let w = final.stateWarning { say("soak: state warning: \(w)") }
        return report(samples) && final.totals.eventsRead == total ? 0 : 1
    }

    /// RSS after warm-up (the first quarter of the run, at least 3 samples) must stay within ±10% of its mean.
    static func report(_ samples: [(t: Double, events: Int, rss: Int)]) -> Bool {
        let warm = max(3, samples.count / 4)
        guard samples.count >= warm + 3 else {
            say("soak: run too short for a verdict (\(samples.count) samples); use more --events")
            return true
        }
        let steady = samples[warm...].map { Double($0.rss) }
        let mean = steady.reduce(0, +) / Double(steady.count)
        let lo = steady.min()!, hi = steady.max()!
        let dev = max(hi - mean, mean - lo) / mean * 100
        say(String(format: "soak: RSS after warm-up (%d samples): mean %.1fMB min %.1fMB max %.1fMB, max deviation %.1f%% -> %@",
                     steady.count, mean / 1e6, lo / 1e6, hi / 1e6, dev, dev <= 10 ? "FLAT" : "NOT FLAT"))
        say("soak: RSS curve (MB, one per second): " + samples.map { String(format: "%.0f", Double($0.rss) / 1e6) }.joined(separator: " "))
        return dev <= 10
    }

    /// One unbuffered line to stdout (the caller may be watching a pipe).
    static func say(_ s: String) { FileHandle.standardOutput.write(Data((s + "\n").utf8)) }

    static func residentBytes() -> Int {
        guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let f = s.split(separator: " ")
        return f.count > 1 ? (Int(f[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
    }
}

/// Synthetic MDE rows: background file and process activity over 200 hosts, and every 5,000
/// events a Qakbot chain (msra.exe → ping.exe -t 127.0.0.1 → .eml writes) or a look-alike.
enum SoakEvents {
    static func write(count: Int, to path: String) {
        let fd = open(path, O_WRONLY)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var buf: [UInt8] = []
        buf.reserveCapacity(1 << 20)
        let t0 = Ticks.datetime(year: 2026, month: 3, day: 10, hour: 9, minute: 0, second: 0)
        for i in 0..<count {
            let t = t0 + Int64(i) * 10_000   // 1 ms apart
            let line: String
            let host = i % 200
            let ts = Ticks.formatDatetime(t)
            switch i % 5_000 {
            case 100:
                line = #"{"$table":"DeviceProcessEvents","Timestamp":"\#(ts)","DeviceId":"d\#(host)","DeviceName":"host\#(host).contoso.local","ActionType":"ProcessCreated","FileName":"ping.exe","ProcessId":\#(3000 + i % 997),"ProcessCommandLine":"ping.exe -t 127.0.0.1","ProcessCreationTime":"\#(ts)","InitiatingProcessFileName":"msra.exe","InitiatingProcessId":\#(7000 + i % 991),"InitiatingProcessCommandLine":"C:\\Windows\\System32\\msra.exe","InitiatingProcessParentFileName":"rundll32.exe","ReportId":\#(i)}"#
            case 101...104:
                let parent = (i / 5_000) % 2 == 0 ? "msra.exe" : "mobsync.exe"
                line = #"{"$table":"DeviceFileEvents","Timestamp":"\#(ts)","DeviceId":"d\#(host)","DeviceName":"host\#(host).contoso.local","ActionType":"FileCreated","FileName":"\#(i).eml","FolderPath":"C:\\Users\\u\#(host)\\AppData\\Local\\Temp\\qbxd\\mail\\\#(i).eml","InitiatingProcessFileName":"ping.exe","InitiatingProcessId":\#(3000 + (i - i % 5_000 + 100) % 997),"InitiatingProcessCommandLine":"ping.exe -t 127.0.0.1","InitiatingProcessParentFileName":"\#(parent)","ReportId":\#(i)}"#
            case 200...202:
                line = #"{"$table":"DeviceFileEvents","Timestamp":"\#(ts)","DeviceId":"d\#(host)","DeviceName":"bkp-srv-\#(host).contoso.local","ActionType":"FileCreated","FileName":"j\#(i).eml","FolderPath":"D:\\Backup\\System\\Mail\\j\#(i).eml","InitiatingProcessFileName":"wbadmin.exe","InitiatingProcessId":\#(4000 + i % 13),"InitiatingProcessCommandLine":"wbadmin.exe start backup -backupTarget:D:\\Backup\\System","InitiatingProcessParentFileName":"taskeng.exe","ReportId":\#(i)}"#
            default:
                if i % 7 == 0 {
                    line = #"{"$table":"DeviceProcessEvents","Timestamp":"\#(ts)","DeviceId":"d\#(host)","DeviceName":"host\#(host).contoso.local","ActionType":"ProcessCreated","FileName":"svchost.exe","ProcessId":\#(1000 + i % 50_021),"ProcessCommandLine":"svchost.exe -k netsvcs -p -s Schedule","ProcessCreationTime":"\#(ts)","InitiatingProcessFileName":"services.exe","InitiatingProcessId":\#(600 + host),"InitiatingProcessCommandLine":"C:\\Windows\\system32\\services.exe","ReportId":\#(i)}"#
                } else {
                    line = #"{"$table":"DeviceFileEvents","Timestamp":"\#(ts)","DeviceId":"d\#(host)","DeviceName":"host\#(host).contoso.local","ActionType":"FileModified","FileName":"f_\#(i % 100_003).tmp","FolderPath":"C:\\Users\\u\#(host)\\AppData\\Local\\Google\\Chrome\\User Data\\Default\\Cache\\f_\#(i % 100_003)","InitiatingProcessFileName":"chrome.exe","InitiatingProcessId":\#(5000 + host),"InitiatingProcessCommandLine":"chrome.exe --type=renderer","InitiatingProcessParentFileName":"explorer.exe","ReportId":\#(i)}"#
                }
            }
            buf.append(contentsOf: line.utf8)
            buf.append(0x0A)
            if buf.count > 1 << 20 { if !flush(fd, &buf) { return } }
        }
        _ = flush(fd, &buf)
    }

    private static func flush(_ fd: Int32, _ buf: inout [UInt8]) -> Bool {
        var off = 0
        while off < buf.count {
            let n = buf[off...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { if errno == EINTR { continue }; return false }
            off += n
        }
        buf.removeAll(keepingCapacity: true)
        return true
    }
}
