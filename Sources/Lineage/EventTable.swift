/// Records keyed by `EventRef`, for refs that are mostly increasing sequence numbers.
/// Refs from `base` up live in a window of fixed-size chunks indexed by `raw - base`
/// (no hashing, no large reallocation as it grows); refs below `base` (late or
/// re-observed) go to a dictionary. Every key in `older` is below `base`.
struct EventTable<Record> {
    private static var chunkShift: Int { 10 }
    private static var chunkSize: Int { 1 << chunkShift }

    /// The window: slot `first + (raw - base)` counted across the chunks. Slots outside
    /// `first ..< first + span` are empty, and the window starts and ends on a record.
    private var chunks: [[Record?]] = []
    private var first = 0
    private var base: UInt64 = 0
    private var span = 0
    private var windowCount = 0
    /// An emptied chunk kept for the next one needed (steady state allocates nothing).
    private var spare: [Record?]?
    private var older: [EventRef: Record] = [:]

    /// Number of records held.
    var count: Int { windowCount + older.count }
    var isEmpty: Bool { count == 0 }

    subscript(_ e: EventRef) -> Record? {
        guard e.raw >= base else { return older[e] }
        let off = e.raw - base
        guard off < UInt64(span) else { return nil }
        let p = first + Int(off)
        return chunks[p >> Self.chunkShift][p & (Self.chunkSize - 1)]
    }

    /// Stores `r` for `e`, replacing any record it had.
    mutating func set(_ r: Record, for e: EventRef) {
        if span == 0 && (older.isEmpty || e.raw >= base) {
            base = e.raw
            first = 0
        }
        guard e.raw >= base else { older[e] = r; return }
        let off = e.raw - base
        if off >= UInt64(span) {
            // Far ahead of the window: start a new one at `e` rather than fill the gap with empty slots.
            if off - UInt64(span) > UInt64(max(Self.chunkSize, windowCount)) {
                moveWindowToOlder()
                base = e.raw
                first = 0
                return set(r, for: e)
            }
            span = Int(off) + 1
            while chunks.count << Self.chunkShift < first + span { chunks.append(newChunk()) }
        }
        let p = first + Int(off)
        let c = p >> Self.chunkShift, i = p & (Self.chunkSize - 1)
        if chunks[c][i] == nil { windowCount += 1 }
        chunks[c][i] = r
    }

    @discardableResult
    mutating func removeValue(forKey e: EventRef) -> Record? {
        guard e.raw >= base else { return older.removeValue(forKey: e) }
        let off = e.raw - base
        guard off < UInt64(span) else { return nil }
        let p = first + Int(off)
        let c = p >> Self.chunkShift, i = p & (Self.chunkSize - 1)
        guard let r = chunks[c][i] else { return nil }
        chunks[c][i] = nil
        windowCount -= 1
        if off == 0 { dropEmptyFront() } else if Int(off) == span - 1 { dropEmptyBack() }
        return r
    }

    /// Every record, in no particular order.
    func forEach(_ body: (EventRef, Record) -> Void) {
        for off in 0..<span {
            let p = first + off
            if let r = chunks[p >> Self.chunkShift][p & (Self.chunkSize - 1)] { body(EventRef(base + UInt64(off)), r) }
        }
        for (e, r) in older { body(e, r) }
    }

    /// Debug-build check of the layout described on the stored properties.
    func checkInvariants() {
        #if DEBUG
        precondition(chunks.allSatisfy { $0.count == Self.chunkSize }, "chunk size")
        precondition(first >= 0 && first < Self.chunkSize || chunks.isEmpty && first == 0, "first slot not in the first chunk")
        precondition(first + span <= chunks.count << Self.chunkShift, "window beyond the chunks")
        var held = 0
        for (c, chunk) in chunks.enumerated() {
            for (i, slot) in chunk.enumerated() where slot != nil {
                let p = c << Self.chunkShift + i
                precondition(p >= first && p < first + span, "record outside the window")
                held += 1
            }
        }
        precondition(held == windowCount, "window count")
        if span > 0 {
            let last = first + span - 1
            precondition(chunks[0][first] != nil && chunks[last >> Self.chunkShift][last & (Self.chunkSize - 1)] != nil,
                         "window not trimmed")
        }
        for e in older.keys { precondition(e.raw < base, "older ref \(e.raw) not below base \(base)") }
        #endif
    }

    private mutating func newChunk() -> [Record?] {
        if let s = spare { spare = nil; return s }
        return [Record?](repeating: nil, count: Self.chunkSize)
    }

    private mutating func dropEmptyFront() {
        while span > 0 && chunks[0][first] == nil {
            first += 1
            base += 1
            span -= 1
            if first == Self.chunkSize {
                spare = chunks.removeFirst()
                first = 0
            }
        }
        if span == 0 { first = 0 }
    }

    private mutating func dropEmptyBack() {
        while span > 0 {
            let p = first + span - 1
            if chunks[p >> Self.chunkShift][p & (Self.chunkSize - 1)] != nil { break }
            span -= 1
        }
        if span == 0 { first = 0 }
    }

    private mutating func moveWindowToOlder() {
        for off in 0..<span {
            let p = first + off
            if let r = chunks[p >> Self.chunkShift][p & (Self.chunkSize - 1)] { older[EventRef(base + UInt64(off))] = r }
        }
        chunks.removeAll()
        windowCount = 0
        span = 0
        first = 0
    }
}
