/// Datetime functions (spec §5.5, §6). Datetimes are ticks; `now()` comes from the context.
extension Functions {
    static let datetime: [ScalarFunction] = [
        fn(["now"], [.timespan], optional: 1, result: .datetime) { a, ctx in
            if a.isEmpty { return .datetime(ctx.now) }
            guard let o = a[0].span else { return .null(.datetime) }
            return .datetime(ctx.now &+ o)
        },
        fn(["ago"], [.timespan], result: .datetime) { a, ctx in
            guard let t = a[0].span else { return .null(.datetime) }
            return .datetime(ctx.now &- t)
        },
        partFunction("datetime_diff", params: [.string, .datetime, .datetime], result: .long) { part, a in
            guard let x = a[1].ticks, let y = a[2].ticks else { return .null(.long) }
            return DatetimeParts.diff(part, x, y).map(Value.long) ?? .null(.long)
        },
        partFunction("datetime_add", params: [.string, .integer, .datetime], result: .datetime) { part, a in
            guard let n = a[1].i64, let t = a[2].ticks else { return .null(.datetime) }
            return DatetimeParts.add(part, n, t).map(Value.datetime) ?? .null(.datetime)
        },
        partFunction("datetime_part", params: [.string, .datetime], result: .long,
                     parts: DatetimeParts.parts.union(["week_of_year", "dayofyear"])) { part, a in
            guard let t = a[1].ticks else { return .null(.long) }
            return DatetimeParts.part(part, t).map(Value.long) ?? .null(.long)
        },
        startOf(["startofday"]) { t, n in DatetimeParts.startOfDay(t) &+ n &* Ticks.perDay },
        startOf(["startofweek"]) { t, n in DatetimeParts.startOfWeek(t) &+ n &* 7 &* Ticks.perDay },
        startOf(["startofmonth"]) { t, n in DatetimeParts.addMonths(DatetimeParts.startOfMonth(t), n) },
        startOf(["startofyear"]) { t, n in n.magnitude < 20_000 ? DatetimeParts.addMonths(DatetimeParts.startOfYear(t), n * 12) : nil },
        startOf(["endofday"]) { t, n in DatetimeParts.startOfDay(t) &+ (n &+ 1) &* Ticks.perDay &- 1 },
        startOf(["endofweek"]) { t, n in DatetimeParts.startOfWeek(t) &+ (n &+ 1) &* 7 &* Ticks.perDay &- 1 },
        startOf(["endofmonth"]) { t, n in DatetimeParts.addMonths(DatetimeParts.startOfMonth(t), n &+ 1).map { $0 - 1 } },
        startOf(["endofyear"]) { t, n in
            n.magnitude < 20_000 ? DatetimeParts.addMonths(DatetimeParts.startOfYear(t), (n + 1) * 12).map { $0 - 1 } : nil
        },
        fn(["dayofweek"], [.datetime], result: .timespan) { a, _ in
            a[0].ticks.map { .timespan(DatetimeParts.weekday($0) * Ticks.perDay) } ?? .null(.timespan)
        },
        datePart(["dayofmonth"], "day"),
        datePart(["dayofyear"], "dayofyear"),
        datePart(["hourofday"], "hour"),
        datePart(["monthofyear", "getmonth"], "month"),
        datePart(["getyear"], "year"),
        datePart(["weekofyear", "week_of_year"], "week_of_year"),
        fn(["format_datetime"], [.datetime, .string], result: .string) { a, _ in
            guard let t = a[0].ticks else { return .emptyString }
            return .string(DatetimeParts.format(t, a[1].str))
        },
        fn(["format_timespan"], [.timespan, .string], result: .string) { a, _ in
            guard let t = a[0].span else { return .emptyString }
            return .string(DatetimeParts.formatSpan(t, a[1].str))
        },
        unixTime(["unixtime_seconds_todatetime"], Ticks.perSecond),
        unixTime(["unixtime_milliseconds_todatetime"], Ticks.perMillisecond),
        unixTime(["unixtime_microseconds_todatetime"], Ticks.perMicrosecond),
        unixTime(["unixtime_nanoseconds_todatetime"], 0),
        fn(["make_datetime"], [.integer, .integer, .integer, .integer, .integer, .number], optional: 3,
           result: .datetime) { a, _ in
            let ints = a.prefix(5).map(\.i64)
            guard !ints.contains(where: { $0 == nil }) else { return .null(.datetime) }
            let v = ints.map { Int($0!) }
            let (y, m, d) = (v[0], v[1], v[2])
            let h = v.count > 3 ? v[3] : 0, mi = v.count > 4 ? v[4] : 0
            let sec = a.count > 5 ? (a[5].dbl ?? -1) : 0
            guard (1...9999).contains(y), (1...12).contains(m), d >= 1, d <= Ticks.daysIn(month: m, year: y),
                  (0..<24).contains(h), (0..<60).contains(mi), sec >= 0, sec < 60 else { return .null(.datetime) }
            let secTicks = Int64((sec * Double(Ticks.perSecond)).rounded(.down))
            return .datetime(Ticks.datetime(year: y, month: m, day: d, hour: h, minute: mi) + secTicks)
        },
        fn(["make_timespan"], [.integer, .integer, .integer, .number], optional: 2, result: .timespan) { a, _ in
            // (hours, minutes) / (hours, minutes, seconds) / (days, hours, minutes, seconds)
            let n = a.map(\.dbl)
            guard !n.contains(where: { $0 == nil }) else { return .null(.timespan) }
            let v = n.map { $0! }
            let units: [Int64] = a.count == 4 ? [Ticks.perDay, Ticks.perHour, Ticks.perMinute, Ticks.perSecond]
                                              : [Ticks.perHour, Ticks.perMinute, Ticks.perSecond]
            let total = zip(v, units).reduce(0.0) { $0 + $1.0 * Double($1.1) }
            guard total.isFinite, abs(total) < 9.2e18 else { return .null(.timespan) }
            return .timespan(Int64(total))
        },
    ].flatMap { $0 }

    /// A function whose first argument is a datetime part name; a constant part is validated at bind.
    static func partFunction(_ name: String, params: [Param], result: KQLType,
                             parts: Set<String> = DatetimeParts.parts,
                             _ body: @escaping @Sendable (String, [Value]) -> Value) -> [ScalarFunction] {
        custom([name], arity: params.count...params.count) { info in
            if let e = check(name, params, info) { return .failure(e) }
            if let c = info.constants.first ?? nil, let p = c.stringPayload {
                let part = p.lowercased()
                guard parts.contains(part) else {
                    return .failure(FunctionBindError("Argument 1 of '\(name)' must be one of \(parts.sorted().joined(separator: ", ")); got \"\(p)\".", argument: 0))
                }
                return .success((result, { a, _ in body(part, a) }))
            }
            return .success((result, { a, _ in body(a[0].str.lowercased(), a) }))
        }
    }

    static func startOf(_ names: [String], _ f: @escaping @Sendable (Int64, Int64) -> Int64?) -> [ScalarFunction] {
        fn(names, [.datetime, .integer], optional: 1, result: .datetime) { a, _ in
            guard let t = a[0].ticks else { return .null(.datetime) }
            let n = a.count > 1 ? a[1].i64 : 0
            guard let n else { return .null(.datetime) }
            return f(t, n).map(Value.datetime) ?? .null(.datetime)
        }
    }

    static func datePart(_ names: [String], _ part: String) -> [ScalarFunction] {
        fn(names, [.datetime], result: .long) { a, _ in
            guard let t = a[0].ticks, let v = DatetimeParts.part(part, t) else { return .null(.long) }
            return .long(v)
        }
    }

    /// Unix time → datetime; `perUnit` 0 means nanoseconds.
    static func unixTime(_ names: [String], _ perUnit: Int64) -> [ScalarFunction] {
        fn(names, [.number], result: .datetime) { a, _ in
            if perUnit == 0 { return a[0].i64.map { .datetime(Ticks.unixEpoch &+ $0 / 100) } ?? .null(.datetime) }
            if let l = a[0].int64Value { return .datetime(Ticks.unixEpoch &+ l &* perUnit) }
            guard let d = a[0].dbl, d.isFinite else { return .null(.datetime) }
            let t = d * Double(perUnit)
            guard abs(t) < 3e18 else { return .null(.datetime) }
            return .datetime(Ticks.unixEpoch + Int64(t))
        }
    }
}
