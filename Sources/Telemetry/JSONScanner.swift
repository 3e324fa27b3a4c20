/// What a top-level JSON value is, as far as the row scanner needs to know.
enum JSONKind: UInt8 {
    case string, escapedString, number, boolTrue, boolFalse, null, object, array
}

/// One `"key": value` pair of a scanned object, as byte offsets into the line.
/// For strings `valueStart..<valueEnd` is the content between the quotes; for objects and arrays
/// it includes the brackets; for scalars it is the literal text.
struct JSONField {
    var keyStart: Int
    var keyCount: Int
    var keyHash: UInt64
    var keyEscaped: Bool
    var valueStart: Int
    var valueEnd: Int
    var kind: JSONKind

    var isNullOrEmpty: Bool {
        kind == .null || (kind == .string && valueEnd == valueStart)
    }
}

/// Byte-level JSON structure scanning. Never recurses, so nesting depth cannot blow the stack.
enum JSONScanner {
    /// `i` is at an opening quote; returns the index of the closing quote and whether the
    /// content holds a backslash. Nil when the string is unterminated.
    @inline(__always)
    static func scanString(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> (close: Int, escaped: Bool)? {
        var j = i + 1
        var escaped = false
        while let k = findQuoteOrBackslash(p, j, end) {
            if p[k] == 0x22 { return (k, escaped) }
            escaped = true
            j = k + 2
        }
        return nil
    }

    /// First `"` or `\` at or after `i`, eight bytes at a time (SWAR).
    @inline(__always)
    static func findQuoteOrBackslash(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int? {
        var j = i
        let quote = SIMD16<UInt8>(repeating: 0x22), backslash = SIMD16<UInt8>(repeating: 0x5C)
        while j + 16 <= end {
            let v = UnsafeRawPointer(p + j).loadUnaligned(as: SIMD16<UInt8>.self)
            if any((v .== quote) .| (v .== backslash)) { break }
            j += 16
        }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while j + 8 <= end {
            let x = UInt64(littleEndian: UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self))
            let a = x ^ 0x2222_2222_2222_2222
            let b = x ^ 0x5C5C_5C5C_5C5C_5C5C
            let m = ((a &- ones) & ~a & highs) | ((b &- ones) & ~b & highs)
            if m != 0 { return j + m.trailingZeroBitCount >> 3 }
            j += 8
        }
        while j < end {
            let c = p[j]
            if c == 0x22 || c == 0x5C { return j }
            j += 1
        }
        return nil
    }

    /// `i` is at `{` or `[`; returns the index just past the matching bracket.
    static func skipComposite(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int? {
        var depth = 0
        var j = i
        while j < end {
            let b = p[j]
            switch b {
            case 0x22:
                guard let (close, _) = scanString(p, j, end) else { return nil }
                j = close + 1
                continue
            case 0x7B, 0x5B: depth += 1
            case 0x7D, 0x5D:
                depth -= 1
                if depth == 0 { return j + 1 }
                if depth < 0 { return nil }
            default: break
            }
            j += 1
        }
        return nil
    }

    /// Scans a scalar (number, true, false, null) at `i`; returns its end and kind.
    @inline(__always)
    static func scanScalar(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> (end: Int, kind: JSONKind)? {
        var j = i
        while j < end {
            let b = p[j]
            if b == 0x2C || b == 0x7D || b == 0x5D || ByteScan.isSpace(b) { break }
            j += 1
        }
        let n = j - i
        guard n > 0 else { return nil }
        let c = p[i]
        if c == 0x6E { return n == 4 && p[i + 1] == 0x75 && p[i + 2] == 0x6C && p[i + 3] == 0x6C ? (j, .null) : nil }
        if c == 0x74 { return n == 4 && p[i + 1] == 0x72 && p[i + 2] == 0x75 && p[i + 3] == 0x65 ? (j, .boolTrue) : nil }
        if c == 0x66 {
            return n == 5 && p[i + 1] == 0x61 && p[i + 2] == 0x6C && p[i + 3] == 0x73 && p[i + 4] == 0x65 ? (j, .boolFalse) : nil
        }
        if c == 0x2D || (c >= 0x30 && c <= 0x39) {
            for k in i..<j {
                let d = p[k]
                let ok = (d >= 0x30 && d <= 0x39) || d == 0x2E || d == 0x2D || d == 0x2B || d == 0x65 || d == 0x45
                if !ok { return nil }
            }
            return (j, .number)
        }
        return nil
    }

    /// Scans the value at `i` (already past spaces).
    @inline(__always)
    static func scanValue(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> (start: Int, end: Int, next: Int, kind: JSONKind)? {
        guard i < end else { return nil }
        let c = p[i]
        if c == 0x22 {
            guard let (close, esc) = scanString(p, i, end) else { return nil }
            return (i + 1, close, close + 1, esc ? .escapedString : .string)
        }
        if c == 0x7B || c == 0x5B {
            guard let e = skipComposite(p, i, end) else { return nil }
            return (i, e, e, c == 0x7B ? .object : .array)
        }
        guard let (e, kind) = scanScalar(p, i, end) else { return nil }
        return (i, e, e, kind)
    }

    /// Scans the object starting at `start` (`{`) into `fields` (cleared first).
    /// Returns the index past `}` or a reason for the failure.
    static func scanObject(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
                           into fields: inout FieldList) -> Result<Int, ScanFailure> {
        fields.removeAll()
        guard start < end, p[start] == 0x7B else { return .failure(.init("expected '{'")) }
        var i = ByteScan.skipSpaces(p, start + 1, end)
        if i < end && p[i] == 0x7D { return .success(i + 1) }
        while true {
            guard i < end, p[i] == 0x22 else { return .failure(.init("expected a quoted key at byte \(i + 1)")) }
            guard let (kClose, kEsc) = scanString(p, i, end) else {
                return .failure(.init("unterminated string at byte \(i + 1)"))
            }
            let keyStart = i + 1
            let keyCount = kClose - keyStart
            i = ByteScan.skipSpaces(p, kClose + 1, end)
            guard i < end, p[i] == 0x3A else { return .failure(.init("expected ':' at byte \(i + 1)")) }
            i = ByteScan.skipSpaces(p, i + 1, end)
            guard let v = scanValue(p, i, end) else {
                return .failure(.init(i >= end ? "line ends inside an object" : "bad value at byte \(i + 1)"))
            }
            fields.append(JSONField(keyStart: keyStart, keyCount: keyCount,
                                    keyHash: ByteScan.keyHash(p + keyStart, keyCount), keyEscaped: kEsc,
                                    valueStart: v.start, valueEnd: v.end, kind: v.kind))
            i = ByteScan.skipSpaces(p, v.next, end)
            guard i < end else { return .failure(.init("line ends inside an object")) }
            if p[i] == 0x2C { i = ByteScan.skipSpaces(p, i + 1, end); continue }
            if p[i] == 0x7D { return .success(i + 1) }
            return .failure(.init("expected ',' or '}' at byte \(i + 1)"))
        }
    }

    /// Calls `body` with the start/end of each element of the array at `start` (`[`).
    static func forEachElement(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
                               _ body: (Int, Int, JSONKind) throws -> Void) throws -> ScanFailure? {
        guard start < end, p[start] == 0x5B else { return .init("expected '['") }
        var i = ByteScan.skipSpaces(p, start + 1, end)
        if i < end && p[i] == 0x5D { return nil }
        while true {
            guard let v = scanValue(p, i, end) else { return .init("bad array element at byte \(i + 1)") }
            try body(v.start, v.end, v.kind)
            i = ByteScan.skipSpaces(p, v.next, end)
            guard i < end else { return .init("unterminated array") }
            if p[i] == 0x2C { i = ByteScan.skipSpaces(p, i + 1, end); continue }
            if p[i] == 0x5D { return nil }
            return .init("expected ',' or ']' at byte \(i + 1)")
        }
    }
}

/// Why a line could not be scanned.
struct ScanFailure: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
