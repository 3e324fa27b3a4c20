import Foundation
import KQL
import Synchronization
import XCTest
@testable import Telemetry

/// `../shared` next to the package root, or nil.
func sharedDirectory() -> URL? {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
    return FileManager.default.fileExists(atPath: shared.appendingPathComponent("data").path) ? shared : nil
}

func requireShared() throws -> URL {
    guard let s = sharedDirectory() else { throw XCTSkip("../shared (reference data) not found next to the package") }
    return s
}

/// A fresh temporary folder, removed at the end of the test.
func temporaryDirectory(_ test: XCTestCase) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telemetry-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
    return dir
}

func write(_ text: String, to url: URL) throws {
    try Data(text.utf8).write(to: url)
}

/// A row copied out of the callback.
struct CollectedRow {
    let table: String
    let values: [Value]
    let all: [Value]
    let source: String
    let line: Int
    let raw: String

    func value(_ column: String) -> Value? {
        guard let s = Schema.standard.table(table)?.slot(of: column) else { return nil }
        return values[s]
    }
    func full(_ column: String) -> Value? {
        guard let s = Schema.standard.table(table)?.slot(of: column) else { return nil }
        return all[s]
    }
}

final class Collector: Sendable {
    let malformed = Mutex<[MalformedLine]>([])
    let unknown = Mutex<[MalformedLine]>([])
}

/// Runs an ingest to the end and returns rows, stats and reported problems.
func ingestAll(_ inputs: [InputSpec], configure: (inout IngestOptions) -> Void = { _ in }) throws
    -> (rows: [CollectedRow], stats: IngestStats, malformed: [MalformedLine], unknown: [MalformedLine]) {
    let c = Collector()
    var o = IngestOptions()
    o.onMalformed = { m in c.malformed.withLock { $0.append(m) } }
    o.onUnknownTable = { m in c.unknown.withLock { $0.append(m) } }
    configure(&o)
    let ingest = try Ingest(inputs: inputs, options: o)
    var rows: [CollectedRow] = []
    let stats = try ingest.run { r in
        rows.append(CollectedRow(table: r.table.name, values: r.values, all: r.decodeAll(), source: r.source,
                                 line: r.lineNumber, raw: r.rawText))
    }
    return (rows, stats, c.malformed.withLock { $0 }, c.unknown.withLock { $0 })
}

func ticks(_ s: String) -> Int64 { Ticks.parseDatetime(s)! }
