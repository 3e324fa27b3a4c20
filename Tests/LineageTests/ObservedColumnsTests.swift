import XCTest
import KQL
@testable import Lineage

/// Column slots cached per table layout.
final class ObservedColumnsTests: XCTestCase {
    typealias P = SyntheticRows.P
    let services = P(pid: 700, name: "services.exe", at: -86_400)
    let svchost = P(pid: 1200, name: "svchost.exe", at: -86_000)
    let ping = P(pid: 5000, name: "ping.exe", at: 20, cmd: "ping.exe -t 127.0.0.1")

    /// The same table in reverse column order: same name, different slots.
    func reversed(_ t: TableSchema) -> TableSchema { TableSchema(name: t.name, columns: t.columns.reversed()) }

    func testSameTableNameWithAnotherLayoutUsesItsOwnSlots() {
        let dpe = SyntheticRows.dpe, dfe = SyntheticRows.dfe
        let rows: [(TableSchema, [Value])] = [
            (dpe, SyntheticRows.created(svchost, by: services, parent: nil)),
            (dpe, SyntheticRows.created(ping, by: svchost, parent: services)),
            (dfe, SyntheticRows.file("C:\\x\\1.eml", by: ping, parent: svchost, at: 30)),
            (dfe, SyntheticRows.file("C:\\x\\2.eml", by: ping, parent: svchost, at: 31)),
        ]
        let plain = ProcessGraph(budget: 100)
        SyntheticRows.observe(plain, rows)
        // Alternate layouts for the same tables, row by row.
        let rdpe = reversed(dpe), rdfe = reversed(dfe)
        let mixed = ProcessGraph(budget: 100)
        let swapped: [(TableSchema, [Value])] = rows.enumerated().map { k, r in
            guard k % 2 == 1 else { return r }
            return (r.0.name == dpe.name ? rdpe : rdfe, Array(r.1.reversed()))
        }
        SyntheticRows.observe(mixed, swapped)
        mixed._checkInvariants()
        XCTAssertEqual(mixed.stats, plain.stats)
        for k in rows.indices {
            XCTAssertEqual(mixed.chain(forEvent: EventRef(UInt64(k))), plain.chain(forEvent: EventRef(UInt64(k))), "event \(k)")
        }
        XCTAssertEqual(mixed.chain(forEvent: EventRef(3)).map(\.fileName), ["services.exe", "svchost.exe", "ping.exe"])
    }

    func testProcessTableWithoutProcessIdCreatesNoProcess() {
        let dpe = SyntheticRows.dpe
        let cut = TableSchema(name: dpe.name, columns: dpe.columns.filter { $0.name != "ProcessId" })
        let full = SyntheticRows.created(ping, by: svchost, parent: services)
        let values = zip(dpe.columns, full).filter { $0.0.name != "ProcessId" }.map(\.1)
        let g = ProcessGraph(budget: 100)
        SyntheticRows.observe(g, [(dpe, full), (cut, values)])
        XCTAssertNotNil(g.createdNode(for: EventRef(0)))
        XCTAssertNil(g.createdNode(for: EventRef(1)), "no ProcessId column: the row creates nothing")
        XCTAssertEqual(g.node(for: EventRef(1)), g.node(for: EventRef(0)))
    }
}
