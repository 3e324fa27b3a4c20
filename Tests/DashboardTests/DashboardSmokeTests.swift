import XCTest
@testable import Dashboard

final class DashboardSmokeTests: XCTestCase {
}
