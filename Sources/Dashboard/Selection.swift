/// One selectable row of a pane: an identity and the text a filter searches.
struct PaneEntry {
    var key: String
    var search: String
}

extension DashboardState {
    /// Index of the selected row among `keys`, nil when the list is empty.
    func selection(_ pane: PaneID, keys: [String]) -> Int? {
        guard !keys.isEmpty else { return nil }
        if let k = selectedKey[pane], let i = keys.firstIndex(of: k) { return i }
        return min(max(0, selectedIndex[pane] ?? 0), keys.count - 1)
    }

    /// The same for rows keyed by a number (event and hit ids), without making a string per row.
    func selection<C: RandomAccessCollection>(_ pane: PaneID, ids: C) -> Int? where C.Element == UInt64, C.Index == Int {
        guard !ids.isEmpty else { return nil }
        if let k = selectedKey[pane], let id = UInt64(k), let i = ids.firstIndex(of: id) { return i }
        return min(max(0, selectedIndex[pane] ?? 0), ids.count - 1)
    }

    /// First visible row so that the selection is on screen.
    func offset(_ pane: PaneID, selected: Int?, count: Int, height: Int) -> Int {
        guard height > 0, count > height else { return 0 }
        var off = min(scroll[pane] ?? 0, count - height)
        if let s = selected {
            if s < off { off = s }
            if s >= off + height { off = s - height + 1 }
        }
        return max(0, off)
    }
}
