import Foundation

/// The printed prospectus: the whole edition as one document (`prospectus.html`),
/// made to be printed or saved as a PDF (`prospectus pdf`), and readable as a web page.
///
/// Every course comes from `PageContexts.coursePage`, so the consent rules
/// (who may be named), the support text for courses touching on suicide or
/// self-harm and the booking routes are exactly those of the course pages.
/// Only the links change: on paper a link to another page of the site is of
/// no use, so links to venues point at the venue's section in this document.
extension SiteRenderer {
    /// Links to a venue's web page become links to its section of the printed prospectus.
    var venueAnchors: [String: String] {
        var anchors: [String: String] = [:]
        for venue in site.venues { anchors[root + "venues/\(venue.id)/"] = "#venue-\(venue.id)" }
        return anchors
    }

    /// One course's section of the printed prospectus, as the partial
    /// `partials/prospectus-course` sees it.
    func printedEntry(_ course: Course, venueAnchors: [String: String]) -> [String: Any] {
        func toAnchor(_ entry: [String: Any], key: String) -> [String: Any] {
            var entry = entry
            if let url = entry[key] as? String { entry[key] = venueAnchors[url] ?? false }
            return entry
        }
        var data = contexts.courseData(course)
        data["anchor"] = "course-\(course.id)"
        data["web_address"] = contexts.absoluteCourseURL(course.id)
        data["audience_names"] = Format.list(course.audience.map(\.value))
        data["sessions"] = (data["sessions"] as? [[String: Any]] ?? []).map { toAnchor($0, key: "venue_url") }
        data["venues"] = (data["venues"] as? [[String: Any]] ?? []).map { toAnchor($0, key: "url") }
        return data
    }

    /// A section shows the course and links to venues' sections (all venues' ids).
    func sectionKey(_ course: Course) -> UInt64 {
        keys.combine(keys.course[course.id] ?? 0, keys.allVenues, theme.key(of: "partials/prospectus-course"))
    }

    /// Every course's section, rendered once on every core (or reused from the memo).
    func renderSections(into out: inout Rendered) -> [String: String] {
        let anchors = venueAnchors
        let made = parallelMap(contexts.ordered) { [self] course in section(course, anchors: anchors) }
        var sections: [String: String] = [:]
        for (name, key, html, _) in made {
            guard let html else { continue }
            out.remember(name, key: key, html: html)
            sections[String(name.dropFirst("section/".count))] = html
        }
        return sections
    }

    /// The whole page as bytes. The template lays it out first, with a marker
    /// in place of each course's section; the sections are then made in the
    /// order the page shows them, 512 at a time on every core, and pasted into
    /// the bytes as they come (see Splice). The 40 MB of sections of a
    /// 10,000-course site are then never all in memory, nor the page as a
    /// String. When the template does anything to the sections but print them
    /// (Splice.Markers says what it checks), or a section is empty or does not
    /// end with a line break as the markers do, the page is made the plain
    /// way, with the same result.
    func printedProspectusBytes(into out: inout Rendered) -> Data? {
        let courses = contexts.ordered
        let index = Dictionary(courses.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { _, last in last })
        let layout = Splice.Markers.agreedLayout(pieceCount: courses.count) { markers in
            theme.render("prospectus", printedProspectus { id in index[id].map(markers.marker) ?? "" })
        }
        guard let layout else { return printedProspectusWhole(into: &out) }
        var skeleton = layout.skeleton
        let parts = layout.parts
        let anchors = venueAnchors
        var data = Data()
        var position = 0
        while position < parts.count {
            var end = position
            var batch: [Int] = []
            while end < parts.count && batch.count < 512 {
                if case .piece(let piece) = parts[end] { batch.append(piece) }
                end += 1
            }
            let made = parallelMap(batch) { [self] piece in section(courses[piece], anchors: anchors) }
            guard made.allSatisfy({ $0.html.map { $0.hasSuffix("\n") } ?? false }) else {
                // The bytes made so far are dropped, and with them where their sections sat.
                out.spans = out.spans.filter { !$0.key.hasPrefix("section/") }
                out.copiedSections = 0
                return printedProspectusWhole(into: &out)
            }
            var next = made.makeIterator()
            for part in parts[position..<end] {
                switch part {
                case .literal(let range): skeleton.withUTF8 { data.append(UnsafeBufferPointer(rebasing: $0[range])) }
                case .piece:
                    guard let section = next.next(), var html = section.html else { continue }
                    out.remember(section.name, key: section.key, html: html)
                    if section.copied { out.copiedSections += 1 }
                    let offset = data.count
                    let hash = out.recordsSpans ? RenderMemo.Span.hash(html) : 0
                    Splice.append(&html, to: &data)
                    out.noteSpan(section.name, key: section.key, in: "prospectus.html", at: offset, length: data.count - offset, hash: hash)
                }
            }
            position = end
        }
        return data
    }

    /// The page made the plain way: every section, then the page through the template.
    func printedProspectusWhole(into out: inout Rendered) -> Data? {
        let sections = renderSections(into: &out)
        return theme.render("prospectus", printedProspectus { sections[$0] ?? "" }).map { Data($0.utf8) }
    }

    /// One course's section, from the memo when its inputs are unchanged.
    /// `copied`: taken from the previous build's prospectus.html (RenderMemo.previousFragment).
    func section(_ course: Course, anchors: [String: String]) -> (name: String, key: UInt64, html: String?, copied: Bool) {
        let key = sectionKey(course)
        let name = "section/" + course.id
        if let (html, copied) = memo.keptFragment(name, key: key) { return (name, key, html, copied) }
        return (name, key, theme.render("partials/prospectus-course", printedEntry(course, venueAnchors: anchors)), false)
    }

    /// The page's context; `sectionHTML` gives each course's section (by course id).
    func printedProspectus(sectionHTML: (String) -> String) -> [String: Any] {
        let college = site.college
        var context = contexts.base(
            title: "Prospectus \(college.edition)",
            description: "The whole \(college.edition) prospectus of \(college.name) in one page, to read, print or save as a PDF.",
            path: "prospectus.html")

        func entry(_ course: Course) -> [String: Any] {
            var data = contexts.statusFlags(course.status)
            data["title"] = course.title
            data["anchor"] = "course-\(course.id)"
            data["section_html"] = sectionHTML(course.id)
            return data
        }
        func group(anchor: String, name: String, description: String?, courses: [Course]) -> [String: Any] {
            [
                "anchor": anchor, "name": name, "description": description ?? false, "courses": courses.map(entry),
                "count_label": courses.count == 1 ? "1 course" : "\(courses.count) courses",
            ]
        }
        // The home page's order: categories as in college.yml, then any course whose
        // category is unknown (possible only in a draft), so that none is lost.
        let sections = contexts.categorySections()
        var categories = sections.map { category, courses in
            group(anchor: "category-\(category.id)", name: category.name, description: category.description, courses: courses)
        }
        let listed = Set(sections.flatMap { $0.courses.map(\.id) })
        let others = contexts.prospectusOrder().filter { !listed.contains($0.id) }
        if !others.isEmpty {
            categories.append(group(anchor: "pp-other-courses", name: "Other courses", description: nil, courses: others))
        }

        let venues = site.venues.sorted { $0.name < $1.name }.map { venue -> [String: Any] in
            [
                "anchor": "venue-\(venue.id)",
                "name": venue.name,
                "online": venue.online,
                "address": venue.address ?? false,
                "postcode": venue.postcode ?? false,
                "access": contexts.accessItems(venue.access),
                "platform": venue.onlineInfo?.platform ?? false,
                "how_to_join": venue.onlineInfo?.howToJoin ?? false,
                "tech_help": venue.onlineInfo?.techHelp ?? false,
                "web_address": college.baseURLWithSlash + "venues/\(venue.id)/",
                "url": root + "venues/\(venue.id)/",
            ]
        }

        // Page bodies start their headings at h2, under the page's h1; here the
        // page is a section under an h2, so its headings move down one level.
        func section(_ id: String) -> [String: Any]? {
            guard let page = site.pagesByID[id] else { return nil }
            return ["title": page.title, "body_html": Self.demoteHeadings(contexts.html(page.body, in: page.file), by: 1)]
        }
        // Without a `welcome` page the template says a few words of its own.
        let welcome: Any = section("welcome") ?? false
        var enrolment: [String: Any] = [:]
        if let how = college.enrolment {
            enrolment = [
                "how_html": contexts.fieldHTML(how.how),
                "url": how.url ?? false,
                "phone": how.phone ?? false,
                "phone_link": how.phone.map(contexts.telLink) ?? false,
                "email": how.email ?? false,
            ]
        }

        let termDates: Any = {
            guard let first = college.terms.map(\.start).min(), let last = college.terms.map(\.end).max() else { return false }
            return "from \(Format.shortDate(first)) to \(Format.shortDate(last))"
        }()
        let count = contexts.published.count
        context["prospectus"] = [
            "course_count_label": count == 1 ? "1 course" : "\(count) courses",
            "term_dates": termDates,
            "web_address": college.baseURLWithSlash,
            "welcome": welcome,
            "about": section("what-is-a-recovery-college") ?? false,
            "coproduction_html": college.coproduction.statement.map { contexts.fieldHTML($0) } ?? false,
            "categories": categories,
            "venues": venues,
            "enrolment": enrolment.isEmpty ? false : enrolment,
        ] as [String: Any]
        return context
    }

    /// Moves every heading of rendered Markdown down `levels` levels (at most h6).
    /// cmark writes headings as bare `<hN>` tags and escapes any `<` in text, and
    /// raw HTML is dropped in safe mode, so these tags can only be headings.
    static func demoteHeadings(_ html: String, by levels: Int) -> String {
        var result = html
        // Deepest first, so a heading is never moved twice.
        for level in stride(from: 6, through: 1, by: -1) {
            let target = min(level + levels, 6)
            guard target != level else { continue }
            result = result.replacingOccurrences(of: "<h\(level)>", with: "<h\(target)>")
                .replacingOccurrences(of: "</h\(level)>", with: "</h\(target)>")
        }
        return result
    }
}
