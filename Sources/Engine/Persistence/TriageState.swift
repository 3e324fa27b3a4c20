/// The hunter's mark on a hit.
public enum TriageState: String, Sendable, Hashable, CaseIterable {
    case new, investigating, benign, malicious

    /// Parses the stored/exported name; nil for anything else.
    public init?(name: String) { self.init(rawValue: name.lowercased()) }
}

/// A hit's triage mark with the hunter's note.
public struct HitTriage: Sendable, Hashable {
    public var state: TriageState
    public var note: String
    public init(state: TriageState = .new, note: String = "") { self.state = state; self.note = note }
}
