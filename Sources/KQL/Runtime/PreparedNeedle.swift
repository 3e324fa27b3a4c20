/// A constant right-hand side of a string predicate, folded once, matched without allocating
/// when the haystack is ASCII (the hot path for hunting rules).
public struct PreparedNeedle: Sendable, Hashable {
    public let text: String
    public let caseSensitive: Bool
    /// Needle bytes, simple-folded when case-insensitive.
    @usableFromInline let bytes: [UInt8]
    @usableFromInline let startTerm: Bool
    @usableFromInline let endTerm: Bool

    public init(_ needle: String, caseSensitive: Bool) {
        text = needle
        self.caseSensitive = caseSensitive
        let folded = caseSensitive ? needle : CaseFolding.fold(needle)
        bytes = Array(folded.utf8)
        startTerm = folded.unicodeScalars.first.map { CaseFolding.isTermChar($0.value) } ?? false
        endTerm = folded.unicodeScalars.last.map { CaseFolding.isTermChar($0.value) } ?? false
    }

    public func equals(_ s: String) -> Bool { run(.equals, s) }
    public func contains(_ s: String) -> Bool { run(.contains, s) }
    public func startsWith(_ s: String) -> Bool { run(.startsWith, s) }
    public func endsWith(_ s: String) -> Bool { run(.endsWith, s) }
    public func has(_ s: String) -> Bool { run(.has, s) }
    public func hasPrefix(_ s: String) -> Bool { run(.hasPrefix, s) }
    public func hasSuffix(_ s: String) -> Bool { run(.hasSuffix, s) }

    /// The same predicates over raw UTF-8 bytes (e.g. a field slice of an input line).
    public func equals(utf8 h: UnsafeBufferPointer<UInt8>) -> Bool { run(.equals, h) }
    public func contains(utf8 h: UnsafeBufferPointer<UInt8>) -> Bool { run(.contains, h) }
    public func startsWith(utf8 h: UnsafeBufferPointer<UInt8>) -> Bool { run(.startsWith, h) }
    public func endsWith(utf8 h: UnsafeBufferPointer<UInt8>) -> Bool { run(.endsWith, h) }
    public func has(utf8 h: UnsafeBufferPointer<UInt8>) -> Bool { run(.has, h) }
    public func hasPrefix(utf8 h: UnsafeBufferPointer<UInt8>) -> Bool { run(.hasPrefix, h) }
    public func hasSuffix(utf8 h: UnsafeBufferPointer<UInt8>) -> Bool { run(.hasSuffix, h) }

    @inline(__always)
    func run(_ mode: ByteSearch.Mode, _ s: String) -> Bool {
        if let r = s.utf8.withContiguousStorageIfAvailable({ run(mode, $0) }) { return r }
        var copy = s
        return copy.withUTF8 { run(mode, $0) }
    }

    @inline(__always)
    func run(_ mode: ByteSearch.Mode, _ h: UnsafeBufferPointer<UInt8>) -> Bool {
        let hit = bytes.withUnsafeBufferPointer { n in
            ByteSearch.run(mode, h, n, ci: !caseSensitive, startTerm: startTerm, endTerm: endTerm)
        }
        if hit || caseSensitive || !ByteSearch.hasNonASCII(h) { return hit }
        // Non-ASCII haystack: fold it fully (allocates), then match ordinally.
        let folded = CaseFolding.foldedBytes(String(decoding: h, as: UTF8.self))
        return folded.withUnsafeBufferPointer { fh in
            bytes.withUnsafeBufferPointer { n in
                ByteSearch.run(mode, fh, n, ci: false, startTerm: startTerm, endTerm: endTerm)
            }
        }
    }
}
