import Foundation

/// The prospectus as RFC 5545 calendars: `calendar.ics` with every session of
/// every published course, and `courses/<id>/course.ics` for each course.
///
/// The output depends only on the content (and the system's time zone data):
/// DTSTAMP is the course's `last_reviewed` date, never the clock, so a build
/// is byte-identical run to run. Trainers are never named in a calendar: a
/// calendar is copied and forwarded beyond the site, and the site names
/// trainers only with their consent.
public enum CalendarFeed {
    /// The path of the whole-prospectus calendar.
    public static let siteCalendarPath = "calendar.ics"

    /// The path of one course's calendar.
    public static func coursePath(_ courseID: String) -> String { "courses/\(courseID)/course.ics" }

    /// Every calendar file of the site. `published` are the courses the build
    /// publishes (drafts only with --drafts); cancelled courses are included,
    /// their sessions marked STATUS:CANCELLED so calendars that hold them are updated.
    /// (A whole set, made afresh. A build uses `add`, which reuses unchanged
    /// courses; both write through `siteCalendarBytes` and `courseCalendar`.)
    public static func files(site: Site, published: [Course]) -> [OutputFile] {
        let feed = CalendarWriter(site: site)
        let courses = published.sorted { $0.id < $1.id }
        let blocks = courses.map { feed.eventBlock(for: $0) }
        var files = [
            OutputFile(path: siteCalendarPath, contents: feed.siteCalendarBytes(blocks: blocks, courses: courses))
        ]
        for (course, block) in zip(courses, blocks) {
            files.append(
                OutputFile(
                    path: coursePath(course.id),
                    text: feed.courseCalendar(course, block: block)))
        }
        return files
    }

    /// The calendars of a render: each course's calendar made on every core,
    /// or reused from the memo when the course and its venues are unchanged.
    static func add(site: Site, published: [Course], keys: RenderKeys, memo: RenderMemo, to out: inout SiteRenderer.Rendered) {
        let feed = CalendarWriter(site: site)
        let courses = published.sorted { $0.id < $1.id }
        let siteKey = keys.combine(keys.global, keys.allCourses)
        // The site calendar lists every course: a quick pass leaves it as it was.
        let siteCalendar = memo.reuseShared(siteCalendarPath, key: siteKey)
        // Each course's VEVENTs are written once, for its own calendar and for
        // the site's, and kept in the memo: when one course changes, the site's
        // calendar is the other courses' blocks as they were, joined.
        // Course calendars are made, scanned and written 512 at a time (as course
        // pages are), so a big site's 10,000 calendars and their scan views are
        // never all in memory at once; only the event blocks are kept, for the
        // site's calendar.
        var blocks: [String]? = []
        blocks?.reserveCapacity(courses.count)
        // Each block's name, key, length and hash, for the build cache (RenderMemo.Span).
        var pieces: [(name: String, key: UInt64, length: Int, hash: UInt64)] = []
        let recordsSpans = out.recordsSpans
        for batch in stride(from: 0, to: courses.count, by: 512) {
            let part = Array(courses[batch..<min(batch + 512, courses.count)])
            let made = parallelMap(part) {
                course -> (path: String, key: UInt64, reused: RenderMemo.Reuse?, block: String?, hash: UInt64, copied: Bool, text: String?) in
                let path = coursePath(course.id)
                let key = keys.course[course.id] ?? 0
                let reused = memo.reuse(path, key: key)
                let name = "events/" + course.id
                // Both calendars reused (a cached build): nothing to write for this course.
                if reused != nil && siteCalendar.reused != nil && memo.fragment(name, key: key) == nil {
                    return (path, key, reused, nil, 0, false, nil)
                }
                // Unchanged: the block this session kept, or as the last build's calendar.ics has it.
                let kept = memo.keptFragment(name, key: key)
                let block = kept?.html ?? feed.eventBlock(for: course)
                let hash = recordsSpans ? RenderMemo.Span.hash(block) : 0
                let copied = kept?.copied ?? false
                if reused != nil { return (path, key, reused, block, hash, copied, nil) }
                let text = feed.courseCalendar(course, block: block)
                return (path, key, nil, block, hash, copied, text)
            }
            for (course, item) in zip(part, made) {
                if let block = item.block {
                    out.remember("events/" + course.id, key: item.key, html: block)
                    pieces.append(("events/" + course.id, item.key, block.utf8.count, item.hash))
                }
                if item.copied { out.copiedEvents += 1 }
                // A block is nil only when the site calendar is reused, so it is not needed.
                blocks?.append(item.block ?? "")
                out.add(item.path, key: item.key, reused: item.reused) { item.text }
            }
            out.flush()
        }
        var size: Int?
        out.addBytes(siteCalendarPath, shared: siteCalendar) {
            // Handed over, so that each block is freed once it is copied into the calendar.
            let data = feed.siteCalendarBytes(blocks: blocks.take() ?? [], courses: courses)
            size = data.count
            return data
        }
        if let size {
            // Made now: the blocks sit between the header and the footer, in order.
            var offset = size - CalendarWriter.footer.utf8.count - pieces.reduce(0) { $0 + $1.length }
            for piece in pieces {
                out.noteSpan(piece.name, key: piece.key, in: siteCalendarPath, at: offset, length: piece.length, hash: piece.hash)
                offset += piece.length
            }
        } else if siteCalendar.reused != nil && !siteCalendar.stale {
            // Linked or kept whole: its blocks are where the last build put them.
            for course in courses { out.carrySpan("events/" + course.id, key: keys.course[course.id] ?? 0, memo: memo) }
        }
        blocks = nil
        StageTimes.measure("site calendar: scanned and written") { out.flush() }
    }

    /// A calendar file as a person reads it: folded lines joined and TEXT values
    /// unescaped. A name folded across two lines, or written `Bloggs\, Jo`, is
    /// not found by a byte search of the file itself; pass this view of each
    /// calendar to the privacy scan as well as the file.
    public static func privacyScanView(of file: OutputFile) -> OutputFile {
        OutputFile(path: file.path, contents: ICalendarText.unfoldAndUnescape(file.contents))
    }
}

/// One session of a course, ready to write as a VEVENT.
struct CalendarEvent {
    var uid: String
    var course: Course
    var session: Session
}

/// What every calendar of a site shares: the college, its zone and its address.
struct CalendarWriter {
    let site: Site
    let timeZoneID: String
    let host: String

    /// The zone's changes over every date in the content, looked up once.
    let zoneTable: TimeZoneTable?
    /// Each venue's name, address and postcode as LOCATION gives them, made
    /// once rather than for each of the site's sessions.
    let places: [String: String]

    init(site: Site) {
        self.site = site
        var places: [String: String] = [:]
        for venue in site.venues where places[venue.id] == nil { places[venue.id] = Self.place(venue) }
        self.places = places
        let timeZoneID = TimeZone(identifier: site.college.timezone)?.identifier ?? "UTC"
        self.timeZoneID = timeZoneID
        host = CalendarWriter.host(of: site.college.baseURL)
        var dates = site.courses.flatMap { $0.sessions.map(\.date.value) + [$0.lastReviewed?.value].compactMap { $0 } }
        dates += site.college.terms.flatMap { [$0.start, $0.end] }
        if let first = dates.min(), let last = dates.max() {
            zoneTable = TimeZoneTable(
                identifier: timeZoneID, from: first.adding(months: -12), to: last.adding(months: 12), locale: site.college.locale)
        } else {
            zoneTable = nil
        }
    }

    func timeZone(from first: CalendarDate, to last: CalendarDate) -> TimeZoneComponent {
        if let zoneTable, zoneTable.covers(first, last) { return zoneTable.component(from: first, to: last) }
        return TimeZoneComponent(identifier: timeZoneID, from: first, to: last, locale: college.locale)
    }

    var college: College { site.college }

    var collegeCalendarName: String {
        college.edition.isEmpty ? college.name : college.name + " " + college.edition
    }

    /// The host of `base_url`, lowercased, for UIDs: `recovery.example.org`.
    static func host(of baseURL: String) -> String {
        if let host = URLComponents(string: baseURL)?.host, !host.isEmpty { return host.lowercased() }
        if let schemeEnd = baseURL.range(of: "://") {
            let rest = baseURL[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != ":" && $0 != "?" && $0 != "#" }
            if !rest.isEmpty { return rest.lowercased() }
        }
        return "prospectus.invalid"
    }

    /// `https://host[:port]` of `base_url`, for making site-relative links absolute.
    var origin: String {
        let base = college.baseURL
        guard let schemeEnd = base.range(of: "://") else { return "" }
        let authority = base[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return String(base[..<schemeEnd.upperBound]) + authority
    }

    func absolute(_ link: String) -> String {
        link.hasPrefix("/") && !link.hasPrefix("//") ? origin + link : link
    }

    // MARK: events

    /// The course's sessions in date and time order, each with a UID that stays
    /// the same from build to build: `<course>-<yyyymmdd>-<hhmm>@<host>`. Two
    /// sessions starting at the same moment (which the checks report) get `-2`, `-3`...
    func events(for course: Course) -> [CalendarEvent] {
        let sessions = course.sessions.enumerated().sorted { a, b in
            let x = a.element, y = b.element
            if x.date.value != y.date.value { return x.date.value < y.date.value }
            if x.start.value != y.start.value { return x.start.value < y.start.value }
            if x.end.value != y.end.value { return x.end.value < y.end.value }
            if x.venue.value != y.venue.value { return x.venue.value < y.venue.value }
            return a.offset < b.offset
        }.map(\.element)
        var used: [String: Int] = [:]
        return sessions.map { session in
            let base =
                "\(course.id)-\(ICalendarText.date(session.date.value))-"
                + ICalendarText.pad(session.start.value.hour) + ICalendarText.pad(session.start.value.minute)
            let count = (used[base] ?? 0) + 1
            used[base] = count
            let uid = (count == 1 ? base : base + "-\(count)") + "@" + host
            return CalendarEvent(uid: uid, course: course, session: session)
        }
    }

    // MARK: writing

    /// A course's VEVENTs, already folded.
    func eventBlock(for course: Course) -> String {
        var lines = ContentLines()
        for event in events(for: course) { write(event, to: &lines) }
        return lines.rendered
    }

    /// `calendar.ics`: every course's events.
    /// The site calendar as bytes, each block let go once copied: at 10,000
    /// courses it is 25 MB, and never exists as one String (see Splice).
    func siteCalendarBytes(blocks: consuming [String], courses: [Course]) -> Data {
        var pieces = blocks
        blocks = []
        pieces.insert(header(name: collegeCalendarName, courses: courses), at: 0)
        pieces.append(Self.footer)
        return Splice.join(&pieces)
    }

    /// `courses/<id>/course.ics`: one course's events.
    func courseCalendar(_ course: Course, block: String) -> String {
        calendar(name: course.title + " — " + collegeCalendarName, blocks: [block], courses: [course])
    }

    /// A whole calendar around blocks of events.
    func calendar(name: String, blocks: [String], courses: [Course]) -> String {
        var text = header(name: name, courses: courses)
        for block in blocks { text += block }
        return text + Self.footer
    }

    static let footer = ICalendarText.fold("END:VCALENDAR")

    /// Everything before the events: the calendar's properties and its time zone.
    func header(name: String, courses: [Course]) -> String {
        var lines = ContentLines()
        lines.begin("VCALENDAR")
        lines.raw("VERSION", "2.0")
        lines.text("PRODID", "-//Prospectus//\(college.name)//EN")
        lines.raw("CALSCALE", "GREGORIAN")
        lines.raw("METHOD", "PUBLISH")
        lines.text("X-WR-CALNAME", name)
        lines.text("X-WR-TIMEZONE", timeZoneID)
        let (first, last) = span(of: courses.flatMap { $0.sessions.map(\.date.value) }, courses: courses)
        timeZone(from: first.adding(months: -12), to: last.adding(months: 12)).write(to: &lines)
        return lines.rendered
    }

    /// The first and last day the time zone definition must cover: the
    /// sessions; without any, the edition's terms, the reviews, or (with no
    /// date at all in the content) a fixed day, so the output never depends on the clock.
    func span(of dates: [CalendarDate], courses: [Course]) -> (CalendarDate, CalendarDate) {
        var candidates = dates
        if candidates.isEmpty { candidates = college.terms.flatMap { [$0.start, $0.end] } }
        if candidates.isEmpty { candidates = courses.compactMap { $0.lastReviewed?.value } }
        return (candidates.min() ?? CalendarDate.epoch, candidates.max() ?? CalendarDate.epoch)
    }

    func write(_ event: CalendarEvent, to lines: inout ContentLines) {
        let course = event.course, session = event.session
        let zone = "DTSTART;TZID=" + ICalendarText.parameterValue(timeZoneID)
        lines.begin("VEVENT")
        lines.raw("UID", event.uid)
        lines.raw("DTSTAMP", stamp(course, session))
        lines.raw(zone, ICalendarText.localDateTime(session.date.value, session.start.value))
        lines.raw(
            "DTEND;TZID=" + ICalendarText.parameterValue(timeZoneID),
            ICalendarText.localDateTime(session.date.value, session.end.value))
        lines.text("SUMMARY", course.title)
        lines.text("DESCRIPTION", description(course))
        if let location = location(session) { lines.text("LOCATION", location) }
        lines.raw("URL", college.baseURLWithSlash + "courses/\(course.id)/")
        lines.raw("STATUS", status(course))
        let category = college.categories.first { $0.id == course.category.value }?.name ?? course.category.value
        lines.text("CATEGORIES", category)
        lines.end("VEVENT")
    }

    /// DTSTAMP from the content: the day the course was last reviewed, at
    /// midnight UTC (or its first session when it has no review date).
    func stamp(_ course: Course, _ session: Session) -> String {
        let day = course.lastReviewed?.value ?? course.firstDate ?? session.date.value
        return ICalendarText.date(day) + "T000000Z"
    }

    func status(_ course: Course) -> String {
        switch course.status {
        case .open, .full: "CONFIRMED"
        case .cancelled: "CANCELLED"
        case .draft: "TENTATIVE"
        }
    }

    func description(_ course: Course) -> String {
        var parts: [String] = []
        if course.status == .cancelled { parts.append("This course is cancelled.") }
        if !course.summary.isEmpty { parts.append(course.summary) }
        if course.status != .cancelled, let url = course.booking?.url, !url.isEmpty {
            parts.append("Book: " + absolute(url))
        }
        return parts.joined(separator: "\n\n")
    }

    /// The venue's name, address and postcode, or "Online".
    func location(_ session: Session) -> String? {
        guard let venue = site.venuesByID[session.venue.value] else { return nil }
        if venue.online || session.mode == .online { return "Online" }
        let place = places[venue.id] ?? Self.place(venue)
        return session.mode == .blended ? place + " (or join online)" : place
    }

    /// A venue's name, address and postcode on one line.
    static func place(_ venue: Venue) -> String {
        var parts = [venue.name]
        if let address = venue.address {
            // An address written over several lines reads as one.
            parts += address.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        }
        if let postcode = venue.postcode, !postcode.isEmpty, !(venue.address ?? "").contains(postcode) {
            parts.append(postcode)
        }
        return parts.filter { !$0.isEmpty }.joined(separator: ", ")
    }
}
