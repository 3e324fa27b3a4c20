/// The panes, in Tab order; the raw value is the digit that focuses it.
public enum PaneID: Int, CaseIterable, Sendable, Hashable {
    case feed = 1, rules, hits, tree, detail, exclusions

    public var title: String {
        switch self {
        case .feed: return "Feed"
        case .rules: return "Rules"
        case .hits: return "Hits"
        case .tree: return "Tree"
        case .detail: return "Detail"
        case .exclusions: return "Exclusions"
        }
    }
}

public struct Rect: Sendable, Hashable {
    public var row, col, height, width: Int
    public init(row: Int, col: Int, height: Int, width: Int) {
        self.row = row; self.col = col; self.height = height; self.width = width
    }
    public func contains(row r: Int, col c: Int) -> Bool {
        r >= row && r < row + height && c >= col && c < col + width
    }
    /// Inside the border.
    public var inner: Rect { Rect(row: row + 1, col: col + 1, height: max(0, height - 2), width: max(0, width - 2)) }
}

/// Pane rectangles for a screen size. Wide screens show every pane; smaller ones show the focused
/// pane full-size under a tab bar.
public struct Layout: Sendable {
    public static let minRows = 15, minCols = 60

    public var rows: Int
    public var cols: Int
    public var tooSmall: Bool
    /// All panes side by side (false: one pane at a time under a tab bar).
    public var tiled: Bool
    public var panes: [PaneID: Rect]
    public var tabBarRow: Int?
    public var statusRow: Int

    public init(rows: Int, cols: Int, focus: PaneID) {
        self.rows = rows
        self.cols = cols
        tooSmall = rows < Self.minRows || cols < Self.minCols
        tiled = cols >= 100 && rows >= 28
        statusRow = rows - 1
        panes = [:]
        tabBarRow = nil
        if tooSmall { return }
        if tiled {
            let h = rows - 1
            let feedH = max(6, h * 3 / 10)
            let mid = h - feedH
            let leftW = cols / 2, rightW = cols - leftW
            let exclH = max(4, mid / 5)
            let rulesH = (mid - exclH) / 2
            let hitsH = mid - exclH - rulesH
            let treeH = mid * 11 / 20
            panes[.feed] = Rect(row: 0, col: 0, height: feedH, width: cols)
            panes[.rules] = Rect(row: feedH, col: 0, height: rulesH, width: leftW)
            panes[.hits] = Rect(row: feedH + rulesH, col: 0, height: hitsH, width: leftW)
            panes[.exclusions] = Rect(row: feedH + rulesH + hitsH, col: 0, height: exclH, width: leftW)
            panes[.tree] = Rect(row: feedH, col: leftW, height: treeH, width: rightW)
            panes[.detail] = Rect(row: feedH + treeH, col: leftW, height: mid - treeH, width: rightW)
        } else {
            tabBarRow = 0
            panes[focus] = Rect(row: 1, col: 0, height: rows - 2, width: cols)
        }
    }

    /// Rows of content (inside the border) of a pane, 1 when the pane is hidden.
    public func contentHeight(_ pane: PaneID) -> Int { max(1, (panes[pane]?.height ?? 3) - 2) }

    /// The pane under a screen cell.
    public func pane(atRow r: Int, col c: Int) -> PaneID? {
        panes.first { $0.value.contains(row: r, col: c) }?.key
    }
}
