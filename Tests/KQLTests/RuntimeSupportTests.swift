import XCTest
@testable import KQL

/// Shared helpers for the runtime/function tests.
enum RT {
    static let now = Ticks.datetime(year: 2024, month: 3, day: 5, hour: 12)

    /// Binds `name` with every argument constant and runs it.
    static func call(_ name: String, _ args: Value..., file: StaticString = #filePath, line: UInt = #line) -> Value {
        callArray(name, args, file: file, line: line)
    }

    static func callArray(_ name: String, _ args: [Value], file: StaticString = #filePath, line: UInt = #line) -> Value {
        guard let f = Functions.lookup(name) else {
            XCTFail("no function \(name)", file: file, line: line); return .null(.bool)
        }
        switch f.bind(ArgumentInfo(types: args.map(\.type), constants: args)) {
        case .failure(let e): XCTFail("\(name) did not bind: \(e.message)", file: file, line: line); return .null(.bool)
        case .success(let (_, impl)): return impl(args, EvalContext(now: now))
        }
    }

    /// The bind result for given static types (constants absent unless given).
    static func bind(_ name: String, _ types: [KQLType], constants: [Value?]? = nil) -> Result<(KQLType, ScalarImpl), FunctionBindError>? {
        Functions.lookup(name)?.bind(ArgumentInfo(types: types, constants: constants ?? types.map { _ in nil }))
    }

    static func dt(_ s: String) -> Value { .datetime(Ticks.parseDatetime(s)!) }
    static func dyn(_ json: String) -> Value { .dynamic(Dynamic.parse(json: json)!) }

    /// `/work/shared` located as `../shared` from the package root; skips when absent.
    static func shared(_ path: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let p = root.deletingLastPathComponent().appendingPathComponent("shared").appendingPathComponent(path).path
        guard FileManager.default.fileExists(atPath: p) else { throw XCTSkip("shared material missing: \(p)") }
        return p
    }
}

final class RuntimeSupportTests: XCTestCase {
    func testEveryRegisteredNameBindsOrRejectsWithoutCrashing() {
        // Each function either binds or explains itself for a plausible argument list.
        for name in Functions.names {
            let f = Functions.lookup(name)!
            let n = f.arity.lowerBound
            let r = f.bind(ArgumentInfo(types: Array(repeating: .string, count: n), constants: Array(repeating: .string("x"), count: n)))
            switch r {
            case .failure(let e): XCTAssertFalse(e.message.isEmpty, name)
            case .success(let (_, impl)):
                // Hostile-but-typed input must not trap.
                _ = impl(Array(repeating: .string("x"), count: n), EvalContext(now: RT.now))
                _ = impl(Array(repeating: .string(""), count: n), EvalContext(now: RT.now))
            }
        }
        XCTAssertGreaterThan(Functions.names.count, 120)
        XCTAssertNil(Functions.lookup("Ago"))  // names are case-sensitive
        XCTAssertNil(Functions.lookup("count")) // aggregates are not scalar functions
    }
}
