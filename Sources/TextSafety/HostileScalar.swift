/// The one rule for attacker-controlled text (command lines, paths, names) shown on a terminal:
/// which Unicode scalars may never be printed raw. Every place that prints such text — the
/// dashboard's cells, `tree`, `check`'s echoed query, `scan --format table` — asks this.
public enum HostileScalar {
    /// Controls (C0, DEL, C1: also ESC, so no escape sequence), bidi embeddings, overrides,
    /// isolates and marks (text reordering), zero-width and other invisible format characters,
    /// line/paragraph separators, interlinear annotations, tag characters and lone surrogates.
    public static func isHostile(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F: return true                 // C0, DEL, C1
        case 0x202A...0x202E, 0x2066...0x2069: return true         // bidi embeddings/overrides/isolates
        case 0x200E, 0x200F, 0x061C: return true                   // bidi marks
        case 0x200B...0x200D, 0x2060...0x2064, 0xFEFF: return true // zero-width, word joiner, BOM
        case 0x00AD, 0x180E, 0x2028, 0x2029: return true           // soft hyphen, MVS, line/para separators
        case 0xFFF9...0xFFFB: return true                          // interlinear annotation
        case 0xE0000...0xE007F: return true                        // tag characters
        case 0xD800...0xDFFF: return true
        default: return false
        }
    }

    /// A visible stand-in for a hostile scalar: `\x1b` up to U+00FF, else `\u{202e}`.
    public static func escaped(_ s: Unicode.Scalar) -> String {
        if s.value <= 0xFF {
            let h = String(s.value, radix: 16)
            return "\\x" + (h.count < 2 ? "0" + h : h)
        }
        return "\\u{" + String(s.value, radix: 16) + "}"
    }

    /// `text` with every hostile scalar (other than those in `keeping`) as a visible escape.
    public static func visible(_ text: String, keeping: Set<Unicode.Scalar> = []) -> String {
        guard text.unicodeScalars.contains(where: { isHostile($0) && !keeping.contains($0) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for u in text.unicodeScalars {
            if isHostile(u) && !keeping.contains(u) { out += escaped(u) } else { out.unicodeScalars.append(u) }
        }
        return out
    }
}
