extension Dynamic {
    /// Deepest array/bag nesting `parse(json:)` accepts.
    public static let maxJSONDepth = 128

    /// Parses JSON text into a dynamic tree; nil when the text is not exactly one JSON value
    /// or nests deeper than `maxJSONDepth`. Integers that fit are long, other numbers real.
    public static func parse(json: String) -> Dynamic? {
        if let r = json.utf8.withContiguousStorageIfAvailable({ parse(json: $0) }) { return r }
        return parse(json: Array(json.utf8))
    }

    public static func parse(json bytes: [UInt8]) -> Dynamic? {
        bytes.withUnsafeBufferPointer { parse(json: $0) }
    }

    public static func parse(json raw: UnsafeRawBufferPointer) -> Dynamic? {
        parse(json: raw.bindMemory(to: UInt8.self))
    }

    public static func parse(json b: UnsafeBufferPointer<UInt8>) -> Dynamic? {
        var p = JSONReader(b: b)
        p.skipSpace()
        guard let v = p.value(depth: 0) else { return nil }
        p.skipSpace()
        return p.i == b.count ? v : nil
    }

    /// Compact JSON text (`{"a":1,"b":[true,null]}`); datetimes, timespans and guids as strings.
    public var jsonText: String {
        var out = ""
        writeJSON(into: &out)
        return out
    }

    func writeJSON(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .long(let l): out += String(l)
        case .real(let r):
            // Integral reals keep a ".0" so the text parses back as real.
            if r.isFinite {
                let t = Value.realText(r)
                out += t.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "E") }) ? t : t + ".0"
            } else { Dynamic.writeString(Value.realText(r), &out) }
        case .string(let s): Dynamic.writeString(s, &out)
        case .datetime, .timespan, .guid: Dynamic.writeString(Value.fromDynamic(self).text, &out)
        case .array(let a):
            out += "["
            for (i, e) in a.enumerated() {
                if i > 0 { out += "," }
                e.writeJSON(into: &out)
            }
            out += "]"
        case .bag(let bag):
            out += "{"
            for i in 0..<bag.count {
                if i > 0 { out += "," }
                Dynamic.writeString(bag.keys[i], &out)
                out += ":"
                bag.values[i].writeJSON(into: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ s: String, _ out: inout String) {
        JSONQuote.write(s, into: &out)
    }
}

/// Recursive-descent JSON reader over bytes.
private struct JSONReader {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0

    init(b: UnsafeBufferPointer<UInt8>) { self.b = b }

    mutating func skipSpace() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }

    mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count else { return false }
        let w = word.utf8Start
        for k in 0..<n where b[i + k] != w[k] { return false }
        i += n
        return true
    }

    mutating func value(depth: Int) -> Dynamic? {
        guard i < b.count else { return nil }
        switch b[i] {
        case UInt8(ascii: "{"):
            guard depth < Dynamic.maxJSONDepth else { return nil }
            i += 1
            var bag = DynamicBag()
            skipSpace()
            if i < b.count && b[i] == UInt8(ascii: "}") { i += 1; return .bag(bag) }
            while true {
                skipSpace()
                guard i < b.count, b[i] == UInt8(ascii: "\""), let k = string() else { return nil }
                skipSpace()
                guard i < b.count, b[i] == UInt8(ascii: ":") else { return nil }
                i += 1
                skipSpace()
                guard let v = value(depth: depth + 1) else { return nil }
                bag[k] = v
                skipSpace()
                guard i < b.count else { return nil }
                if b[i] == UInt8(ascii: ",") { i += 1; continue }
                if b[i] == UInt8(ascii: "}") { i += 1; return .bag(bag) }
                return nil
            }
        case UInt8(ascii: "["):
            guard depth < Dynamic.maxJSONDepth else { return nil }
            i += 1
            var arr: [Dynamic] = []
            skipSpace()
            if i < b.count && b[i] == UInt8(ascii: "]") { i += 1; return .array(arr) }
            while true {
                skipSpace()
                guard let v = value(depth: depth + 1) else { return nil }
                arr.append(v)
                skipSpace()
                guard i < b.count else { return nil }
                if b[i] == UInt8(ascii: ",") { i += 1; continue }
                if b[i] == UInt8(ascii: "]") { i += 1; return .array(arr) }
                return nil
            }
        case UInt8(ascii: "\""):
            return string().map(Dynamic.string)
        case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return literal("null") ? .null : nil
        default: return number()
        }
    }

    mutating func number() -> Dynamic? {
        let start = i
        if i < b.count && b[i] == UInt8(ascii: "-") { i += 1 }
        let intStart = i
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
        guard i > intStart else { return nil }
        if i - intStart > 1 && b[intStart] == 0x30 { return nil }
        var isReal = false
        if i < b.count && b[i] == UInt8(ascii: ".") {
            isReal = true; i += 1
            let f = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            guard i > f else { return nil }
        }
        if i < b.count && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            isReal = true; i += 1
            if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
            let e = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            guard i > e else { return nil }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
        if !isReal, let l = Int64(text) { return .long(l) }
        return Double(text).map(Dynamic.real)
    }

    /// Reads a string starting at the opening quote; validates escapes and decodes surrogates.
    mutating func string() -> String? {
        i += 1
        let start = i
        // Fast path: no escapes.
        while i < b.count, b[i] != UInt8(ascii: "\""), b[i] != UInt8(ascii: "\\"), b[i] >= 0x20 { i += 1 }
        guard i < b.count else { return nil }
        if b[i] == UInt8(ascii: "\"") {
            let s = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
            i += 1
            return s
        }
        var out = Array(b[start..<i])
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
            if c < 0x20 { return nil }
            if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
            i += 1
            guard i < b.count else { return nil }
            let e = b[i]; i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard var u = hex4() else { return nil }
                if (0xD800..<0xDC00).contains(u), i + 1 < b.count, b[i] == UInt8(ascii: "\\"),
                   b[i + 1] == UInt8(ascii: "u") {
                    let save = i
                    i += 2
                    if let lo = hex4(), (0xDC00..<0xE000).contains(lo) {
                        u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)
                    } else { i = save }
                }
                let scalar = Unicode.Scalar(u) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(scalar).utf8))
            default: return nil
            }
        }
        return nil
    }

    mutating func hex4() -> UInt32? {
        guard i + 4 <= b.count else { return nil }
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let d = HexDigit.value(b[i]) else { return nil }
            v = v << 4 | UInt32(d); i += 1
        }
        return v
    }
}
