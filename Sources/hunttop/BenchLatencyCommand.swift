import Foundation
import Synchronization
import Engine
import Telemetry
import Terminal
import Dashboard
#if canImport(Glibc)
import Glibc
#endif

/// `hunttop bench-latency` (hidden; run by `scripts/latency-bench.sh` inside tmux): appends
/// demo rows to a followed file at a fixed rate with seed-rule hits mixed in, runs the real
/// dashboard on it, and reports the time from a hit's append to the first drawn frame whose
/// snapshot holds it (p50/p99), then the CPU the UI thread uses while idle.
enum BenchLatencyCommand {
    static let usage = "usage: hunttop bench-latency --out FILE [--rate LINES/S] [--seconds N] [--hits-per-second N] [--idle-seconds N] [--tick MS] [--dir DIR]"

    static func run(_ argv: [String]) -> Int32 {
        let args: Arguments
        do {
            args = try Arguments(argv, valued: ["--out", "--rate", "--seconds", "--hits-per-second", "--idle-seconds", "--tick", "--dir"],
                                 switches: [])
        } catch {
            Output.err("hunttop bench-latency: \(error.message)\n\(usage)")
            return 2
        }
        guard let out = args.value("--out") else { Output.err(usage); return 2 }
        func num(_ name: String, _ dflt: Double) -> Double? {
            guard let v = args.value(name) else { return dflt }
            guard let d = Double(v), d > 0 else { Output.err("hunttop bench-latency: \(name) takes a positive number, got '\(v)'"); return nil }
            return d
        }
        guard let rate = num("--rate", 100_000), let seconds = num("--seconds", 10), let hitRate = num("--hits-per-second", 20),
              let idleSeconds = num("--idle-seconds", 10), let tick = num("--tick", 50) else { return 2 }
        guard let fx = WatchCommand.fixturesDirectory() else {
            Output.err("hunttop bench-latency: cannot find Fixtures/demo/events.jsonl (set HUNTTOP_FIXTURES)")
            return 1
        }
        let lines: BenchLines
        do { lines = try BenchLines(demo: (fx as NSString).appendingPathComponent("demo/events.jsonl")) } catch {
            Output.err("hunttop bench-latency: \(error)")
            return 1
        }
        // Where the followed file lives (default $TMPDIR).
        let base = args.value("--dir").map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory
        let dir = base.appendingPathComponent("hunttop-latency-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let followed = dir.appendingPathComponent("events.jsonl").path
        guard FileManager.default.createFile(atPath: followed, contents: nil) else {
            Output.err("hunttop bench-latency: cannot create \(followed)")
            return 1
        }
        defer { try? FileManager.default.removeItem(at: dir) }

        var opts = LiveOptions()
        opts.follow = true
        let rules = RuleSet.load(paths: [(fx as NSString).appendingPathComponent("rules")])
        let engine = LiveEngine(rules: rules, inputs: [InputSpec(argument: followed)], options: opts)
        let curses: CursesScreen
        do { curses = try CursesScreen() } catch { Output.err("hunttop: \(error)"); return 1 }
        do { try engine.start() } catch { curses.close(); Output.err("hunttop: \(error)"); return 1 }

        let run = BenchRun()
        let screen = StoppableScreen(curses, stop: run)
        let app = DashboardApp()
        var draws: [(time: UInt64, version: UInt64, hits: Int)] = []
        app.onDraw = { snap in draws.append((now(), snap.version, snap.rules.first?.hitCount ?? 0)) }
        let plan = BenchPlan(path: followed, rate: rate, seconds: seconds, hitRate: hitRate, idleSeconds: idleSeconds)
        let mainTid = Int(getpid())
        let controller = Thread { drive(plan, lines: lines, engine: engine, run: run, uiTid: mainTid) }
        controller.name = "hunttop-bench"
        controller.start()
        _ = app.run(source: engine, screen: screen, options: DashboardOptions(tickMilliseconds: Int(tick)))
        engine.send(.quit)
        curses.close()

        let result = run.result.withLock { $0 }
        let report = format(result, draws: draws, plan: plan, tick: Int(tick))
        print(report, terminator: "")
        do { try report.write(toFile: out, atomically: true, encoding: .utf8) } catch {
            Output.err("hunttop bench-latency: cannot write \(out): \(error)")
            return 1
        }
        return 0
    }

    /// The controller thread: warm up, append, wait for the engine, measure idle CPU, stop the UI.
    static func drive(_ plan: BenchPlan, lines: BenchLines, engine: LiveEngine, run: BenchRun, uiTid: Int) {
        var r = BenchResult()
        try? "hunttop-append".write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
        Thread.sleep(forTimeInterval: 1)
        let fd = open(plan.path, O_WRONLY | O_APPEND)
        guard fd >= 0 else { r.error = "cannot open \(plan.path)"; finish(r, run); return }
        let busy0 = threadTicks()
        let start = now()
        let limit = UInt64(plan.seconds * 1e9)
        var written = 0, hits = 0
        var buf: [UInt8] = []
        buf.reserveCapacity(1 << 20)
        var lastIteration = start
        while now() - start < limit {
            let tn = now()
            let gap = Double(tn - lastIteration) / 1e6
            if gap > r.maxAppendGap { r.maxAppendGap = gap; r.maxAppendGapAt = Double(tn - start) / 1e9 }
            lastIteration = tn
            let t = Double(tn - start) / 1e9
            let due = Int(t * plan.rate), hitsDue = Int(t * plan.hitRate)
            buf.removeAll(keepingCapacity: true)
            while written < due {
                buf += lines.filler[written % lines.filler.count]
                written += 1
            }
            var hitAppended = false
            if hits < hitsDue {
                buf += lines.hit(hits)
                written += 1; hits += 1
                hitAppended = true
            }
            let tw = now()
            if !buf.isEmpty { writeAll(fd, buf) }
            r.maxWrite = max(r.maxWrite, Double(now() - tw) / 1e6)
            if hitAppended { r.appendTimes.append(tw) }
            usleep(500)
        }
        close(fd)
        r.written = written
        let appendEnd = now()
        r.appendSeconds = Double(appendEnd - start) / 1e9
        r.readAtAppendEnd = engine.latest().totals.eventsRead
        let busy1 = threadTicks(), clk = Double(sysconf(Int32(_SC_CLK_TCK)))
        r.busyThreads = busy1.keys.sorted().compactMap { tid in
            guard let b = busy1[tid] else { return nil }
            let p = Double(b.ticks - (busy0[tid]?.ticks ?? 0)) / clk / r.appendSeconds * 100
            return p >= 1 ? "\(tid == uiTid ? "ui" : b.name) \(String(format: "%.0f%%", p))" : nil
        }
        // Wait for the engine to read everything (it may lag behind the appender).
        while engine.latest().totals.eventsRead < written, now() - appendEnd < 120_000_000_000 { usleep(10_000) }
        r.readAtCatchUp = engine.latest().totals.eventsRead
        r.catchUpSeconds = Double(now() - appendEnd) / 1e9
        // Idle: nothing arrives; the UI ticks on its own.
        Thread.sleep(forTimeInterval: 1)
        // This thread's id, from /proc/thread-self -> "<pid>/task/<tid>".
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self"))
            .flatMap { Int(($0 as NSString).lastPathComponent) } ?? -1
        let before = threadTicks(), proc0 = cpuTicks(task: nil)
        let i0 = now()
        Thread.sleep(forTimeInterval: plan.idleSeconds)
        let wall = Double(now() - i0) / 1e9
        let after = threadTicks(), proc1 = cpuTicks(task: nil)
        func pct(_ a: Int?, _ b: Int?) -> Double? { guard let a, let b else { return nil }; return Double(b - a) / clk / wall * 100 }
        r.idleUI = pct(before[uiTid]?.ticks, after[uiTid]?.ticks)
        r.idleOthers = after.keys.sorted().filter { $0 != uiTid && $0 != me }.compactMap { tid in
            guard let b = after[tid], let p = pct(before[tid]?.ticks ?? 0, b.ticks), p > 0 else { return nil }
            return "\(b.name)[\(tid)] \(String(format: "%.2f%%", p))"
        }
        r.idleProcess = pct(proc0, proc1)
        r.idleWall = wall
        finish(r, run)
    }

    static func finish(_ r: BenchResult, _ run: BenchRun) {
        run.result.withLock { $0 = r }
        run.done.store(true, ordering: .releasing)
    }

    static func format(_ r: BenchResult, draws: [(time: UInt64, version: UInt64, hits: Int)], plan: BenchPlan, tick: Int) -> String {
        if let e = r.error { return "bench-latency: error: \(e)\n" }
        // Hit i is on screen in the first frame drawn after its append whose snapshot counts > i hits.
        var latencies: [Double] = []
        var missed = 0
        var d = 0
        for (i, t) in r.appendTimes.enumerated() {
            while d < draws.count && (draws[d].time < t || draws[d].hits <= i) { d += 1 }
            if d < draws.count { latencies.append(Double(draws[d].time - t) / 1e6) } else { missed += 1 }
        }
        latencies.sort()
        func pctl(_ p: Double) -> String {
            guard !latencies.isEmpty else { return "n/a" }
            let k = min(latencies.count - 1, max(0, Int((p / 100 * Double(latencies.count)).rounded(.up)) - 1))
            return String(format: "%.1f ms", latencies[k])
        }
        func cpu(_ v: Double?) -> String { v.map { String(format: "%.2f%%", $0) } ?? "n/a" }
        let achieved = Double(r.written) / max(r.appendSeconds, 1e-9)
        var s = ""
        s += "bench-latency: \(r.written) lines appended in \(String(format: "%.1f", r.appendSeconds)) s (\(String(format: "%.0f", achieved)) lines/s, target \(Int(plan.rate))), \(r.appendTimes.count) seed-rule hits among them; UI tick \(tick) ms\n"
        s += "append -> hit drawn: p50 \(pctl(50))  p99 \(pctl(99))  max \(latencies.last.map { String(format: "%.1f ms", $0) } ?? "n/a")  (n=\(latencies.count), never drawn \(missed), frames \(draws.count), last version \(draws.last?.version ?? 0))\n"
        s += "CPU while appending: \(r.busyThreads.joined(separator: ", ")); longest gap between appends \(String(format: "%.1f ms at %.2f s", r.maxAppendGap, r.maxAppendGapAt)) (longest write \(String(format: "%.1f", r.maxWrite)) ms)\n"
        s += "engine: \(r.readAtAppendEnd) of \(r.written) lines read when appending stopped; \(r.readAtCatchUp) read \(String(format: "%.2f", r.catchUpSeconds)) s later\n"
        s += "idle over \(String(format: "%.1f", r.idleWall)) s: UI thread CPU \(cpu(r.idleUI)); whole process \(cpu(r.idleProcess)); other busy threads: \(r.idleOthers.isEmpty ? "none" : r.idleOthers.joined(separator: ", "))\n"
        return s
    }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    static func writeAll(_ fd: Int32, _ buf: [UInt8]) {
        buf.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = write(fd, raw.baseAddress! + off, raw.count - off)
                if n <= 0 { if errno == EINTR { continue }; return }
                off += n
            }
        }
    }

    /// utime + stime in clock ticks of a thread of this process (nil: the whole process).
    static func cpuTicks(task: Int?) -> Int? {
        let path = task.map { "/proc/self/task/\($0)/stat" } ?? "/proc/self/stat"
        guard let s = try? String(contentsOfFile: path, encoding: .utf8), let paren = s.lastIndex(of: ")") else { return nil }
        let f = s[s.index(after: paren)...].split(separator: " ")
        // Fields after the name start at field 3 (state); utime is field 14, stime 15.
        guard f.count > 12, let u = Int(f[11]), let st = Int(f[12]) else { return nil }
        return u + st
    }

    /// Every thread of this process: id -> (name, utime + stime ticks).
    static func threadTicks() -> [Int: (name: String, ticks: Int)] {
        var out: [Int: (name: String, ticks: Int)] = [:]
        for t in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? [] {
            guard let tid = Int(t), let ticks = cpuTicks(task: tid) else { continue }
            let name = (try? String(contentsOfFile: "/proc/self/task/\(t)/comm", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
            out[tid] = (name, ticks)
        }
        return out
    }
}

struct BenchPlan: Sendable {
    var path: String
    var rate: Double
    var seconds: Double
    var hitRate: Double
    var idleSeconds: Double
}

struct BenchResult: Sendable {
    var error: String?
    var appendTimes: [UInt64] = []
    var written = 0
    var appendSeconds = 0.0
    var readAtAppendEnd = 0
    var readAtCatchUp = 0
    var catchUpSeconds = 0.0
    var idleUI: Double?
    var idleOthers: [String] = []
    var idleProcess: Double?
    var idleWall = 0.0
    /// Longest time between two appends (ms): how long the appender was held up.
    var maxAppendGap = 0.0
    var maxAppendGapAt = 0.0
    /// Longest single write() of a batch (ms).
    var maxWrite = 0.0
    /// Threads' CPU while appending ("name N%").
    var busyThreads: [String] = []
}

/// Shared between the controller thread and the UI thread.
final class BenchRun: Sendable {
    let done = Atomic<Bool>(false)
    let result = Mutex<BenchResult>(BenchResult())
}

/// The demo's rows as filler (everything but the seed hits) and one seed hit as a template.
struct BenchLines: Sendable {
    var filler: [[UInt8]]
    var hitPrefix: [UInt8]
    var hitSuffix: [UInt8]

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    init(demo path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw Missing(description: "cannot read \(path)") }
        var filler: [[UInt8]] = []
        var template: Substring?
        for line in text.split(separator: "\n") {
            if line.contains("\"InitiatingProcessCommandLine\":\"ping.exe -t 127.0.0.1\"") {
                if template == nil, line.contains("\"InitiatingProcessParentFileName\":\"msra.exe\""), line.contains(".eml\",\"FolderPath\"") {
                    template = line
                }
                continue
            }
            filler.append(Array(line.utf8) + [10])
        }
        guard let t = template, let r = t.range(of: "\"ReportId\":") else {
            throw Missing(description: "\(path): no seed-rule hit (ping.exe under msra.exe writing .eml) with a ReportId to copy")
        }
        let digitsEnd = t[r.upperBound...].firstIndex { !$0.isNumber } ?? t.endIndex
        guard !filler.isEmpty else { throw Missing(description: "\(path): no filler rows") }
        self.filler = filler
        hitPrefix = Array(t[..<r.upperBound].utf8)
        hitSuffix = Array(t[digitsEnd...].utf8) + [10]
    }

    /// The i-th hit line: the template with a ReportId of its own.
    func hit(_ i: Int) -> [UInt8] { hitPrefix + Array(String(900_000_000 + i).utf8) + hitSuffix }
}

/// The real screen, except that it answers `q` once the benchmark is over.
final class StoppableScreen: Screen {
    let base: CursesScreen
    let stop: BenchRun
    init(_ base: CursesScreen, stop: BenchRun) { self.base = base; self.stop = stop }
    var rows: Int { base.rows }
    var cols: Int { base.cols }
    var unicode: Bool { base.unicode }
    var colors: Bool { base.colors }
    func clear() { base.clear() }
    @discardableResult
    func put(_ text: String, row: Int, col: Int, style: CellStyle) -> Int { base.put(text, row: row, col: col, style: style) }
    func refresh() { base.refresh() }
    func readKey(timeoutMs: Int) -> Key? {
        if stop.done.load(ordering: .acquiring) { return .char("q") }
        return base.readKey(timeoutMs: timeoutMs)
    }
}
