import Foundation

/// A VTIMEZONE (RFC 5545 §3.6.5) made from the system's time zone data
/// through Foundation's `TimeZone`: nothing about any zone is written here.
///
/// Each UTC-offset change in the span gets its own STANDARD or DAYLIGHT
/// sub-component with an explicit DTSTART (no RRULE), so the definition is
/// exactly what the time zone data says for the years the sessions fall in,
/// including years when the rules changed.
struct TimeZoneComponent: Equatable {
    /// One sub-component: from its onset on, local time is UTC + `offsetTo`.
    struct Observance: Equatable {
        var daylight: Bool
        /// The onset as the local time just before the change (UTC + `offsetFrom`), `YYYYMMDDTHHMMSS`.
        var start: String
        var offsetFrom: Int
        var offsetTo: Int
        var name: String

        var kind: String { daylight ? "DAYLIGHT" : "STANDARD" }
    }

    var identifier: String
    var observances: [Observance]

    /// The definition of `identifier` covering every day from `first` to `last`
    /// (whole days, in any offset). Names (TZNAME) are the zone's short names
    /// in `locale` when the system has them ("BST" in en-GB), else a `GMT+1` form.
    /// An unknown identifier is treated as UTC.
    init(identifier: String, from first: CalendarDate, to last: CalendarDate, locale: String) {
        self = TimeZoneTable(identifier: identifier, from: first, to: last, locale: locale).component(from: first, to: last)
    }

    init(identifier: String, observances: [Observance]) {
        self.identifier = identifier
        self.observances = observances
    }

    func write(to lines: inout ContentLines) {
        lines.begin("VTIMEZONE")
        lines.raw("TZID", identifier)
        for observance in observances {
            lines.begin(observance.kind)
            lines.raw("DTSTART", observance.start)
            lines.raw("TZOFFSETFROM", ICalendarText.offset(observance.offsetFrom))
            lines.raw("TZOFFSETTO", ICalendarText.offset(observance.offsetTo))
            lines.text("TZNAME", observance.name)
            lines.end(observance.kind)
        }
        lines.end("VTIMEZONE")
    }
}

/// A zone's offset changes over a span of days, looked up once: every
/// calendar of a site (one per course, thousands on a big site) takes its
/// VTIMEZONE from one table instead of asking the time zone data again.
struct TimeZoneTable: Sendable {
    let identifier: String
    let first: CalendarDate
    let last: CalendarDate
    /// Each change (seconds since 1970, UTC) with its observance, in order.
    private let changes: [(instant: Int, observance: TimeZoneComponent.Observance)]
    private let zone: TimeZone
    private let language: Locale

    /// Covers every span that lies within `first`...`last`.
    init(identifier: String, from first: CalendarDate, to last: CalendarDate, locale: String) {
        self.identifier = identifier
        self.first = first
        self.last = last
        let zone = TimeZone(identifier: identifier) ?? TimeZone(secondsFromGMT: 0) ?? TimeZone.gmt
        let language = Locale(identifier: locale)
        self.zone = zone
        self.language = language
        let (spanStart, spanEnd) = TimeZoneTable.bounds(first, last)
        // Search from a little over a year before the span, so the change in
        // force when the span starts is found too: every day of the span is then
        // covered by an observance.
        var cursor = Date(timeIntervalSince1970: TimeInterval(spanStart - 400 * 86400))
        var changes: [(Int, TimeZoneComponent.Observance)] = []
        while changes.count < 10_000, let next = zone.nextDaylightSavingTimeTransition(after: cursor),
            next > cursor, Int(next.timeIntervalSince1970.rounded(.down)) <= spanEnd
        {
            let change = Int(next.timeIntervalSince1970.rounded(.down))
            let from = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(change - 1)))
            let to = zone.secondsFromGMT(for: next)
            let daylight = zone.isDaylightSavingTime(for: next)
            changes.append(
                (
                    change,
                    TimeZoneComponent.Observance(
                        daylight: daylight, start: ICalendarText.dateTime(secondsSinceEpoch: change + from),
                        offsetFrom: from, offsetTo: to,
                        name: TimeZoneTable.name(zone, language, daylight: daylight, at: next, offset: to))
                ))
            cursor = next
        }
        self.changes = changes
    }

    /// Whole days in every offset: from the first day's start anywhere on
    /// Earth (UTC+14) to the last day's end anywhere (UTC-12).
    static func bounds(_ first: CalendarDate, _ last: CalendarDate) -> (Int, Int) {
        (first.daysSinceEpoch * 86400 - 14 * 3600, (last.daysSinceEpoch + 1) * 86400 + 12 * 3600)
    }

    static func name(_ zone: TimeZone, _ language: Locale, daylight: Bool, at instant: Date, offset: Int) -> String {
        let style: TimeZone.NameStyle = daylight ? .shortDaylightSaving : .shortStandard
        if let localized = zone.localizedName(for: style, locale: language), !localized.isEmpty {
            return localized
        }
        if let abbreviation = zone.abbreviation(for: instant), !abbreviation.isEmpty { return abbreviation }
        return "UTC" + ICalendarText.offset(offset)
    }

    func covers(_ from: CalendarDate, _ to: CalendarDate) -> Bool { first <= from && to <= last }

    /// The VTIMEZONE for `from`...`to`, which must lie within the table's span:
    /// the changes in it, and the one in force when it starts.
    func component(from: CalendarDate, to: CalendarDate) -> TimeZoneComponent {
        let (spanStart, spanEnd) = TimeZoneTable.bounds(from, to)
        var inSpan = changes.filter { $0.instant > spanStart - 400 * 86400 && $0.instant <= spanEnd }
        if let inForce = inSpan.lastIndex(where: { $0.instant <= spanStart }) { inSpan.removeFirst(inForce) }
        var observances = inSpan.map(\.observance)
        if observances.isEmpty {
            // No change in the span (a zone without daylight saving time): one
            // STANDARD observance from the start of the span.
            let instant = Date(timeIntervalSince1970: TimeInterval(spanStart))
            let offset = zone.secondsFromGMT(for: instant)
            observances.append(
                TimeZoneComponent.Observance(
                    daylight: false, start: ICalendarText.dateTime(secondsSinceEpoch: spanStart + offset),
                    offsetFrom: offset, offsetTo: offset,
                    name: TimeZoneTable.name(zone, language, daylight: false, at: instant, offset: offset)))
        }
        return TimeZoneComponent(identifier: identifier, observances: observances)
    }
}
