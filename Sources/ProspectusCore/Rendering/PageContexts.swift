/// Builds the data each template sees. Everything a template prints goes
/// through here, so this is where consent and publishing rules are applied:
/// a template cannot show a trainer's name unless this code put it there.
struct PageContexts {
    let site: Site
    let bodies: [String: RenderedMarkdown]
    let published: [Course]
    let today: CalendarDate
    let root: String
    let people: [String: PublicTrainer]
    let siteContext: [String: Any]
    /// Published courses in the printed prospectus's order, and the same
    /// courses indexed by what listing pages group them by. Built once, so no
    /// page filters the whole list again (that made big sites quadratic).
    let ordered: [Course]
    let index: CourseIndex

    init(site: Site, bodies: [String: RenderedMarkdown], published: [Course], today: CalendarDate) {
        self.site = site
        self.bodies = bodies
        self.published = published
        self.today = today
        ordered = PageContexts.sorted(published, terms: site.college.terms)
        index = CourseIndex(ordered)
        let root = site.college.basePath
        self.root = root
        people = Dictionary(
            site.trainers.map { ($0.id, PublicTrainer($0, today: today)) }, uniquingKeysWith: { a, _ in a })
        let college = site.college
        let nav: [[String: Any]] =
            [["title": "Courses", "url": root]]
            + site.pages.sorted(by: PageContexts.pageOrder).filter { $0.order != nil }.map {
                ["title": $0.title, "url": root + "pages/\($0.id)/"]
            }
            + [["title": "Trainers", "url": root + "trainers/"], ["title": "Venues", "url": root + "venues/"]]
        siteContext = [
            "name": college.name,
            "edition": college.edition,
            "lang": college.locale,
            "root": root,
            "base_url": college.baseURLWithSlash,
            "support_html": PageContexts.fieldHTML(college.support, root: root),
            "feed_url": root + Feeds.feedPath,
            "nav": nav,
            "student_noun": college.studentNoun,
        ]
    }

    static func pageOrder(_ a: Page, _ b: Page) -> Bool {
        (a.order ?? Int.max, a.title) < (b.order ?? Int.max, b.title)
    }

    func base(title: String, description: String, path: String, current: String? = nil) -> [String: Any] {
        var siteData = siteContext
        if let current, let nav = siteData["nav"] as? [[String: Any]] {
            siteData["nav"] = nav.map { item -> [String: Any] in
                var item = item
                if (item["url"] as? String) == root + current { item["current"] = true }
                return item
            }
        }
        // Every key the layout reads is set, `false` when absent: Mustache would
        // otherwise look a missing key up in an enclosing context.
        return [
            "site": siteData,
            "title": title,
            "description": description,
            "canonical": site.college.baseURLWithSlash + path,
            "json_ld": false,
            "filter_js": false,
        ]
    }

    /// A short Markdown field of college.yml (statement, enrolment, support) as
    /// HTML, with links written from the site's root moved under `base_url`'s path.
    static func fieldHTML(_ markdown: String, root: String) -> String {
        Markdown.render(MarkdownSource(text: markdown, firstLine: 1), basePath: root).html
    }

    func fieldHTML(_ markdown: String) -> String { PageContexts.fieldHTML(markdown, root: root) }

    /// The first paragraph of rendered Markdown (`<p>…</p>`), or nil when it has none.
    /// cmark never nests paragraphs, so the first closing tag ends it.
    static func firstParagraph(of html: String) -> String? {
        guard let open = html.range(of: "<p>"), let close = html.range(of: "</p>", range: open.upperBound..<html.endIndex)
        else { return nil }
        return String(html[open.lowerBound..<close.upperBound])
    }

    func html(_ body: MarkdownSource, in file: SourceFile) -> String {
        bodies[file.path]?.html ?? Markdown.render(body).html
    }

    // MARK: courses

    func courseURL(_ id: String) -> String { root + "courses/\(id)/" }

    /// The full address of a course page, for JSON-LD, feeds and sharing.
    func absoluteCourseURL(_ id: String) -> String { site.college.baseURLWithSlash + "courses/\(id)/" }

    /// Where a course's own calendar is published (written by the calendar stage).
    func calendarURL(_ id: String) -> String { root + "courses/\(id)/course.ics" }

    /// Courses in the order of the printed prospectus: by term (college order),
    /// then first date, then title, then id (so ties never depend on input order).
    static func sorted(_ courses: [Course], terms: [Term]) -> [Course] {
        let termOrder = Dictionary(terms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let keyed = courses.map { course in
            (key: (termOrder[course.term.value] ?? Int.max, course.firstDate?.daysSinceEpoch ?? Int.max), course: course)
        }
        return keyed.sorted {
            if $0.key != $1.key { return $0.key < $1.key }
            if $0.course.title != $1.course.title { return $0.course.title < $1.course.title }
            return $0.course.id < $1.course.id
        }.map(\.course)
    }

    /// The home page's sections: each category (college order) with its courses.
    func categorySections() -> [(category: Category, courses: [Course])] {
        site.college.categories.compactMap { category in
            let courses = index.byCategory[category.id] ?? []
            return courses.isEmpty ? nil : (category, courses)
        }
    }

    /// Every published course in home-page order; a course whose category is
    /// unknown (possible only in a draft) comes last rather than being lost.
    func prospectusOrder() -> [Course] {
        let known = Set(site.college.categories.map(\.id))
        let listed = categorySections().flatMap(\.courses)
        return listed + ordered.filter { !known.contains($0.category.value) }
    }

    /// "Co-delivered by a peer trainer and a practitioner trainer · with Riverside Mind".
    func coDeliveryLine(_ course: Course) -> String {
        let policy = site.college.coproduction
        var seen = Set<String>()
        var roles: [String] = []
        for assignment in course.trainers where seen.insert(assignment.role.value).inserted {
            roles.append(Format.withArticle(policy.label(for: assignment.role.value)))
        }
        var line = roles.isEmpty ? "" : "Co-delivered by " + Format.list(roles)
        let partners = course.partners.compactMap { site.partnersByID[$0.id.value]?.name }
        if !partners.isEmpty {
            line += (line.isEmpty ? "With " : " · with ") + Format.list(partners)
        }
        return line
    }

    func statusFlags(_ status: CourseStatus) -> [String: Any] {
        [
            "status": status.rawValue, "status_label": status.label,
            "is_open": status == .open, "is_full": status == .full,
            "is_cancelled": status == .cancelled, "is_draft": status == .draft,
        ]
    }

    func termName(_ id: String) -> String { site.college.terms.first { $0.id == id }?.name ?? id }
    func categoryName(_ id: String) -> String { site.college.categories.first { $0.id == id }?.name ?? id }

    func dateSummary(_ course: Course) -> String {
        let dates = course.sessions.map(\.date.value).sorted()
        guard let first = dates.first, let last = dates.last else { return "Dates arranged with you" }
        if dates.count == 1 { return Format.longDate(first) }
        return "\(dates.count) sessions from \(Format.shortDate(first)) to \(Format.shortDate(last))"
    }

    func placeSummary(_ course: Course) -> String {
        var names: [String] = []
        for session in course.sessions {
            let name = site.venuesByID[session.venue.value]?.name ?? session.venue.value
            if !names.contains(name) { names.append(name) }
        }
        return names.isEmpty ? "To be arranged" : Format.list(names)
    }

    /// "In person", "Online", or "In person and online" (blended, or a mix of sessions).
    func modeSummary(_ course: Course) -> String {
        let inPerson = course.sessions.contains { $0.mode != .online }
        let online = course.sessions.contains { $0.mode != .onsite }
        switch (inPerson, online) {
        case (true, true): return SessionMode.blended.label
        case (true, false): return SessionMode.onsite.label
        case (false, true): return SessionMode.online.label
        case (false, false): return "Arranged with you"
        }
    }

    func card(_ course: Course) -> [String: Any] {
        var card: [String: Any] = [
            "id": course.id,
            "title": course.title,
            "summary": course.summary,
            "url": courseURL(course.id),
            "format_label": course.format.label,
            "format_noun": course.format.label.lowercased(),
            "term_name": termName(course.term.value),
            "category_name": categoryName(course.category.value),
            "dates": dateSummary(course),
            "places": placeSummary(course),
            "mode_summary": modeSummary(course),
            "co_delivery": coDeliveryLine(course),
        ]
        card.merge(statusFlags(course.status)) { a, _ in a }
        return card
    }

    func trainerEntries(_ course: Course) -> [[String: Any]] {
        let policy = site.college.coproduction
        return course.trainers.compactMap { assignment -> [String: Any]? in
            guard let person = people[assignment.id.value] else { return nil }
            // Every key is present (false when empty): Mustache looks a missing
            // key up in the enclosing course, and would print the course's url.
            return [
                "role_label": policy.label(for: assignment.role.value),
                "name": person.name ?? false,
                "url": person.hasProfile ? root + "trainers/\(person.id)/" : false,
            ]
        }
    }

    func sessionEntries(_ course: Course) -> [[String: Any]] {
        course.sessions.sorted { ($0.date.value, $0.start.value) < ($1.date.value, $1.start.value) }.map { session in
            let venue = site.venuesByID[session.venue.value]
            let entry: [String: Any] = [
                "date_label": Format.longDate(session.date.value),
                "date_iso": session.date.value.iso,
                "start": Format.time(session.start.value),
                "end": Format.time(session.end.value),
                "start_iso": session.start.value.description,
                "end_iso": session.end.value.description,
                "mode_label": session.mode.label,
                "venue_name": venue?.name ?? session.venue.value,
                "venue_url": venue.map { root + "venues/\($0.id)/" } ?? false,
            ]
            return entry
        }
    }

    func accessItems(_ access: VenueAccess?) -> [String] {
        guard let access else { return [] }
        var items: [String] = []
        if let v = access.stepFree { items.append(v ? "Step-free access" : "No step-free access") }
        if let v = access.accessibleToilet { items.append(v ? "Accessible toilet" : "No accessible toilet") }
        if let v = access.hearingLoop { items.append(v ? "Hearing loop" : "No hearing loop") }
        if let v = access.quietSpace { items.append(v ? "Quiet space you can use" : "No quiet space") }
        return items
    }

    /// `bodyHTML`: the course's body when it is newer than `bodies` (a preview's
    /// first look at a saved course, BuildSession.firstLook).
    func coursePage(_ course: Course, bodyHTML: String? = nil) -> [String: Any] {
        var context = base(title: course.title, description: course.summary, path: "courses/\(course.id)/")
        context["course"] = courseData(course, bodyHTML: bodyHTML)
        context["json_ld"] = StructuredData.course(course, contexts: self).compact
        return context
    }

    /// What the course page and the printed prospectus show of a course.
    func courseData(_ course: Course, bodyHTML: String? = nil) -> [String: Any] {
        var data = card(course)
        data["outcomes"] = course.learningOutcomes
        data["has_outcomes"] = !course.learningOutcomes.isEmpty
        data["sessions"] = sessionEntries(course)
        data["has_sessions"] = !course.sessions.isEmpty
        data["trainers"] = trainerEntries(course)
        data["category_url"] = root + "categories/\(course.category.value)/"
        data["term_url"] = root + "terms/\(course.term.value)/"
        data["format_url"] = root + "formats/\(course.format.rawValue)/"
        data["audience"] = course.audience.map { ["name": $0.value, "url": root + "audiences/\(Slug.make(from: $0.value))/"] }
        data["partners"] = course.partners.compactMap { assignment -> [String: Any]? in
            guard let partner = site.partnersByID[assignment.id.value] else { return nil }
            return [
                "name": partner.name, "url": root + "partners/\(partner.id)/",
                "contribution": assignment.contribution?.label ?? false,
            ]
        }
        data["places_count"] = course.places ?? false
        data["accessibility_notes"] = course.accessibility?.notes ?? false
        // "large-print" reads better as "Large print".
        data["materials"] = (course.accessibility?.materials ?? []).map { material -> String in
            let words = material.replacingOccurrences(of: "-", with: " ")
            return words.prefix(1).uppercased() + words.dropFirst()
        }
        var venues: [[String: Any]] = []
        var seenVenues = Set<String>()
        for session in course.sessions {
            guard let venue = site.venuesByID[session.venue.value], seenVenues.insert(venue.id).inserted else { continue }
            var entry: [String: Any] = [
                "name": venue.name, "url": root + "venues/\(venue.id)/", "online": venue.online,
                "access": accessItems(venue.access),
            ]
            entry["how_to_join"] = venue.onlineInfo?.howToJoin ?? false
            entry["tech_help"] = venue.onlineInfo?.techHelp ?? false
            venues.append(entry)
        }
        data["venues"] = venues
        if let booking = course.booking, booking.hasRoute {
            data["booking"] = [
                "first_session_required": booking.firstSessionRequired,
                "url": booking.url ?? false,
                "phone": booking.phone ?? false,
                "phone_link": booking.phone.map(telLink) ?? false,
                "email": booking.email ?? false,
            ]
        }
        data["booking"] = data["booking"] ?? false
        data["enrolment_html"] = site.college.enrolment.map { fieldHTML($0.how) } ?? false
        data["easy_read_url"] = course.easyReadURL ?? false
        data["support_html"] = needsSupport(course) ? fieldHTML(site.college.support) : false
        // A calendar of the sessions, unless there are none or the course will not run.
        data["calendar_url"] = !course.sessions.isEmpty && course.status != .cancelled ? calendarURL(course.id) : false
        let nextCourses = course.nextCourses.compactMap { ref -> [String: Any]? in
            // A course may name itself; then it is shown as given here (a preview's
            // first look passes a course newer than the index's).
            guard let next = ref.value == course.id ? course : index.byID[ref.value] else { return nil }
            return ["title": next.title, "url": courseURL(next.id)]
        }
        let nextPartners = course.nextPartners.compactMap { ref -> [String: Any]? in
            guard let partner = site.partnersByID[ref.value] else { return nil }
            return ["name": partner.name, "url": root + "partners/\(partner.id)/"]
        }
        data["next_courses"] = nextCourses
        data["next_partners"] = nextPartners
        data["has_next_steps"] = !nextCourses.isEmpty || !nextPartners.isEmpty
        data["body_html"] = bodyHTML ?? html(course.body, in: course.file)
        return data
    }

    /// Courses touching on suicide or self-harm carry the college's support text.
    func needsSupport(_ course: Course) -> Bool {
        course.contentNotes.contains { note in
            let lowered = note.lowercased()
            return lowered.contains("suicid") || lowered.contains("self-harm") || lowered.contains("self harm")
        }
    }

    func telLink(_ phone: String) -> String {
        "tel:" + phone.filter { $0.isNumber || $0 == "+" }
    }
}

/// Page contexts are built once and only read afterwards; the `Any` values are
/// strings, numbers, booleans and arrays or dictionaries of them (value types),
/// so sharing them between the threads that render pages is safe.
extension PageContexts: @unchecked Sendable {}
