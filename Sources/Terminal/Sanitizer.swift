import TextSafety

/// Makes attacker-controlled text safe to draw and measures it in terminal cells.
///
/// Control characters (C0, DEL, C1 — so also ESC and every escape sequence's introducer), bidi
/// embedding/override/isolate controls, zero-width and other invisible format characters are
/// replaced by U+FFFD, so nothing reaches the terminal as a command and nothing hides. Invalid
/// UTF-8 becomes U+FFFD when decoded. Tabs and newlines become one space. East Asian wide and
/// emoji characters count two cells; combining marks count zero and at most two stay per base.
public enum Sanitizer {
    public static let replacement: Unicode.Scalar = "\u{FFFD}"
    static let maxMarksPerCell = 2

    /// One screen cell: a base character with its kept combining marks, and its width (1 or 2).
    public struct Cell: Sendable, Hashable {
        public var text: String
        public var width: Int
    }

    /// True for scalars that must never reach the terminal (`HostileScalar`).
    public static func isHostile(_ s: Unicode.Scalar) -> Bool { HostileScalar.isHostile(s) }

    /// Zero-width combining marks (drawn on the previous cell).
    static func isCombining(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Display width of one (non-hostile, non-combining) scalar: 1 or 2.
    public static func scalarWidth(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x1100 { return 1 }
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
             0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
             0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
             0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x18AFF, 0x1B000...0x1B2FF,
             0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F,
             0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// Splits text into display cells, neutralising everything unsafe.
    public static func cells(_ text: String) -> [Cell] {
        var out: [Cell] = []
        out.reserveCapacity(text.utf8.count)
        var marks = 0
        for s in text.unicodeScalars {
            if s == "\t" || s == "\n" || s == "\r" {
                out.append(Cell(text: " ", width: 1)); marks = 0
            } else if isHostile(s) {
                out.append(Cell(text: String(replacement), width: 1)); marks = 0
            } else if isCombining(s) {
                if !out.isEmpty, marks < maxMarksPerCell, out[out.count - 1].text != String(replacement) {
                    out[out.count - 1].text.unicodeScalars.append(s)
                    marks += 1
                }
            } else {
                out.append(Cell(text: String(s), width: scalarWidth(s))); marks = 0
            }
        }
        return out
    }

    /// Display-safe text.
    public static func clean(_ text: String) -> String {
        var s = ""
        for c in cells(text) { s += c.text }
        return s
    }

    /// Decodes bytes as UTF-8 (invalid sequences become U+FFFD) and cleans the result.
    public static func clean<B: Collection>(bytes: B) -> String where B.Element == UInt8 {
        clean(String(decoding: bytes, as: UTF8.self))
    }

    /// Width in cells of the cleaned text.
    public static func width(_ text: String) -> Int {
        var w = 0
        for c in cells(text) { w += c.width }
        return w
    }

    /// Clean text cut to at most `width` cells, ending in `ellipsis` when cut.
    public static func fit(_ text: String, width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        // A cell holds at most 1 + maxMarksPerCell scalars, so this prefix decides the result
        // and a huge input costs no more than a short one.
        let cs = cells(prefixScalars(text, (width + 1) * (1 + maxMarksPerCell)))
        let total = cs.reduce(0) { $0 + $1.width }
        if total <= width { return cs.map(\.text).joined() }
        let ew = self.width(ellipsis)
        let room = max(0, width - ew)
        var s = "", used = 0
        for c in cs {
            if used + c.width > room { break }
            s += c.text; used += c.width
        }
        if ew <= width { s += ellipsis }
        return s
    }

    /// Clean text cut to at most `width` cells keeping its END (for paths), starting with `ellipsis` when cut.
    public static func fitTail(_ text: String, width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        let limit = (width + 1) * (1 + maxMarksPerCell)
        let scalars = text.unicodeScalars
        var cs: [Cell]
        if scalars.count > limit {
            var tail = String.UnicodeScalarView()
            tail.append(contentsOf: scalars.suffix(limit))
            cs = cells(String(tail))
            if cs.count <= width { cs.insert(Cell(text: String(replacement), width: 1), at: 0) }  // cut mid-cell: still longer than width
        } else {
            cs = cells(text)
        }
        let total = cs.reduce(0) { $0 + $1.width }
        if total <= width { return cs.map(\.text).joined() }
        let ew = self.width(ellipsis)
        guard ew < width else { return fit(text, width: width, ellipsis: ellipsis) }
        var kept: [String] = [], used = 0
        for c in cs.reversed() {
            if used + c.width > width - ew { break }
            kept.append(c.text); used += c.width
        }
        return ellipsis + kept.reversed().joined()
    }

    static func prefixScalars(_ text: String, _ n: Int) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > n else { return text }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars.prefix(n))
        return String(v)
    }

    /// Clean text cut or padded with spaces to exactly `width` cells.
    public static func pad(_ text: String, width: Int, ellipsis: String = "…") -> String {
        let f = fit(text, width: width, ellipsis: ellipsis)
        let w = self.width(f)
        return w < width ? f + String(repeating: " ", count: width - w) : f
    }

    /// Clean text broken into lines of at most `width` cells; breaks after a space, `\`, `/` or
    /// `,` when one is near the end of the line, else mid-word.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        let cs = cells(text)
        if cs.isEmpty { return [""] }
        var lines: [String] = []
        var start = 0
        while start < cs.count {
            var used = 0, end = start, lastBreak = -1
            while end < cs.count, used + cs[end].width <= width {
                used += cs[end].width
                let t = cs[end].text
                if t == " " || t == "\\" || t == "/" || t == "," { lastBreak = end }
                end += 1
            }
            if end == start { end = start + 1 }   // a wide char wider than the line
            if end < cs.count, lastBreak >= start, lastBreak + 1 - start >= (end - start) * 2 / 3 {
                end = lastBreak + 1
            }
            lines.append(cs[start..<end].map(\.text).joined())
            start = end
        }
        return lines
    }
}
