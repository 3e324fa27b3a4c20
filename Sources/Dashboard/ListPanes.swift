import Engine

/// A pane listing rows with numeric ids (the feed's events, a rule's hits): its entries for
/// keys and search, and its selected row, from the one list it shows.
protocol IdListPane {
    associatedtype Row
    static var pane: PaneID { get }
    static func rows(_ snap: Snapshot, _ state: DashboardState) -> ListView<Row>
    static func id(_ row: Row) -> UInt64
    static func searchText(_ row: Row) -> String
}

extension IdListPane {
    static func entries(_ snap: Snapshot, _ state: DashboardState) -> [PaneEntry] {
        rows(snap, state).map { PaneEntry(key: String(id($0)), search: searchText($0)) }
    }

    static func selected(_ snap: Snapshot, _ state: DashboardState) -> Row? {
        let rs = rows(snap, state)
        guard let i = state.selection(pane, ids: rs.lazy.map(id)) else { return nil }
        return rs[i]
    }
}

/// A pane listing rows keyed by text (rules, exclusions by id): the same, with string keys.
protocol KeyedListPane {
    associatedtype Row
    static var pane: PaneID { get }
    static func rows(_ snap: Snapshot, _ state: DashboardState) -> [Row]
    static func key(_ row: Row) -> String
    static func searchText(_ row: Row) -> String
}

extension KeyedListPane {
    static func entries(_ snap: Snapshot, _ state: DashboardState) -> [PaneEntry] {
        rows(snap, state).map { PaneEntry(key: key($0), search: searchText($0)) }
    }

    static func selected(_ snap: Snapshot, _ state: DashboardState) -> Row? {
        let rs = rows(snap, state)
        guard let i = state.selection(pane, keys: rs.map(key)) else { return nil }
        return rs[i]
    }
}
