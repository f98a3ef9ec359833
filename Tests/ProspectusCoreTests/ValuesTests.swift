import Foundation
import Testing

@testable import ProspectusCore

@Suite("Values: dates, times, slugs and safe URLs")
struct ValuesTests {
    func date(_ y: Int, _ m: Int, _ d: Int) -> CalendarDate { CalendarDate(year: y, month: m, day: d)! }

    // MARK: CalendarDate

    @Test("a YYYY-MM-DD date parses into its parts")
    func parseDate() throws {
        let parsed = try #require(CalendarDate.parse("2026-10-05").successValue)
        #expect(parsed.year == 2026 && parsed.month == 10 && parsed.day == 5)
        #expect(parsed.iso == "2026-10-05")
        #expect(parsed.description == "2026-10-05")
    }

    @Test(
        "text that is not written YYYY-MM-DD is not a date",
        arguments: ["", "2026-10-5", "2026-1-05", "26-10-05", "2026/10/05", "05-10-2026", "2026-10-05T10:00", "2026-10", "+026-10-05",
                    "2026-1a-05", " 2026-10-05", "2026-10-05 ", "２０２６-10-05", "2026--10-05"]
    )
    func notADate(text: String) {
        #expect(CalendarDate.parse(text).failureValue == .notADate)
    }

    @Test(
        "well-formed dates that do not exist are impossible",
        arguments: ["2026-02-30", "2026-02-29", "1900-02-29", "2100-02-29", "2026-04-31", "2026-06-31", "2026-09-31",
                    "2026-11-31", "2026-13-01", "2026-00-10", "2026-10-00", "2026-12-32"]
    )
    func impossibleDate(text: String) {
        #expect(CalendarDate.parse(text).failureValue == .impossible)
    }

    @Test("29 February exists in leap years: divisible by 4, except centuries not divisible by 400")
    func leapYears() {
        #expect(CalendarDate.parse("2024-02-29").successValue != nil)
        #expect(CalendarDate.parse("2000-02-29").successValue != nil)
        #expect(CalendarDate.parse("2028-02-29").successValue != nil)
        #expect(CalendarDate.days(in: 2, of: 2026) == 28)
        #expect(CalendarDate.days(in: 2, of: 2024) == 29)
        #expect(CalendarDate.days(in: 2, of: 1900) == 28)
        #expect(CalendarDate.days(in: 2, of: 2000) == 29)
        #expect((1...12).map { CalendarDate.days(in: $0, of: 2026) } == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    }

    @Test("the memberwise initialiser refuses impossible dates")
    func initRefusesImpossible() {
        #expect(CalendarDate(year: 2026, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2026, month: 0, day: 1) == nil)
        #expect(CalendarDate(year: 2026, month: 1, day: 0) == nil)
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
    }

    @Test(
        "weekdays are right (0 = Monday ... 6 = Sunday)",
        arguments: [
            ("2026-10-05", 0),  // a Monday
            ("1970-01-01", 3),  // a Thursday
            ("2000-01-01", 5),  // a Saturday
            ("2024-02-29", 3),  // a Thursday
            ("2026-01-04", 6),  // a Sunday
            ("1969-12-31", 2),  // a Wednesday, before the epoch
        ]
    )
    func weekday(text: String, expected: Int) throws {
        #expect(try #require(CalendarDate.parse(text).successValue).weekdayIndex == expected)
    }

    @Test("days since the epoch round-trip through fromDaysSinceEpoch")
    func epochRoundTrip() {
        #expect(date(1970, 1, 1).daysSinceEpoch == 0)
        #expect(date(2026, 10, 5).daysSinceEpoch == 20731)
        #expect(date(1969, 12, 31).daysSinceEpoch == -1)
        for days in stride(from: -62_000, through: 84_000, by: 97) {  // 1800 to 2200
            #expect(CalendarDate.fromDaysSinceEpoch(days).daysSinceEpoch == days)
        }
        // Consecutive days are one apart across a leap day and a year end.
        #expect(date(2024, 3, 1).daysSinceEpoch - date(2024, 2, 29).daysSinceEpoch == 1)
        #expect(date(2027, 1, 1).daysSinceEpoch - date(2026, 12, 31).daysSinceEpoch == 1)
    }

    @Test("adding months keeps the day, or clamps it to the end of a shorter month")
    func addingMonths() {
        #expect(date(2026, 5, 1).adding(months: 12) == date(2027, 5, 1))
        #expect(date(2026, 10, 5).adding(months: 3) == date(2027, 1, 5))
        #expect(date(2026, 1, 31).adding(months: 1) == date(2026, 2, 28))
        #expect(date(2028, 1, 31).adding(months: 1) == date(2028, 2, 29))
        #expect(date(2024, 2, 29).adding(months: 12) == date(2025, 2, 28))
        #expect(date(2026, 3, 31).adding(months: 1) == date(2026, 4, 30))
        #expect(date(2026, 3, 15).adding(months: -3) == date(2025, 12, 15))
        #expect(date(2026, 1, 1).adding(months: 0) == date(2026, 1, 1))
    }

    @Test("dates compare by year, then month, then day")
    func dateOrdering() {
        #expect(date(2026, 12, 31) < date(2027, 1, 1))
        #expect(date(2026, 2, 28) < date(2026, 3, 1))
        #expect(date(2026, 3, 1) < date(2026, 3, 2))
        #expect(!(date(2026, 3, 1) < date(2026, 3, 1)))
        #expect([date(2027, 1, 1), date(2026, 1, 2), date(2026, 1, 1)].sorted().map(\.iso) == ["2026-01-01", "2026-01-02", "2027-01-01"])
    }

    @Test("today is taken in the college's time zone")
    func todayInTimeZone() {
        // 2026-06-30 23:30 UTC is already 1 July in London (BST) but still 30 June in New York.
        let instant = Date(timeIntervalSince1970: 1_782_862_200)
        #expect(Pipeline.today(instant, timezone: "UTC") == date(2026, 6, 30))
        #expect(Pipeline.today(instant, timezone: "Europe/London") == date(2026, 7, 1))
        #expect(Pipeline.today(instant, timezone: "America/New_York") == date(2026, 6, 30))
    }

    // MARK: TimeOfDay

    @Test(
        "HH:MM and H:MM times on the 24-hour clock parse",
        arguments: [("10:00", 10, 0), ("9:30", 9, 30), ("09:30", 9, 30), ("00:00", 0, 0), ("23:59", 23, 59), ("14:05", 14, 5)]
    )
    func parseTime(text: String, hour: Int, minute: Int) throws {
        let time = try #require(TimeOfDay.parse(text).successValue)
        #expect(time.hour == hour && time.minute == minute)
    }

    @Test("times print as HH:MM")
    func timeDescription() {
        #expect(TimeOfDay(hour: 9, minute: 5)?.description == "09:05")
        #expect(TimeOfDay(hour: 14, minute: 30)?.description == "14:30")
    }

    @Test("24:00, 25:00 and 12:60 are impossible times")
    func impossibleTimes() {
        for text in ["24:00", "25:00", "12:60", "99:99"] {
            #expect(TimeOfDay.parse(text).failureValue == .impossible, "\(text)")
        }
    }

    @Test(
        "text that is not written HH:MM is not a time",
        arguments: ["", "10", "1000", "10:0", "10:000", "100:00", "10.00", "10:00:00", "10am", "-1:00", " 10:00", "1O:00"]
    )
    func notATime(text: String) {
        #expect(TimeOfDay.parse(text).failureValue == .notADate)
    }

    @Test("times compare by minutes since midnight")
    func timeOrdering() {
        #expect(TimeOfDay(hour: 9, minute: 59)! < TimeOfDay(hour: 10, minute: 0)!)
        #expect(TimeOfDay(hour: 23, minute: 59)!.minutesSinceMidnight == 1439)
    }

    // MARK: Slug

    @Test(
        "valid slugs: lowercase letters, digits and single hyphens",
        arguments: ["a", "understanding-recovery", "course-101", "2026", "a-b-c", String(repeating: "x", count: 80)]
    )
    func validSlugs(text: String) {
        #expect(Slug.isValid(text))
    }

    @Test(
        "invalid slugs: empty, capitals, spaces, underscores, dots, slashes, leading/trailing/double hyphens, too long, non-ASCII",
        arguments: [
            "", "Understanding", "two words", "under_score", "a.b", "a/b", "../x", "-a", "a-", "a--b", "-",
            String(repeating: "x", count: 81), "café", "ａ", "a\u{0}", "a\n",
        ]
    )
    func invalidSlugs(text: String) {
        #expect(!Slug.isValid(text))
    }

    @Test(
        "Slug.make suggests a slug from a name",
        arguments: [
            ("Family and Friends", "family-and-friends"),
            ("  Hello, World!  ", "hello-world"),
            ("Understanding_Recovery", "understanding-recovery"),
            ("Course 101", "course-101"),
            ("--a--b--", "a-b"),
            ("!!!", ""),
        ]
    )
    func makeSlug(text: String, expected: String) {
        #expect(Slug.make(from: text) == expected)
    }

    @Test("Slug.make's suggestion is always a valid slug (or empty)")
    func makeAlwaysValid() {
        let samples = [
            "Family and Friends", "Ça va? Très bien", "A  B", "x", String(repeating: "a", count: 200),
        ]
        for text in samples {
            let made = Slug.make(from: text)
            #expect(made.isEmpty || Slug.isValid(made), "\(text) -> \(made)")
        }
    }

    @Test("Slug.make's suggestion for a long name never ends in a hyphen")
    func makeTruncatesAtHyphen() {
        // 79 letters then " b" would give 79 letters and "-b"; cut to 80 that ends in "-".
        // Eight "long word " pairs also end exactly on a hyphen at 80 characters.
        for text in [String(repeating: "a", count: 79) + " b", String(repeating: "long word ", count: 20)] {
            let made = Slug.make(from: text)
            #expect(Slug.isValid(made), "\(made)")
        }
    }

    // MARK: SafeURL

    @Test(
        "web, email and phone links and root-relative paths are allowed",
        arguments: [
            "https://example.org/", "http://example.org", "HTTPS://EXAMPLE.ORG/x", "https://example.org/a?b=c#d",
            "mailto:college@example.org", "tel:+441234567890", "/courses/x/", "  https://example.org/  ",
        ]
    )
    func safeURLAllowed(url: String) {
        #expect(SafeURL.isAllowed(url))
    }

    @Test(
        "script, data and file links, and anything that is not a full web address, are refused",
        arguments: [
            "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,<b>x</b>",
            "vbscript:msgbox(1)", "file:///etc/passwd", "ftp://example.org/", "//evil.example/x", "https:",
            "https://", "https:/example.org", "https://exa mple.org", "mailto:", "tel:", "example.org",
            "courses/x/", "", "about:blank",
        ]
    )
    func safeURLRefused(url: String) {
        #expect(!SafeURL.isAllowed(url))
    }

    @Test("AssetPath accepts paths that stay inside content/ and refuses the rest")
    func assetPaths() {
        for good in ["images/jo.jpg", "jo.jpg", "images/people/jo.jpg", "./images/jo.jpg"] {
            #expect(AssetPath.isSafe(good), "\(good)")
        }
        for bad in ["", "../jo.jpg", "images/../../jo.jpg", "/etc/passwd", "images\\jo.jpg", "C:/jo.jpg", "images//jo.jpg", "images/", "a\u{0}b"] {
            #expect(!AssetPath.isSafe(bad), "\(bad)")
        }
    }
}
