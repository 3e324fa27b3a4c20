import Glibc

/// True when the line holds a `\u` escape, which can spell any character and so hide a literal.
public func lineHasBackslashU(_ line: UnsafeRawBufferPointer) -> Bool {
    guard let base = line.baseAddress else { return false }
    let p = base.assumingMemoryBound(to: UInt8.self)
    var i = 0
    while let k = ByteScan.memchrIndex(p, i, line.count, 0x5C) {
        if k + 1 < line.count {
            if p[k + 1] == 0x75 { return true }
            i = k + 2        // skip the escaped byte (so `\\u` is not an escape)
        } else {
            return false
        }
    }
    return false
}

/// Literals a line must all contain (case-insensitively) to be worth decoding, for a
/// prefilter that never changes an answer: literals are matched in the form the input encodes
/// them (JSON: `\` → `\\`, `"` → `\"`; CSV: `"` → `""`), and a line that could hide a literal
/// — `\u` escapes, `\/` when a literal has `/`, Unicode letters that case-fold to ASCII (K-sign,
/// long s, dotted/dotless i) — always passes. Non-ASCII parts of a literal are not searched:
/// only its longest ASCII run is (case folding beyond ASCII is the evaluator's job).
public struct LiteralSet: Sendable {
    public enum Encoding: Sendable { case raw, json, csv }

    public let searches: [BytesSearch]
    private let hasSlash: Bool
    private let foldK: Bool, foldS: Bool, foldI: Bool

    public init(allOf literals: [String], encoding: Encoding = .json) {
        var s: [BytesSearch] = []
        var slash = false, k = false, ss = false, ii = false
        for lit in literals {
            let run = Self.longestASCIIRun(Array(lit.utf8))
            guard !run.isEmpty else { continue }
            let lower = run.map(BytesSearch.lower)
            slash = slash || lower.contains(0x2F)
            k = k || lower.contains(0x6B)
            ss = ss || lower.contains(0x73)
            ii = ii || lower.contains(0x69)
            s.append(BytesSearch(Self.encode(run, encoding)))
        }
        // Most selective first: memmem-able runs, then longer needles.
        searches = s.sorted { a, b in
            if a.hasExactRun != b.hasExactRun { return a.hasExactRun }
            return a.needle.count > b.needle.count
        }
        hasSlash = slash; foldK = k; foldS = ss; foldI = ii
    }

    /// True when the line contains every literal, or might contain one in a hidden form.
    public func matches(_ line: UnsafeRawBufferPointer) -> Bool {
        if searches.isEmpty { return true }
        var all = true
        for s in searches where !s.contains(line) { all = false; break }
        if all { return true }
        return mayHide(line)
    }

    /// True when the line could spell one of the literals in a form the search does not see.
    public func mayHide(_ line: UnsafeRawBufferPointer) -> Bool {
        guard let base = line.baseAddress else { return false }
        let p = base.assumingMemoryBound(to: UInt8.self)
        let n = line.count
        if lineHasBackslashU(line) { return true }
        if hasSlash && Self.hasPair(p, n, 0x5C, 0x2F) { return true }
        if foldK && Self.hasTriple(p, n, 0xE2, 0x84, 0xAA) { return true }        // U+212A KELVIN SIGN
        if foldS && Self.hasPair(p, n, 0xC5, 0xBF) { return true }                // U+017F LONG S
        if foldI && (Self.hasPair(p, n, 0xC4, 0xB0) || Self.hasPair(p, n, 0xC4, 0xB1)) { return true }
        return false
    }

    /// A prefilter predicate: lines matching any of the sets pass.
    public static func predicate(anyOf sets: [LiteralSet]) -> @Sendable (UnsafeRawBufferPointer) -> Bool {
        if sets.isEmpty || sets.contains(where: { $0.searches.isEmpty }) { return { _ in true } }
        return { line in
            for s in sets where s.matches(line) { return true }
            return false
        }
    }

    static func encode(_ bytes: [UInt8], _ e: Encoding) -> [UInt8] {
        switch e {
        case .raw: return bytes
        case .csv: return bytes.flatMap { $0 == 0x22 ? [0x22, 0x22] : [$0] }
        case .json:
            var out: [UInt8] = []
            for b in bytes {
                switch b {
                case 0x22: out += [0x5C, 0x22]
                case 0x5C: out += [0x5C, 0x5C]
                case 0x0A: out += [0x5C, 0x6E]
                case 0x0D: out += [0x5C, 0x72]
                case 0x09: out += [0x5C, 0x74]
                default: out.append(b)
                }
            }
            return out
        }
    }

    static func longestASCIIRun(_ b: [UInt8]) -> [UInt8] {
        var best: ArraySlice<UInt8> = []
        var start = 0
        for i in 0...b.count {
            if i == b.count || b[i] >= 0x80 {
                if i - start > best.count { best = b[start..<i] }
                start = i + 1
            }
        }
        return Array(best)
    }

    private static func hasPair(_ p: UnsafePointer<UInt8>, _ n: Int, _ a: UInt8, _ b: UInt8) -> Bool {
        var i = 0
        while let k = ByteScan.memchrIndex(p, i, n, a) {
            if k + 1 < n && p[k + 1] == b { return true }
            i = k + 1
        }
        return false
    }

    private static func hasTriple(_ p: UnsafePointer<UInt8>, _ n: Int, _ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        var i = 0
        while let k = ByteScan.memchrIndex(p, i, n, a) {
            if k + 2 < n && p[k + 1] == b && p[k + 2] == c { return true }
            i = k + 1
        }
        return false
    }
}
