/// Value conversions behind `tolong`, `todouble`, `tobool`, `todatetime`, `totimespan`, `toguid`.
enum Conversions {
    static func toLong(_ v: Value) -> Int64? {
        switch v.unwrapped {
        case .int(let i): return Int64(i)
        case .long(let l): return l
        case .real(let r): return r.isFinite && abs(r) < 9.2e18 ? Int64(r) : nil
        case .bool(let b): return b ? 1 : 0
        case .datetime(let t), .timespan(let t): return t
        case .string(let s):
            let t = s.trimmingSpaces
            if let l = Int64(t) { return l }
            // Decimal text with a fraction or exponent truncates toward zero.
            if let d = toReal(.string(t)), d.isFinite, abs(d) < 9.2e18 { return Int64(d) }
            return nil
        default: return nil
        }
    }

    static func toReal(_ v: Value) -> Double? {
        switch v.unwrapped {
        case .int(let i): return Double(i)
        case .long(let l): return Double(l)
        case .real(let r): return r
        case .bool(let b): return b ? 1 : 0
        case .datetime(let t), .timespan(let t): return Double(t)
        case .string(let s):
            let t = s.trimmingSpaces
            switch t.lowercased() {
            case "nan": return .nan
            case "inf", "+inf", "infinity", "+infinity": return .infinity
            case "-inf", "-infinity": return -.infinity
            default: break
            }
            // Only plain decimal/exponent text (Swift's Double(String) also takes hex and "nan").
            guard !t.isEmpty, t.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || "+-.eE".utf8.contains($0) }) else { return nil }
            return Double(t)
        default: return nil
        }
    }

    static func toBool(_ v: Value) -> Bool? {
        switch v.unwrapped {
        case .bool(let b): return b
        case .int, .long, .real: return v.unwrapped.doubleValue.map { $0 != 0 }
        case .string(let s):
            switch s.trimmingSpaces.lowercased() {
            case "true", "1": return true
            case "false", "0": return false
            default: return nil
            }
        default: return nil
        }
    }

    static func toDatetime(_ v: Value) -> Int64? {
        switch v.unwrapped {
        case .datetime(let t): return t
        case .string(let s): return Ticks.parseDatetime(s)
        default: return nil
        }
    }

    static func toTimespan(_ v: Value) -> Int64? {
        switch v.unwrapped {
        case .timespan(let t): return t
        case .int, .long: return v.unwrapped.int64Value
        case .string(let s): return parseTimespanText(s)
        default: return nil
        }
    }

    /// `[-][d.]hh:mm[:ss[.f]]` or a literal form such as `1d`, `2.5h`, `100ms`, `1tick`.
    static func parseTimespanText(_ s: String) -> Int64? {
        let t = s.trimmingSpaces
        if t.contains(":") { return parseClockTimespan(t) }
        let scalars = Array(t.unicodeScalars)
        var i = 0
        if i < scalars.count && (scalars[i] == "-" || scalars[i] == "+") { i += 1 }
        while i < scalars.count && (scalars[i].properties.numericType != nil && scalars[i].isASCII || scalars[i] == ".") { i += 1 }
        guard i > 0, let n = Double(String(String.UnicodeScalarView(scalars[0..<i]))) else { return nil }
        let unit = String(String.UnicodeScalarView(scalars[i...]))
        let per: Int64
        switch unit {
        case "d", "day", "days": per = Ticks.perDay
        case "h", "hr", "hrs", "hour", "hours": per = Ticks.perHour
        case "m", "min", "minute", "minutes": per = Ticks.perMinute
        case "s", "sec", "second", "seconds": per = Ticks.perSecond
        case "ms", "milli", "millis", "millisec", "millisecond", "milliseconds": per = Ticks.perMillisecond
        case "micro", "micros", "microsec", "microsecond", "microseconds": per = Ticks.perMicrosecond
        case "tick", "ticks": per = 1
        case "nano", "nanos", "nanosec", "nanosecond", "nanoseconds":
            return n.isFinite && abs(n) < 9e20 ? Int64(n / 100) : nil
        case "": return Int64(n * Double(Ticks.perDay))  // bare number = days
        default: return nil
        }
        let r = n * Double(per)
        return r.isFinite && abs(r) < 9.2e18 ? Int64(r) : nil
    }

    /// `[-][d.]hh:mm[:ss[.fffffff]]` with overflow checks (input is attacker-controlled text).
    static func parseClockTimespan(_ s: String) -> Int64? {
        var text = Substring(s)
        var sign: Int64 = 1
        if text.first == "-" { sign = -1; text = text.dropFirst() }
        func num(_ x: Substring) -> Int64? {
            guard !x.isEmpty, x.count <= 12, x.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return Int64(x)
        }
        var days: Int64 = 0
        if let dot = text.firstIndex(of: "."), let colon = text.firstIndex(of: ":"), dot < colon {
            guard let d = num(text[..<dot]) else { return nil }
            days = d
            text = text[text.index(after: dot)...]
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, let h = num(parts[0]), let m = num(parts[1]) else { return nil }
        var sec: Int64 = 0, frac: Int64 = 0
        if parts.count == 3 {
            let sp = parts[2].split(separator: ".", omittingEmptySubsequences: false)
            guard sp.count <= 2, let s0 = num(sp[0]) else { return nil }
            sec = s0
            if sp.count == 2 {
                guard !sp[1].isEmpty, sp[1].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
                var scale: Int64 = 1_000_000
                for c in sp[1].utf8.prefix(7) { frac += Int64(c - 0x30) * scale; scale /= 10 }
            }
        }
        var total: Int64 = frac
        for (v, unit) in [(days, Ticks.perDay), (h, Ticks.perHour), (m, Ticks.perMinute), (sec, Ticks.perSecond)] {
            let (p, o1) = v.multipliedReportingOverflow(by: unit)
            let (t, o2) = total.addingReportingOverflow(p)
            if o1 || o2 { return nil }
            total = t
        }
        return sign * total
    }

    /// Canonical lower-case guid text, or nil unless `8-4-4-4-12` hex digits.
    static func toGuid(_ v: Value) -> String? {
        switch v.unwrapped {
        case .guid(let g): return g
        case .string(let s):
            let t = s.trimmingSpaces.lowercased()
            let b = Array(t.utf8)
            guard b.count == 36 else { return nil }
            for (i, c) in b.enumerated() {
                if [8, 13, 18, 23].contains(i) { if c != UInt8(ascii: "-") { return nil } }
                else if URLCoding.hex(c) == nil { return nil }
            }
            return t
        default: return nil
        }
    }
}
