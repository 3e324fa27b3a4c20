import Foundation
import XCTest
@testable import KQL

/// Every vector of ../shared/spec/kql-vectors.tsv, evaluated through the whole compiler.
final class VectorTests: XCTestCase {
    struct Vector { var id: String; var expr: String; var row: [(String, Dynamic)]; var expected: String }

    static func loadVectors() throws -> [Vector] {
        let text = try TestPaths.read(try TestPaths.sharedFile("spec/kql-vectors.tsv"))
        var out: [Vector] = []
        var header = true
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.isEmpty {
            if header { header = false; continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard case .bag(let bag)? = Dynamic.parse(json: f[2]) else { XCTFail("bad row_json in \(f[0])"); continue }
            out.append(Vector(id: f[0], expr: f[1], row: bag.pairs, expected: f[3]))
        }
        return out
    }

    /// Converts a row_json value to a typed KQL value (header of the TSV).
    static func value(_ d: Dynamic) -> Value {
        switch d {
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .long(let l): return .long(l)
        case .real(let r): return .real(r)
        case .bag(let b):
            guard case .string(let t)? = b["t"], let type = KQLType(name: t) else { return .null(.string) }
            let v = b["v"] ?? .null
            if v == .null { return .null(type) }
            switch (type, v) {
            case (.int, .long(let l)): return .int(Int32(l))
            case (.long, .long(let l)): return .long(l)
            case (.real, .real(let r)): return .real(r)
            case (.real, .long(let l)): return .real(Double(l))
            case (.bool, .bool(let b)): return .bool(b)
            case (.datetime, .string(let s)): return .datetime(Ticks.parseDatetime(s)!)
            case (.timespan, .string(let s)): return .timespan(Ticks.parseTimespan(s)!)
            case (.guid, .string(let s)): return .guid(s.lowercased())
            case (.dynamic, _): return .dynamic(v)
            default: return .null(type)
            }
        default: return .null(.string)
        }
    }

    /// Evaluates `expr` as a scalar over one row; returns "true", "false" or "null".
    static func evaluate(_ expr: String, row: [(String, Dynamic)]) -> (String?, [Diagnostic]) {
        let names = row.map(\.0)
        let values = row.map { value($0.1) }
        let table = TableSchema(name: "T", columns: zip(names, values).map { Column(name: $0, type: $1.type) })
        let schema = Schema(tables: [table])
        let (q, diags) = KQLCompiler.compile("T | extend r__ = \(expr) | project r__", schema: schema)
        guard let q else { return (nil, diags) }
        let out = q.evaluate(["T": [values]])
        guard out.count == 1 else { return (nil, diags) }
        switch out[0][0] {
        case .bool(let b): return (b ? "true" : "false", diags)
        case .null(.bool): return ("null", diags)
        case let other: return ("unexpected \(other)", diags)
        }
    }

    func testAllVectors() throws {
        let vectors = try Self.loadVectors()
        XCTAssertGreaterThan(vectors.count, 90)
        var failures: [String] = []
        for v in vectors {
            let (got, diags) = Self.evaluate(v.expr, row: v.row)
            if got != v.expected {
                failures.append("\(v.id): `\(v.expr)` expected \(v.expected), got \(got ?? "no result") \(diags.map(\.description))")
            }
        }
        XCTAssertEqual(failures, [], "\(failures.count) of \(vectors.count) vectors failed")
    }

    func testInvalidEscapeIsALexicalErrorWithPosition() {
        let (q, diags) = KQLCompiler.compile("DeviceProcessEvents\n| where FileName matches regex \"\\d+\\.exe\"")
        XCTAssertNil(q)
        let d = diags.first { $0.isError }
        XCTAssertEqual(d?.code, "KQL0002")
        XCTAssertEqual(d?.location, SourceLocation(line: 2, column: 33))
    }
}
