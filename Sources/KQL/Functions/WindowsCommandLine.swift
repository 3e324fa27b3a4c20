/// Splits a Windows command line the way `CommandLineToArgvW` does (for `parse_command_line`).
enum WindowsCommandLine {
    static func arguments(_ s: String) -> [String] {
        let c = Array(s.unicodeScalars)
        var args: [String] = []
        var cur = String.UnicodeScalarView()
        var inQuotes = false, any = false
        var i = 0
        func flush() { if any { args.append(String(cur)) }; cur = .init(); any = false }
        while i < c.count {
            let ch = c[i]
            if ch == " " || ch == "\t" {
                if inQuotes { cur.append(ch) } else { flush() }
                i += 1
            } else if ch == "\\" {
                var n = 0
                while i < c.count && c[i] == "\\" { n += 1; i += 1 }
                if i < c.count && c[i] == "\"" {
                    cur.append(contentsOf: repeatElement("\\", count: n / 2))
                    if n % 2 == 1 { cur.append("\""); i += 1 }
                } else {
                    cur.append(contentsOf: repeatElement("\\", count: n))
                }
                any = true
            } else if ch == "\"" {
                any = true
                if inQuotes && i + 1 < c.count && c[i + 1] == "\"" { cur.append("\""); i += 2; continue }
                inQuotes.toggle(); i += 1
            } else {
                cur.append(ch); any = true; i += 1
            }
        }
        flush()
        return args
    }
}
