import Foundation
import KQL
import Telemetry
import Engine

/// `hunttop scan --rules PATH [--format ndjson|csv|table] [--follow] INPUT...`
enum ScanCommand {
    static let usage = """
    usage: hunttop scan --rules PATH [--format ndjson|csv|table] [--follow] [--strict] [--no-prefilter]
                        [--input-format auto|json|envelope|csv] [--table NAME] [--no-lineage | --lineage-graph]
                        [--exclusions FILE | --no-exclusions] INPUT...
    """

    static func run(_ argv: [String]) -> Int32 {
        let args: Arguments
        do {
            args = try Arguments(argv, valued: ["--rules", "--format", "--input-format", "--table", "--exclusions"],
                                 switches: ["--follow", "--strict", "--no-prefilter", "--no-lineage", "--lineage-graph", "--no-exclusions", "--help", "-h"])
        } catch {
            Output.err("hunttop scan: \(error.message)\n\(usage)")
            return 2
        }
        if args.has("--help") || args.has("-h") { print(usage); return 0 }
        let format = args.value("--format") ?? "ndjson"
        guard !args.all("--rules").isEmpty, !args.positional.isEmpty, ["ndjson", "csv", "table"].contains(format) else {
            Output.err(usage)
            return 2
        }
        var opts = ScanOptions()
        opts.follow = args.has("--follow")
        opts.strict = args.has("--strict")
        opts.usePrefilter = !args.has("--no-prefilter")
        opts.lineage = !args.has("--no-lineage")
        opts.lineageGraph = args.has("--lineage-graph")
        opts.table = args.value("--table")
        if let f = args.value("--input-format") {
            switch f {
            case "auto": opts.format = .auto
            case "json", "jsonl": opts.format = .jsonLines
            case "envelope", "document": opts.format = .jsonDocument
            case "csv": opts.format = .csv
            default: Output.err("hunttop scan: unknown --input-format \(f)"); return 2
            }
        }
        let rules = RuleSet.load(paths: args.all("--rules"))
        for e in rules.errors { Output.err(e.description) }
        if rules.rules.isEmpty {
            Output.err("hunttop scan: no rule compiled")
            return 1
        }
        // Exclusions: --exclusions FILE, else exclusions.yaml in a --rules folder; --no-exclusions: none.
        var exclusionErrors = 0
        if !args.has("--no-exclusions"),
           let file = args.value("--exclusions") ?? args.all("--rules").lazy.compactMap(ExclusionFile.beside).first {
            let set = ExclusionSet.load(file: file, rules: rules)
            for e in set.errors { Output.err(e.description) }
            exclusionErrors = set.errors.count
            opts.exclusions = set
        }
        let inputs = args.positional.map { InputSpec(argument: $0) }
        let scanner = Scanner(rules: rules, inputs: inputs, options: opts)
        let writer = HitWriter(format: format, rules: rules)
        writer.begin()
        let malformedCount = Counter()
        let summary: ScanSummary
        do {
            summary = try scanner.run(onMalformed: { m in
                malformedCount.add()
                Output.err("\(m.source):\(m.line): malformed: \(m.reason)")
            }, onHit: { writer.write($0) })
        } catch {
            writer.end()
            Output.err("hunttop scan: \(error)")
            return 1
        }
        writer.end()
        let s = summary.stats
        let rate = summary.seconds > 0 ? Double(s.lines) / summary.seconds : 0
        var lines = ["hunttop scan: \(s.lines) lines, \(s.rows) rows decoded, \(s.prefiltered) skipped by prefilter, \(s.malformed) malformed, \(String(format: "%.2f", summary.seconds)) s, \(Int(rate)) rows/s"]
        for (i, cr) in rules.rules.enumerated() {
            let sup = summary.suppressedPerRule.isEmpty ? 0 : summary.suppressedPerRule[i]
            lines.append("  \(summary.hitsPerRule[i]) hits  \(cr.rule.name) [\(cr.rule.id)]" + (sup > 0 ? "  (\(sup) suppressed)" : ""))
        }
        if let ex = opts.exclusions {
            for (k, e) in ex.entries.enumerated() {
                let state = e.enabled ? "" : "  (disabled)"
                lines.append("  \(summary.suppressed[k]) suppressed  exclusion \(e.exclusion.name) [\(e.exclusion.id)]\(state)")
            }
        }
        Output.err(lines.joined(separator: "\n"))
        return (s.malformed > 0 || !rules.errors.isEmpty || exclusionErrors > 0) ? 1 : 0
    }
}

final class Counter: @unchecked Sendable {
    private var n = 0
    private let lock = NSLock()
    func add() { lock.lock(); n += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}
