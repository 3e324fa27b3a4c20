import Foundation
import XCTest

/// Paths to the repo and the read-only `../shared` folder beside it.
enum TestPaths {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let shared: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    static func sharedFile(_ rel: String) throws -> URL {
        let u = shared.appendingPathComponent(rel)
        guard FileManager.default.fileExists(atPath: u.path) else {
            throw XCTSkip("../shared/\(rel) is not present")
        }
        return u
    }

    static func read(_ url: URL) throws -> String {
        let data = try Data(contentsOf: url)
        return String(decoding: data, as: UTF8.self)
    }
}
