import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

/// Why the real terminal could not be opened.
public enum TerminalError: Error, CustomStringConvertible {
    case notATerminal
    case noTerm
    case dumbTerminal
    case cannotOpen(term: String)

    public var description: String {
        switch self {
        case .notATerminal: return "hunttop: standard input and output must be a terminal (use `hunttop scan` for pipes)"
        case .noTerm: return "hunttop: TERM is not set; set it to your terminal type (e.g. TERM=xterm-256color)"
        case .dumbTerminal: return "hunttop: TERM=dumb cannot show the dashboard; use `hunttop scan` or a real terminal"
        case .cannotOpen(let term): return "hunttop: cannot open terminal type '\(term)' (unknown to terminfo?)"
        }
    }
}

/// The real screen, over ncursesw. Owned by one thread (the UI thread).
/// Opens with `newterm` so a bad TERM is an error, not an exit; restores the terminal on
/// `close()`, on deinit, and on SIGINT/SIGTERM/SIGHUP/SIGQUIT.
public final class CursesScreen: Screen {
    public let unicode: Bool
    public let colors: Bool
    private var screen: OpaquePointer?
    private var win: UnsafeMutablePointer<WINDOW>
    private var pairs: [PairKey: Int16] = [:]
    private let colorCount: Int
    private var fastErrors = 0

    private struct PairKey: Hashable { var fg: Int16; var bg: Int16 }

    /// - Parameter noColor: draw without colours (attributes only); `NO_COLOR` also turns colours off.
    public init(noColor: Bool = false) throws {
        setlocale(LC_ALL, "")
        guard isatty(0) == 1, isatty(1) == 1 else { throw TerminalError.notATerminal }
        guard let t = getenv("TERM"), t.pointee != 0 else { throw TerminalError.noTerm }
        let term = String(cString: t)
        if term == "dumb" { throw TerminalError.dumbTerminal }
        guard let out = fdopen(1, "w"), let inp = fdopen(0, "r") else { throw TerminalError.notATerminal }
        guard let scr = newterm(nil, out, inp) else { throw TerminalError.cannotOpen(term: term) }
        screen = scr
        set_term(scr)
        win = hunt_stdscr()
        unicode = hunt_locale_is_utf8() != 0
        let envNoColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        var useColor = !noColor && !envNoColor && has_colors()
        if useColor {
            start_color()
            use_default_colors()
            useColor = hunt_colors() >= 8
        }
        colors = useColor
        colorCount = useColor ? Int(hunt_colors()) : 0
        hunt_install_restore_handlers()
        raw()            // Ctrl-C arrives as a key so the app can quit cleanly
        noecho()
        nonl()
        keypad(win, true)
        curs_set(0)
        set_escdelay(25)
        mousemask(hunt_button1_any(), nil)
        mouseinterval(0)
    }

    deinit { close() }

    /// Restores the terminal. Safe to call more than once.
    public func close() {
        guard let scr = screen else { return }
        endwin()
        delscreen(scr)
        screen = nil
        hunt_reset_signal_handlers()
    }

    public var rows: Int { Int(hunt_rows_of(win)) }
    public var cols: Int { Int(hunt_cols_of(win)) }

    public func clear() { werase(win) }

    public func refresh() { wrefresh(win) }

    @discardableResult
    public func put(_ text: String, row: Int, col: Int, style: CellStyle) -> Int {
        let maxCols = cols
        guard row >= 0, row < rows, col < maxCols else { return col }
        var s = ""
        var c = max(0, col)
        for cell in Sanitizer.cells(text) {
            if c + cell.width > maxCols { break }
            if unicode { s += cell.text }
            else { s += cell.text.unicodeScalars.first!.isASCII ? cell.text : "?" }
            c += unicode ? cell.width : 1
        }
        let a = attributes(style)
        wattrset(win, Int32(truncatingIfNeeded: a))
        mvwaddstr(win, Int32(row), Int32(max(0, col)), s)
        wattrset(win, Int32(truncatingIfNeeded: hunt_a_normal()))
        return c
    }

    private func attributes(_ st: CellStyle) -> attr_t {
        var a = hunt_a_normal()
        if st.bold { a |= hunt_a_bold() }
        if st.reverse { a |= hunt_a_reverse() }
        if st.underline { a |= hunt_a_underline() }
        if st.dim { a |= hunt_a_dim() }
        if colors {
            let key = PairKey(fg: colorIndex(st.fg), bg: colorIndex(st.bg))
            if key.fg != -1 || key.bg != -1 {
                if let p = pair(key) { a |= attr_t(COLOR_PAIR(Int32(p))) }
            }
        }
        return a
    }

    private func pair(_ key: PairKey) -> Int16? {
        if let p = pairs[key] { return p }
        let n = pairs.count + 1
        guard n < min(256, Int(hunt_color_pairs())) else { return nil }
        init_pair(Int16(n), key.fg, key.bg)
        pairs[key] = Int16(n)
        return Int16(n)
    }

    private func colorIndex(_ c: TermColor) -> Int16 {
        switch c {
        case .default: return -1
        case .ansi(let n): return Int16(colorCount >= 16 ? n & 15 : n & 7)
        case .rgb(let r, let g, let b):
            if colorCount >= 256 { return Int16(ColorMap.xterm256(r, g, b)) }
            return Int16(ColorMap.ansi8(r, g, b))
        }
    }

    public func readKey(timeoutMs: Int) -> Key? {
        wtimeout(win, Int32(timeoutMs))
        let start = ColorMap.monotonicMs()
        var ch: wint_t = 0
        let rc = wget_wch(win, &ch)
        if rc == ERR {
            // stdin gone (EOF/EIO): ERR comes back at once, over and over; don't spin.
            if timeoutMs > 0, ColorMap.monotonicMs() - start < Int64(max(1, timeoutMs / 4)) {
                fastErrors += 1
                if fastErrors > 100 { return .hangup }
            } else {
                fastErrors = 0
            }
            return nil
        }
        fastErrors = 0
        if rc == KEY_CODE_YES {
            switch Int32(ch) {
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_PPAGE: return .pageUp
            case KEY_NPAGE: return .pageDown
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_ENTER: return .enter
            case KEY_BTAB: return .backTab
            case KEY_BACKSPACE: return .backspace
            case KEY_RESIZE: return .resize
            case KEY_MOUSE:
                var ev = MEVENT()
                if getmouse(&ev) == OK, ev.bstate & hunt_button1_any() != 0 {
                    return .mouse(row: Int(ev.y), col: Int(ev.x))
                }
                return nil
            default:
                for n in 1...12 where Int32(ch) == hunt_key_f(Int32(n)) { return .function(n) }
                return nil
            }
        }
        switch ch {
        case 3: return .ctrlC
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        default:
            guard let s = Unicode.Scalar(UInt32(ch)), !Sanitizer.isHostile(s) else { return nil }
            return .char(Character(s))
        }
    }
}
