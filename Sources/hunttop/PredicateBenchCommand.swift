import Foundation
import KQL
import Telemetry
import Engine

/// `hunttop bench [--rules PATH] [--rows N] [--repeat K] FILE`: compiled-predicate throughput.
/// Decodes up to N rows of FILE into memory once, then times only the rule evaluation.
enum PredicateBenchCommand {
    static let usage = "usage: hunttop bench [--rules PATH] [--rows N] [--repeat K] FILE"

    static func run(_ argv: [String]) -> Int32 {
        let args: Arguments
        do { args = try Arguments(argv, valued: ["--rules", "--rows", "--repeat"], switches: ["--help", "-h"]) } catch {
            Output.err("hunttop bench: \(error.message)\n\(usage)")
            return 2
        }
        guard let file = args.positional.first else { Output.err(usage); return 2 }
        let maxRows = args.value("--rows").flatMap(Int.init) ?? 200_000
        let repeats = args.value("--repeat").flatMap(Int.init) ?? 10
        let rulePaths = args.all("--rules").isEmpty ? [(WatchCommand.fixturesDirectory() ?? "Fixtures") + "/rules/qakbot-email-theft-1.yaml"] : args.all("--rules")
        let rules = RuleSet.load(paths: rulePaths)
        guard !rules.rules.isEmpty else { Output.err("hunttop bench: no rule compiled"); return 1 }
        var rows: [String: [[Value]]] = [:]
        var count = 0
        do {
            let ingest = try Ingest(inputs: [InputSpec(argument: file)], options: IngestOptions())
            try ingest.run { row in
                guard count < maxRows else { ingest.stop(); return }
                rows[row.table.name, default: []].append(row.values)
                count += 1
            }
        } catch {
            Output.err("hunttop bench: \(error)")
            return 1
        }
        print("rows in memory: \(count)")
        for cr in rules.rules {
            var hits = 0
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<repeats {
                hits = 0
                let run = cr.query.makeRun(onRow: { _ in hits += 1 })
                for (table, rs) in rows where cr.query.requiredSlots[table] != nil {
                    let stages = run.entries(for: table)
                    for r in rs { for s in stages { s.push(r) } }
                }
                run.finish()
            }
            let secs = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let evaluated = Double(count * repeats)
            print(String(format: "%@: %d hits, %.0f rows/s (%.1f ns/row) over %d×%d rows", cr.rule.name, hits, evaluated / secs, secs / evaluated * 1e9, repeats, count))
        }
        return 0
    }
}
