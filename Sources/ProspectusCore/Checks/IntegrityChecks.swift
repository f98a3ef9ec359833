/// Checks that need the whole site: references between files, roles, dates
/// against terms, consent review dates. Each finding points at the line where
/// the reference is written, because that is the line the coordinator must change.
public enum IntegrityChecks {
    public static func run(_ site: Site, today: CalendarDate) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let college = site.college
        let policy = college.coproduction
        let knownRoles = Set(policy.allRoles)
        let categories = Set(college.categories.map(\.id))
        let terms = Dictionary(college.terms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let audiences = Set(college.audiences)

        func unknown(_ file: SourceFile, _ ref: Located<String>, what: String, folder: String?, options: [String]) {
            let suggestion = closest(to: ref.value, among: options)
            var hint = suggestion.map { "did you mean `\($0)`? " } ?? ""
            if let folder {
                hint += "the id must match a file in content/\(folder)/ (its name without .md)"
            } else {
                hint += "use one of: \(options.sorted().joined(separator: ", "))"
            }
            out.append(file.diagnostic(.dataReference, at: ref.location, "there is no \(what) \"\(ref.value)\"", hint: hint))
        }

        for trainer in site.trainers {
            for role in trainer.roles where !knownRoles.contains(role) {
                out.append(
                    trainer.file.diagnostic(
                        .schemaEnum, at: trainer.roleLocations[role] ?? trainer.keyLocations["roles"] ?? trainer.location,
                        "`roles`: \"\(role)\" is not one of the college's roles",
                        hint: "use one of: \(policy.allRoles.joined(separator: ", ")), or add it to coproduction in college.yml"))
            }
            if let reviewBy = trainer.consent.reviewBy, trainer.consent.recordedOn != nil, reviewBy.value < today {
                out.append(
                    trainer.file.diagnostic(
                        .privConsentLapsed, at: reviewBy.location,
                        "consent was due for review on \(reviewBy.value) and has lapsed, so this trainer is shown by role only and has no profile page",
                        hint: "check with the trainer what they agree to now, then update `consent` and set a new `review_by` date"))
            }
        }

        let trainerIDs = site.trainersByID.keys.sorted()
        let partnerIDs = site.partnersByID.keys.sorted()
        let venueIDs = site.venuesByID.keys.sorted()
        let courseIDs = site.coursesByID.keys.sorted()
        for course in site.courses {
            let file = course.file
            if !categories.contains(course.category.value) {
                unknown(file, course.category, what: "category", folder: nil, options: Array(categories))
            }
            let term = terms[course.term.value]
            if term == nil { unknown(file, course.term, what: "term", folder: nil, options: Array(terms.keys)) }
            for audience in course.audience where !audiences.isEmpty && !audiences.contains(audience.value) {
                unknown(file, audience, what: "audience", folder: nil, options: Array(audiences))
            }
            for venue in course.unplacedVenues where site.venuesByID[venue.value] == nil {
                unknown(file, venue, what: "venue", folder: "venues", options: venueIDs)
            }
            for session in course.sessions {
                if site.venuesByID[session.venue.value] == nil {
                    unknown(file, session.venue, what: "venue", folder: "venues", options: venueIDs)
                }
                if let term, session.date.value < term.start || session.date.value > term.end {
                    out.append(
                        file.diagnostic(
                            .dataSessionOutsideTerm, at: session.date.location,
                            "this session on \(session.date.value) is outside the \(term.name) (\(term.start) to \(term.end))",
                            hint: "check the date, or move the course to the term it falls in"))
                }
            }
            for assignment in course.trainers {
                guard let trainer = site.trainersByID[assignment.id.value] else {
                    unknown(file, assignment.id, what: "trainer", folder: "trainers", options: trainerIDs)
                    continue
                }
                if !knownRoles.contains(assignment.role.value) {
                    unknown(file, assignment.role, what: "role", folder: nil, options: policy.allRoles)
                } else if !trainer.roles.contains(assignment.role.value) {
                    out.append(
                        file.diagnostic(
                            .dataRoleNotHeld, at: assignment.role.location,
                            "\(trainer.id) is given the role \(assignment.role.value), which is not one of their roles (\(trainer.roles.joined(separator: ", ")))",
                            hint: "use one of their roles, or add \(assignment.role.value) to `roles` in \(trainer.file.path)"))
                }
            }
            for partner in course.partners where site.partnersByID[partner.id.value] == nil {
                unknown(file, partner.id, what: "partner", folder: "partners", options: partnerIDs)
            }
            for next in course.nextCourses where site.coursesByID[next.value] == nil && !site.undecodedCourseIDs.contains(next.value) {
                unknown(file, next, what: "course", folder: "courses", options: courseIDs)
            }
            for next in course.nextPartners where site.partnersByID[next.value] == nil {
                unknown(file, next, what: "partner", folder: "partners", options: partnerIDs)
            }
        }
        return out
    }
}
