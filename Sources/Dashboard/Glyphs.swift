/// Box drawing and symbols, Unicode or ASCII (for non-UTF-8 locales).
struct Glyphs: Sendable {
    var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: String
    var tee, corner, pipe, expanded, collapsed, leaf, ellipsis, ditto, hitMark, check: String
    var spark: [String]

    static let unicode = Glyphs(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐",
                                bottomLeft: "└", bottomRight: "┘", tee: "├─", corner: "└─", pipe: "│ ",
                                expanded: "▾", collapsed: "▸", leaf: "•", ellipsis: "…", ditto: "〃",
                                hitMark: "●", check: "✔",
                                spark: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"])
    static let ascii = Glyphs(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+",
                              bottomLeft: "+", bottomRight: "+", tee: "|-", corner: "`-", pipe: "| ",
                              expanded: "-", collapsed: "+", leaf: "*", ellipsis: "~", ditto: "\"",
                              hitMark: "*", check: "x",
                              spark: [".", ".", ":", ":", "-", "=", "+", "#"])

    /// A sparkline of `values`, scaled to its maximum, the newest `width` values.
    func sparkline(_ values: [Int], width: Int) -> String {
        guard width > 0 else { return "" }
        let tail = Array(values.suffix(width))
        let top = tail.max() ?? 0
        var s = String(repeating: " ", count: width - tail.count)
        for v in tail {
            if v <= 0 || top <= 0 { s += " "; continue }
            let i = min(spark.count - 1, max(0, (v * spark.count - 1) / top))
            s += spark[i]
        }
        return s
    }
}
