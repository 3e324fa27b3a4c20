import Foundation
import KQL

/// Bridges to KQL's tick formatting.
enum KQLTicksFormat {
    static func format(_ t: Int64) -> String { Ticks.formatDatetime(t) }
}
