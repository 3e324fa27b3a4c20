import Glibc
import KQL

/// `--replay SPEED`: event-time pacing (`10` or `10x` → Timestamp deltas ÷ 10) or a fixed rate
/// (`500/s` or `500rps`).
public enum ReplayMode: Sendable, Equatable {
    case speed(Double)
    case rowsPerSecond(Double)

    public init?(argument: String) {
        var s = Substring(argument.lowercased())
        if s.hasSuffix("/s") || s.hasSuffix("rps") {
            s = s.dropLast(s.hasSuffix("/s") ? 2 : 3)
            guard let r = Double(s), r > 0 else { return nil }
            self = .rowsPerSecond(r)
            return
        }
        if s.hasSuffix("x") { s = s.dropLast() }
        guard let v = Double(s), v > 0 else { return nil }
        self = .speed(v)
    }
}

/// Computes how long to wait before emitting each row. Time goes forward only: a row older
/// than one already emitted goes out at once. One gap never waits more than `maxGap` seconds.
public struct ReplayPacer: Sendable {
    public let mode: ReplayMode
    public let maxGap: Double
    private var startWall: Double?
    private var targetWall = 0.0
    private var lastTicks: Int64?
    private var rows = 0

    public init(mode: ReplayMode, maxGap: Double = 10) {
        self.mode = mode
        self.maxGap = maxGap
    }

    /// Seconds to sleep (≥ 0) before emitting a row with event time `ticks`, at wall time `now`.
    public mutating func delay(now: Double, ticks: Int64?) -> Double {
        guard let start = startWall else {
            startWall = now; targetWall = now; lastTicks = ticks; rows = 1
            return 0
        }
        switch mode {
        case .rowsPerSecond(let r):
            targetWall = start + Double(rows) / r
            rows += 1
        case .speed(let s):
            if let t = ticks {
                if let last = lastTicks {
                    if t > last {
                        targetWall += min(Double(t - last) / Double(Ticks.perSecond) / s, maxGap)
                        lastTicks = t
                    }
                } else {
                    lastTicks = t
                }
            }
        }
        return max(0, targetWall - now)
    }

    /// Sleeps as `delay` says.
    public mutating func pace(ticks: Int64?) {
        let d = delay(now: Self.monotonicNow(), ticks: ticks)
        if d > 0 { usleep(useconds_t(min(d, 3600) * 1_000_000)) }
    }

    public static func monotonicNow() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
