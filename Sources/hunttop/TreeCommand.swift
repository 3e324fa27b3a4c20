import Foundation
import KQL
import Telemetry
import Lineage

/// `hunttop tree INPUT... (--hit REPORTID | --pid PID [--device NAME])`: the process tree as text.
enum TreeCommand {
    static let usage = "usage: hunttop tree INPUT... (--hit REPORTID | --pid PID [--device NAME]) [--ascii] [--width N]"

    static func run(_ argv: [String]) -> Int32 {
        let args: Arguments
        do { args = try Arguments(argv, valued: ["--hit", "--pid", "--device", "--width"], switches: ["--ascii", "--help", "-h"]) } catch {
            Output.err("hunttop tree: \(error.message)\n\(usage)")
            return 2
        }
        if args.has("--help") || args.has("-h") { print(usage); return 0 }
        let hit = args.value("--hit")
        let pid = args.value("--pid").flatMap { Int64($0) }
        guard !args.positional.isEmpty, (hit != nil) != (pid != nil) else {
            Output.err(usage)
            return 2
        }
        let graph = ProcessGraph(budget: 4_000_000)
        var focus: EventRef? = nil
        var seq: UInt64 = 0
        var opts = IngestOptions()
        opts.onMalformed = { m in Output.err("\(m.source):\(m.line): malformed: \(m.reason)") }
        do {
            let ingest = try Ingest(inputs: args.positional.map { InputSpec(argument: $0) }, options: opts)
            try ingest.run { row in
                seq += 1
                let summary = EventSummary(table: row.schema, values: row.values)
                graph.observe(table: row.schema, values: row.values, event: EventRef(seq), summary: summary)
                if let hit, focus == nil, summary.reportId == hit { focus = EventRef(seq) }
            }
        } catch {
            Output.err("hunttop tree: \(error)")
            return 1
        }
        let unicode = !args.has("--ascii") && (ProcessInfo.processInfo.environment["LANG"] ?? "C.UTF-8").lowercased().contains("utf")
        let width = args.value("--width").flatMap(Int.init)
        if let hit {
            guard let f = focus, let t = graph.tree(aroundEvent: f) else {
                Output.err("hunttop tree: no event with ReportId \(hit)")
                return 1
            }
            print(LineageTextRenderer.render(t, unicode: unicode, width: width), terminator: "")
            return 0
        }
        let nodes = graph.findProcess(device: args.value("--device") ?? "", pid: pid!)
        if nodes.isEmpty, args.value("--device") == nil {
            Output.err("hunttop tree: give --device NAME with --pid (PIDs repeat across devices)")
        }
        if nodes.isEmpty {
            Output.err("hunttop tree: no process \(pid!)\(args.value("--device").map { " on \($0)" } ?? "")")
            return 1
        }
        for n in nodes {
            if let t = graph.subtree(of: n) { print(LineageTextRenderer.render(t, unicode: unicode, width: width), terminator: "") }
        }
        return 0
    }
}
