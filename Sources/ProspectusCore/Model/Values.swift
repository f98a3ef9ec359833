/// A value together with where it was written, so checks that run long after
/// decoding (a reference to a trainer, a session date) can still point at the line.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourceLocation?

    public init(_ value: Value, at location: SourceLocation?) {
        self.value = value
        self.location = location
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}

/// A calendar day with no time zone: session dates, term dates and consent
/// dates are days in the college's own calendar, never instants.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CalendarDate.days(in: month, of: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public enum ParseFailure: Error { case notADate, impossible }

    /// Parses `YYYY-MM-DD`.
    public static func parse(_ text: String) -> Result<CalendarDate, ParseFailure> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return .failure(.notADate) }
        guard let date = CalendarDate(year: year, month: month, day: day) else { return .failure(.impossible) }
        return .success(date)
    }

    public static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for weekday and interval maths.
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil algorithm.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public static func fromDaysSinceEpoch(_ days: Int) -> CalendarDate {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        // The arithmetic always yields a valid day.
        return CalendarDate(year: y, month: m, day: d) ?? CalendarDate.epoch
    }

    static let epoch = CalendarDate(uncheckedYear: 1970, month: 1, day: 1)

    private init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// 0 = Monday ... 6 = Sunday.
    public var weekdayIndex: Int {
        // 1970-01-01 was a Thursday (index 3).
        ((daysSinceEpoch % 7) + 7 + 3) % 7
    }

    /// The same day `months` later, clamped to the month's last day.
    public func adding(months: Int) -> CalendarDate {
        let total = year * 12 + (month - 1) + months
        let newYear = total / 12
        let newMonth = total % 12 + 1
        let newDay = min(day, CalendarDate.days(in: newMonth, of: newYear))
        return CalendarDate(uncheckedYear: newYear, month: newMonth, day: newDay)
    }

    public var iso: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public var description: String { iso }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// A time of day on the 24-hour clock, `HH:MM`.
public struct TimeOfDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    public static func parse(_ text: String) -> Result<TimeOfDay, CalendarDate.ParseFailure> {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            let hour = Int(parts[0]), let minute = Int(parts[1])
        else { return .failure(.notADate) }
        guard let time = TimeOfDay(hour: hour, minute: minute) else { return .failure(.impossible) }
        return .success(time)
    }

    public var minutesSinceMidnight: Int { hour * 60 + minute }

    public var description: String {
        (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool {
        lhs.minutesSinceMidnight < rhs.minutesSinceMidnight
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

/// Ids are slugs: lowercase letters, digits and single hyphens, at most 80
/// characters. They become folder names in the output, so anything else
/// (spaces, dots, slashes) could break a URL or escape the output folder.
public enum Slug {
    public static let maxLength = 80

    public static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= maxLength else { return false }
        var previousWasHyphen = true  // a leading hyphen is not allowed
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                previousWasHyphen = false
            case UInt8(ascii: "-"):
                if previousWasHyphen { return false }
                previousWasHyphen = true
            default:
                return false
            }
        }
        return !previousWasHyphen
    }

    /// A suggested slug for a text: `Family and Friends` becomes `family-and-friends`.
    public static func make(from text: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen && !result.isEmpty { result.append("-") }
                result.unicodeScalars.append(scalar)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        var slug = String(result.prefix(maxLength))
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug
    }
}

/// Links a coordinator writes (websites, booking pages, Easy Read files).
public enum SafeURL {
    /// Only web links, email and phone links, and links within the site. Anything
    /// else (`javascript:`, `data:`, `file:`) could run code or leak data.
    public static func isAllowed(_ text: String) -> Bool {
        // Browsers drop tabs and newlines inside URLs and read `\` as `/`, so
        // `/\evil.example` would leave the site: refuse them outright.
        if text.contains(where: { $0 == "\\" || ($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) }) {
            return false
        }
        let trimmed = text.trimmedSpaces
        if trimmed.hasPrefix("/") && !trimmed.hasPrefix("//") { return true }
        guard let colon = trimmed.firstIndex(of: ":") else { return false }
        let scheme = trimmed[..<colon].lowercased()
        let rest = trimmed[trimmed.index(after: colon)...]
        switch scheme {
        case "http", "https": return rest.hasPrefix("//") && rest.count > 2 && !rest.contains(" ")
        case "mailto", "tel": return !rest.isEmpty
        default: return false
        }
    }
}

import Foundation
