/// A key press (or terminal event) as the dashboard sees it.
public enum Key: Sendable, Hashable {
    case char(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace
    case function(Int)
    case ctrlC
    case resize
    /// A mouse click at a 0-based cell.
    case mouse(row: Int, col: Int)
    /// Input is gone (stdin closed or not readable): the app should quit.
    case hangup

    /// Short human name, for the help screen.
    public var label: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .function(let n): return "F\(n)"
        case .ctrlC: return "Ctrl-C"
        case .resize: return "resize"
        case .mouse: return "click"
        case .hangup: return "hangup"
        }
    }
}
