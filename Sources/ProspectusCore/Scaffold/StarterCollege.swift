/// `college.yml` for a new site: an obviously made-up college whose terms are
/// the academic year around the day `init` runs, so its first course is
/// current and the coproduction review dates are in time.
struct StarterCollege {
    let today: CalendarDate

    static let name = "Example Recovery College"
    static let baseURL = "https://recovery.example.org/"
    static let timezone = "Europe/London"
    static let enrolURL = "https://recovery.example.org/enrol"
    // Ofcom's range for drama: never a real line.
    static let phone = "01632 960000"
    static let email = "hello@recovery.example.org"
    static let categories: [(id: String, name: String, description: String)] = [
        ("understanding-mental-health", "Understanding mental health",
         "Learn about mental health, what recovery can mean, and ways to make sense of your experiences."),
        ("living-well", "Living well", "Practical ideas for looking after your wellbeing, from sleep to money."),
        ("getting-involved", "Getting involved", "Work, study, volunteering, peer roles and having your say."),
    ]

    /// The academic year runs from September; once the summer term is over,
    /// the next year is the one being planned.
    var startYear: Int {
        let summerEnd = CalendarDate(year: today.year, month: 7, day: 23) ?? today
        return today > summerEnd ? today.year : today.year - 1
    }

    var edition: String {
        let next = (startYear + 1) % 100
        return "\(startYear)-\(next < 10 ? "0" : "")\(next)"
    }

    var terms: [Term] {
        func day(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
            CalendarDate(year: year, month: month, day: day) ?? today
        }
        let y = startYear
        return [
            Term(id: "autumn", name: "Autumn term", start: day(y, 9, 1), end: day(y, 12, 18)),
            Term(id: "spring", name: "Spring term", start: day(y + 1, 1, 4), end: day(y + 1, 3, 31)),
            Term(id: "summer", name: "Summer term", start: day(y + 1, 4, 12), end: day(y + 1, 7, 23)),
        ]
    }

    var contact: StarterPages.Contact { .init(name: Self.name, phone: Self.phone, email: Self.email) }

    var text: String {
        var lines = [
            "# college.yml: your college, this year's prospectus and how it is made.",
            "# Lines starting with # are notes for you: they are never published.",
            "# Everything here is an example: change it to your own college's details.",
            "# docs/content-guide.md explains every field.",
            "",
            "# Required. Your college's name, shown on every page.",
            "name: \(Self.name)",
            "# Required. The year of this prospectus, in quotes.",
            "edition: \"\(edition)\"",
            "# Required. The web address the site will be published at.",
            "base_url: \(Self.baseURL)",
            "# Required. Your time zone, for session times and calendars.",
            "timezone: \(Self.timezone)",
            "# The language and spelling of the site.",
            "locale: en-GB",
            "# true if you are a public body, such as an NHS trust: then the site must",
            "# have an accessibility statement (content/pages/accessibility-statement.md).",
            "public_sector: true",
            "# What you call the people who come to your courses.",
            "student_noun: student",
            "# Required. How to enrol, shown on every course page. `how` is Markdown;",
            "# the web address, phone and email are optional.",
            "enrolment:",
            "  how: All our courses are free, and you do not need a referral. Enrol online, by phone or by email.",
            "  url: \(Self.enrolURL)",
            "  phone: \"\(Self.phone)\"",
            "  email: \(Self.email)",
            "# Required. Where to find help now: shown at the foot of every page, and",
            "# beside courses that talk about suicide or self-harm. Check these numbers",
            "# are right for where you are.",
            "support: |",
            "  If you need help now, call NHS 111 and choose the mental health option.",
            "  You can also call Samaritans free on 116 123, day or night.",
            "# Required. The terms of this year: an id (used by courses), a name, and",
            "# the first and last day (year-month-day).",
            "terms:",
        ]
        lines += terms.map { "  - {id: \($0.id), name: \($0.name), start: \($0.start), end: \($0.end)}" }
        lines += [
            "# Required. The parts of the prospectus: an id (used by courses), a name",
            "# and a short description.",
            "categories:",
        ]
        for category in Self.categories {
            lines += [
                "  - id: \(category.id)",
                "    name: \(category.name)",
                "    description: \(YAMLText.line(category.description))",
            ]
        }
        lines += [
            "# Who courses can be for. Each course chooses from this list.",
            "audiences: [people using services, family and friends, staff, community]",
            "# Pages the site must have: each is a file in content/pages/.",
            "required_pages: [\(StarterPages.all.map(\.id).joined(separator: ", "))]",
            "# How the college shares the work with people with lived experience.",
            "coproduction:",
            "  # How people with lived experience shaped this prospectus (Markdown).",
            "  # It is on the home page: say what really happened.",
            "  statement: |",
            "    This prospectus was planned, written and checked by people with lived",
            "    experience of mental health challenges, working alongside practitioners",
            "    and our community partners. Tell us what you think: your ideas shape",
            "    next year's prospectus.",
            "  # Roles that bring lived experience. Every course needs one of these.",
            "  lived_experience_roles: [peer-trainer, family-carer-trainer]",
            "  # Roles that bring learnt expertise, to pair with them.",
            "  other_roles: [practitioner-trainer, subject-expert, community-trainer]",
            "  # true: every course needs a trainer from each of the two lists above.",
            "  require_pair: true",
            "  # The share of courses that should have a community partner (0.25 is a quarter).",
            "  partner_share_target: 0.25",
            "  # How often each course should be reviewed with trainers and students.",
            "  review_within_months: 12",
            "  # How each role is named on the site.",
            "  role_labels:",
            "    peer-trainer: Peer trainer",
            "    family-carer-trainer: Family and carer trainer",
            "    practitioner-trainer: Practitioner trainer",
            "    subject-expert: Subject expert",
            "    community-trainer: Community trainer",
            "# Make a check stricter or gentler: error, warning, info or off, e.g.",
            "# checks: {COP005: off}. docs/rules.md lists every check.",
            "checks: {}",
            "# Words the language check should accept here (allow), and words of your",
            "# own it should point out (terms), e.g.",
            "# terms: [{term: service user, suggest: student, level: warning, reason: we say students}]",
            "language:",
            "  allow: []",
            "  terms: []",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
