import XCTest
@testable import KQL

final class KQLSmokeTests: XCTestCase {
}
