#if canImport(Glibc)
import Glibc
#endif

/// Maps 24-bit colours to what a terminal has.
enum ColorMap {
    /// Nearest xterm-256 index (6×6×6 cube or grey ramp).
    static func xterm256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        let levels = [0, 95, 135, 175, 215, 255]
        func nearestLevel(_ v: UInt8) -> Int {
            var best = 0
            for i in 1..<6 where abs(levels[i] - Int(v)) < abs(levels[best] - Int(v)) { best = i }
            return best
        }
        let ri = nearestLevel(r), gi = nearestLevel(g), bi = nearestLevel(b)
        let cube = 16 + 36 * ri + 6 * gi + bi
        let cubeDist = dist(r, g, b, levels[ri], levels[gi], levels[bi])
        let avg = (Int(r) + Int(g) + Int(b)) / 3
        let gi2 = max(0, min(23, (avg - 8 + 5) / 10))
        let grey = 8 + gi2 * 10
        return dist(r, g, b, grey, grey, grey) < cubeDist ? 232 + gi2 : cube
    }

    /// Nearest of the 8 basic ANSI colours.
    static func ansi8(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        let base = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229)]
        var best = 0, bestD = Int.max
        for (i, c) in base.enumerated() {
            let d = dist(r, g, b, c.0, c.1, c.2)
            if d < bestD { bestD = d; best = i }
        }
        return best
    }

    static func dist(_ r: UInt8, _ g: UInt8, _ b: UInt8, _ r2: Int, _ g2: Int, _ b2: Int) -> Int {
        let dr = Int(r) - r2, dg = Int(g) - g2, db = Int(b) - b2
        return dr * dr + dg * dg + db * db
    }

    static func monotonicMs() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}
