/// A terminal colour: the terminal's default, one of the 16 ANSI colours, or 24-bit RGB
/// (mapped to the nearest colour the terminal has).
public enum TermColor: Sendable, Hashable {
    case `default`
    case ansi(Int)            // 0...15
    case rgb(UInt8, UInt8, UInt8)
}

/// How one cell is drawn.
public struct CellStyle: Sendable, Hashable {
    public var fg: TermColor
    public var bg: TermColor
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(fg: TermColor = .default, bg: TermColor = .default, bold: Bool = false,
                reverse: Bool = false, underline: Bool = false, dim: Bool = false) {
        self.fg = fg; self.bg = bg; self.bold = bold; self.reverse = reverse
        self.underline = underline; self.dim = dim
    }

    public static let plain = CellStyle()
}
