/// FIFO over an array with a moving head; compacts when half is dead.
struct RefQueue<Element: Equatable> {
    private var items: [Element] = []
    private var head = 0

    var count: Int { items.count - head }
    var isEmpty: Bool { head == items.count }
    var first: Element? { head < items.count ? items[head] : nil }

    mutating func append(_ e: Element) { items.append(e) }

    mutating func popFirst() -> Element? {
        guard head < items.count else { return nil }
        let e = items[head]
        head += 1
        compactIfNeeded()
        return e
    }

    /// Removes `e`; O(1) when it is the oldest, which eviction order makes the usual case.
    mutating func remove(_ e: Element) {
        if head < items.count, items[head] == e { _ = popFirst(); return }
        if let i = items[head...].firstIndex(of: e) { items.remove(at: i) }
    }

    var elements: ArraySlice<Element> { items[head...] }

    private mutating func compactIfNeeded() {
        if head > 32 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
    }
}
