/// The text of a trainer file. Privacy comes first: unless a trainer has
/// agreed to more, every consent is false and they are shown by role only
/// ("Peer trainer"), which is what Prospectus does anyway when in doubt.
struct TrainerFile: Sendable {
    var name: String
    var roles: [String]
    var display = NameDisplay.roleOnly
    var consentName = false
    var consentProfile = false
    var consentPhoto = false
    var consentStatement = false
    var recordedOn: CalendarDate
    var reviewBy: CalendarDate
    var skills: [String] = []
    var interests: [String] = []
    /// `private:` lines, already indented; empty leaves only an example in a note.
    var privateLines: [String] = []
    var bio: String

    var livedExperienceRoles: [String]
    var otherRoles: [String]

    var text: String {
        var lines = [
            "---",
            "# A trainer. Lines starting with # are notes for you: they are never published.",
            "# Prospectus publishes only what this person has agreed to, below under",
            "# `consent`. Ask them, write down the date, and check again by `review_by`.",
            "",
            "# Required. Their full name. It is used by the checks, and published only",
            "# if `consent: name` is true and `display` is first-name or full-name.",
            "name: \(YAMLText.line(name))",
            "# Required. The roles they can take on courses. The college's roles are:",
            "#   with lived experience: \(livedExperienceRoles.joined(separator: ", "))",
            "#   other roles: \(otherRoles.joined(separator: ", "))",
            "roles: \(YAMLText.list(roles))",
            "# How they are named on the site: role-only (\"Peer trainer\", the safe",
            "# choice), first-name or full-name. Naming them needs `consent: name`.",
            "display: \(display.rawValue)",
            "# What they have agreed to. Each one is their choice, and they can change",
            "# their mind at any time: then set it back to false and build again.",
            "consent:",
            "  # May the site show their name?",
            "  name: \(consentName)",
            "  # May they have their own page on the site, with the text below this list?",
            "  profile: \(consentProfile)",
            "  # May the site show their photo?",
            "  photo: \(consentPhoto)",
            "  # May the text below say what they have lived through, such as a diagnosis?",
            "  lived_experience_statement: \(consentStatement)",
            "  # Required. The day they gave this consent (year-month-day).",
            "  recorded_on: \(recordedOn)",
            "  # Required. Check with them again by this day. After it, Prospectus treats",
            "  # every consent above as withdrawn and shows them by role only.",
            "  review_by: \(reviewBy)",
            "# What they bring to a course, shown on their page, e.g. [group facilitation].",
            "skills: \(YAMLText.list(skills))",
            "# What they care about, shown on their page, e.g. [creative writing].",
            "interests: \(YAMLText.list(interests))",
            "# A photo, shown only with `consent: photo`. Put the picture in content/images/",
            "# and describe it for people who cannot see it, e.g.",
            "# {src: images/photo.jpg, alt: Smiling in the college garden}",
            "photo:",
            "# Notes for the college only, such as a phone number or training dates.",
            "# They are NEVER published: every build checks that they appear nowhere",
            "# on the site. Keep only what you need. For example:",
            "#   phone: \"07700 900000\"",
            "#   training: [{course: Peer trainer course, date: 2026-03-01}]",
            "private:",
        ]
        lines += privateLines
        lines += [
            "---",
        ]
        return lines.joined(separator: "\n") + "\n" + bio
    }
}
