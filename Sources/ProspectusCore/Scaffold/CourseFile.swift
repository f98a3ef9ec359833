/// The text of a course file: every field of the content model, each with a
/// note in plain words. `prospectus new course` and `prospectus init` both
/// write through this, so the notes are written once.
struct CourseFile {
    var title: String
    var summary: String
    var format = CourseFormat.course
    var category: String
    var audience: [String]
    var term: String
    var outcomes: [String]
    var session: (date: CalendarDate, start: TimeOfDay, end: TimeOfDay, venue: String, mode: SessionMode)?
    var places: Int? = 12
    var status = CourseStatus.open
    /// Why the course is a draft, when it cannot be complete yet.
    var draftReason: String?
    /// A flow mapping such as `{url: "...", first_session_required: false}`.
    var booking: String?
    var accessibilityNotes: String
    var materials: [String]
    var nextCourses: [String] = []
    var nextPartners: [String] = []
    var trainers: [SiteFacts.Pick]
    /// Notes written in place of a missing trainer.
    var missingTrainers: [String] = []
    var partners: [(id: String, contribution: PartnerContribution)] = []
    var designedWith: [String]
    var lastReviewed: CalendarDate
    var body: String

    /// What the notes list as choices, taken from college.yml and the site.
    var choices: Choices

    struct Choices {
        var collegeName: String
        var categories: [String]
        var audiences: [String]
        var terms: [Term]
        var livedExperienceRoles: [String]
        var otherRoles: [String]
        var partnerIDs: [String]
    }

    var text: String {
        var lines = [
            "---",
            "# A course for \(choices.collegeName). Lines starting with # are notes for you:",
            "# they are never published, and you can delete them. Fields marked",
            "# \"Required\" must stay. docs/content-guide.md explains every field.",
            "",
            "# Required. The name of the course, as students will see it.",
            "title: \(YAMLText.line(title))",
            "# Required. One or two short sentences, at most 40 words: what the course",
            "# is about and who it suits. It is shown in the list of courses.",
            "summary: \(YAMLText.line(summary))",
            "# Required. How it runs: course, workshop, masterclass, drop-in, coaching,",
            "# mentoring, action-learning-set or team-coaching.",
            "format: \(format.rawValue)",
        ]
        lines += commentLines(
            "Required. The part of the prospectus it goes in, one of the college's categories: "
                + choices.categories.joined(separator: ", ") + ".")
        lines.append("category: \(YAMLText.scalar(category))")
        lines += commentLines(
            "Required. Who the course is for, from the college's list: " + choices.audiences.joined(separator: ", ") + ".")
        lines += [
            "audience: \(YAMLText.list(audience))",
            "# Required. The term it runs in:",
        ]
        lines += choices.terms.map { "#   \($0.id) (\($0.name), \($0.start) to \($0.end))" }
        lines += [
            "term: \(YAMLText.scalar(term))",
            "# What students will be able to do by the end: two to four short lines.",
            "learning_outcomes:",
        ]
        lines += outcomes.map { "  - \(YAMLText.line($0))" }
        lines += [
            "# Required, except for coaching and mentoring. One line for each session:",
            "# the date (year-month-day), start and end on the 24-hour clock (in quotes),",
            "# the venue (a file name in content/venues/, without .md) and how it runs:",
            "# onsite, online or blended. Copy the line for each extra session.",
        ]
        if let session {
            lines.append("sessions:")
            lines.append(
                "  - {date: \(session.date), start: \"\(session.start)\", end: \"\(session.end)\", venue: \(YAMLText.scalar(session.venue)), mode: \(session.mode.rawValue)}"
            )
        } else {
            lines += [
                "# There is no venue in content/venues/ yet: add one (prospectus new venue ID),",
                "# then write its id in a line like the one below and remove the #.",
                "sessions: []",
                "#  - {date: YYYY-MM-DD, start: \"10:00\", end: \"12:00\", venue: VENUE-ID, mode: onsite}",
            ]
        }
        lines += [
            "# The most students who can come. Leave it empty if there is no limit.",
            "places:" + (places.map { " \($0)" } ?? ""),
            "# open (taking bookings), full, cancelled or draft. A draft is not",
            "# published, so you can keep working on it.",
        ]
        if let draftReason { lines.append("# This course starts as a draft: \(draftReason)") }
        lines += [
            "status: \(status.rawValue)",
            "# How to book this course: a web page (url), a phone number or an email",
            "# address. first_session_required: true asks students to come to the first session.",
            "booking:" + (booking.map { " \($0)" } ?? ""),
            "# Help to take part: a note in plain words, and the materials you offer,",
            "# such as large-print or easy-read.",
            "accessibility: {notes: \(YAMLText.quoted(accessibilityNotes)), materials: \(YAMLText.list(materials))}",
            "# A link to an Easy Read version of this course, if there is one.",
            "easy_read_url:",
            "# Write suicide or self-harm here if the course talks about them: the",
            "# course page then shows the college's support text, e.g. [self-harm].",
            "content_notes: []",
            "# Where students could go next: other courses and partners, by their ids.",
            "next_steps: {courses: \(YAMLText.list(nextCourses)), partners: \(YAMLText.list(nextPartners))}",
            "# Required. Who made this course and who delivers it.",
            "coproduction:",
            "  # Required. The trainers (file names in content/trainers/, without .md) and the",
            "  # role each takes on this course. Every course needs one trainer with lived",
            "  # experience and one in another role. The college's roles are:",
            "  #   with lived experience: \(choices.livedExperienceRoles.joined(separator: ", "))",
            "  #   other roles: \(choices.otherRoles.joined(separator: ", "))",
        ]
        lines += missingTrainers.map { "  # " + $0 }
        lines.append(trainers.isEmpty ? "  trainers: []" : "  trainers:")
        lines += trainers.map { "    - {id: \(YAMLText.scalar($0.id)), role: \(YAMLText.scalar($0.role))}" }
        lines += [
            "  # Community partners who help with this course, and how: co-designed,",
            "  # co-delivers, hosts or signposts. Write them like this:",
            "  #   - {id: PARTNER-ID, contribution: co-delivers}",
        ]
        if !choices.partnerIDs.isEmpty {
            lines += commentLines(
                "The partners in content/partners/ are: " + choices.partnerIDs.joined(separator: ", ") + ".", indent: "  ")
        }
        lines.append(partners.isEmpty ? "  partners: []" : "  partners:")
        lines += partners.map { "    - {id: \(YAMLText.scalar($0.id)), contribution: \($0.contribution.rawValue)}" }
        lines += [
            "  # The groups who designed the course with you, such as a student forum.",
            "  # Name groups or roles, never a person's health details.",
            "  designed_with: \(YAMLText.list(designedWith))",
            "  # Required. When you last looked at the course with its trainers and students.",
            "  last_reviewed: \(lastReviewed)",
            "---",
        ]
        return lines.joined(separator: "\n") + "\n" + body
    }
}
