/// The scalar types of KQL (spec §2.1). `decimal` is carried as `real` at run time.
public enum KQLType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case bool, int, long, real, decimal, string, datetime, timespan, guid, dynamic

    /// Parses a type name as written in queries and schema files, aliases included.
    public init?(name: String) {
        switch name {
        case "bool", "boolean": self = .bool
        case "int", "int32": self = .int
        case "long", "int64": self = .long
        case "real", "double": self = .real
        case "decimal": self = .decimal
        case "string": self = .string
        case "datetime", "date": self = .datetime
        case "timespan", "time": self = .timespan
        case "guid", "uniqueid": self = .guid
        case "dynamic": self = .dynamic
        default: return nil
        }
    }

    public var isNumeric: Bool { self == .int || self == .long || self == .real || self == .decimal }
    public var description: String { rawValue }
}
