/// Datetime and timespan arithmetic on 100 ns ticks (spec §2.1: never Foundation `Date`).
public enum Ticks {
    public static let perMicrosecond: Int64 = 10
    public static let perMillisecond: Int64 = 10_000
    public static let perSecond: Int64 = 10_000_000
    public static let perMinute: Int64 = 600_000_000
    public static let perHour: Int64 = 36_000_000_000
    public static let perDay: Int64 = 864_000_000_000
    /// Ticks of 1970-01-01T00:00:00Z.
    public static let unixEpoch: Int64 = 621_355_968_000_000_000

    /// Days since 0001-01-01 for a proleptic Gregorian date.
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        // Howard Hinnant's days_from_civil, shifted from 1970 to year 1.
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468 + 719_162
    }

    /// (year, month, day) for days since 0001-01-01.
    public static func civil(days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days - 719_162 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }

    public static func datetime(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0,
                                second: Int = 0, fraction: Int64 = 0) -> Int64 {
        days(year: year, month: month, day: day) * perDay + Int64(hour) * perHour
            + Int64(minute) * perMinute + Int64(second) * perSecond + fraction
    }

    /// Parses ISO-8601 forms seen in telemetry and `datetime(...)` literals:
    /// `YYYY-MM-DD`, then optional `T` or space, `HH:MM[:SS[.f…]]` (0–9 fraction digits, rounded
    /// down to ticks), then optional `Z`, `+HH:MM`, `-HH:MM` or `+HHMM`. Nil when malformed.
    public static func parseDatetime<C: Collection>(_ bytes: C) -> Int64? where C.Element == UInt8 {
        var p = Cursor(bytes: Array(bytes))
        p.skipSpaces()
        guard let year = p.digits(4), p.eat(UInt8(ascii: "-")),
              let month = p.digits(2), p.eat(UInt8(ascii: "-")),
              let day = p.digits(2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction: Int64 = 0
        if p.eat(UInt8(ascii: "T")) || p.eat(UInt8(ascii: "t")) || (p.peek == 0x20 && p.peekDigit(at: 1)) {
            if p.peek == 0x20 { p.i += 1 }
            guard let h = p.digits(2), p.eat(UInt8(ascii: ":")), let mi = p.digits(2) else { return nil }
            hour = h; minute = mi
            if p.eat(UInt8(ascii: ":")) {
                guard let s = p.digits(2) else { return nil }
                second = s
                if p.eat(UInt8(ascii: ".")) {
                    var n = 0
                    var scale: Int64 = 1_000_000
                    while let d = p.digit() {
                        if n < 7 { fraction += Int64(d) * scale; scale /= 10 }
                        n += 1
                    }
                    if n == 0 { return nil }
                }
            }
            guard hour < 24, minute < 60, second < 60 else { return nil }
        }
        var offset: Int64 = 0
        p.skipSpaces()
        if p.eat(UInt8(ascii: "Z")) || p.eat(UInt8(ascii: "z")) {
        } else if let sign = p.peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            p.i += 1
            guard let oh = p.digits(2) else { return nil }
            _ = p.eat(UInt8(ascii: ":"))
            let om = p.digits(2) ?? 0
            offset = (Int64(oh) * perHour + Int64(om) * perMinute) * (sign == UInt8(ascii: "+") ? 1 : -1)
        }
        p.skipSpaces()
        guard p.atEnd else { return nil }
        return datetime(year: year, month: month, day: day, hour: hour, minute: minute,
                        second: second, fraction: fraction) - offset
    }

    public static func parseDatetime(_ s: String) -> Int64? { parseDatetime(Array(s.utf8)) }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `yyyy-MM-ddTHH:mm:ss.fffffffZ`, KQL's canonical datetime text.
    public static func formatDatetime(_ t: Int64) -> String {
        let days = floorDiv(t, perDay)
        let rem = t - days * perDay
        let (y, m, d) = civil(days: days)
        let h = rem / perHour, mi = (rem % perHour) / perMinute, s = (rem % perMinute) / perSecond
        let f = rem % perSecond
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(Int(h), 2)):\(pad(Int(mi), 2)):\(pad(Int(s), 2)).\(pad(Int(f), 7))Z"
    }

    /// `[-][d.]hh:mm:ss[.fffffff]`, KQL's canonical timespan text.
    public static func formatTimespan(_ t: Int64) -> String {
        let neg = t < 0
        let a = t.magnitude
        let d = a / UInt64(perDay), rem = a % UInt64(perDay)
        let h = rem / UInt64(perHour), mi = (rem % UInt64(perHour)) / UInt64(perMinute)
        let s = (rem % UInt64(perMinute)) / UInt64(perSecond), f = rem % UInt64(perSecond)
        var out = neg ? "-" : ""
        if d > 0 { out += "\(d)." }
        out += "\(pad(Int(h), 2)):\(pad(Int(mi), 2)):\(pad(Int(s), 2))"
        if f > 0 { out += ".\(pad(Int(f), 7))" }
        return out
    }

    /// Parses `[-][d.]hh:mm[:ss[.f…]]`; nil when malformed or out of range.
    public static func parseTimespan(_ s: String) -> Int64? {
        // Bound every number so the arithmetic below cannot overflow.
        guard s.utf8.count <= 40, !s.split(whereSeparator: { $0 == ":" || $0 == "." }).contains(where: { $0.count > 9 }) else { return nil }
        var text = Substring(s.trimmingSpaces)
        var sign: Int64 = 1
        if text.hasPrefix("-") { sign = -1; text = text.dropFirst() }
        var days: Int64 = 0
        if let dot = text.firstIndex(of: "."), let colon = text.firstIndex(of: ":"), dot < colon {
            guard let d = Int64(text[..<dot]) else { return nil }
            days = d
            text = text[text.index(after: dot)...]
        } else if !text.contains(":") {
            guard let d = Int64(text) else { return nil }
            return sign * d * perDay
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              let h = Int64(parts[0]), let m = Int64(parts[1]) else { return nil }
        var total = days * perDay + h * perHour + m * perMinute
        if parts.count == 3 {
            let secParts = parts[2].split(separator: ".", omittingEmptySubsequences: false)
            guard let sec = Int64(secParts[0]) else { return nil }
            total += sec * perSecond
            if secParts.count == 2 {
                var frac: Int64 = 0, scale: Int64 = 1_000_000
                for ch in secParts[1].prefix(7) {
                    guard let d = ch.wholeNumberValue else { return nil }
                    frac += Int64(d) * scale; scale /= 10
                }
                total += frac
            }
        }
        return sign * total
    }

    public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

private struct Cursor {
    let bytes: [UInt8]
    var i = 0
    var atEnd: Bool { i >= bytes.count }
    var peek: UInt8? { i < bytes.count ? bytes[i] : nil }
    func peekDigit(at k: Int) -> Bool {
        i + k < bytes.count && bytes[i + k] >= 0x30 && bytes[i + k] <= 0x39
    }
    mutating func eat(_ b: UInt8) -> Bool {
        if peek == b { i += 1; return true }
        return false
    }
    mutating func skipSpaces() { while peek == 0x20 { i += 1 } }
    mutating func digit() -> Int? {
        guard let b = peek, b >= 0x30, b <= 0x39 else { return nil }
        i += 1
        return Int(b - 0x30)
    }
    mutating func digits(_ n: Int) -> Int? {
        var v = 0
        for _ in 0..<n {
            guard let d = digit() else { return nil }
            v = v * 10 + d
        }
        return v
    }
}

extension String {
    /// Drops leading and trailing ASCII spaces, tabs and line breaks.
    public var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }
}
