/// How the dashboard runs.
public struct DashboardOptions: Sendable {
    public var theme: Theme
    public var keyTable: KeyTable
    /// Longest wait for a key before looking for a new snapshot.
    public var tickMilliseconds: Int

    public init(theme: Theme = .builtIn, keyTable: KeyTable = .standard, tickMilliseconds: Int = 20) {
        self.theme = theme
        self.keyTable = keyTable
        self.tickMilliseconds = tickMilliseconds
    }
}
