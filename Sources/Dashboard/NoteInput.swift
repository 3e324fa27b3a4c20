import Engine
import Terminal

/// The triage note being typed for a hit (`c` in the Hits pane): Enter stores it with the hit's
/// mark, Esc drops the edit.
public struct NoteInput: Sendable, Hashable {
    public var hitId: UInt64
    /// Notes are one line of at most 500 characters.
    public var line: LineEdit
    public var text: String { line.text }

    init(hitId: UInt64, text: String) {
        self.hitId = hitId
        line = LineEdit(text: text, maxLength: 500, rejectsNewlines: true)
    }

    mutating func handle(_ key: Key) -> LineEdit.Outcome { line.handle(key) }

    /// Starts a note on the selected hit, from its current note.
    static func start(_ snap: Snapshot, _ state: DashboardState) -> NoteInput? {
        guard state.focus == .hits || (state.focus == .detail && state.detailSource == .hits),
              let hit = HitsPane.selected(snap, state) else { return nil }
        return NoteInput(hitId: hit.hitId, text: hit.triage.note)
    }

    /// The command storing the note with the hit's current mark.
    func command(_ snap: Snapshot) -> EngineCommand? {
        for (_, hits) in snap.hitsByRule {
            if let h = hits.last(where: { $0.hitId == hitId }) {
                return .setTriage(hitId: hitId, state: h.triage.state, note: text)
            }
        }
        return nil
    }

    static func draw(_ c: Canvas, _ input: NoteInput, row: Int, width: Int) {
        let hint = "  Enter save  Esc cancel"
        let hw = Sanitizer.width(hint)
        let x = c.text("Note on hit \(input.hitId): ", row: row, col: 0, width: width, role: .statusKey)
        let showHint = width - x - hw >= 12
        input.line.draw(c, row: row, col: x, width: max(1, width - x - (showHint ? hw : 0)))
        if showHint { c.text(hint, row: row, col: width - hw, width: hw, role: .status) }
    }
}
