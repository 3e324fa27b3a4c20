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

    public typealias Outcome = LineEdit.Outcome

    /// Applies an editing key (`LineEdit`) to the predicate.
    public mutating func handle(_ key: Key) -> Outcome {
        var line = LineEdit(text: draft.predicate, cursor: cursor)
        let outcome = line.handle(key)
        cursor = line.cursor
        draft.predicate = line.text
        return outcome
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
        let x = c.text(" Exclude: ", row: row, col: 0, width: width, role: .statusKey)
        LineEdit(text: ed.text, cursor: ed.cursor).draw(c, row: row, col: x, width: max(4, width - x - resultW - 1))
        c.text(result.0, row: row, col: width - resultW, width: resultW, role: result.1)
    }
}
