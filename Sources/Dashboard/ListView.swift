import Engine

/// Rows of a pane in display order, as positions in the snapshot's list (nothing is copied).
struct ListView<Element>: RandomAccessCollection {
    let all: ChunkedList<Element>
    let order: [Int]
    var startIndex: Int { 0 }
    var endIndex: Int { order.count }
    subscript(i: Int) -> Element { all[order[i]] }
}

extension ListView: Sendable where Element: Sendable {}
