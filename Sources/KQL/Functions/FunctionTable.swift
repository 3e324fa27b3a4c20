/// Per-evaluation context: the instant `now()` is fixed to for one query evaluation (spec §5.5).
public final class EvalContext: @unchecked Sendable {
    /// Ticks of `now()`.
    public var now: Int64
    public init(now: Int64) { self.now = now }
}

/// A compiled argument list's view at bind time: each argument's static type, and its value when
/// the argument is a constant (regex patterns must be, spec §6).
public struct ArgumentInfo: Sendable {
    public var types: [KQLType]
    public var constants: [Value?]
    public init(types: [KQLType], constants: [Value?]) { self.types = types; self.constants = constants }
}

/// A scalar function's implementation, ready to run: gets the evaluated arguments.
public typealias ScalarImpl = @Sendable (_ args: [Value], _ ctx: EvalContext) -> Value

/// One entry of the function table: name → signature → implementation.
public struct ScalarFunction: Sendable {
    public let name: String
    public let arity: ClosedRange<Int>
    /// Type-checks the arguments and prepares the implementation (compiling constant regexes once).
    /// Returns the result type and the implementation, or a one-line message for a diagnostic.
    public let bind: @Sendable (ArgumentInfo) -> Result<(KQLType, ScalarImpl), FunctionBindError>

    public init(_ name: String, arity: ClosedRange<Int>,
                bind: @escaping @Sendable (ArgumentInfo) -> Result<(KQLType, ScalarImpl), FunctionBindError>) {
        self.name = name; self.arity = arity; self.bind = bind
    }
}

/// Why a call does not bind. `argument` is the 0-based argument the message is about, if any.
public struct FunctionBindError: Error, Sendable {
    public var message: String
    public var argument: Int?
    public var code: String
    public init(_ message: String, argument: Int? = nil, code: String = "KQL0205") {
        self.message = message; self.argument = argument; self.code = code
    }
}
