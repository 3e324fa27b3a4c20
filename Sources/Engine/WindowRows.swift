import KQL

/// One table's retained rows, oldest first; dropping the oldest is O(1) (amortised).
struct WindowRows {
    private var items: [(time: Int64, values: [Value])] = []
    private var head = 0

    var count: Int { items.count - head }
    var isEmpty: Bool { head == items.count }
    var oldestTime: Int64? { head < items.count ? items[head].time : nil }
    var all: ArraySlice<(time: Int64, values: [Value])> { items[head...] }

    mutating func append(_ time: Int64, _ values: [Value]) { items.append((time, values)) }

    mutating func dropOldest(_ n: Int) {
        head += min(n, count)
        if head > 1024 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
    }
}
