import Foundation

/// On/off and shadow state of exclusions, remembered across restarts in a small JSON file
/// (by default `$XDG_STATE_HOME/hunttop/exclusions-state.json`), keyed by exclusions file and id.
public struct ExclusionStateStore: Sendable {
    public var path: String

    public struct Item: Codable, Sendable, Equatable {
        public var enabled: Bool
        public var shadow: Bool
        public init(enabled: Bool, shadow: Bool) { self.enabled = enabled; self.shadow = shadow }
    }

    public init(path: String) { self.path = path }

    /// `$XDG_STATE_HOME/hunttop/exclusions-state.json`, `$HOME/.local/state/...` when unset.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSTemporaryDirectory()) as NSString).appendingPathComponent(".local/state")
        return ((base as NSString).appendingPathComponent("hunttop") as NSString).appendingPathComponent("exclusions-state.json")
    }

    private func readAll() -> [String: [String: Item]] {
        guard let d = FileManager.default.contents(atPath: path) else { return [:] }
        return (try? JSONDecoder().decode([String: [String: Item]].self, from: d)) ?? [:]
    }

    /// The saved state of the exclusions of `file` (absolute path).
    public func load(file: String) -> [String: Item] { readAll()[Self.key(file)] ?? [:] }

    /// Replaces the saved state of `file`'s exclusions. Errors are returned, not thrown at the UI.
    @discardableResult
    public func save(file: String, items: [String: Item]) -> Error? {
        var all = readAll()
        all[Self.key(file)] = items
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys]
            try enc.encode(all).write(to: URL(fileURLWithPath: path), options: .atomic)
            return nil
        } catch { return error }
    }

    static func key(_ file: String) -> String { URL(fileURLWithPath: file).standardizedFileURL.path }
}
