import XCTest
@testable import Lineage

final class LineageSmokeTests: XCTestCase {
}
