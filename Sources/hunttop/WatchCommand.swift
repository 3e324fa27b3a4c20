import Foundation
import KQL
import Telemetry
import Engine
import Terminal
import Dashboard

/// `hunttop watch --rules PATH INPUT... [--follow] [--replay SPEED] [--theme NAME]`, and the demo.
enum WatchCommand {
    static let usage = "usage: hunttop watch --rules PATH INPUT... [--follow] [--replay SPEED|N/s] [--theme NAME] [--no-color] [--exclusions FILE | --no-exclusions] [--state PATH | --no-state] [--window 24h]"

    /// The repo's Fixtures folder: ./Fixtures, or beside the build folder of the executable.
    static func fixturesDirectory() -> String? {
        if let env = ProcessInfo.processInfo.environment["HUNTTOP_FIXTURES"] { return env }
        var candidates = ["Fixtures"]
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("Fixtures").path)
            dir = dir.deletingLastPathComponent()
        }
        return candidates.first { FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent("demo/events.jsonl")) }
    }

    static func demo(_ argv: [String]) -> Int32 {
        guard let fx = fixturesDirectory() else {
            Output.err("hunttop: cannot find Fixtures/demo/events.jsonl (run from the repository, or set HUNTTOP_FIXTURES)")
            return 1
        }
        var args = ["--rules", (fx as NSString).appendingPathComponent("rules"), "--replay", "30"]
        if !argv.contains(where: { $0.hasPrefix("--state") }) { args.append("--no-state") }   // the demo keeps no state unless asked
        args += argv
        args.append((fx as NSString).appendingPathComponent("demo/events.jsonl"))
        return run(args)
    }

    static func run(_ argv: [String]) -> Int32 {
        let args: Arguments
        do {
            args = try Arguments(argv, valued: ["--rules", "--replay", "--theme", "--exclusions", "--state", "--window"],
                                 switches: ["--follow", "--no-color", "--no-exclusions", "--help", "-h", "--no-state"])
        } catch {
            Output.err("hunttop watch: \(error.message)\n\(usage)")
            return 2
        }
        if args.has("--help") || args.has("-h") { print(usage); return 0 }
        guard !args.all("--rules").isEmpty, !args.positional.isEmpty else {
            Output.err(usage)
            return 2
        }
        var opts = LiveOptions()
        opts.follow = args.has("--follow")
        opts.statePath = args.has("--no-state") ? nil : (args.value("--state") ?? HitStore.defaultPath())
        if let w = args.value("--window") {
            guard let ticks = duration(w) else {
                Output.err("hunttop watch: --window takes a duration such as 24h, 30m or 7d")
                return 2
            }
            opts.window = ticks
        }
        if let r = args.value("--replay") {
            guard let mode = ReplayMode(argument: r) else {
                Output.err("hunttop watch: --replay takes a speed (e.g. 30 or 30x) or a rate (e.g. 500/s)")
                return 2
            }
            opts.replay = mode
        }
        let theme: Theme
        do { theme = try Theme.load(name: args.value("--theme") ?? "default", directories: Theme.defaultDirectories) } catch {
            Output.err("hunttop watch: \(error)")
            return 2
        }
        let rules = RuleSet.load(paths: args.all("--rules"))
        // Exclusions: --exclusions FILE, else exclusions.yaml in a --rules folder (new ones are saved
        // there too); toggle state is remembered under $XDG_STATE_HOME/hunttop/.
        if !args.has("--no-exclusions") {
            let file = args.value("--exclusions") ?? args.all("--rules").lazy.compactMap(ExclusionFile.beside).first
                ?? args.all("--rules").first(where: { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &d) && d.boolValue })
                    .map { ($0 as NSString).appendingPathComponent(ExclusionFile.defaultName) }
            if let file {
                opts.exclusions = FileManager.default.fileExists(atPath: file)
                    ? ExclusionSet.load(file: file, rules: rules) : ExclusionSet(rules: rules, file: file)
                opts.exclusionState = ExclusionStateStore(path: ExclusionStateStore.defaultPath())
            }
        }
        let engine = LiveEngine(rules: rules, inputs: args.positional.map { InputSpec(argument: $0) }, options: opts)
        let screen: CursesScreen
        do { screen = try CursesScreen(noColor: args.has("--no-color")) } catch {
            Output.err("hunttop: \(error)")
            return 1
        }
        do { try engine.start() } catch {
            screen.close()
            Output.err("hunttop: \(error)")
            return 1
        }
        let code = DashboardApp().run(source: engine, screen: screen, options: DashboardOptions(theme: theme))
        engine.send(.quit)
        screen.close()
        return code
    }

    /// `24h`, `30m`, `7d`, `90s` as ticks.
    static func duration(_ s: String) -> Int64? {
        let units: [Character: Int64] = ["d": Ticks.perDay, "h": Ticks.perHour, "m": Ticks.perMinute, "s": Ticks.perSecond]
        guard let u = s.last.flatMap({ units[$0] }), let n = Double(s.dropLast()), n > 0, n < 1e6 else { return nil }
        return Int64(n * Double(u))
    }
}
