import Foundation

/// `feed.xml` (Atom 1.0, RFC 4287) and `robots.txt`.
///
/// The feed has one entry per published course. Its dates come from the
/// content (each course's `last_reviewed`), never from the clock, so the same
/// content always gives the same feed. Trainers are never named in it.
enum Feeds {
    static let feedPath = "feed.xml"
    static let robotsPath = "robots.txt"

    static func atom(contexts: PageContexts, courses: [Course]) -> String {
        let college = contexts.site.college
        let base = college.baseURLWithSlash
        let entries = courses.map { course in (course: course, updated: updated(course, courses: courses)) }
            .sorted { a, b in
                if a.updated != b.updated { return a.updated > b.updated }
                if a.course.title != b.course.title { return a.course.title < b.course.title }
                return a.course.id < b.course.id
            }
        let feedUpdated = entries.map(\.updated).max() ?? CalendarDate.fromDaysSinceEpoch(0)
        let title = college.edition.isEmpty ? college.name : "\(college.name): Prospectus \(college.edition)"
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(xml(college.locale))\">\n"
        out += "  <id>\(xml(base))</id>\n"
        out += "  <title>\(xml(title))</title>\n"
        out += "  <subtitle>Free courses about mental health, recovery and wellbeing: new and updated courses.</subtitle>\n"
        out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(xml(base + feedPath))\"/>\n"
        out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(xml(base))\"/>\n"
        out += "  <updated>\(timestamp(feedUpdated, timezone: college.timezone))</updated>\n"
        out += "  <author><name>\(xml(college.name))</name><uri>\(xml(base))</uri></author>\n"
        for (course, updated) in entries {
            let url = contexts.absoluteCourseURL(course.id)
            var entryTitle = course.title
            if course.status == .cancelled { entryTitle += " (cancelled)" }
            if course.status == .full { entryTitle += " (full)" }
            let facts = [
                contexts.termName(course.term.value), course.format.label, contexts.dateSummary(course),
                contexts.placeSummary(course), course.status.label,
            ]
            out += "  <entry>\n"
            out += "    <id>\(xml(url))</id>\n"
            out += "    <title>\(xml(entryTitle))</title>\n"
            out += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(xml(url))\"/>\n"
            out += "    <updated>\(timestamp(updated, timezone: college.timezone))</updated>\n"
            out += "    <category term=\"\(xml(course.category.value))\" label=\"\(xml(contexts.categoryName(course.category.value)))\"/>\n"
            out += "    <summary>\(xml(course.summary))</summary>\n"
            out += "    <content type=\"text\">\(xml(course.summary + "\n" + facts.joined(separator: ". ") + "."))</content>\n"
            out += "  </entry>\n"
        }
        out += "</feed>\n"
        return out
    }

    /// `last_reviewed`; a course without one (only possible in a draft) takes
    /// the latest date of the others, so it never jumps to the top by accident.
    static func updated(_ course: Course, courses: [Course]) -> CalendarDate {
        if let reviewed = course.lastReviewed?.value { return reviewed }
        return courses.compactMap { $0.lastReviewed?.value }.max() ?? CalendarDate.fromDaysSinceEpoch(0)
    }

    /// Midnight at the start of the day, in the college's time zone (RFC 3339).
    static func timestamp(_ date: CalendarDate, timezone: String) -> String {
        guard let midnight = TimeOfDay(hour: 0, minute: 0) else { return date.iso + "T00:00:00Z" }
        return StructuredData.localDateTime(date, midnight, timezone: timezone)
    }

    /// Escaped for XML text and attributes. Characters XML 1.0 cannot hold at
    /// all (most control characters) are left out rather than breaking the feed.
    static func xml(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Everything may be crawled; the sitemap lists every page.
    ///
    /// Crawlers read robots.txt only at the root of a host: for a site published
    /// in a subfolder the file is harmless but ignored.
    static func robots(college: College) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(college.baseURLWithSlash)sitemap.xml\n"
    }
}
