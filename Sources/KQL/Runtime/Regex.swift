import CRE2

/// Why a pattern was refused.
public struct RegexError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A compiled linear-time regular expression (RE2; spec §7). Immutable and thread-safe:
/// RE2 objects may be used for matching from several threads at once.
public final class Regex: @unchecked Sendable {
    public let pattern: String
    private let re: OpaquePointer
    /// Number of capture groups (group 0, the whole match, not counted).
    public let groupCount: Int

    /// Compiled-program memory bound handed to RE2; bigger programs are rejected.
    public static let maxProgramMemory = 8 << 20

    public init(_ pattern: String) throws(RegexError) {
        let rewritten = try RegexSyntaxCheck.check(pattern)
        var err = [CChar](repeating: 0, count: 256)
        let bytes = Array(rewritten.utf8)
        let handle: OpaquePointer? = bytes.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { c in
                hre2_compile(c.baseAddress, c.count, 0, Regex.maxProgramMemory, &err, err.count)
            }
        }
        guard let handle else {
            let msg = String(decoding: err.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw RegexError("Invalid regular expression '\(pattern)': \(msg.isEmpty ? "rejected" : msg).")
        }
        self.pattern = pattern
        self.re = handle
        self.groupCount = Int(hre2_groups(handle))
    }

    deinit { hre2_free(re) }

    /// True when the pattern matches anywhere in `s` (unanchored search).
    public func matches(_ s: String) -> Bool {
        withBytes(s) { matches(utf8: $0) }
    }

    public func matches(utf8 b: UnsafeBufferPointer<UInt8>) -> Bool {
        Self.withNonNull(b) { hre2_search(re, $0, b.count) != 0 }
    }

    /// Byte spans (offset, length) of the first match at or after byte `start`; -1 for unset groups.
    func spans(in b: UnsafeBufferPointer<UInt8>, from start: Int) -> [Int]? {
        let n = groupCount + 1
        var spans = [Int](repeating: -1, count: 2 * n)
        let ok = Self.withNonNull(b) { c in
            spans.withUnsafeMutableBufferPointer { sp in
                hre2_match_at(re, c, b.count, start, sp.baseAddress, Int32(n))
            }
        }
        return ok != 0 ? spans : nil
    }

    /// Groups of the first match (index 0 = whole match); nil when there is no match.
    public func firstMatch(in s: String) -> [String?]? {
        withBytes(s) { b in spans(in: b, from: 0).map { Self.groups($0, b) } }
    }

    /// Groups of every non-overlapping match, in order.
    public func allMatches(in s: String) -> [[String?]] {
        withBytes(s) { b in
            var out: [[String?]] = []
            forEachMatch(b) { out.append(Self.groups($0, b)) }
            return out
        }
    }

    /// Number of non-overlapping matches.
    public func matchCount(in s: String) -> Int {
        withBytes(s) { b in
            var n = 0
            forEachMatch(b) { _ in n += 1 }
            return n
        }
    }

    /// Replaces every non-overlapping match; `\0`..`\9` in `rewrite` insert groups, `\\` a backslash.
    public func replaceAll(in s: String, with rewrite: String) -> String {
        let rw = Array(rewrite.utf8)
        return withBytes(s) { b in
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            var last = 0
            forEachMatch(b) { sp in
                out.append(contentsOf: b[last..<sp[0]])
                var i = 0
                while i < rw.count {
                    let c = rw[i]
                    if c == 0x5C, i + 1 < rw.count {
                        let d = rw[i + 1]
                        if d >= 0x30 && d <= 0x39 {
                            let g = Int(d - 0x30)
                            if g <= groupCount, sp[2 * g] >= 0 {
                                out.append(contentsOf: b[sp[2 * g]..<(sp[2 * g] + sp[2 * g + 1])])
                            }
                            i += 2; continue
                        }
                        if d == 0x5C { out.append(0x5C); i += 2; continue }
                    }
                    out.append(c); i += 1
                }
                last = sp[0] + sp[1]
            }
            out.append(contentsOf: b[last..<b.count])
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Calls `body` with the spans of each non-overlapping match; empty matches advance one scalar.
    func forEachMatch(_ b: UnsafeBufferPointer<UInt8>, _ body: ([Int]) -> Void) {
        var pos = 0
        while pos <= b.count, let sp = spans(in: b, from: pos) {
            body(sp)
            let end = sp[0] + sp[1]
            if sp[1] == 0 {
                var next = end + 1
                while next < b.count && b[next] & 0xC0 == 0x80 { next += 1 }
                pos = next
            } else {
                pos = end
            }
        }
    }

    private static func groups(_ sp: [Int], _ b: UnsafeBufferPointer<UInt8>) -> [String?] {
        stride(from: 0, to: sp.count, by: 2).map { i in
            sp[i] < 0 ? nil : String(decoding: b[sp[i]..<(sp[i] + sp[i + 1])], as: UTF8.self)
        }
    }

    /// RE2 wants a non-null text pointer even for empty input.
    private static func withNonNull<R>(_ b: UnsafeBufferPointer<UInt8>, _ body: (UnsafePointer<CChar>) -> R) -> R {
        if let base = b.baseAddress {
            return base.withMemoryRebound(to: CChar.self, capacity: max(b.count, 1)) { body($0) }
        }
        var zero: CChar = 0
        return withUnsafePointer(to: &zero) { body($0) }
    }

    private func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = s
        return copy.withUTF8(body)
    }
}
