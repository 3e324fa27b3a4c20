/// A position in query text: 1-based line and column (columns count Unicode scalars).
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
    public static func < (a: Self, b: Self) -> Bool { (a.line, a.column) < (b.line, b.column) }
    public var description: String { "\(line):\(column)" }
}

/// A half-open span of query text: scalar offsets plus the 1-based start and end positions.
public struct SourceRange: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var startLocation: SourceLocation
    public var endLocation: SourceLocation
    public init(start: Int, end: Int, startLocation: SourceLocation, endLocation: SourceLocation) {
        self.start = start; self.end = end
        self.startLocation = startLocation; self.endLocation = endLocation
    }
    public static let none = SourceRange(start: 0, end: 0, startLocation: .init(line: 1, column: 1),
                                         endLocation: .init(line: 1, column: 1))
    /// The span covering both ranges.
    public func union(_ o: SourceRange) -> SourceRange {
        let s = start <= o.start ? self : o
        let e = end >= o.end ? self : o
        return SourceRange(start: s.start, end: e.end, startLocation: s.startLocation, endLocation: e.endLocation)
    }
}

public enum Severity: String, Sendable { case error, warning, info }

/// One finding about a query (spec §8): a stable code, a position, the offending text and a message.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible, Error {
    public var code: String
    public var severity: Severity
    public var message: String
    public var range: SourceRange
    public var token: String
    public var hint: String?

    public init(_ code: String, _ severity: Severity = .error, _ message: String, at range: SourceRange,
                token: String = "", hint: String? = nil) {
        self.code = code; self.severity = severity; self.message = message
        self.range = range; self.token = token; self.hint = hint
    }

    public var location: SourceLocation { range.startLocation }
    public var isError: Bool { severity == .error }

    /// `LINE:COL: error[CODE]: message`
    public var description: String {
        "\(location.line):\(location.column): \(severity.rawValue)[\(code)]: \(message)"
    }
}
