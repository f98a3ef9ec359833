/// `search-index.json`: what `assets/filter.js` needs to filter the course
/// cards of the home page, and what anyone may reuse to list the courses.
///
/// Compact and deterministic: names of categories, terms, formats and
/// audiences are given once, in the prospectus's order, and courses refer to
/// them by id (category, term and format also carry their name). It holds
/// public course facts only: no trainer appears in it at all, by name or by
/// role, whatever their consent.
///
/// ```json
/// {"version":1,"categories":[{"id":..,"name":..}],"terms":[..],"formats":[..],"audiences":[..],
///  "courses":[{"id":..,"url":..,"title":..,"summary":..,"category":{"id":..,"name":..},
///              "term":{"id":..,"name":..},"format":{"id":..,"name":..},
///              "audience":["people-using-services"],"status":"open","venues":[".."],
///              "modes":["onsite"],"first_date":"2026-10-05"}]}
/// ```
enum SearchIndex {
    static let path = "search-index.json"

    static func json(contexts: PageContexts, courses: [Course]) -> String {
        let college = contexts.site.college
        func pair(_ id: String, _ name: String) -> JSONValue { .object([("id", .string(id)), ("name", .string(name))]) }
        func used(_ predicate: (Course) -> Bool) -> Bool { courses.contains(where: predicate) }
        let categories = college.categories.filter { category in used { $0.category.value == category.id } }
        let terms = college.terms.filter { term in used { $0.term.value == term.id } }
        let formats = CourseFormat.allCases.filter { format in used { $0.format == format } }
        let audiences = college.audiences.filter { audience in used { $0.audience.contains { $0.value == audience } } }
        let entries: [JSONValue] = courses.map { course in
            var venues: [String] = []
            for session in course.sessions {
                let name = contexts.site.venuesByID[session.venue.value]?.name ?? session.venue.value
                if !venues.contains(name) { venues.append(name) }
            }
            let modes = SessionMode.allCases.filter { mode in course.sessions.contains { $0.mode == mode } }
            return .object([
                ("id", .string(course.id)),
                ("url", .string(contexts.courseURL(course.id))),
                ("title", .string(course.title)),
                ("summary", .string(course.summary)),
                ("category", pair(course.category.value, contexts.categoryName(course.category.value))),
                ("term", pair(course.term.value, contexts.termName(course.term.value))),
                ("format", pair(course.format.rawValue, course.format.label)),
                ("audience", .array(course.audience.map { .string(Slug.make(from: $0.value)) })),
                ("status", .string(course.status.rawValue)),
                ("venues", .array(venues.map { .string($0) })),
                ("modes", .array(modes.map { .string($0.rawValue) })),
                ("first_date", course.firstDate.map { .string($0.iso) } ?? .null),
            ])
        }
        let document: JSONValue = .object([
            ("version", .int(1)),
            ("categories", .array(categories.map { pair($0.id, $0.name) })),
            ("terms", .array(terms.map { pair($0.id, $0.name) })),
            ("formats", .array(formats.map { pair($0.rawValue, $0.label) })),
            ("audiences", .array(audiences.map { pair(Slug.make(from: $0), $0.prefix(1).uppercased() + $0.dropFirst()) })),
            ("courses", .array(entries)),
        ])
        return document.compact + "\n"
    }
}
