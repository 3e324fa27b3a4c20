import XCTest
@testable import KQL

/// A window query's leading `where`s as a row filter: which stages go in, and that it filters.
final class LeadingFilterTests: XCTestCase {
    func compile(_ text: String) throws -> CompiledQuery {
        let (q, diags) = KQLCompiler.compile(text)
        return try XCTUnwrap(q, "\(diags)")
    }

    func testClockReadingWheresAreLeftOutDirectlyOrThroughLets() throws {
        let q = try compile("""
            let since = ago(1d);
            let host = "ws1";
            DeviceFileEvents
            | where Timestamp > since
            | where DeviceName == host and FolderPath endswith ".eml"
            | where Timestamp < now()
            | summarize count() by DeviceName
            """)
        XCTAssertTrue(q.windowed)
        let f = try XCTUnwrap(q.leadingFilter)
        XCTAssertFalse(f.windowed)
        XCTAssertTrue(f.text.contains("FolderPath endswith \".eml\""))
        XCTAssertFalse(f.text.contains("Timestamp > since"))
        XCTAssertFalse(f.text.contains("now()"))
        // It filters as the where does.
        let t = try XCTUnwrap(Schema.standard.table("DeviceFileEvents"))
        func row(_ device: String, _ path: String) -> [Value] {
            var v = t.columns.map { Value.null(of: $0.type) }
            v[t.slot(of: "DeviceName")!] = .string(device)
            v[t.slot(of: "FolderPath")!] = .string(path)
            return v
        }
        let out = f.evaluate(["DeviceFileEvents": [row("ws1", "C:\\a.eml"), row("ws2", "C:\\b.eml"), row("ws1", "C:\\c.txt")]])
        XCTAssertEqual(out.count, 1)
    }

    func testNoFilterForRowRulesJoinsOrClockOnlyWheres() throws {
        XCTAssertNil(try compile("DeviceFileEvents | where FolderPath endswith '.eml'").leadingFilter, "row rules need none")
        XCTAssertNil(try compile("DeviceFileEvents | where Timestamp > ago(1h) | summarize count()").leadingFilter)
        XCTAssertNil(try compile("DeviceFileEvents | summarize count() by DeviceName").leadingFilter)
        XCTAssertNil(try compile("""
            DeviceFileEvents | where FileName endswith '.eml'
            | join (DeviceFileEvents | where FileName endswith '.zip') on DeviceId
            """).leadingFilter, "two reads of the table: one filter alone does not bound both")
    }

    func testReadsClockMatchesWholeWordsOnly() {
        XCTAssertTrue(LeadingFilter.readsClock("where T > ago (1d)", through: []))
        XCTAssertTrue(LeadingFilter.readsClock("where T < NOW()", through: []))
        XCTAssertFalse(LeadingFilter.readsClock("where Snow(1) == 2 or agony(3)", through: []))
        XCTAssertTrue(LeadingFilter.readsClock("where FileName == 'ago(1d)'", through: []), "text in quotes counts too: erring on the safe side")
        XCTAssertFalse(LeadingFilter.readsClock("where Agony == 1 and nowhere == 2", through: []))
        XCTAssertTrue(LeadingFilter.readsClock("where T > since", through: ["since"]))
        XCTAssertFalse(LeadingFilter.readsClock("where T > sincere", through: ["since"]))
    }

    func testClockTermsOfAnAndChainAreDroppedTheOthersKept() throws {
        let q = try compile("""
            DeviceProcessEvents
            | where Timestamp > ago(7d) and (FileName =~ "ps.exe" or FileName =~ "psexec.exe") and ProcessCommandLine has "-accepteula"
            | top 100 by Timestamp desc
            """)
        let f = try XCTUnwrap(q.leadingFilter)
        XCTAssertFalse(f.text.contains("ago("), f.text)
        XCTAssertTrue(f.text.contains("(FileName =~ \"ps.exe\" or FileName =~ \"psexec.exe\")"), f.text)
        let t = try XCTUnwrap(Schema.standard.table("DeviceProcessEvents"))
        func row(_ file: String, _ cmd: String) -> [Value] {
            var v = t.columns.map { Value.null(of: $0.type) }
            v[t.slot(of: "FileName")!] = .string(file)
            v[t.slot(of: "ProcessCommandLine")!] = .string(cmd)
            return v
        }
        let rows = [row("PsExec.exe", "psexec -accepteula \\\\h cmd"), row("ps.exe", "ps.exe -x"), row("cmd.exe", "-accepteula")]
        XCTAssertEqual(f.evaluate(["DeviceProcessEvents": rows]).count, 1, "or-groups stay whole: only the first row passes")
    }

    func testEveryPlaceReadingATableNeedsAFilterAndEachGivesOne() throws {
        // A self-join with a where on each side: two alternatives, a row is kept if either passes.
        let both = try compile("""
            let since = ago(1h);
            DeviceProcessEvents | where Timestamp > since and ProcessCommandLine contains "New-MailboxExportRequest"
            | summarize by DeviceName
            | join (DeviceProcessEvents | where ProcessCommandLine contains "Remove-MailboxExportRequest" | summarize by DeviceName) on DeviceName
            """)
        let fs = try XCTUnwrap(both.rowFilters["DeviceProcessEvents"])
        XCTAssertEqual(fs.count, 2)
        XCTAssertFalse(fs.contains { $0.text.contains("Timestamp > since") }, "the clock term is left out")
        // One side unfiltered: every row may matter.
        XCTAssertNil(try compile("""
            DeviceFileCertificateInfo | where Signer == 'x' | join DeviceFileEvents on SHA1
            """).rowFilters["DeviceFileEvents"])
        XCTAssertNotNil(try compile("""
            DeviceFileCertificateInfo | where Signer == 'x' | join DeviceFileEvents on SHA1
            """).rowFilters["DeviceFileCertificateInfo"])
        // A let read twice is two places in the plan but one in the text: no filter.
        XCTAssertNil(try compile("""
            let e = DeviceFileEvents | where FileName endswith '.eml';
            e | join (e | where FileSize > 10) on DeviceId
            """).rowFilters["DeviceFileEvents"])
        // A table read inside a function body: no filter.
        XCTAssertNil(try compile("""
            let f = (n:string) { DeviceFileEvents | where FileName == n };
            f("a.eml") | summarize count()
            """).rowFilters["DeviceFileEvents"])
    }

    func testAWhereWithASubqueryIsNoRowFilter() throws {
        // The subquery reads the table again: no single-row test can stand for it, and deriving
        // filters must not recurse into the filter's own text.
        let q = try compile("""
            DeviceFileEvents
            | where FolderPath endswith ".eml" and DeviceName in (DeviceFileEvents | where FolderPath endswith ".docx" | project DeviceName)
            | summarize n = count() by DeviceName
            """)
        XCTAssertTrue(q.windowed)
        XCTAssertNil(q.rowFilters["DeviceFileEvents"], "the main read's where is no row test, so every row is kept")
    }
}
