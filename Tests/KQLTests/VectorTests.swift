import Foundation
import XCTest
@testable import KQL

/// Every vector of ../shared/spec/kql-vectors.tsv, evaluated through the whole compiler.
final class VectorTests: XCTestCase {
    struct Vector { var id: String; var expr: String; var row: [String: Any]; var expected: String }

    static func loadVectors() throws -> [Vector] {
        let text = try TestPaths.read(try TestPaths.sharedFile("spec/kql-vectors.tsv"))
        var out: [Vector] = []
        var header = true
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.isEmpty {
            if header { header = false; continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let row = try JSONSerialization.jsonObject(with: Data(f[2].utf8)) as? [String: Any] ?? [:]
            out.append(Vector(id: f[0], expr: f[1], row: row, expected: f[3]))
        }
        return out
    }

    /// Converts a row_json value to a typed KQL value (header of the TSV).
    static func value(_ any: Any) -> Value {
        if let s = any as? String { return .string(s) }
        if let n = any as? NSNumber {
            if CFGetTypeID(n) == CFBooleanGetTypeID() { return .bool(n.boolValue) }
            let d = n.doubleValue
            if "\(n)".contains(".") || "\(n)".contains("e") { return .real(d) }
            return .long(n.int64Value)
        }
        if let o = any as? [String: Any], let t = o["t"] as? String, let type = KQLType(name: t) {
            let v = o["v"]
            if v == nil || v is NSNull { return .null(type) }
            switch type {
            case .int: return .int(Int32((v as! NSNumber).int32Value))
            case .long: return .long((v as! NSNumber).int64Value)
            case .real: return .real((v as! NSNumber).doubleValue)
            case .bool: return .bool((v as! NSNumber).boolValue)
            case .datetime: return .datetime(Ticks.parseDatetime(v as! String)!)
            case .timespan: return .timespan(Ticks.parseTimespan(v as! String)!)
            case .guid: return .guid((v as! String).lowercased())
            case .dynamic:
                let data = try! JSONSerialization.data(withJSONObject: v!, options: [.fragmentsAllowed])
                return .dynamic(Dynamic.parse(json: String(decoding: data, as: UTF8.self))!)
            default: return .string("\(v!)")
            }
        }
        return .null(.string)
    }

    /// Evaluates `expr` as a scalar over one row; returns "true", "false" or "null".
    static func evaluate(_ expr: String, row: [String: Any]) -> (String?, [Diagnostic]) {
        let names = row.keys.sorted()
        let values = names.map { value(row[$0]!) }
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
        XCTAssertEqual(d?.location, SourceLocation(line: 2, column: 32))
    }
}
