/// Errors that stop ingestion (malformed lines only do so in strict mode).
public enum TelemetryError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(String, String)
    case readFailed(String, String)
    case malformed(MalformedLine)
    case unknownTable(String)

    public var description: String {
        switch self {
        case .cannotOpen(let p, let why): return "\(p): cannot open: \(why)"
        case .readFailed(let p, let why): return "\(p): read failed: \(why)"
        case .malformed(let m): return m.description
        case .unknownTable(let t): return "unknown table '\(t)'"
        }
    }
}

/// A line that could not be decoded, reported once with where and why.
public struct MalformedLine: Sendable, Equatable, CustomStringConvertible {
    public let source: String
    public let line: Int
    public let reason: String

    public init(source: String, line: Int, reason: String) {
        self.source = source; self.line = line; self.reason = reason
    }

    public var description: String { "\(source):\(line): \(reason)" }
}
