import Foundation
import Glibc
import Engine
import Telemetry

/// `hunttop bench-live FILE... [--rules PATH]... [--state PATH] [--repeat N]`: runs the live
/// engine (the evaluator `watch` uses, with lineage, feed, hits and exclusions) over files to
/// their end while a reader takes snapshots every 20 ms as the UI would, and prints events/s,
/// the evaluator's CPU and peak RSS. `--repeat N` first writes the inputs N times into one file.
enum BenchLiveCommand {
    static let usage = "usage: hunttop bench-live FILE... [--rules PATH]... [--exclusions FILE] [--state PATH] [--repeat N]"

    static func run(_ argv: [String]) -> Int32 {
        let args: Arguments
        do {
            args = try Arguments(argv, valued: ["--rules", "--state", "--repeat", "--exclusions"], switches: ["--help", "-h"])
        } catch {
            Output.err("hunttop bench-live: \(error.message)\n\(usage)")
            return 2
        }
        if args.has("--help") || args.has("-h") { print(usage); return 0 }
        var inputs = args.positional
        guard !inputs.isEmpty, let times = Int(args.value("--repeat") ?? "1"), times > 0 else { Output.err(usage); return 2 }
        var rulePaths = args.all("--rules")
        let fx = WatchCommand.fixturesDirectory()
        if rulePaths.isEmpty, let fx { rulePaths = [(fx as NSString).appendingPathComponent("rules")] }
        let rules = RuleSet.load(paths: rulePaths)
        guard !rules.rules.isEmpty else { Output.err("hunttop bench-live: no rule compiled from \(rulePaths)"); return 1 }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hunttop-bench-live-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        if times > 1 {
            let joined = dir.appendingPathComponent("input.jsonl").path
            FileManager.default.createFile(atPath: joined, contents: nil)
            guard let h = FileHandle(forWritingAtPath: joined) else { Output.err("hunttop bench-live: cannot write \(joined)"); return 1 }
            for _ in 0..<times {
                for p in inputs {
                    guard let d = FileManager.default.contents(atPath: p) else { Output.err("hunttop bench-live: cannot read \(p)"); return 1 }
                    h.write(d)
                    if d.last != 0x0A { h.write(Data([0x0A])) }
                }
            }
            try? h.close()
            inputs = [joined]
        }
        var opts = LiveOptions()
        opts.statePath = args.value("--state")
        if let ex = args.value("--exclusions") {
            opts.exclusions = ExclusionSet.load(file: ex, rules: rules)
        } else if let fx {
            let p = (fx as NSString).appendingPathComponent("rules/exclusions.yaml")
            if FileManager.default.fileExists(atPath: p) { opts.exclusions = ExclusionSet.load(file: p, rules: rules) }
        }
        let engine = LiveEngine(rules: rules, inputs: inputs.map { InputSpec(argument: $0) }, options: opts)
        let start = Date()
        do { try engine.start() } catch { Output.err("hunttop bench-live: \(error)"); return 1 }
        var snapshots = 0
        while !engine.isFinished {
            usleep(20_000)
            let s = engine.latest()
            _ = s.hitsByRule.values.reduce(0) { $0 + $1.count }
            snapshots += 1
        }
        let secs = Date().timeIntervalSince(start)
        let s = engine.latest()
        let cpu = evaluatorCPU()
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print(String(format: "bench-live: %d events in %.2f s = %.0f events/s; %d hits; malformed %d; evaluator CPU %.2f s (%.0f events per CPU-second); peak RSS %.0f MB; %d snapshots read",
                     s.totals.eventsRead, secs, Double(s.totals.eventsRead) / max(secs, 1e-9), s.rules.reduce(0) { $0 + $1.hitCount },
                     s.totals.malformedLines, cpu, Double(s.totals.eventsRead) / max(cpu, 1e-9), Double(usage.ru_maxrss) / 1024, snapshots))
        engine.send(.quit)
        return 0
    }

    /// CPU seconds of the evaluator thread (by its name in /proc), 0 when not found.
    static func evaluatorCPU() -> Double {
        let clk = Double(sysconf(Int32(_SC_CLK_TCK)))
        for (_, t) in BenchLatencyCommand.threadTicks() where t.name.hasPrefix("hunttop-eval") { return Double(t.ticks) / clk }
        return 0
    }
}
