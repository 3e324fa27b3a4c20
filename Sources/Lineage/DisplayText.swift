/// Makes attacker-controlled text safe to print on a terminal.
public enum DisplayText {
    /// Replaces C0/C1 controls, DEL, ESC and bidi/format overrides with visible escapes
    /// (`\x1b`, `\u{202e}`), so text can neither move the cursor nor reorder a line.
    public static func sanitize(_ s: String) -> String {
        var needs = false
        for u in s.unicodeScalars where isUnsafe(u) { needs = true; break }
        guard needs else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for u in s.unicodeScalars {
            if isUnsafe(u) {
                out += u.value <= 0xFF ? "\\x" + hex(u.value, 2) : "\\u{" + String(u.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    static func isUnsafe(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) { return true }
        switch v {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    static func hex(_ v: UInt32, _ width: Int) -> String {
        let h = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - h.count)) + h
    }

    /// Cuts to `width` characters, ending with `…` (or `~` in ASCII) when cut.
    public static func truncate(_ s: String, width: Int, unicode: Bool = true) -> String {
        guard width > 0 else { return "" }
        guard s.count > width else { return s }
        return String(s.prefix(width - 1)) + (unicode ? "…" : "~")
    }
}
