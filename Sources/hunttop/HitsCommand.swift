import Foundation
import Engine

/// `hunttop hits [--format ndjson|csv] [--state PATH]`: exports the hits kept in the state database.
enum HitsCommand {
    static let usage = "usage: hunttop hits [--format ndjson|csv] [--state PATH]"

    static func run(_ argv: [String]) -> Int32 {
        let args: Arguments
        do { args = try Arguments(argv, valued: ["--format", "--state"], switches: ["--help", "-h"]) } catch {
            Output.err("hunttop hits: \(error.message)\n\(usage)")
            return 2
        }
        if args.has("--help") || args.has("-h") { print(usage); return 0 }
        let format = args.value("--format") ?? "ndjson"
        guard format == "ndjson" || format == "csv", args.positional.isEmpty else { Output.err(usage); return 2 }
        let path = args.value("--state") ?? HitStore.defaultPath()
        guard FileManager.default.fileExists(atPath: path) else {
            Output.err("hunttop hits: \(path): no state database (run the dashboard or `watch` first, or pass --state)")
            return 1
        }
        do {
            let store = try HitStore(path: path)
            var out: [UInt8] = []
            if format == "csv" { out += Array((HitExport.csvHeader + "\n").utf8) }
            for h in try store.hits() {
                out += Array(((format == "csv" ? HitExport.csv(h) : HitExport.ndjson(h)) + "\n").utf8)
                if out.count > 1 << 16 { FileHandle.standardOutput.write(Data(out)); out.removeAll(keepingCapacity: true) }
            }
            FileHandle.standardOutput.write(Data(out))
            return 0
        } catch {
            Output.err("hunttop hits: \(error)")
            return 1
        }
    }
}
