import Engine
import Terminal

/// The triage note being typed for a hit (`c` in the Hits pane): Enter stores it with the hit's
/// mark, Esc drops the edit.
public struct NoteInput: Sendable, Hashable {
    public var hitId: UInt64
    public var text: String
    /// Notes are one line of at most this many characters.
    static let maxLength = 500

    enum Outcome { case save, cancel, edited, none }

    mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .enter: return .save
        case .escape: return .cancel
        case .backspace:
            guard !text.isEmpty else { return .none }
            text.removeLast()
            return .edited
        case .char(let ch):
            guard text.count < Self.maxLength, !ch.isNewline else { return .none }
            text.append(ch)
            return .edited
        default: return .none
        }
    }

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
        let x = c.text("Note on hit \(input.hitId): ", row: row, col: 0, width: width, role: .statusKey)
        c.text(input.text + "_", row: row, col: x, width: width - x, role: .status)
        let hint = "  Enter save  Esc cancel"
        let hw = Sanitizer.width(hint)
        if width - hw > x + Sanitizer.width(input.text) + 2 { c.text(hint, row: row, col: width - hw, width: hw, role: .status) }
    }
}
