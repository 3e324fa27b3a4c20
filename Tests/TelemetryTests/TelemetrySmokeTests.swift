import XCTest
@testable import Telemetry

final class TelemetrySmokeTests: XCTestCase {
}
