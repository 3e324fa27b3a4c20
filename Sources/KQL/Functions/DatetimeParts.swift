/// Calendar helpers over ticks for the datetime functions.
enum DatetimeParts {
    static func day(_ t: Int64) -> Int64 { Ticks.floorDiv(t, Ticks.perDay) }
    static func ymd(_ t: Int64) -> (year: Int, month: Int, day: Int) { Ticks.civil(days: day(t)) }
    /// 0 = Sunday … 6 = Saturday (0001-01-01 was a Monday).
    static func weekday(_ t: Int64) -> Int64 { ((day(t) + 1) % 7 + 7) % 7 }

    static func startOfDay(_ t: Int64) -> Int64 { day(t) * Ticks.perDay }
    static func startOfWeek(_ t: Int64) -> Int64 { (day(t) - weekday(t)) * Ticks.perDay }
    static func startOfMonth(_ t: Int64) -> Int64 {
        let (y, m, _) = ymd(t)
        return Ticks.days(year: y, month: m, day: 1) * Ticks.perDay
    }
    static func startOfYear(_ t: Int64) -> Int64 {
        Ticks.days(year: ymd(t).year, month: 1, day: 1) * Ticks.perDay
    }

    /// Adds whole months, clamping the day to the target month's length.
    static func addMonths(_ t: Int64, _ n: Int64) -> Int64? {
        let (y, m, d) = ymd(t)
        guard n.magnitude < 200_000 else { return nil }  // beyond year 9999 either way
        let total = Int64(y) * 12 + Int64(m - 1) + n
        let ny = Int(Ticks.floorDiv(total, 12)), nm = Int(total - Int64(ny) * 12) + 1
        guard (1...9999).contains(ny) else { return nil }
        let nd = min(d, Ticks.daysIn(month: nm, year: ny))
        return Ticks.days(year: ny, month: nm, day: nd) * Ticks.perDay + (t - startOfDay(t))
    }

    /// Length in ticks of fixed-size parts; nil for calendar parts (year, quarter, month).
    static func fixedUnit(_ part: String) -> Int64? {
        switch part {
        case "week": return 7 * Ticks.perDay
        case "day": return Ticks.perDay
        case "hour": return Ticks.perHour
        case "minute": return Ticks.perMinute
        case "second": return Ticks.perSecond
        case "millisecond": return Ticks.perMillisecond
        case "microsecond": return Ticks.perMicrosecond
        case "nanosecond": return 1
        default: return nil
        }
    }

    static let parts: Set<String> = ["year", "quarter", "month", "week", "day", "hour", "minute", "second",
                                     "millisecond", "microsecond", "nanosecond"]

    /// Calendar boundaries of `part` crossed from `b` to `a` (§6 `datetime_diff`).
    static func diff(_ part: String, _ a: Int64, _ b: Int64) -> Int64? {
        let (ya, ma, _) = ymd(a), (yb, mb, _) = ymd(b)
        switch part {
        case "year": return Int64(ya - yb)
        case "quarter": return Int64((ya * 4 + (ma - 1) / 3) - (yb * 4 + (mb - 1) / 3))
        case "month": return Int64((ya * 12 + ma) - (yb * 12 + mb))
        case "week": return (startOfWeek(a) - startOfWeek(b)) / (7 * Ticks.perDay)
        case "nanosecond": return (a &- b) &* 100
        default:
            guard let u = fixedUnit(part) else { return nil }
            return Ticks.floorDiv(a, u) - Ticks.floorDiv(b, u)
        }
    }

    static func add(_ part: String, _ n: Int64, _ t: Int64) -> Int64? {
        switch part {
        case "year": return n.magnitude < 20_000 ? addMonths(t, n * 12) : nil
        case "quarter": return n.magnitude < 80_000 ? addMonths(t, n * 3) : nil
        case "month": return addMonths(t, n)
        case "nanosecond": return t &+ n / 100
        default: return fixedUnit(part).map { t &+ n &* $0 }
        }
    }

    /// ISO 8601 week number.
    static func isoWeek(_ t: Int64) -> Int64 {
        let d = day(t)
        let wd = (weekday(t) + 6) % 7  // Monday = 0
        let thursday = d - wd + 3
        let y = Ticks.civil(days: thursday).year
        let jan1 = Ticks.days(year: y, month: 1, day: 1)
        return (thursday - jan1) / 7 + 1
    }

    static func part(_ part: String, _ t: Int64) -> Int64? {
        let (y, m, d) = ymd(t)
        let rem = t - startOfDay(t)
        switch part {
        case "year": return Int64(y)
        case "quarter": return Int64((m - 1) / 3 + 1)
        case "month": return Int64(m)
        case "week_of_year", "week": return isoWeek(t)
        case "day": return Int64(d)
        case "dayofyear": return day(t) - Ticks.days(year: y, month: 1, day: 1) + 1
        case "hour": return rem / Ticks.perHour
        case "minute": return rem % Ticks.perHour / Ticks.perMinute
        case "second": return rem % Ticks.perMinute / Ticks.perSecond
        case "millisecond": return rem % Ticks.perSecond / Ticks.perMillisecond
        case "microsecond": return rem % Ticks.perSecond / Ticks.perMicrosecond
        case "nanosecond": return rem % Ticks.perSecond * 100
        default: return nil
        }
    }

    /// `format_datetime` tokens: yyyy yy MM M dd d HH H hh h mm m ss s f… F… tt; others copied.
    static func format(_ t: Int64, _ fmt: String) -> String {
        let (y, mo, d) = ymd(t)
        let rem = t - startOfDay(t)
        let h = Int(rem / Ticks.perHour), mi = Int(rem % Ticks.perHour / Ticks.perMinute)
        let s = Int(rem % Ticks.perMinute / Ticks.perSecond), frac = Int(rem % Ticks.perSecond)
        let chars = Array(fmt)
        var out = ""
        var i = 0
        func pad(_ v: Int, _ w: Int) -> String {
            let t = String(v); return t.count >= w ? t : String(repeating: "0", count: w - t.count) + t
        }
        while i < chars.count {
            let c = chars[i]
            var n = 1
            while i + n < chars.count && chars[i + n] == c { n += 1 }
            switch c {
            case "y": out += n >= 4 ? pad(y, n) : pad(y % 100, n == 1 ? 1 : 2)
            case "M": out += pad(mo, min(n, 2))
            case "d": out += pad(d, min(n, 2))
            case "H": out += pad(h, min(n, 2))
            case "h": out += pad(h % 12 == 0 ? 12 : h % 12, min(n, 2))
            case "m": out += pad(mi, min(n, 2))
            case "s": out += pad(s, min(n, 2))
            case "f", "F":
                let digits = String(pad(frac, 7).prefix(min(n, 7)))
                out += c == "F" ? String(digits.reversed().drop { $0 == "0" }.reversed()) : digits
            case "t": out += n >= 2 ? (h < 12 ? "AM" : "PM") : (h < 12 ? "A" : "P")
            default: out += String(repeating: c, count: n)
            }
            i += n
        }
        return out
    }

    /// `format_timespan` tokens: d… days, hh/HH hours, mm minutes, ss seconds, f…/F… fraction.
    static func formatSpan(_ t: Int64, _ fmt: String) -> String {
        let neg = t < 0
        let a = t.magnitude
        let days = a / UInt64(Ticks.perDay), rem = a % UInt64(Ticks.perDay)
        let h = Int(rem / UInt64(Ticks.perHour)), mi = Int(rem % UInt64(Ticks.perHour) / UInt64(Ticks.perMinute))
        let s = Int(rem % UInt64(Ticks.perMinute) / UInt64(Ticks.perSecond)), frac = Int(rem % UInt64(Ticks.perSecond))
        func pad(_ v: Int, _ w: Int) -> String {
            let t = String(v); return t.count >= w ? t : String(repeating: "0", count: w - t.count) + t
        }
        let chars = Array(fmt)
        var out = neg ? "-" : ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            var n = 1
            while i + n < chars.count && chars[i + n] == c { n += 1 }
            switch c {
            case "d": out += pad(Int(days), n)
            case "h", "H": out += pad(h, min(n, 2))
            case "m": out += pad(mi, min(n, 2))
            case "s": out += pad(s, min(n, 2))
            case "f", "F":
                let digits = String(pad(frac, 7).prefix(min(n, 7)))
                out += c == "F" ? String(digits.reversed().drop { $0 == "0" }.reversed()) : digits
            default: out += String(repeating: c, count: n)
            }
            i += n
        }
        return out
    }
}
