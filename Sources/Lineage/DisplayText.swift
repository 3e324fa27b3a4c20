import TextSafety

/// Makes attacker-controlled text safe to print on a terminal.
public enum DisplayText {
    /// Replaces every `HostileScalar` (controls, ESC, bidi and invisible format characters) with
    /// a visible escape (`\x1b`, `\u{202e}`), so text can neither move the cursor, reorder a
    /// line nor hide.
    public static func sanitize(_ s: String) -> String { HostileScalar.visible(s) }

    /// Cuts to `width` characters, ending with `…` (or `~` in ASCII) when cut.
    public static func truncate(_ s: String, width: Int, unicode: Bool = true) -> String {
        guard width > 0 else { return "" }
        guard s.count > width else { return s }
        return String(s.prefix(width - 1)) + (unicode ? "…" : "~")
    }
}
