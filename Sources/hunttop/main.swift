import Foundation

let argv = Array(CommandLine.arguments.dropFirst())
let sub = argv.first.map { $0.hasPrefix("--") && $0 != "--help" ? "demo" : $0 } ?? "demo"
let rest = sub == "demo" && argv.first != "demo" ? argv : Array(argv.dropFirst())
let code: Int32
switch sub {
case "check": code = CheckCommand.run(rest)
case "scan": code = ScanCommand.run(rest)
case "tree": code = TreeCommand.run(rest)
case "watch": code = WatchCommand.run(rest)
case "hits": code = HitsCommand.run(rest)
case "soak": code = SoakCommand.run(rest)
case "demo": code = WatchCommand.demo(rest)
case "bench": code = PredicateBenchCommand.run(rest)
case "bench-live": code = BenchLiveCommand.run(rest)  // hidden: profiling the live engine
case "bench-latency": code = BenchLatencyCommand.run(rest)  // hidden: scripts/latency-bench.sh
case "--help", "-h", "help":
    print(Usage.text)
    code = 0
default:
    Output.err("hunttop: unknown command '\(sub)'\n\(Usage.text)")
    code = 2
}
exit(code)
