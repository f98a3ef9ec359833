import Yams

public enum CourseFormat: String, Sendable, CaseIterable {
    case course, workshop, masterclass
    case dropIn = "drop-in"
    case coaching, mentoring
    case actionLearningSet = "action-learning-set"
    case teamCoaching = "team-coaching"

    /// Formats delivered one to one or by arrangement may have no fixed sessions.
    public var needsSessions: Bool { self != .coaching && self != .mentoring }

    /// The heading of a page listing every course of this format.
    public var plural: String {
        switch self {
        case .course: "Courses"
        case .workshop: "Workshops"
        case .masterclass: "Masterclasses"
        case .dropIn: "Drop-ins"
        case .coaching: "Coaching"
        case .mentoring: "Mentoring"
        case .actionLearningSet: "Action learning sets"
        case .teamCoaching: "Team coaching"
        }
    }

    public var label: String {
        switch self {
        case .dropIn: "Drop-in"
        case .actionLearningSet: "Action learning set"
        case .teamCoaching: "Team coaching"
        default: rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }
}

public enum CourseStatus: String, Sendable, CaseIterable {
    case open, full, cancelled, draft

    public var label: String {
        switch self {
        case .open: "Open for booking"
        case .full: "Full"
        case .cancelled: "Cancelled"
        case .draft: "Draft — not published"
        }
    }
}

public enum SessionMode: String, Sendable, CaseIterable {
    case onsite, online, blended

    public var label: String {
        switch self {
        case .onsite: "In person"
        case .online: "Online"
        case .blended: "In person and online"
        }
    }
}

public enum PartnerContribution: String, Sendable, CaseIterable {
    case coDesigned = "co-designed"
    case coDelivers = "co-delivers"
    case hosts, signposts

    public var label: String {
        switch self {
        case .coDesigned: "Co-designed this course"
        case .coDelivers: "Co-delivers this course"
        case .hosts: "Hosts this course"
        case .signposts: "Can tell you about further support"
        }
    }
}

public struct Session: Sendable {
    public var date: Located<CalendarDate>
    public var start: Located<TimeOfDay>
    public var end: Located<TimeOfDay>
    public var venue: Located<String>
    public var mode: SessionMode
    public var location: SourceLocation?
}

public struct TrainerAssignment: Sendable {
    public var id: Located<String>
    public var role: Located<String>
}

public struct PartnerAssignment: Sendable {
    public var id: Located<String>
    public var contribution: PartnerContribution?
}

public struct Booking: Sendable {
    public var url: String?
    public var phone: String?
    public var email: String?
    public var firstSessionRequired = false

    public var hasRoute: Bool { url != nil || phone != nil || email != nil }
}

public struct CourseAccessibility: Sendable {
    public var notes: String?
    public var materials: [String] = []
}

public struct Course: Sendable {
    /// What the file says, held once and shared. A course is copied often:
    /// sorted, grouped, handed to each page and check. Copying a struct of
    /// two dozen strings and arrays retained each of them; at 10,000 courses
    /// that was a fifth of a preview rebuild. Now a copy is one reference,
    /// and a change (only while decoding) makes a new box.
    struct Fields: Sendable {
        var id: String
        var file: SourceFile
        var title: String
        var summary: String
        var format: CourseFormat
        var category: Located<String>
        var audience: [Located<String>]
        var term: Located<String>
        var learningOutcomes: [String]
        var sessions: [Session]
        var places: Int?
        var status: CourseStatus
        var booking: Booking?
        var accessibility: CourseAccessibility?
        var easyReadURL: String?
        var contentNotes: [String]
        var nextCourses: [Located<String>]
        var nextPartners: [Located<String>]
        var trainers: [TrainerAssignment]
        var partners: [PartnerAssignment]
        var designedWith: [String]
        var lastReviewed: Located<CalendarDate>?
        var body: MarkdownSource
        var texts: [FieldText] = []
        var ignores: [Suppression] = []
        var keyLocations: [String: SourceLocation] = [:]
        var unplacedVenues: [Located<String>] = []
    }

    private final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    init(
        id: String, file: SourceFile, title: String, summary: String, format: CourseFormat, category: Located<String>,
        audience: [Located<String>], term: Located<String>, learningOutcomes: [String], sessions: [Session], places: Int?,
        status: CourseStatus, booking: Booking?, accessibility: CourseAccessibility?, easyReadURL: String?,
        contentNotes: [String], nextCourses: [Located<String>], nextPartners: [Located<String>], trainers: [TrainerAssignment],
        partners: [PartnerAssignment], designedWith: [String], lastReviewed: Located<CalendarDate>?, body: MarkdownSource,
        texts: [FieldText] = [], ignores: [Suppression] = [], keyLocations: [String: SourceLocation] = [:],
        unplacedVenues: [Located<String>] = []
    ) {
        box = Box(
            Fields(
                id: id, file: file, title: title, summary: summary, format: format, category: category, audience: audience,
                term: term, learningOutcomes: learningOutcomes, sessions: sessions, places: places, status: status,
                booking: booking, accessibility: accessibility, easyReadURL: easyReadURL, contentNotes: contentNotes,
                nextCourses: nextCourses, nextPartners: nextPartners, trainers: trainers, partners: partners,
                designedWith: designedWith, lastReviewed: lastReviewed, body: body, texts: texts, ignores: ignores,
                keyLocations: keyLocations, unplacedVenues: unplacedVenues))
    }

    private mutating func update(_ change: (inout Fields) -> Void) {
        var fields = box.fields
        change(&fields)
        box = Box(fields)
    }

    public var id: String {
        get { box.fields.id }
        set { update { $0.id = newValue } }
    }
    public var file: SourceFile {
        get { box.fields.file }
        set { update { $0.file = newValue } }
    }
    public var title: String {
        get { box.fields.title }
        set { update { $0.title = newValue } }
    }
    public var summary: String {
        get { box.fields.summary }
        set { update { $0.summary = newValue } }
    }
    public var format: CourseFormat {
        get { box.fields.format }
        set { update { $0.format = newValue } }
    }
    public var category: Located<String> {
        get { box.fields.category }
        set { update { $0.category = newValue } }
    }
    public var audience: [Located<String>] {
        get { box.fields.audience }
        set { update { $0.audience = newValue } }
    }
    public var term: Located<String> {
        get { box.fields.term }
        set { update { $0.term = newValue } }
    }
    public var learningOutcomes: [String] {
        get { box.fields.learningOutcomes }
        set { update { $0.learningOutcomes = newValue } }
    }
    public var sessions: [Session] {
        get { box.fields.sessions }
        set { update { $0.sessions = newValue } }
    }
    public var places: Int? {
        get { box.fields.places }
        set { update { $0.places = newValue } }
    }
    public var status: CourseStatus {
        get { box.fields.status }
        set { update { $0.status = newValue } }
    }
    public var booking: Booking? {
        get { box.fields.booking }
        set { update { $0.booking = newValue } }
    }
    public var accessibility: CourseAccessibility? {
        get { box.fields.accessibility }
        set { update { $0.accessibility = newValue } }
    }
    public var easyReadURL: String? {
        get { box.fields.easyReadURL }
        set { update { $0.easyReadURL = newValue } }
    }
    public var contentNotes: [String] {
        get { box.fields.contentNotes }
        set { update { $0.contentNotes = newValue } }
    }
    public var nextCourses: [Located<String>] {
        get { box.fields.nextCourses }
        set { update { $0.nextCourses = newValue } }
    }
    public var nextPartners: [Located<String>] {
        get { box.fields.nextPartners }
        set { update { $0.nextPartners = newValue } }
    }
    public var trainers: [TrainerAssignment] {
        get { box.fields.trainers }
        set { update { $0.trainers = newValue } }
    }
    public var partners: [PartnerAssignment] {
        get { box.fields.partners }
        set { update { $0.partners = newValue } }
    }
    public var designedWith: [String] {
        get { box.fields.designedWith }
        set { update { $0.designedWith = newValue } }
    }
    public var lastReviewed: Located<CalendarDate>? {
        get { box.fields.lastReviewed }
        set { update { $0.lastReviewed = newValue } }
    }
    public var body: MarkdownSource {
        get { box.fields.body }
        set { update { $0.body = newValue } }
    }
    /// Published texts from the front matter, for language and readability checks.
    public var texts: [FieldText] {
        get { box.fields.texts }
        set { update { $0.texts = newValue } }
    }
    public var ignores: [Suppression] {
        get { box.fields.ignores }
        set { update { $0.ignores = newValue } }
    }
    /// Where each top-level and coproduction key is written (`coproduction.trainers`,
    /// `booking`...), and `""` for the start of the front matter: checks about a
    /// missing or empty field point here.
    public var keyLocations: [String: SourceLocation] {
        get { box.fields.keyLocations }
        set { update { $0.keyLocations = newValue } }
    }
    /// The venues named by sessions that could not be read (a date or time
    /// that is wrong). They are still checked, so that a coordinator sees
    /// every problem of such a session in one run, not the venue only after
    /// the date is fixed.
    public var unplacedVenues: [Located<String>] { box.fields.unplacedVenues }

    /// The line for a finding about `key`, falling back to its section, then the front matter.
    public func location(of key: String) -> SourceLocation? {
        if let exact = keyLocations[key] { return exact }
        if let dot = key.firstIndex(of: "."), let section = keyLocations[String(key[..<dot])] { return section }
        return keyLocations[""]
    }

    static let fields = [
        "title", "summary", "format", "category", "audience", "term", "learning_outcomes", "sessions", "places",
        "status", "booking", "accessibility", "easy_read_url", "content_notes", "next_steps", "coproduction", "ignore",
    ]
    static let sessionFields = ["date", "start", "end", "venue", "mode"]
    static let coproductionFields = ["trainers", "partners", "designed_with", "last_reviewed"]

    /// The first session's date, for ordering courses within a term.
    public var firstDate: CalendarDate? { sessions.map(\.date.value).min() }
}

/// The Markdown body of a file and where it starts, so positions cmark reports
/// inside it become lines of the file.
public struct MarkdownSource: Sendable {
    /// Usually a slice of the file's text (see SplitFile.body).
    public var text: Substring
    public var firstLine: Int

    public init(text: Substring, firstLine: Int) {
        self.text = text
        self.firstLine = firstLine
    }

    public init(text: String, firstLine: Int) {
        self.init(text: text[...], firstLine: firstLine)
    }
}

extension Course {
    static func decode(_ document: YAMLDocument, body: MarkdownSource, id: String, bag: DiagnosticBag) -> Course? {
        guard let r = FieldReader(document.root, in: document, what: "course", known: fields, bag: bag) else {
            return nil
        }
        let title = r.string("title", required: true, example: "Understanding recovery")
        let summary = r.string("summary", required: true, example: "What recovery means and how we each find our own way.")
        if let summary {
            let words = summary.value.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
            if words > 40 {
                bag.add(
                    document.file.diagnostic(
                        .schemaTooLong, at: summary.location, "the summary has \(words) words; the most is 40",
                        hint: "keep the summary to one or two short sentences and move the detail into the text below"))
            }
        }
        let format = r.choice("format", CourseFormat.self, required: true)
        let category = r.string("category", required: true, example: "living-well")
        let audience = r.strings("audience", required: true, example: "[people using services, staff]") ?? []
        let term = r.string("term", required: true, example: "autumn")
        // Required in spirit, but reported by COP007 (a warning) so a course is
        // never held back only for this.
        let outcomes = r.strings("learning_outcomes", example: "[Describe what recovery means to you]") ?? []
        let places = r.int("places")
        let status = r.choice("status", CourseStatus.self)?.value ?? .open
        let (sessions, unplacedVenues) = decodeSessions(r, format: format?.value, bag: bag)
        var booking: Booking?
        if let b = r.nested("booking", what: "booking", known: ["url", "phone", "email", "first_session_required"]) {
            booking = Booking(
                url: b.url("url")?.value, phone: b.string("phone")?.value, email: b.string("email")?.value,
                firstSessionRequired: b.bool("first_session_required")?.value ?? false)
            b.finish()
        }
        var accessibility: CourseAccessibility?
        var notes: Located<String>?
        if let a = r.nested("accessibility", what: "accessibility information", known: ["notes", "materials"]) {
            notes = a.string("notes")
            accessibility = CourseAccessibility(notes: notes?.value, materials: a.strings("materials")?.map(\.value) ?? [])
            a.finish()
        }
        let ignores = decodeIgnores(r)
        var keyLocations: [String: SourceLocation] = [:]
        keyLocations[""] = r.here
        for (key, _) in r.mapping {
            if let name = key.scalar?.string, let at = document.location(key) { keyLocations[name] = at }
        }
        if let section = r.value("coproduction")?.mapping {
            for (key, _) in section {
                if let name = key.scalar?.string, let at = document.location(key) {
                    keyLocations["coproduction." + name] = at
                }
            }
        }
        let easyRead = r.url("easy_read_url")
        let contentNotes = r.strings("content_notes")?.map(\.value) ?? []
        var nextCourses: [Located<String>] = []
        var nextPartners: [Located<String>] = []
        if let n = r.nested("next_steps", what: "next steps", known: ["courses", "partners"]) {
            nextCourses = n.strings("courses") ?? []
            nextPartners = n.strings("partners") ?? []
            n.finish()
        }
        var trainers: [TrainerAssignment] = []
        var partners: [PartnerAssignment] = []
        var designedWith: [String] = []
        var lastReviewed: Located<CalendarDate>?
        if let c = r.nested("coproduction", what: "coproduction section", known: coproductionFields, required: true) {
            for item in c.list("trainers", required: true, example: "[{id: jo-bloggs, role: peer-trainer}]") ?? [] {
                guard let t = FieldReader(item, in: document, what: "trainer entry", known: ["id", "role"], bag: bag)
                else { continue }
                let tid = t.string("id", required: true, example: "jo-bloggs")
                let role = t.string("role", required: true, example: "peer-trainer")
                t.finish()
                if let tid, let role { trainers.append(TrainerAssignment(id: tid, role: role)) }
            }
            for item in c.list("partners", example: "[{id: riverside-mind, contribution: co-delivers}]") ?? [] {
                guard
                    let p = FieldReader(
                        item, in: document, what: "partner entry", known: ["id", "contribution"], bag: bag)
                else { continue }
                let pid = p.string("id", required: true, example: "riverside-mind")
                let contribution = p.choice("contribution", PartnerContribution.self)
                p.finish()
                if let pid { partners.append(PartnerAssignment(id: pid, contribution: contribution?.value)) }
            }
            designedWith = c.strings("designed_with")?.map(\.value) ?? []
            lastReviewed = c.date("last_reviewed", required: true)
            c.finish()
        }
        r.finish()
        guard let title, let summary, let format, let category, let term else { return nil }
        var texts = [FieldText("title", title), FieldText("summary", summary)]
        texts += outcomes.map { FieldText("learning_outcomes", $0) }
        if let notes { texts.append(FieldText("accessibility.notes", notes)) }
        return Course(
            id: id, file: document.file, title: title.value, summary: summary.value, format: format.value,
            category: category, audience: audience, term: term, learningOutcomes: outcomes.map(\.value),
            sessions: sessions, places: places?.value, status: status, booking: booking, accessibility: accessibility,
            easyReadURL: easyRead?.value, contentNotes: contentNotes, nextCourses: nextCourses,
            nextPartners: nextPartners, trainers: trainers, partners: partners, designedWith: designedWith,
            lastReviewed: lastReviewed, body: body, texts: texts, ignores: ignores, keyLocations: keyLocations,
            unplacedVenues: unplacedVenues)
    }

    /// The sessions that could be read, and the venues of those that could not.
    static func decodeSessions(
        _ r: FieldReader, format: CourseFormat?, bag: DiagnosticBag
    ) -> (sessions: [Session], unplacedVenues: [Located<String>]) {
        let example = "[{date: 2026-10-05, start: \"10:00\", end: \"12:00\", venue: riverside-hub, mode: onsite}]"
        guard let items = r.list("sessions", example: example) else {
            if format?.needsSessions ?? false {
                bag.add(
                    r.document.diagnostic(
                        .dataNoSessions, at: r.keyNode("sessions") ?? r.node,
                        "the course has no sessions; a \(format?.rawValue ?? "course") needs at least one",
                        hint: "add `sessions:` with a date, start, end, venue and mode for each session"))
            }
            return ([], [])
        }
        var sessions: [Session] = []
        var unplacedVenues: [Located<String>] = []
        for item in items {
            guard let s = FieldReader(item, in: r.document, what: "session", known: sessionFields, bag: bag) else {
                continue
            }
            let date = s.date("date", required: true)
            let start = s.time("start", required: true)
            let end = s.time("end", required: true)
            let venue = s.string("venue", required: true, example: "riverside-hub")
            let mode = s.choice("mode", SessionMode.self)?.value ?? .onsite
            s.finish()
            if let start, let end, end.value <= start.value {
                bag.add(
                    r.document.file.diagnostic(
                        .dataSessionOrder, at: end.location,
                        "this session ends at \(end.value), which is not after it starts (\(start.value))",
                        hint: "check the times: they use the 24-hour clock, so 2pm is \"14:00\""))
            }
            if let date, let start, let end, let venue {
                sessions.append(
                    Session(date: date, start: start, end: end, venue: venue, mode: mode, location: s.here))
            } else if let venue {
                unplacedVenues.append(venue)
            }
        }
        return (sessions, unplacedVenues)
    }
}
