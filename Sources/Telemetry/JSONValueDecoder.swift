import KQL

/// Minimal JSON text → `Dynamic` converter for dynamic columns (private to Telemetry).
/// Depth is capped so hostile nesting cannot exhaust the stack.
struct JSONValueDecoder {
    static let maxDepth = 128

    /// Parses a whole JSON document; nil when it is not valid JSON (or nests too deep).
    static func decode(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Dynamic? {
        var d = JSONValueDecoder(p: p, end: end, i: start)
        d.i = ByteScan.skipSpaces(p, d.i, end)
        guard let v = d.value(depth: 0) else { return nil }
        d.i = ByteScan.skipSpaces(p, d.i, end)
        return d.i == end ? v : nil
    }

    static func decode(_ bytes: [UInt8]) -> Dynamic? {
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return nil }
            return decode(base, 0, b.count)
        }
    }

    let p: UnsafePointer<UInt8>
    let end: Int
    var i: Int

    private mutating func value(depth: Int) -> Dynamic? {
        guard depth < Self.maxDepth, i < end else { return nil }
        switch p[i] {
        case 0x7B: return object(depth: depth)
        case 0x5B: return array(depth: depth)
        case 0x22:
            guard let (close, esc) = JSONScanner.scanString(p, i, end) else { return nil }
            let s = JSONText.decode(p, i + 1, close, escaped: esc)
            i = close + 1
            return .string(s)
        default:
            guard let (e, kind) = JSONScanner.scanScalar(p, i, end) else { return nil }
            defer { i = e }
            switch kind {
            case .null: return .null
            case .boolTrue: return .bool(true)
            case .boolFalse: return .bool(false)
            default: return ValueParsing.number(p, i, e).map { n -> Dynamic in
                switch n { case .long(let l): return .long(l); case .real(let r): return .real(r) }
            }
            }
        }
    }

    private mutating func object(depth: Int) -> Dynamic? {
        i += 1
        var bag = DynamicBag()
        i = ByteScan.skipSpaces(p, i, end)
        if i < end && p[i] == 0x7D { i += 1; return .bag(bag) }
        while true {
            guard i < end, p[i] == 0x22, let (close, esc) = JSONScanner.scanString(p, i, end) else { return nil }
            let key = JSONText.decode(p, i + 1, close, escaped: esc)
            i = ByteScan.skipSpaces(p, close + 1, end)
            guard i < end, p[i] == 0x3A else { return nil }
            i = ByteScan.skipSpaces(p, i + 1, end)
            guard let v = value(depth: depth + 1) else { return nil }
            bag[key] = v
            i = ByteScan.skipSpaces(p, i, end)
            guard i < end else { return nil }
            if p[i] == 0x2C { i = ByteScan.skipSpaces(p, i + 1, end); continue }
            if p[i] == 0x7D { i += 1; return .bag(bag) }
            return nil
        }
    }

    private mutating func array(depth: Int) -> Dynamic? {
        i += 1
        var items: [Dynamic] = []
        i = ByteScan.skipSpaces(p, i, end)
        if i < end && p[i] == 0x5D { i += 1; return .array(items) }
        while true {
            guard let v = value(depth: depth + 1) else { return nil }
            items.append(v)
            i = ByteScan.skipSpaces(p, i, end)
            guard i < end else { return nil }
            if p[i] == 0x2C { i = ByteScan.skipSpaces(p, i + 1, end); continue }
            if p[i] == 0x5D { i += 1; return .array(items) }
            return nil
        }
    }
}
