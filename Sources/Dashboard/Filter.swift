import CByteSearch

/// A pane filter: case-insensitive substring; a leading `!` keeps the rows that do NOT contain it.
public struct Filter: Sendable, Hashable {
    public var text: String

    public init(_ text: String) { self.text = text }

    public var negated: Bool { text.hasPrefix("!") }
    public var needle: String { negated ? String(text.dropFirst()) : text }
    public var isEmpty: Bool { needle.isEmpty }

    /// Whether `haystack` contains the needle (ignoring case), or, negated, does not.
    public func matches(_ haystack: String) -> Bool {
        if isEmpty { return true }
        let found = Filter.contains(haystack.lowercased(), needle.lowercased())
        return negated ? !found : found
    }

    /// Byte substring search (memmem: linear, vectorised), not Foundation's slow locale-aware one.
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        var h = haystack, n = needle
        return h.withUTF8 { hb in
            n.withUTF8 { nb in
                nb.isEmpty || (hb.count >= nb.count && hunttop_memmem(hb.baseAddress, hb.count, nb.baseAddress, nb.count) >= 0)
            }
        }
    }

    /// The positive sense, for highlighting and n/N jumps in panes that are not filtered.
    public func hits(_ haystack: String) -> Bool {
        if isEmpty { return false }
        return matches(haystack)
    }
}
