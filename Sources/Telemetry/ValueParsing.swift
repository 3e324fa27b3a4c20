import Glibc
import KQL

/// Parsers from bytes to typed scalars; none of them allocate on the common forms.
enum ValueParsing {
    enum Number { case long(Int64), real(Double) }

    /// A JSON-style number; integers that overflow Int64 become reals.
    static func number(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Number? {
        guard s < e else { return nil }
        var i = s
        var neg = false
        if p[i] == 0x2D { neg = true; i += 1 } else if p[i] == 0x2B { i += 1 }
        guard i < e else { return nil }
        var v: UInt64 = 0
        var overflow = false
        var digits = 0
        while i < e, p[i] >= 0x30, p[i] <= 0x39 {
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(p[i] - 0x30))
            overflow = overflow || o1 || o2
            v = a
            i += 1; digits += 1
        }
        if i == e && digits > 0 && !overflow {
            if neg && v <= UInt64(Int64.max) + 1 { return .long(Int64(truncatingIfNeeded: 0 &- v)) }
            if !neg && v <= UInt64(Int64.max) { return .long(Int64(v)) }
        }
        return real(p, s, e).map { .real($0) }
    }

    static func real(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Double? {
        let n = e - s
        guard n > 0, n < 64 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: n + 1) { buf -> Double? in
            for k in 0..<n { buf[k] = CChar(bitPattern: p[s + k]) }
            buf[n] = 0
            var endp: UnsafeMutablePointer<CChar>? = nil
            let d = strtod(buf.baseAddress!, &endp)
            guard let endp, endp - buf.baseAddress! == n else { return nil }
            return d
        }
    }

    /// Decimal or `0x` hex integer text (Sysmon writes LogonId in hex).
    static func long(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Int64? {
        var s = s, e = e
        while s < e && ByteScan.isSpace(p[s]) { s += 1 }
        while e > s && ByteScan.isSpace(p[e - 1]) { e -= 1 }
        if e - s > 2, p[s] == 0x30, p[s + 1] | 0x20 == 0x78 {
            var v: UInt64 = 0
            guard e - s - 2 <= 16 else { return nil }
            for k in (s + 2)..<e {
                guard let d = HexDigit.value(p[k]) else { return nil }
                v = v << 4 | UInt64(d)
            }
            return Int64(bitPattern: v)
        }
        switch number(p, s, e) {
        case .long(let l): return l
        case .real(let r): return r == r.rounded() && abs(r) < 9.2e18 ? Int64(r) : nil
        case nil: return nil
        }
    }

    static func bool(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Bool? {
        let n = e - s
        if n == 1 { return p[s] == 0x31 ? true : (p[s] == 0x30 ? false : nil) }
        if n == 4, p[s] | 0x20 == 0x74, p[s + 1] | 0x20 == 0x72, p[s + 2] | 0x20 == 0x75, p[s + 3] | 0x20 == 0x65 { return true }
        if n == 5, p[s] | 0x20 == 0x66, p[s + 1] | 0x20 == 0x61, p[s + 2] | 0x20 == 0x6C,
           p[s + 3] | 0x20 == 0x73, p[s + 4] | 0x20 == 0x65 { return false }
        return nil
    }

    /// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, optionally in braces; lower-cased.
    static func guid(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> String? {
        var s = s, e = e
        if e - s == 38, p[s] == 0x7B, p[e - 1] == 0x7D { s += 1; e -= 1 }
        guard e - s == 36 else { return nil }
        var out = [UInt8](repeating: 0, count: 36)
        for k in 0..<36 {
            let c = p[s + k]
            if k == 8 || k == 13 || k == 18 || k == 23 {
                guard c == 0x2D else { return nil }
                out[k] = c
            } else {
                let l = c | 0x20
                guard (l >= 0x30 && l <= 0x39) || (l >= 0x61 && l <= 0x66) else { return nil }
                out[k] = (c >= 0x30 && c <= 0x39) ? c : l
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Datetime text to ticks: a fast path for `YYYY-MM-DD[T ]HH:MM:SS[.f*][Z|±HH:MM]`,
    /// everything else through `Ticks.parseDatetime`.
    static func datetime(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Int64? {
        if let t = fastDatetime(p, s, e) { return t }
        return Ticks.parseDatetime(UnsafeBufferPointer(start: p + s, count: max(0, e - s)))
    }

    @inline(__always)
    private static func d2(_ p: UnsafePointer<UInt8>, _ i: Int) -> Int? {
        let a = Int(p[i]) - 48, b = Int(p[i + 1]) - 48
        guard a >= 0, a <= 9, b >= 0, b <= 9 else { return nil }
        return a * 10 + b
    }

    static func fastDatetime(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Int64? {
        guard e - s >= 19 else { return nil }
        guard let c = d2(p, s), let y = d2(p, s + 2), p[s + 4] == 0x2D, let mo = d2(p, s + 5), p[s + 7] == 0x2D,
              let d = d2(p, s + 8), p[s + 10] == 0x54 || p[s + 10] == 0x20,
              let h = d2(p, s + 11), p[s + 13] == 0x3A, let mi = d2(p, s + 14), p[s + 16] == 0x3A,
              let se = d2(p, s + 17) else { return nil }
        let year = c * 100 + y
        guard (1...12).contains(mo), d >= 1, d <= Ticks.daysIn(month: mo, year: year),
              h < 24, mi < 60, se < 60 else { return nil }
        var i = s + 19
        var frac: Int64 = 0
        if i < e && p[i] == 0x2E {
            i += 1
            var n = 0
            var scale: Int64 = 1_000_000
            while i < e, p[i] >= 0x30, p[i] <= 0x39 {
                if n < 7 { frac += Int64(p[i] - 0x30) * scale; scale /= 10 }
                n += 1; i += 1
            }
            if n == 0 { return nil }
        }
        var offset: Int64 = 0
        if i < e {
            if p[i] == 0x5A && i + 1 == e {
                i += 1
            } else if (p[i] == 0x2B || p[i] == 0x2D) && e - i == 6 && p[i + 3] == 0x3A,
                      let oh = d2(p, i + 1), let om = d2(p, i + 4) {
                offset = (Int64(oh) * Ticks.perHour + Int64(om) * Ticks.perMinute) * (p[i] == 0x2B ? 1 : -1)
                i = e
            } else {
                return nil
            }
        }
        return Ticks.datetime(year: year, month: mo, day: d, hour: h, minute: mi, second: se, fraction: frac) - offset
    }
}
