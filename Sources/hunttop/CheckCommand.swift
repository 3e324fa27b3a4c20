import Foundation
import TextSafety
import KQL
import Engine

/// `hunttop check [--format text|json] FILE...`: parse and bind each query or rule file.
enum CheckCommand {
    static let usage = "usage: hunttop check [--format text|json] FILE..."

    static func run(_ argv: [String]) -> Int32 {
        let args: Arguments
        do { args = try Arguments(argv, valued: ["--format"], switches: ["--help", "-h"]) } catch {
            Output.err("hunttop check: \(error.message)\n\(usage)")
            return 2
        }
        if args.has("--help") || args.has("-h") { print(usage); return 0 }
        let format = args.value("--format") ?? "text"
        guard ["text", "json"].contains(format), !args.positional.isEmpty else {
            Output.err(usage)
            return 2
        }
        var ok = 0, failed = 0
        var json: [[String: Any]] = []
        let files = args.positional.flatMap { RuleLoader.files(at: $0) }
        for file in files {
            var problems: [(line: Int, column: Int, endLine: Int, endColumn: Int, d: Diagnostic?, text: String, code: String, severity: String)] = []
            var sourceLines: [Substring] = []
            switch RuleLoader.load(file: file) {
            case .failure(let e):
                problems.append((e.line, e.column, e.line, e.column, nil, e.message, e.code, "error"))
            case .success(let rule):
                let (_, diags) = KQLCompiler.compile(rule.query)
                sourceLines = Redaction.redact(rule.query).split(separator: "\n", omittingEmptySubsequences: false)
                for d in diags {
                    let (l, c) = rule.fileLocation(d)
                    let end = d.range.endLocation
                    problems.append((l, c, end.line + rule.queryLine - 1, end.column + rule.queryIndent, d, d.message, d.code, d.severity.rawValue))
                }
            }
            let errors = problems.filter { $0.severity == "error" }
            if errors.isEmpty { ok += 1 } else { failed += 1 }
            if format == "text" {
                if errors.isEmpty { print("\(file): ok") }
                for p in problems {
                    print("\(file):\(p.line):\(p.column): \(p.severity)[\(p.code)]: \(p.text)")
                    if let d = p.d, d.location.line - 1 < sourceLines.count {
                        // A window of the line around the column, so long lines stay readable.
                        let line = Array(String(sourceLines[d.location.line - 1]).replacingOccurrences(of: "\r", with: "").unicodeScalars)
                        let col = max(0, d.location.column - 1)
                        let from = max(0, col - 60), to = min(line.count, col + 60)
                        var piece = String.UnicodeScalarView()
                        piece.append(contentsOf: line[from..<max(from, to)])
                        let src = (from > 0 ? "…" : "") + Terminalsafe.clean(String(piece)) + (to < line.count ? "…" : "")
                        print("  | \(src)")
                        print("  | " + String(repeating: " ", count: col - from + (from > 0 ? 1 : 0)) + "^")
                        if let h = d.hint { print("  = hint: \(h)") }
                    }
                }
            } else {
                json.append([
                    "file": file, "ok": errors.isEmpty,
                    "diagnostics": problems.map { p -> [String: Any] in
                        var o: [String: Any] = ["code": p.code, "severity": p.severity, "line": p.line, "column": p.column,
                                                "endLine": p.endLine, "endColumn": p.endColumn, "message": p.text]
                        if let d = p.d { o["token"] = d.token; if let h = d.hint { o["hint"] = h } }
                        return o
                    },
                ])
            }
        }
        if format == "json" {
            let data = try! JSONSerialization.data(withJSONObject: ["files": json, "ok": ok, "failed": failed], options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("\(ok) ok, \(failed) failed")
        }
        return failed == 0 ? 0 : 1
    }
}

/// Hostile characters in echoed query text shown as visible escapes; tabs are kept so the caret
/// under the source line stays aligned.
enum Terminalsafe {
    static func clean(_ s: String) -> String { HostileScalar.visible(s, keeping: ["\t"]) }
}

enum Output {
    static func err(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }
}
