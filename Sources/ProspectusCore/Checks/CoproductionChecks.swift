/// COP: does each course show the coproduction a Recovery College promises?
///
/// These rules follow the components of a Recovery College that the RECOLLECT
/// fidelity measure names (co-production of the college, community focus,
/// learning, tailored to the student); docs/rules.md says which. They are
/// checks a coordinator can act on, not a fidelity score.
public enum CoproductionChecks {
    public static func run(_ site: Site) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let college = site.college
        let policy = college.coproduction
        let cutoff = reviewCutoff(college)
        for course in site.courses {
            let file = course.file
            let roles = course.trainers.map(\.role.value)
            let livedExperience = roles.filter { policy.livedExperienceRoles.contains($0) }
            let other = roles.filter { policy.otherRoles.contains($0) }
            let trainersAt = course.location(of: "coproduction.trainers")
            if livedExperience.isEmpty {
                out.append(
                    file.diagnostic(
                        .copLivedExperience, at: trainersAt, "no trainer with lived experience delivers this course",
                        hint: "add a trainer whose role is one of: \(policy.livedExperienceRoles.joined(separator: ", "))"))
            }
            if policy.requirePair && other.isEmpty {
                out.append(
                    file.diagnostic(
                        .copPair, at: trainersAt,
                        "no trainer in another role works beside the lived-experience trainer",
                        hint: "add a trainer whose role is one of: \(policy.otherRoles.joined(separator: ", ")) (co-delivery pairs lived experience with learnt expertise)"))
            }
            if course.designedWith.isEmpty {
                out.append(
                    file.diagnostic(
                        .copDesignedWith, at: course.location(of: "coproduction.designed_with"),
                        "the course does not say which groups designed it",
                        hint: "add `designed_with: [...]` naming the groups or roles that shaped it, e.g. [Student forum, Peer trainers' network]; never individuals' health details"))
            }
            if let reviewed = course.lastReviewed, let cutoff, reviewed.value < cutoff {
                out.append(
                    file.diagnostic(
                        .copReview, at: reviewed.location,
                        "the course was last reviewed on \(reviewed.value), more than \(policy.reviewWithinMonths) months before this edition starts",
                        hint: "review the course with its trainers and students, then set `last_reviewed` to the date you did"))
            }
            if course.partners.isEmpty {
                out.append(
                    file.diagnostic(
                        .copNoPartner, at: course.location(of: "coproduction"),
                        "no community partner is involved in this course",
                        hint: "if a local organisation designs, delivers, hosts or signposts from this course, add it under `coproduction.partners`"))
            }
            if course.learningOutcomes.isEmpty {
                out.append(
                    file.diagnostic(
                        .copOutcomes, at: course.location(of: "learning_outcomes"),
                        "the course has no learning outcomes, so students cannot see what they will learn",
                        hint: "add `learning_outcomes:` with two to four things a student will be able to do by the end"))
            }
            if !hasAccessibilityInformation(course, site: site) {
                out.append(
                    file.diagnostic(
                        .copAccessibility,
                        at: course.keyLocations["accessibility"] ?? course.keyLocations["sessions"] ?? course.location(of: ""),
                        "there is no accessibility information for this course or its venues",
                        hint: "add `accessibility: {notes: ..., materials: [...]}`, or access details to its venues"))
            }
        }
        out += sitewide(site)
        return out
    }

    /// The earliest date a review may have been and still count: the first
    /// term's start, minus `review_within_months`.
    static func reviewCutoff(_ college: College) -> CalendarDate? {
        guard let first = college.terms.map(\.start).min() else { return nil }
        return first.adding(months: -college.coproduction.reviewWithinMonths)
    }

    static func hasAccessibilityInformation(_ course: Course, site: Site) -> Bool {
        if let accessibility = course.accessibility, accessibility.notes != nil || !accessibility.materials.isEmpty {
            return true
        }
        return course.sessions.contains { session in
            guard let venue = site.venuesByID[session.venue.value] else { return false }
            return venue.access != nil || venue.onlineInfo != nil
        }
    }

    static func sitewide(_ site: Site) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let college = site.college
        guard let file = site.collegeFile else { return out }
        // The same courses as the accountability report counts: all but drafts.
        let counted = site.courses.filter { $0.status != .draft }
        if !counted.isEmpty {
            let withPartner = counted.filter { !$0.partners.isEmpty }.count
            let share = Double(withPartner) / Double(counted.count)
            let target = college.coproduction.partnerShareTarget
            if share < target {
                out.append(
                    file.diagnostic(
                        .copPartnerShare,
                        at: college.keyLocations["coproduction.partner_share_target"] ?? college.keyLocations["coproduction"],
                        "\(withPartner) of \(counted.count) courses (\(percent(share))) have a community partner; the target is \(percent(target))",
                        hint: "work with community organisations on more courses, or change `partner_share_target`"))
            }
        }
        if (college.coproduction.statement ?? "").isEmpty {
            out.append(
                file.diagnostic(
                    .copStatement, at: college.keyLocations["coproduction"] ?? college.keyLocations[""],
                    "the prospectus has no coproduction statement",
                    hint: "add `coproduction: {statement: ...}` saying how people with lived experience shaped this prospectus"))
        }
        return out
    }

    static func percent(_ value: Double) -> String {
        "\(Int((value * 100).rounded()))%"
    }
}

extension Site {
    /// The college.yml source file, for site-wide findings.
    /// Looked up by the path the decoder recorded: a search of every file
    /// took about 2 ms at 10,000 courses, and the checks ask several times.
    public var collegeFile: SourceFile? {
        if let collegePath, let file = files[collegePath] { return file }
        return files.values.first { $0.path.hasSuffix("college.yml") }
    }
}
