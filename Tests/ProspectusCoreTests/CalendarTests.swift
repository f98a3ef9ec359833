import Foundation
import Testing

@testable import ProspectusCore

/// The calendars of a fixture site, read back as content lines.
private struct RenderedCalendars {
    let files: [OutputFile]

    init(_ fixture: SiteFixture = SiteFixture(), includeDrafts: Bool = false) throws {
        let (site, diagnostics) = fixture.decode()
        let decoded = try #require(site, "the fixture does not decode: \(diagnostics.map(\.message))")
        let published = decoded.courses.filter { includeDrafts || $0.status != .draft }
        files = CalendarFeed.files(site: decoded, published: published)
    }

    var paths: [String] { files.map(\.path) }

    func raw(_ path: String = "calendar.ics") throws -> String {
        let file = try #require(files.first { $0.path == path }, "no \(path)")
        return String(decoding: file.contents, as: UTF8.self)
    }

    /// Logical content lines (unfolded), without their CRLF.
    func lines(_ path: String = "calendar.ics") throws -> [String] {
        var text = ICalendarText.unfold(try raw(path))
        if text.hasSuffix("\r\n") { text.removeLast() }
        return text.components(separatedBy: "\r\n")
    }

    /// Each VEVENT as its content lines.
    func events(_ path: String = "calendar.ics") throws -> [[String]] {
        var events: [[String]] = []
        var current: [String]?
        for line in try lines(path) {
            if line == "BEGIN:VEVENT" {
                current = []
            } else if line == "END:VEVENT" {
                if let done = current { events.append(done) }
                current = nil
            } else {
                current?.append(line)
            }
        }
        return events
    }
}

/// The value of the first property called `name` (with or without parameters).
private func value(_ name: String, in lines: [String]) -> String? {
    for line in lines where line.hasPrefix(name + ":") || line.hasPrefix(name + ";") {
        guard let colon = line.firstIndex(of: ":") else { continue }
        return String(line[line.index(after: colon)...])
    }
    return nil
}

/// The whole line of the first property called `name`.
private func property(_ name: String, in lines: [String]) -> String? {
    lines.first { $0.hasPrefix(name + ":") || $0.hasPrefix(name + ";") }
}

/// The physical lines of a calendar, split on CRLF.
private func physicalLines(_ text: String) -> [Substring] {
    var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
    if lines.last == "" { lines.removeLast() }
    return lines
}

/// Every calendar test, so `swift test --filter CalendarTests` runs them all.
@Suite("Calendars (RFC 5545)")
enum CalendarTests {}

extension CalendarTests {
    @Suite("RFC 5545 text: escaping and folding")
    struct Text {
        @Test("a short content line is written as it is, ending in CRLF")
        func shortLineUnchanged() {
            #expect(ICalendarText.fold("SUMMARY:Hope") == "SUMMARY:Hope\r\n")
        }

        @Test("a line of exactly 75 octets is not folded; 76 octets fold after the 75th")
        func foldsAfterSeventyFiveOctets() {
            let exact = String(repeating: "a", count: 75)
            #expect(ICalendarText.fold(exact) == exact + "\r\n")
            let longer = String(repeating: "a", count: 76)
            #expect(ICalendarText.fold(longer) == exact + "\r\n a\r\n")
        }

        @Test("continuation lines start with one space and hold at most 74 octets of the line")
        func continuationLinesCountTheirSpace() {
            let line = String(repeating: "x", count: 75 + 74 + 10)
            let folded = physicalLines(ICalendarText.fold(line))
            #expect(folded.map(\.utf8.count) == [75, 75, 11])
            #expect(folded.dropFirst().allSatisfy { $0.hasPrefix(" ") && !$0.hasPrefix("  ") })
        }

        @Test(
            "a multi-byte character that would cross octet 75 moves whole to the next line",
            arguments: [("é", 2), ("€", 3), ("🙂", 4)])
        func multiByteAtBoundary(character: String, width: Int) throws {
            #expect(character.utf8.count == width)
            // The character would take octets 75...(74 + width): it cannot fit, so line one stops at 74.
            let line = String(repeating: "a", count: 74) + character + "bc"
            let folded = ICalendarText.fold(line)
            let lines = physicalLines(folded)
            #expect(lines.count == 2)
            #expect(lines[0] == Substring(String(repeating: "a", count: 74)))
            #expect(lines[1] == Substring(" " + character + "bc"))
            // Every physical line is valid UTF-8 on its own: nothing was split.
            for physical in Data(folded.utf8).split(separator: Data("\r\n".utf8)) {
                #expect(String(validating: physical, as: UTF8.self) != nil)
            }
            #expect(ICalendarText.unfold(folded) == line + "\r\n")
        }

        @Test(
            "a multi-byte character that ends exactly at octet 75 stays on the first line",
            arguments: ["é", "€", "🙂"])
        func multiByteEndingAtBoundary(character: String) {
            let line = String(repeating: "a", count: 75 - character.utf8.count) + character + "z"
            let lines = physicalLines(ICalendarText.fold(line))
            #expect(lines.map(\.utf8.count) == [75, 2])
            #expect(lines[0].hasSuffix(character))
            #expect(lines[1] == " z")
        }

        @Test("long text in any script folds into valid lines of at most 75 octets that unfold to the original")
        func foldingRoundTrips() {
            let samples = [
                "DESCRIPTION:" + String(repeating: "Rückkehr zur Genesung — ", count: 12),
                "SUMMARY:" + String(repeating: "回復への道。", count: 30),
                "LOCATION:" + String(repeating: "👩🏽‍🤝‍👩🏻 café, ", count: 20),
            ]
            for sample in samples {
                let folded = ICalendarText.fold(sample)
                for physical in Data(folded.utf8).split(separator: Data("\r\n".utf8)) {
                    #expect(physical.count <= 75)
                    #expect(String(validating: physical, as: UTF8.self) != nil)
                }
                #expect(ICalendarText.unfold(folded) == sample + "\r\n")
            }
        }

        @Test("TEXT values escape backslash, semicolon and comma, and write line breaks as \\n")
        func escaping() {
            #expect(ICalendarText.escape(#"a\b;c,d"#) == #"a\\b\;c\,d"#)
            #expect(ICalendarText.escape("one\ntwo\r\nthree\rfour") == #"one\ntwo\nthree\nfour"#)
            #expect(ICalendarText.escape("colon: fine") == "colon: fine")
        }

        @Test("control characters TEXT does not allow are dropped; a tab stays")
        func controlCharactersDropped() {
            #expect(ICalendarText.escape("a\u{0}b\u{7}c\u{7F}d\te") == "abcd\te")
        }

        @Test("unescaping gives back the original text")
        func unescapeRoundTrips() {
            let text = "Hope, recovery; and \\ more\nnext line"
            #expect(ICalendarText.unescape(ICalendarText.escape(text)) == text)
        }

        @Test("UTC offsets are written ±HHMM, with seconds only when there are some, and zero as +0000")
        func offsets() {
            #expect(ICalendarText.offset(0) == "+0000")
            #expect(ICalendarText.offset(3600) == "+0100")
            #expect(ICalendarText.offset(-18000) == "-0500")
            #expect(ICalendarText.offset(34200) == "+0930")
            #expect(ICalendarText.offset(-75) == "-000115")
        }

        @Test("a parameter value with a colon, semicolon or comma is quoted")
        func parameterQuoting() {
            #expect(ICalendarText.parameterValue("Europe/London") == "Europe/London")
            #expect(ICalendarText.parameterValue("a:b") == "\"a:b\"")
            #expect(ICalendarText.parameterValue("a\"b") == "ab")
        }
    }

    @Suite("VTIMEZONE from the system's time zone data")
    struct TimeZones {
        static let first = CalendarDate(year: 2025, month: 10, day: 5)!
        static let last = CalendarDate(year: 2028, month: 1, day: 11)!

        /// Whether `date` is the last Sunday of its month.
        static func isLastSunday(_ date: CalendarDate) -> Bool {
            date.weekdayIndex == 6 && date.day + 7 > CalendarDate.days(in: date.month, of: date.year)
        }

        static func day(_ onset: String) throws -> CalendarDate {
            let digits = Array(onset.prefix(8))
            let year = try #require(Int(String(digits[0..<4])))
            let month = try #require(Int(String(digits[4..<6])))
            let day = try #require(Int(String(digits[6..<8])))
            return try #require(CalendarDate(year: year, month: month, day: day))
        }

        @Test("Europe/London: BST starts at 01:00 GMT on the last Sunday of March and ends at 02:00 BST on the last Sunday of October")
        func londonTransitions() throws {
            let zone = TimeZoneComponent(identifier: "Europe/London", from: Self.first, to: Self.last, locale: "en-GB")
            let daylight = zone.observances.filter(\.daylight)
            let standard = zone.observances.filter { !$0.daylight }
            #expect(daylight.map(\.start) == ["20250330T010000", "20260329T010000", "20270328T010000"])
            #expect(standard.map(\.start) == ["20251026T020000", "20261025T020000", "20271031T020000"])
            for observance in zone.observances {
                #expect(Self.isLastSunday(try Self.day(observance.start)), "\(observance.start) is not a last Sunday")
            }
            #expect(daylight.allSatisfy { $0.offsetFrom == 0 && $0.offsetTo == 3600 && $0.name == "BST" })
            #expect(standard.allSatisfy { $0.offsetFrom == 3600 && $0.offsetTo == 0 && $0.name == "GMT" })
            #expect(daylight.allSatisfy { (try? Self.day($0.start).month) == 3 })
            #expect(standard.allSatisfy { (try? Self.day($0.start).month) == 10 })
        }

        @Test("the change in force when the span starts is included, so every day of the span is covered")
        func spanStartIsCovered() {
            let zone = TimeZoneComponent(identifier: "Europe/London", from: Self.first, to: Self.last, locale: "en-GB")
            let starts = zone.observances.map(\.start)
            #expect(starts.first.map { $0 <= "20251005T000000" } == true)
            #expect(starts.last.map { $0 <= "20280111T000000" } == true)
            #expect(starts == starts.sorted())
        }

        @Test("a zone without daylight saving time (Asia/Tokyo) has one STANDARD observance at +0900")
        func tokyoHasOneStandardObservance() {
            let zone = TimeZoneComponent(identifier: "Asia/Tokyo", from: Self.first, to: Self.last, locale: "en-GB")
            #expect(zone.observances.count == 1)
            let only = zone.observances.first
            #expect(only?.daylight == false)
            #expect(only?.offsetFrom == 9 * 3600)
            #expect(only?.offsetTo == 9 * 3600)
            #expect(only.map { $0.start <= "20251005T000000" } == true)
            #expect(only?.name.isEmpty == false)
        }

        @Test("a zone south of the equator (Australia/Sydney) has daylight saving time in October and standard time in April")
        func southernHemisphere() {
            let zone = TimeZoneComponent(identifier: "Australia/Sydney", from: Self.first, to: Self.last, locale: "en-GB")
            #expect(zone.observances.filter(\.daylight).allSatisfy { $0.start.dropFirst(4).hasPrefix("10") && $0.offsetTo == 11 * 3600 })
            #expect(zone.observances.filter { !$0.daylight }.allSatisfy { $0.start.dropFirst(4).hasPrefix("04") && $0.offsetTo == 10 * 3600 })
            #expect(zone.observances.count >= 4)
        }

        @Test("the site calendar carries the college's zone, covering a year either side of the sessions")
        func calendarCarriesZone() throws {
            let lines = try RenderedCalendars().lines()
            #expect(lines.contains("X-WR-TIMEZONE:Europe/London"))
            #expect(lines.contains("TZID:Europe/London"))
            let onsets = lines.filter { $0.hasPrefix("DTSTART:") }.map { String($0.dropFirst(8)) }
            // Sessions run from 2026-10-05 to 2027-01-11.
            #expect(onsets.first.map { $0 <= "20251005T000000" } == true)
            #expect(onsets.contains("20271031T020000"))
            #expect(lines.contains("TZNAME:BST"))
            let begin = try #require(lines.firstIndex(of: "BEGIN:VTIMEZONE"))
            let firstEvent = try #require(lines.firstIndex(of: "BEGIN:VEVENT"))
            #expect(begin < firstEvent)
        }

        @Test("a college in Asia/Tokyo gets a single STANDARD component and events in its zone")
        func tokyoCollege() throws {
            var fixture = SiteFixture()
            fixture.college = Fixture.college.swapping("timezone: Europe/London", "timezone: Asia/Tokyo")
            let calendars = try RenderedCalendars(fixture)
            let lines = try calendars.lines()
            #expect(lines.filter { $0 == "BEGIN:STANDARD" }.count == 1)
            #expect(!lines.contains("BEGIN:DAYLIGHT"))
            #expect(lines.contains("TZOFFSETFROM:+0900"))
            #expect(lines.contains("TZOFFSETTO:+0900"))
            #expect(lines.contains("DTSTART;TZID=Asia/Tokyo:20261005T100000"))
        }
    }

    @Suite("calendar.ics and course.ics")
    struct Feeds {
        @Test("there is one site calendar and one calendar per published course; drafts are left out")
        func filePaths() throws {
            var fixture = SiteFixture()
            fixture[.courses, "a-draft"] = Fixture.secondCourse.swapping("title: Building Hope", "title: A draft\nstatus: draft")
            let calendars = try RenderedCalendars(fixture)
            #expect(
                calendars.paths == [
                    "calendar.ics", "courses/building-hope/course.ics", "courses/understanding-recovery/course.ics",
                ])
            let withDrafts = try RenderedCalendars(fixture, includeDrafts: true)
            #expect(withDrafts.paths.contains("courses/a-draft/course.ics"))
            let draft = try #require(withDrafts.events("courses/a-draft/course.ics").first)
            #expect(value("STATUS", in: draft) == "TENTATIVE")
        }

        @Test("the calendar header names the product, the college and the edition")
        func header() throws {
            let calendars = try RenderedCalendars()
            let lines = try calendars.lines()
            #expect(Array(lines.prefix(7)) == [
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Prospectus//Riverside Recovery College//EN",
                "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:Riverside Recovery College 2026-27",
                "X-WR-TIMEZONE:Europe/London",
            ])
            #expect(lines.last == "END:VCALENDAR")
            let course = try calendars.lines("courses/understanding-recovery/course.ics")
            #expect(course.contains("X-WR-CALNAME:Understanding Recovery — Riverside Recovery College 2026-27"))
        }

        @Test("every physical line ends in CRLF and is at most 75 octets")
        func wireFormat() throws {
            var fixture = SiteFixture()
            fixture[.courses, "understanding-recovery"] = Fixture.course.swapping(
                "summary: What recovery means and how we each find our own way.",
                "summary: Qu’est-ce que le rétablissement? Ce que signifie la guérison, et comment chacun trouve son chemin — ensemble.")
            for file in try RenderedCalendars(fixture).files {
                let text = String(decoding: file.contents, as: UTF8.self)
                #expect(text.hasSuffix("END:VCALENDAR\r\n"))
                #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "\(file.path) has a bare LF")
                #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"), "\(file.path) has a bare CR")
                for line in file.contents.split(separator: UInt8(ascii: "\n")) {
                    #expect(line.count <= 76, "\(file.path): a line of \(line.count - 1) octets")
                }
            }
        }

        @Test("each session is one event with its start and end in the college's zone")
        func eventsPerSession() throws {
            let calendars = try RenderedCalendars()
            let events = try calendars.events()
            #expect(events.count == 3)
            let first = try #require(events.first { value("UID", in: $0)?.hasPrefix("understanding-recovery-20261005") == true })
            #expect(property("DTSTART", in: first) == "DTSTART;TZID=Europe/London:20261005T100000")
            #expect(property("DTEND", in: first) == "DTEND;TZID=Europe/London:20261005T120000")
            #expect(value("SUMMARY", in: first) == "Understanding Recovery")
            #expect(value("URL", in: first) == "https://recovery.example.org/courses/understanding-recovery/")
            #expect(value("CATEGORIES", in: first) == "Living well")
            #expect(value("STATUS", in: first) == "CONFIRMED")
            #expect(value("DESCRIPTION", in: first) == "What recovery means and how we each find our own way.")
            #expect(try calendars.events("courses/understanding-recovery/course.ics").count == 2)
            #expect(try calendars.events("courses/building-hope/course.ics").count == 1)
        }

        @Test("DTSTAMP comes from the course's last review date, never the clock")
        func stampFromContent() throws {
            let events = try RenderedCalendars().events()
            #expect(events.allSatisfy { value("DTSTAMP", in: $0) == "20260601T000000Z" })
        }

        @Test("UIDs are the course, the day, the start time and the site's host, and are unique")
        func uidFormatAndUniqueness() throws {
            let events = try RenderedCalendars().events()
            let uids = events.compactMap { value("UID", in: $0) }
            #expect(uids == [
                "building-hope-20270111-1400@recovery.example.org",
                "understanding-recovery-20261005-1000@recovery.example.org",
                "understanding-recovery-20261012-1000@recovery.example.org",
            ])
            #expect(Set(uids).count == uids.count)
        }

        @Test("a session's UID is the same in the site calendar and the course calendar, build after build")
        func uidStable() throws {
            let one = try RenderedCalendars(), two = try RenderedCalendars()
            let site = try one.events().compactMap { value("UID", in: $0) }
            let course = try one.events("courses/understanding-recovery/course.ics").compactMap { value("UID", in: $0) }
            #expect(course.allSatisfy(site.contains))
            #expect(try two.events().compactMap { value("UID", in: $0) } == site)
        }

        @Test("adding a session does not change the UIDs of the others")
        func uidStableWhenSessionsAreAdded() throws {
            var fixture = SiteFixture()
            fixture[.courses, "understanding-recovery"] = Fixture.course.swapping(
                "  - {date: 2026-10-05,",
                "  - {date: 2026-09-28, start: \"10:00\", end: \"12:00\", venue: riverside-hub, mode: onsite}\n  - {date: 2026-10-05,")
            let before = Set(try RenderedCalendars().events().compactMap { value("UID", in: $0) })
            let after = Set(try RenderedCalendars(fixture).events().compactMap { value("UID", in: $0) })
            #expect(before.isSubset(of: after))
            #expect(after.count == before.count + 1)
        }

        @Test("two sessions of a course starting at the same moment still get different UIDs")
        func uidUniqueForClashingSessions() throws {
            var fixture = SiteFixture()
            fixture[.courses, "understanding-recovery"] = Fixture.course.swapping(
                "  - {date: 2026-10-12,",
                "  - {date: 2026-10-05, start: \"10:00\", end: \"11:00\", venue: riverside-hub, mode: onsite}\n  - {date: 2026-10-12,")
            let uids = try RenderedCalendars(fixture).events().compactMap { value("UID", in: $0) }
            #expect(Set(uids).count == uids.count)
            #expect(uids.contains("understanding-recovery-20261005-1000-2@recovery.example.org"))
        }

        @Test("a cancelled course's sessions are published with STATUS:CANCELLED and no booking link")
        func cancelled() throws {
            var fixture = SiteFixture()
            fixture[.courses, "understanding-recovery"] = Fixture.course.swapping("status: open", "status: cancelled")
                .swapping("next_steps:", "booking: {url: \"https://recovery.example.org/enrol\"}\nnext_steps:")
            let calendars = try RenderedCalendars(fixture)
            for path in ["calendar.ics", "courses/understanding-recovery/course.ics"] {
                let events = try calendars.events(path).filter { value("UID", in: $0)?.hasPrefix("understanding-recovery") == true }
                #expect(events.count == 2)
                #expect(events.allSatisfy { value("STATUS", in: $0) == "CANCELLED" })
                #expect(events.allSatisfy { value("DESCRIPTION", in: $0)?.hasPrefix(#"This course is cancelled.\n\n"#) == true })
                #expect(events.allSatisfy { value("DESCRIPTION", in: $0)?.contains("Book:") == false })
            }
            let other = try #require(calendars.events().first { value("UID", in: $0)?.hasPrefix("building-hope") == true })
            #expect(value("STATUS", in: other) == "CONFIRMED")
        }

        @Test("a full course is still CONFIRMED")
        func fullIsConfirmed() throws {
            var fixture = SiteFixture()
            fixture[.courses, "understanding-recovery"] = Fixture.course.swapping("status: open", "status: full")
            let events = try RenderedCalendars(fixture).events("courses/understanding-recovery/course.ics")
            #expect(events.allSatisfy { value("STATUS", in: $0) == "CONFIRMED" })
        }

        @Test("a course with a booking link says where to book, with site-relative links made absolute")
        func bookingLink() throws {
            var fixture = SiteFixture()
            fixture[.courses, "understanding-recovery"] = Fixture.course.swapping(
                "next_steps:", "booking: {url: \"https://recovery.example.org/enrol?course=ur\"}\nnext_steps:")
            fixture[.courses, "building-hope"] = Fixture.secondCourse.swapping(
                "coproduction:", "booking: {url: \"/enrol\"}\ncoproduction:")
            let calendars = try RenderedCalendars(fixture)
            let recovery = try #require(calendars.events("courses/understanding-recovery/course.ics").first)
            #expect(value("DESCRIPTION", in: recovery)
                == #"What recovery means and how we each find our own way.\n\nBook: https://recovery.example.org/enrol?course=ur"#)
            let hope = try #require(calendars.events("courses/building-hope/course.ics").first)
            #expect(value("DESCRIPTION", in: hope)?.hasSuffix("Book: https://recovery.example.org/enrol") == true)
        }

        @Test("a physical venue's location is its name, address and postcode, escaped")
        func physicalLocation() throws {
            let event = try #require(RenderedCalendars().events("courses/understanding-recovery/course.ics").first)
            #expect(value("LOCATION", in: event) == #"Riverside Hub\, 1 High Street\, Riverside\, RV1 1AA"#)
        }

        @Test("an online venue's location is just \"Online\"")
        func onlineLocation() throws {
            var fixture = SiteFixture()
            fixture[.venues, "video-room"] = """
                ---
                name: Video room
                online: true
                online_info: {platform: Zoom, how_to_join: We email a link., tech_help: Call us.}
                ---
                Join from home.

                """
            fixture[.courses, "building-hope"] = Fixture.secondCourse.swapping("venue: riverside-hub}", "venue: video-room, mode: online}")
            let event = try #require(RenderedCalendars(fixture).events("courses/building-hope/course.ics").first)
            #expect(value("LOCATION", in: event) == "Online")
            #expect(try !RenderedCalendars(fixture).raw().contains("Zoom"))
        }

        @Test("no trainer's name or id appears in any calendar, consented or not")
        func noTrainerNames() throws {
            for file in try RenderedCalendars().files {
                let text = ICalendarText.unfold(String(decoding: file.contents, as: UTF8.self))
                for name in ["Jo Bloggs", "Bloggs", "Sam Patel", "Patel", "jo-bloggs", "sam-patel", "Peer trainer", "peer-trainer", "07700"] {
                    #expect(!text.contains(name), "\(file.path) contains \(name)")
                }
            }
        }

        @Test("events are ordered by course id, then date and time, whatever order the content lists them in")
        func ordering() throws {
            var fixture = SiteFixture()
            fixture[.courses, "understanding-recovery"] = Fixture.course.swapping(
                "  - {date: 2026-10-05, start: \"10:00\", end: \"12:00\", venue: riverside-hub, mode: onsite}\n", ""
            ).swapping(
                "places: 16",
                "  - {date: 2026-10-05, start: \"10:00\", end: \"12:00\", venue: riverside-hub, mode: onsite}\n  - {date: 2026-10-05, start: \"09:00\", end: \"09:30\", venue: riverside-hub, mode: onsite}\nplaces: 16")
            let uids = try RenderedCalendars(fixture).events().compactMap { value("UID", in: $0) }
            #expect(uids.map { $0.split(separator: "@").first.map(String.init) ?? "" } == [
                "building-hope-20270111-1400", "understanding-recovery-20261005-0900",
                "understanding-recovery-20261005-1000", "understanding-recovery-20261012-1000",
            ])
        }

        @Test("the calendars are byte-identical from one run to the next")
        func deterministic() throws {
            let one = try RenderedCalendars().files, two = try RenderedCalendars().files
            #expect(one.map(\.path) == two.map(\.path))
            #expect(one.map(\.contents) == two.map(\.contents))
        }

        @Test("text with commas, semicolons and line breaks is escaped in SUMMARY and DESCRIPTION")
        func textEscapedInEvents() throws {
            var fixture = SiteFixture()
            fixture[.courses, "building-hope"] = Fixture.secondCourse.swapping("title: Building Hope", "title: \"Hope; together, again\"")
                .swapping("summary: Finding hope again.", "summary: \"Finding hope again,\\nwith others; a \\\\ b.\"")
            let event = try #require(RenderedCalendars(fixture).events("courses/building-hope/course.ics").first)
            #expect(value("SUMMARY", in: event) == #"Hope\; together\, again"#)
            #expect(value("DESCRIPTION", in: event) == #"Finding hope again\,\nwith others\; a \\ b."#)
        }

        @Test("a course without sessions still gets a valid calendar: the time zone, no events")
        func courseWithoutSessions() throws {
            var fixture = SiteFixture()
            fixture[.courses, "one-to-one"] = Fixture.secondCourse.swapping("format: workshop", "format: coaching")
                .removingLine(startingWith: "sessions:").removingLine(startingWith: "  - {date: 2027-01-11")
            let calendars = try RenderedCalendars(fixture)
            let lines = try calendars.lines("courses/one-to-one/course.ics")
            #expect(lines.contains("BEGIN:VTIMEZONE"))
            #expect(!lines.contains("BEGIN:VEVENT"))
        }

        @Test("the privacy scan view joins folded lines and unescapes, so a folded or escaped name is found")
        func privacyScanView() throws {
            var fixture = SiteFixture()
            // "DESCRIPTION:" and 58 characters put "Jo Bloggs" across the 75th octet.
            let padding = String(repeating: "word ", count: 11) + "and"
            fixture[.courses, "building-hope"] = Fixture.secondCourse.swapping(
                "summary: Finding hope again.", "summary: \"\(padding)Jo Bloggs and Bloggs, Jo\"")
            let calendars = try RenderedCalendars(fixture)
            let file = try #require(calendars.files.first { $0.path == "courses/building-hope/course.ics" })
            let view = CalendarFeed.privacyScanView(of: file)
            #expect(view.path == file.path)
            let text = String(decoding: view.contents, as: UTF8.self)
            #expect(text.contains("Bloggs, Jo"))
            #expect(text.contains("Jo Bloggs"))
            let raw = String(decoding: file.contents, as: UTF8.self)
            #expect(!raw.contains("Bloggs, Jo"))
            #expect(!raw.contains("Jo Bloggs"))
        }
    }
}
