import Synchronization
import Engine

/// Lists several panes of one frame need (the hits pane's sorted hits are also read by the tree
/// and detail panes and by the loop; the feed's by the detail pane): made once per `render`.
final class FrameMemo: Sendable {
    struct Key: Hashable {
        var what: String
        var filter: Filter
        var sort: SortMode?
    }

    private let hits = Mutex<[Key: HitsView]>([:])
    private let feed = Mutex<[Key: ListView<FeedEvent>]>([:])

    func hits(_ key: Key, _ make: () -> HitsView) -> HitsView {
        if let h = hits.withLock({ $0[key] }) { return h }
        let h = make()
        hits.withLock { $0[key] = h }
        return h
    }

    func feed(_ key: Key, _ make: () -> ListView<FeedEvent>) -> ListView<FeedEvent> {
        if let f = feed.withLock({ $0[key] }) { return f }
        let f = make()
        feed.withLock { $0[key] = f }
        return f
    }
}
