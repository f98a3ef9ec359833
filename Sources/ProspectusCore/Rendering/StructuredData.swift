import Foundation

/// A JSON value with its keys in a fixed order, so the same site always gives
/// the same bytes (JSONSerialization's key order is not guaranteed).
enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.compact == rhs.compact }

    /// The value on one line, safe to place inside an HTML `<script>` element:
    /// `<`, `>` and `&` are written `\u003c`, `\u003e` and `\u0026`, so neither
    /// `</script>` nor `<!--` can appear, and U+2028 and U+2029 are escaped for
    /// older JavaScript parsers. Quotes inside strings are `\u0022` and `\u0027`,
    /// so no text from a content file can look like an HTML attribute either.
    /// The result is still plain, valid JSON.
    var compact: String {
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        switch self {
        case .string(let text): JSONValue.writeString(text, to: &out)
        case .int(let number): out += String(number)
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out += "," }
                JSONValue.writeString(key, to: &out)
                out += ":"
                value.write(to: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ text: String, to out: inout String) {
        out += "\""
        // Most text needs no escape at all: copy runs of safe bytes whole and
        // look at scalars only where one of the escaped characters starts.
        let utf8 = text.utf8
        var runStart = utf8.startIndex
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            // Bytes that may need an escape: controls, " & ' < > \ DEL, and 0xE2 (U+2028/2029).
            let special =
                byte < 0x20 || byte == 0x22 || byte == 0x26 || byte == 0x27 || byte == 0x3C || byte == 0x3E || byte == 0x5C || byte == 0x7F
                || byte == 0xE2
            if !special {
                index = utf8.index(after: index)
                continue
            }
            out += Substring(text.utf8[runStart..<index])
            let scalarStart = index
            let scalar = text.unicodeScalars[scalarStart]
            index = text.unicodeScalars.index(after: scalarStart)
            runStart = index
            writeEscaped(scalar, to: &out)
        }
        out += Substring(text.utf8[runStart..<utf8.endIndex])
        out += "\""
    }

    private static func writeEscaped(_ scalar: Unicode.Scalar, to out: inout String) {
        switch scalar {
        case "\"": out += "\\u0022"
        case "'": out += "\\u0027"
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "<": out += "\\u003c"
        case ">": out += "\\u003e"
        case "&": out += "\\u0026"
        case "\u{2028}": out += "\\u2028"
        case "\u{2029}": out += "\\u2029"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
}

/// Builds objects without `nil` members: optional facts are simply left out.
struct JSONObject {
    var members: [(String, JSONValue)] = []

    init(type: String? = nil) {
        if let type { members.append(("@type", .string(type))) }
    }

    mutating func set(_ key: String, _ value: JSONValue?) {
        guard let value else { return }
        members.append((key, value))
    }

    mutating func set(_ key: String, _ text: String?) {
        guard let text, !text.isEmpty else { return }
        members.append((key, .string(text)))
    }

    var value: JSONValue { .object(members) }
}

/// schema.org JSON-LD for the course pages and the home page.
///
/// It describes the prospectus for search engines and assistive tools; it is
/// semantics, not a ranking promise. Consent rules apply here as on the page:
/// a trainer appears as an `instructor` only when `PublicTrainer.name` allows
/// it, and never by anything more than that name.
enum StructuredData {
    static let context = "https://schema.org"

    /// A `Course` with one `CourseInstance` per session.
    static func course(_ course: Course, contexts: PageContexts) -> JSONValue {
        let college = contexts.site.college
        let url = contexts.absoluteCourseURL(course.id)
        var object = JSONObject()
        object.set("@context", .string(context))
        object.set("@type", .string("Course"))
        object.set("@id", .string(url + "#course"))
        object.set("name", course.title)
        object.set("description", course.summary)
        object.set("url", .string(url))
        object.set("inLanguage", college.locale)
        object.set("courseCode", course.id)
        object.set("isAccessibleForFree", .bool(true))
        object.set("provider", provider(college))
        object.set("offers", offer(course, url: url))
        if !course.learningOutcomes.isEmpty {
            object.set("teaches", .array(course.learningOutcomes.map { .string($0) }))
        }
        if !course.audience.isEmpty {
            var audience = JSONObject(type: "Audience")
            audience.set("audienceType", course.audience.map(\.value).joined(separator: ", "))
            object.set("audience", audience.value)
        }
        object.set("hasCourseInstance", .array(instances(course, url: url, contexts: contexts)))
        return object.value
    }

    /// The college as an `EducationalOrganization`.
    static func provider(_ college: College) -> JSONValue {
        var organization = JSONObject(type: "EducationalOrganization")
        organization.set("name", college.name)
        organization.set("url", .string(college.baseURLWithSlash))
        return organization.value
    }

    /// Every course is free.
    static func offer(_ course: Course, url: String) -> JSONValue {
        var offer = JSONObject(type: "Offer")
        offer.set("price", .int(0))
        offer.set("priceCurrency", .string("GBP"))
        offer.set("category", .string("Free"))
        offer.set("url", .string(url))
        switch course.status {
        case .open: offer.set("availability", .string("https://schema.org/InStock"))
        case .full: offer.set("availability", .string("https://schema.org/SoldOut"))
        case .cancelled: offer.set("availability", .string("https://schema.org/Discontinued"))
        case .draft: break
        }
        return offer.value
    }

    static func instances(_ course: Course, url: String, contexts: PageContexts) -> [JSONValue] {
        let college = contexts.site.college
        let status = course.status == .cancelled ? "https://schema.org/EventCancelled" : "https://schema.org/EventScheduled"
        let teachers = instructors(course, contexts: contexts)
        let sessions = course.sessions.sorted {
            ($0.date.value, $0.start.value, $0.venue.value) < ($1.date.value, $1.start.value, $1.venue.value)
        }
        guard !sessions.isEmpty else {
            // Coaching and mentoring: dates are arranged with each student.
            var instance = JSONObject(type: "CourseInstance")
            instance.set("name", course.title)
            instance.set("description", "Dates and times are arranged with you when you enrol.")
            instance.set("eventStatus", .string(status))
            instance.set("isAccessibleForFree", .bool(true))
            if !teachers.isEmpty { instance.set("instructor", .array(teachers)) }
            return [instance.value]
        }
        return sessions.map { session in
            let venue = contexts.site.venuesByID[session.venue.value]
            var instance = JSONObject(type: "CourseInstance")
            instance.set("name", course.title)
            instance.set("courseMode", .string(session.mode.rawValue))
            instance.set("startDate", .string(localDateTime(session.date.value, session.start.value, timezone: college.timezone)))
            instance.set("endDate", .string(localDateTime(session.date.value, session.end.value, timezone: college.timezone)))
            instance.set("eventStatus", .string(status))
            instance.set("eventAttendanceMode", .string(attendanceMode(session, venue: venue)))
            instance.set("location", location(session, venue: venue, courseURL: url, college: college))
            instance.set("isAccessibleForFree", .bool(true))
            if let places = course.places { instance.set("maximumAttendeeCapacity", .int(places)) }
            if !teachers.isEmpty { instance.set("instructor", .array(teachers)) }
            return instance.value
        }
    }

    /// Only trainers whose consent allows their name, as a `Person` with that
    /// name (a first name when that is what they chose), and nothing else.
    static func instructors(_ course: Course, contexts: PageContexts) -> [JSONValue] {
        var seen = Set<String>()
        var people: [JSONValue] = []
        for assignment in course.trainers where seen.insert(assignment.id.value).inserted {
            guard let person = contexts.people[assignment.id.value], let name = person.name, !name.isEmpty else { continue }
            var object = JSONObject(type: "Person")
            object.set("name", name)
            people.append(object.value)
        }
        return people
    }

    static func attendanceMode(_ session: Session, venue: Venue?) -> String {
        switch session.mode {
        case .blended: return "https://schema.org/MixedEventAttendanceMode"
        case .online: return "https://schema.org/OnlineEventAttendanceMode"
        case .onsite:
            return venue?.online == true
                ? "https://schema.org/OnlineEventAttendanceMode" : "https://schema.org/OfflineEventAttendanceMode"
        }
    }

    /// A `Place` with its postal address, or a `VirtualLocation` pointing at the
    /// course page (joining links are sent to students, never published).
    /// A blended session at a building is both.
    static func location(_ session: Session, venue: Venue?, courseURL: String, college: College) -> JSONValue {
        var virtual = JSONObject(type: "VirtualLocation")
        virtual.set("url", .string(courseURL))
        guard let venue else { return virtual.value }
        if venue.online {
            virtual.set("name", venue.name)
            return virtual.value
        }
        var place = JSONObject(type: "Place")
        place.set("name", venue.name)
        var address = JSONObject(type: "PostalAddress")
        address.set("streetAddress", venue.address)
        address.set("postalCode", venue.postcode)
        address.set("addressCountry", country(fromLocale: college.locale))
        if address.members.count > 1 { place.set("address", address.value) }
        place.set("url", .string(college.baseURLWithSlash + "venues/\(venue.id)/"))
        if session.mode == .blended { return .array([place.value, virtual.value]) }
        return place.value
    }

    /// "GB" from "en-GB"; nil when the locale names no region.
    static func country(fromLocale locale: String) -> String? {
        let parts = locale.split(whereSeparator: { $0 == "-" || $0 == "_" })
        guard parts.count >= 2 else { return nil }
        let region = parts[parts.count - 1]
        guard region.count == 2, region.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return region.uppercased()
    }

    /// `2026-10-05T10:00:00+01:00`: the local time with the college's UTC
    /// offset on that day (summer time included), from the system's zone data.
    static func localDateTime(_ date: CalendarDate, _ time: TimeOfDay, timezone: String) -> String {
        let offset = utcOffset(date, time, timezone: timezone)
        return date.iso + "T" + time.description + ":00" + offsetText(offset)
    }

    /// The offset in seconds east of UTC at that local date and time.
    static func utcOffset(_ date: CalendarDate, _ time: TimeOfDay, timezone: String) -> Int {
        guard let zone = TimeZone(identifier: timezone) else { return 0 }
        // The wall-clock time read as if it were UTC, then corrected by the
        // zone's offset near that instant (twice, to settle across a change).
        let wall = date.daysSinceEpoch * 86_400 + time.minutesSinceMidnight * 60
        let first = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall)))
        return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall - first)))
    }

    static func offsetText(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return sign + pad(minutes / 60) + ":" + pad(minutes % 60)
    }

    /// The home page: an `ItemList` of the published courses, in page order.
    static func itemList(_ courses: [Course], contexts: PageContexts) -> JSONValue {
        let college = contexts.site.college
        var list = JSONObject()
        list.set("@context", .string(context))
        list.set("@type", .string("ItemList"))
        list.set("name", "Courses in the \(college.edition) prospectus of \(college.name)")
        list.set("url", .string(college.baseURLWithSlash))
        list.set("numberOfItems", .int(courses.count))
        list.set(
            "itemListElement",
            .array(
                courses.enumerated().map { index, course in
                    var item = JSONObject(type: "ListItem")
                    item.set("position", .int(index + 1))
                    item.set("url", .string(contexts.absoluteCourseURL(course.id)))
                    item.set("name", course.title)
                    return item.value
                }))
        return list.value
    }
}
