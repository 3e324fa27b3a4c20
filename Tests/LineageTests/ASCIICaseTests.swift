import XCTest
@testable import Lineage

/// Image names compare with ASCII case folding only.
final class ASCIICaseTests: XCTestCase {
    func reference(_ a: String, _ b: String) -> Bool {
        let fold = { (c: UInt8) in c >= 65 && c <= 90 ? c | 0x20 : c }
        return a.utf8.map(fold) == b.utf8.map(fold)
    }

    func testAgreesWithByteWiseFolding() {
        let names = ["", "a", "A", "ping.exe", "PING.EXE", "Ping.Exe", "ping.ex", "ping.exe ",
                     "svchost.exe", "SVCHOST.EXE", "C:\\Windows\\System32\\svchost.exe", "c:\\windows\\system32\\SVCHOST.exe",
                     "é.exe", "É.exe", "[.exe", "{.exe", "@", "`", "straße.exe", "STRASSE.EXE"]
        for a in names {
            for b in names {
                XCTAssertEqual(ASCIICase.equal(a, b), reference(a, b), "\(a) vs \(b)")
                // Substrings made into Strings take another storage path.
                let sa = String(("x" + a).dropFirst()), sb = String(Substring(b))
                XCTAssertEqual(ASCIICase.equal(sa, sb), reference(a, b), "\(a) vs \(b) (copies)")
            }
        }
    }
}
