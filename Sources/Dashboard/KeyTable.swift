import Terminal

/// Everything a key can do.
public enum Action: Sendable, Hashable {
    case moveUp, moveDown, pageUp, pageDown, top, bottom
    case nextPane, prevPane, focusPaneByDigit
    case drillIn, back
    case filter, nextMatch, prevMatch
    case pause, sort, help, quit
    case toggleExclusion, toggleShadow, newExclusion
    case triage, note
    case collapse, expand
}

/// One row of the key table: the keys, what they do, and the help text.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var action: Action
    public var description: String
    /// Label shown in help; the keys' own labels when nil.
    public var label: String?

    public var displayKeys: String { label ?? keys.map(\.label).joined(separator: " ") }
}

/// The one key table: it drives dispatch and the help screen.
public struct KeyTable: Sendable {
    public var bindings: [KeyBinding]

    public func action(for key: Key) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    public static let standard = KeyTable(bindings: [
        KeyBinding(keys: [.up, .char("k")], action: .moveUp, description: "Move up"),
        KeyBinding(keys: [.down, .char("j")], action: .moveDown, description: "Move down"),
        KeyBinding(keys: [.pageUp], action: .pageUp, description: "Page up"),
        KeyBinding(keys: [.pageDown], action: .pageDown, description: "Page down"),
        KeyBinding(keys: [.home, .char("g")], action: .top, description: "First row"),
        KeyBinding(keys: [.end, .char("G")], action: .bottom, description: "Last row"),
        KeyBinding(keys: [.tab], action: .nextPane, description: "Next pane"),
        KeyBinding(keys: [.backTab], action: .prevPane, description: "Previous pane"),
        KeyBinding(keys: (1...9).map { Key.char(Character(String($0))) }, action: .focusPaneByDigit,
                   description: "Go to pane: 1 Feed, 2 Rules, 3 Hits, 4 Tree, 5 Detail, 6 Exclusions", label: "1-9"),
        KeyBinding(keys: [.enter], action: .drillIn, description: "Drill in: rule > hits > tree > detail"),
        KeyBinding(keys: [.escape], action: .back, description: "Back (close help, clear filter)"),
        KeyBinding(keys: [.left, .char("-")], action: .collapse, description: "Tree: fold node"),
        KeyBinding(keys: [.right, .char("+")], action: .expand, description: "Tree: unfold node"),
        KeyBinding(keys: [.char("/")], action: .filter, description: "Filter focused pane (substring, ! negates)"),
        KeyBinding(keys: [.char("n")], action: .nextMatch, description: "Next match"),
        KeyBinding(keys: [.char("N")], action: .prevMatch, description: "Previous match"),
        KeyBinding(keys: [.char("p")], action: .pause, description: "Pause/resume display"),
        KeyBinding(keys: [.char("s")], action: .sort, description: "Cycle sort order of focused pane"),
        KeyBinding(keys: [.char(" ")], action: .toggleExclusion, description: "Exclusions: turn on/off"),
        KeyBinding(keys: [.char("v")], action: .toggleShadow, description: "Exclusions: toggle shadow mode"),
        KeyBinding(keys: [.char("x")], action: .newExclusion, description: "Hit: new exclusion from it (a detail row picks the column)"),
        KeyBinding(keys: [.char("i"), .char("b"), .char("m"), .char("u")], action: .triage,
                   description: "Hits: mark investigating / benign / malicious / unmark (kept in the state database)"),
        KeyBinding(keys: [.char("c")], action: .note, description: "Hits: write a triage note (Enter saves, Esc cancels)"),
        KeyBinding(keys: [.char("?"), .function(1)], action: .help, description: "Show/hide this help"),
        KeyBinding(keys: [.char("q"), .function(10), .ctrlC], action: .quit, description: "Quit"),
    ])
}
