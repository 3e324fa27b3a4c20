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
        let found = haystack.lowercased().contains(needle.lowercased())
        return negated ? !found : found
    }

    /// The positive sense, for highlighting and n/N jumps in panes that are not filtered.
    public func hits(_ haystack: String) -> Bool {
        if isEmpty { return false }
        return matches(haystack)
    }
}
