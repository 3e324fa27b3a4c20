import Foundation
import Terminal

/// What a piece of the screen is, for colouring (colours are given per role, never literally).
public enum Role: String, CaseIterable, Sendable {
    case main, border, borderFocus = "border_focus", title, titleFocus = "title_focus", header
    case selected, hit, inferred, unresolved, dim, status, statusKey = "status_key", paused
    case warning, error, sparkline, severityHigh = "severity_high", severityMedium = "severity_medium"
    case severityLow = "severity_low", severityInfo = "severity_info", match, tabActive = "tab_active"
    case tabInactive = "tab_inactive", suppressed, help
}

public enum ThemeError: Error, CustomStringConvertible, Equatable {
    case notFound(name: String, searched: [String])
    case badLine(file: String, line: Int, message: String)

    public var description: String {
        switch self {
        case .notFound(let n, let dirs): return "theme '\(n)' not found (searched: \(dirs.joined(separator: ", ")))"
        case .badLine(let f, let l, let m): return "\(f):\(l): \(m)"
        }
    }
}

/// A style for every role. The built-in default is complete; theme files override any subset of
/// keys, btop-like: `main_fg = "#cccccc"`, `theme[hit_bg]="red"`, `selected_attr = "bold,reverse"`.
public struct Theme: Sendable {
    public var name: String
    public var styles: [Role: CellStyle]

    public func style(_ role: Role) -> CellStyle { styles[role] ?? styles[.main] ?? .plain }

    /// The complete built-in theme (dark-friendly, ANSI colours so it works on 8-colour terminals).
    public static let builtIn: Theme = {
        var s: [Role: CellStyle] = [:]
        s[.main] = CellStyle()
        s[.border] = CellStyle(fg: .ansi(8))
        s[.borderFocus] = CellStyle(fg: .ansi(6), bold: true)
        s[.title] = CellStyle(fg: .ansi(7), bold: true)
        s[.titleFocus] = CellStyle(fg: .ansi(14), bold: true)
        s[.header] = CellStyle(fg: .ansi(4), bold: true, underline: false)
        s[.selected] = CellStyle(reverse: true)
        s[.hit] = CellStyle(fg: .ansi(1), bold: true)
        s[.inferred] = CellStyle(fg: .ansi(3), dim: false)
        s[.unresolved] = CellStyle(fg: .ansi(8), underline: true)
        s[.dim] = CellStyle(fg: .ansi(8))
        s[.status] = CellStyle(fg: .ansi(0), bg: .ansi(7))
        s[.statusKey] = CellStyle(fg: .ansi(4), bg: .ansi(7), bold: true)
        s[.paused] = CellStyle(fg: .ansi(15), bg: .ansi(1), bold: true)
        s[.warning] = CellStyle(fg: .ansi(3), bold: true)
        s[.error] = CellStyle(fg: .ansi(1), bold: true)
        s[.sparkline] = CellStyle(fg: .ansi(2))
        s[.severityHigh] = CellStyle(fg: .ansi(1), bold: true)
        s[.severityMedium] = CellStyle(fg: .ansi(3))
        s[.severityLow] = CellStyle(fg: .ansi(6))
        s[.severityInfo] = CellStyle(fg: .ansi(8))
        s[.match] = CellStyle(fg: .ansi(0), bg: .ansi(3))
        s[.tabActive] = CellStyle(reverse: true, underline: false)
        s[.tabInactive] = CellStyle(fg: .ansi(8))
        s[.suppressed] = CellStyle(fg: .ansi(8), dim: true)
        s[.help] = CellStyle()
        return Theme(name: "default", styles: s)
    }()

    /// The same theme with every colour removed (attributes kept): for NO_COLOR and mono terminals.
    public var withoutColors: Theme {
        var t = self
        for (r, var st) in styles {
            st.fg = .default
            st.bg = .default
            t.styles[r] = st
        }
        return t
    }

    /// Parses a theme file's text over the built-in default.
    public static func parse(_ text: String, name: String, file: String = "<theme>") throws -> Theme {
        var theme = Theme.builtIn
        theme.name = name
        var lineNo = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("//") || line.hasPrefix(";") { continue }
            guard let eq = line.firstIndex(of: "=") else {
                throw ThemeError.badLine(file: file, line: lineNo, message: "expected key = value")
            }
            var key = line[..<eq].trimmingCharacters(in: .whitespaces)
            if key.hasPrefix("theme["), key.hasSuffix("]") { key = String(key.dropFirst(6).dropLast()) }
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.first == "\"" || value.first == "'", value.last == value.first {
                value = String(value.dropFirst().dropLast())
            }
            let (roleName, part): (String, String)
            if key.hasSuffix("_fg") { (roleName, part) = (String(key.dropLast(3)), "fg") }
            else if key.hasSuffix("_bg") { (roleName, part) = (String(key.dropLast(3)), "bg") }
            else if key.hasSuffix("_attr") { (roleName, part) = (String(key.dropLast(5)), "attr") }
            else { (roleName, part) = (key, "fg") }
            guard let role = Role(rawValue: roleName) else {
                throw ThemeError.badLine(file: file, line: lineNo, message: "unknown key '\(key)'")
            }
            var st = theme.style(role)
            switch part {
            case "attr":
                st.bold = false; st.reverse = false; st.underline = false; st.dim = false
                for a in value.lowercased().split(whereSeparator: { $0 == "," || $0 == " " }) {
                    switch a {
                    case "bold": st.bold = true
                    case "reverse": st.reverse = true
                    case "underline": st.underline = true
                    case "dim": st.dim = true
                    case "none", "normal": break
                    default: throw ThemeError.badLine(file: file, line: lineNo, message: "unknown attribute '\(a)'")
                    }
                }
            default:
                guard let c = parseColor(value) else {
                    throw ThemeError.badLine(file: file, line: lineNo, message: "bad colour '\(value)' (use #rrggbb or a colour name)")
                }
                if part == "fg" { st.fg = c } else { st.bg = c }
            }
            theme.styles[role] = st
        }
        return theme
    }

    static let colorNames: [String: Int] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "gray": 8, "grey": 8, "bright_black": 8, "bright_red": 9, "bright_green": 10, "bright_yellow": 11,
        "bright_blue": 12, "bright_magenta": 13, "bright_cyan": 14, "bright_white": 15,
    ]

    /// `#rrggbb`, `#rgb`, a colour name (`red`, `bright-blue`, …) or `default`/empty.
    public static func parseColor(_ text: String) -> TermColor? {
        let v = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
        if v.isEmpty || v == "default" || v == "none" { return .default }
        if let n = colorNames[v] { return .ansi(n) }
        guard v.hasPrefix("#") else { return nil }
        var hex = Array(v.dropFirst())
        if hex.count == 3 { hex = hex.flatMap { [$0, $0] } }
        guard hex.count == 6, let n = UInt32(String(hex), radix: 16) else { return nil }
        return .rgb(UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF))
    }

    /// Loads a theme by name (`default` is built in) from `<dir>/<name>.theme`, or from a path.
    public static func load(name: String, directories: [String]) throws -> Theme {
        if name == "default" || name == "builtin" { return .builtIn }
        var candidates: [String] = []
        if name.contains("/") { candidates.append(name) }
        candidates += directories.map { ($0 as NSString).appendingPathComponent("\(name).theme") }
        for path in candidates {
            if let data = FileManager.default.contents(atPath: path) {
                return try parse(String(decoding: data, as: UTF8.self), name: name, file: path)
            }
        }
        throw ThemeError.notFound(name: name, searched: name.contains("/") ? [name] : directories)
    }

    /// Where theme files are looked for: `./Themes`, and `Themes`/`share/hunttop/themes` near the executable.
    public static var defaultDirectories: [String] {
        var dirs = ["Themes"]
        let exe = (CommandLine.arguments.first ?? "") as NSString
        let exeDir = exe.deletingLastPathComponent
        if !exeDir.isEmpty {
            dirs.append((exeDir as NSString).appendingPathComponent("Themes"))
            dirs.append(((exeDir as NSString).deletingLastPathComponent as NSString).appendingPathComponent("share/hunttop/themes"))
        }
        return dirs
    }
}
