/// A small argument parser: flags with values, boolean switches and positional operands.
struct Arguments {
    var positional: [String] = []
    var values: [String: [String]] = [:]
    var switches: Set<String> = []

    struct UsageError: Error { var message: String }

    /// Parses `args`; `valued` lists the options that take a value (`--rules PATH` or `--rules=PATH`).
    init(_ args: [String], valued: Set<String>, switches allowed: Set<String>) throws(UsageError) {
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "--" { positional += args[(i + 1)...]; break }
            if a.hasPrefix("--") || (a.hasPrefix("-") && a.count == 2 && a != "-") {
                var name = a, inline: String? = nil
                if let eq = a.firstIndex(of: "=") { name = String(a[..<eq]); inline = String(a[a.index(after: eq)...]) }
                if valued.contains(name) {
                    if let v = inline { values[name, default: []].append(v) } else {
                        guard i + 1 < args.count else { throw UsageError(message: "\(name) needs a value") }
                        values[name, default: []].append(args[i + 1])
                        i += 1
                    }
                } else if allowed.contains(name) {
                    switches.insert(name)
                } else {
                    throw UsageError(message: "unknown option \(name)")
                }
            } else {
                positional.append(a)
            }
            i += 1
        }
    }

    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func has(_ name: String) -> Bool { switches.contains(name) }
}
