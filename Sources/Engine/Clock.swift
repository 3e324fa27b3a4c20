import Foundation
import KQL

enum Clock {
    /// The wall clock as datetime ticks.
    static func nowTicks() -> Int64 {
        Ticks.unixEpoch + Int64(Date().timeIntervalSince1970 * 1e7)
    }
}
