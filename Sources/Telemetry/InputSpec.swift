/// How an input is encoded. `auto` decides from the first non-blank line: `{`/`[` that closes on
/// its line → JSON lines; `{`/`[` that does not → one JSON document; anything else → CSV.
public enum InputFormat: String, Sendable, CaseIterable {
    case auto, jsonLines, jsonDocument, csv
}

/// One input the caller wants read.
public struct InputSpec: Sendable, Equatable {
    public enum Location: Sendable, Equatable {
        /// A file, or a folder (every regular file in it; new ones too when following).
        case path(String)
        case stdin
    }

    public var location: Location
    public var format: InputFormat
    /// Table for every row of this input (name as in the schema, or `AdvancedHunting-…`).
    public var table: String?
    /// Keep reading as the input grows (tail -F).
    public var follow: Bool

    public init(_ location: Location, format: InputFormat = .auto, table: String? = nil, follow: Bool = false) {
        self.location = location
        self.format = format
        self.table = table
        self.follow = follow
    }

    /// `-` is stdin, anything else a path.
    public init(argument: String, format: InputFormat = .auto, table: String? = nil, follow: Bool = false) {
        self.init(argument == "-" ? .stdin : .path(argument), format: format, table: table, follow: follow)
    }
}
