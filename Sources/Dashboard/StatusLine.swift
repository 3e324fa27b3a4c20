import Engine
import Terminal

/// Bottom line: sources, rate, malformed lines, rule errors, paused state, key hints; or the
/// filter being typed.
enum StatusLine {
    static func draw(_ c: Canvas, latest: Snapshot, shown: Snapshot, state: DashboardState, row: Int, width: Int) {
        c.screen.fill(row: row, col: 0, count: width, style: c.style(.status))
        if let ed = state.exclusionEditor {
            ExclusionEditor.draw(c, ed, latest: latest, row: row, width: width)
            return
        }
        if let note = state.noteInput {
            NoteInput.draw(c, note, row: row, width: width)
            return
        }
        if let input = state.filterInput {
            let x = c.text("Filter \(state.focus.title): /", row: row, col: 0, width: width, role: .statusKey)
            c.text(input + "_", row: row, col: x, width: width - x, role: .status)
            let hint = "  Enter apply  Esc cancel  !text negates"
            let hw = Sanitizer.width(hint)
            if width - hw > x + Sanitizer.width(input) + 2 { c.text(hint, row: row, col: width - hw, width: hw, role: .status) }
            return
        }
        var x = 0
        if state.paused {
            let arrived = max(0, latest.totals.eventsRead - shown.totals.eventsRead)
            x = c.text(" PAUSED +\(arrived) new ", row: row, col: x, width: width - x, role: .paused)
        }
        let t = latest.totals
        let src = latest.sources.isEmpty ? "no source" : latest.sources.joined(separator: ",")
        x = c.text(" \(src) ", row: row, col: x, width: min(max(10, width / 4), width - x), role: .status)
        x = c.text("| \(formatRate(t.eventsPerSecond)) ev/s | ", row: row, col: x, width: width - x, role: .status)
        x = c.text("malformed \(t.malformedLines)", row: row, col: x, width: width - x, role: t.malformedLines > 0 ? .statusKey : .status)
        x = c.text(" | ", row: row, col: x, width: width - x, role: .status)
        x = c.text("rule errors \(t.ruleErrors.count)", row: row, col: x, width: width - x, role: t.ruleErrors.isEmpty ? .status : .statusKey)
        if let w = latest.stateWarning {   // e.g. disk full: hits kept in memory only
            x = c.text(" | ", row: row, col: x, width: width - x, role: .status)
            x = c.text("state: \(w)", row: row, col: x, width: width - x, role: .statusKey)
        }
        let hints = " ?/F1 help  / filter  p pause  q quit "
        let hw = Sanitizer.width(hints)
        if width - x > hw + 1 { c.text(hints, row: row, col: width - hw, width: hw, role: .statusKey) }
    }
}
