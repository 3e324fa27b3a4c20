import Engine
import Terminal

/// The one-line editor for a new exclusion, started with `x` on a hit: its predicate is
/// pre-filled as `Column == value` from the hit's event; the engine checks it live and previews
/// how many current hits it would remove (`Snapshot.exclusionPreview`); Enter saves it.
public struct ExclusionEditor: Sendable, Hashable {
    public var draft: ExclusionDraft
    /// Cursor position in `text`, in characters.
    public var cursor: Int

    public var text: String { draft.predicate }

    /// The column an exclusion from a hit starts from when none is chosen in the detail pane.
    static let preferredColumns = ["InitiatingProcessCommandLine", "FolderPath", "InitiatingProcessFileName", "DeviceName"]

    /// A draft for `hit`, on `column` (or the first preferred column the hit has).
    public static func fromHit(_ hit: RuleHit, column: String? = nil, existingIds: Set<String> = []) -> ExclusionEditor {
        let cols = hit.columns
        let chosen = column.flatMap { c in cols.first { $0.name == c } }
            ?? preferredColumns.lazy.compactMap { p in cols.first { $0.name == p } }.first
        let (name, value) = chosen.map { ($0.name, $0.value) } ?? ("FolderPath", hit.path)
        let predicate = ExclusionLiteral.predicate(column: name, text: value)
        var id = "hit-\(hit.hitId)-\(name)"
        var n = 2
        while existingIds.contains(id) { id = "hit-\(hit.hitId)-\(name)-\(n)"; n += 1 }
        let short = value.count > 40 ? String(value.prefix(39)) + "…" : value
        let draft = ExclusionDraft(id: id, name: "\(name) == \(short)", rules: [hit.ruleId], predicate: predicate)
        return ExclusionEditor(draft: draft, cursor: predicate.count)
    }

    public enum Outcome: Sendable, Equatable { case none, edited, save, cancel }

    /// Applies an editing key.
    public mutating func handle(_ key: Key) -> Outcome {
        var chars = Array(text)
        cursor = min(max(0, cursor), chars.count)
        switch key {
        case .enter: return .save
        case .escape: return .cancel
        case .left: cursor = max(0, cursor - 1); return .none
        case .right: cursor = min(chars.count, cursor + 1); return .none
        case .home: cursor = 0; return .none
        case .end: cursor = chars.count; return .none
        case .backspace:
            guard cursor > 0 else { return .none }
            chars.remove(at: cursor - 1); cursor -= 1
        case .char(let ch):
            chars.insert(ch, at: cursor); cursor += 1
        default: return .none
        }
        draft.predicate = String(chars)
        return .edited
    }

    /// The preview in `snap` if it answers this very draft.
    func preview(in snap: Snapshot) -> ExclusionPreview? {
        guard let p = snap.exclusionPreview, p.draft == draft else { return nil }
        return p
    }

    /// Draws the editor on the status row: prompt, the text scrolled to keep the cursor visible,
    /// and the live check on the right.
    static func draw(_ c: Canvas, _ ed: ExclusionEditor, latest: Snapshot, row: Int, width: Int) {
        let result: (String, Role) = {
            guard let p = ed.preview(in: latest) else { return (" checking… ", .status) }
            if let e = p.error { return (" ✗ \(e) ", .error) }
            return (" ✓ removes \(p.wouldRemove) hit\(p.wouldRemove == 1 ? "" : "s")  Enter save  Esc cancel ", .statusKey)
        }()
        let resultW = min(Sanitizer.width(result.0), max(12, width / 3))
        let promptEnd = c.text(" Exclude: ", row: row, col: 0, width: width, role: .statusKey)
        var x = promptEnd
        let fieldW = max(4, width - x - resultW - 1)
        // Visible window of the text: keep the cursor inside it.
        let chars = Array(ed.text)
        let start = max(0, ed.cursor - fieldW + 1)
        let shown = String(chars[min(start, chars.count)..<min(chars.count, start + fieldW)])
        let before = String(chars[min(start, chars.count)..<min(ed.cursor, chars.count)])
        x = c.text(shown, row: row, col: x, width: fieldW, style: c.style(.status))
        // The cursor: the cell after the text before it, drawn reversed.
        var cur = c.style(.selected)
        cur.reverse = true
        let curCol = promptEnd + min(fieldW - 1, Sanitizer.width(before))
        let under = ed.cursor < chars.count ? String(chars[ed.cursor]) : " "
        c.text(under, row: row, col: curCol, width: 1, style: cur)
        c.text(result.0, row: row, col: width - resultW, width: resultW, role: result.1)
    }
}
