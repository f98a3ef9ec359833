/// The coproduction accountability report: for each course, which
/// coproduction rules hold; for the edition, the shares a college board looks
/// at. It describes the prospectus; it is not a fidelity score.
public struct CoproductionReport: Sendable {
    public struct CourseRow: Sendable {
        public var id: String
        public var title: String
        public var status: CourseStatus
        public var format: CourseFormat
        public var category: String
        public var term: String
        public var livedExperience: Bool
        public var pair: Bool
        public var designedWith: Bool
        public var reviewedInTime: Bool
        public var partner: Bool
        public var outcomes: Bool
        public var accessibility: Bool

        /// Every coproduction check for the course holds.
        public var allHold: Bool {
            livedExperience && pair && designedWith && reviewedInTime && partner && outcomes && accessibility
        }
    }

    public struct Share: Sendable {
        public var count: Int
        public var total: Int
        public var fraction: Double { total == 0 ? 0 : Double(count) / Double(total) }
        public var percent: Int { Int((fraction * 100).rounded()) }
    }

    /// How many sessions and courses a trainer teaches. `id` is the file id;
    /// the published report replaces it with `publicLabel`.
    public struct TrainerLoad: Sendable {
        public var id: String
        public var publicLabel: String
        public var roles: [String]
        public var courses: Int
        public var sessions: Int
    }

    public var college: String
    public var edition: String
    public var courses: [CourseRow]
    public var livedExperience: Share
    public var pair: Share
    public var partner: Share
    public var partnerTarget: Double
    public var reviewedInTime: Share
    public var byRole: [(String, Int)]
    public var byFormat: [(String, Int)]
    public var byCategory: [(String, Int)]
    public var byAudience: [(String, Int)]
    public var trainerLoad: [TrainerLoad]

    /// Courses in the edition: everything published except drafts. Cancelled
    /// courses stay in: they were offered, and the board should see them.
    public init(site: Site, today: CalendarDate) {
        let college = site.college
        let policy = college.coproduction
        let cutoff = CoproductionChecks.reviewCutoff(college)
        let counted = site.courses.filter { $0.status != .draft }.sorted { $0.id < $1.id }
        let termNames = Dictionary(college.terms.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let categoryNames = Dictionary(college.categories.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let rows = counted.map { course in
            let roles = course.trainers.map(\.role.value)
            return CourseRow(
                id: course.id, title: course.title, status: course.status, format: course.format,
                category: categoryNames[course.category.value] ?? course.category.value,
                term: termNames[course.term.value] ?? course.term.value,
                livedExperience: roles.contains { policy.livedExperienceRoles.contains($0) },
                pair: roles.contains { policy.livedExperienceRoles.contains($0) }
                    && roles.contains { policy.otherRoles.contains($0) },
                designedWith: !course.designedWith.isEmpty,
                reviewedInTime: course.lastReviewed.map { reviewed in cutoff.map { reviewed.value >= $0 } ?? true } ?? false,
                partner: !course.partners.isEmpty,
                outcomes: !course.learningOutcomes.isEmpty,
                accessibility: CoproductionChecks.hasAccessibilityInformation(course, site: site))
        }
        func share(_ holds: (CourseRow) -> Bool) -> Share {
            Share(count: rows.filter(holds).count, total: rows.count)
        }
        courses = rows
        self.college = college.name
        edition = college.edition
        livedExperience = share(\.livedExperience)
        pair = share(\.pair)
        partner = share(\.partner)
        partnerTarget = policy.partnerShareTarget
        reviewedInTime = share(\.reviewedInTime)

        func tally(_ keys: [[String]]) -> [(String, Int)] {
            var counts: [String: Int] = [:]
            var order: [String] = []
            for set in keys {
                for key in Set(set) {
                    if counts[key] == nil { order.append(key) }
                    counts[key, default: 0] += 1
                }
            }
            return order.sorted { (counts[$0] ?? 0, $1) > (counts[$1] ?? 0, $0) }.map { ($0, counts[$0] ?? 0) }
        }
        byRole = tally(counted.map { $0.trainers.map { policy.label(for: $0.role.value) } })
        byFormat = tally(counted.map { [$0.format.label] })
        byCategory = tally(counted.map { [categoryNames[$0.category.value] ?? $0.category.value] })
        byAudience = tally(counted.map { $0.audience.map(\.value) })

        // Teaching load, counting only courses that run (not cancelled).
        var loads: [String: (courses: Int, sessions: Int)] = [:]
        for course in counted where course.status != .cancelled {
            for id in Set(course.trainers.map(\.id.value)) where site.trainersByID[id] != nil {
                loads[id, default: (0, 0)].courses += 1
                loads[id, default: (0, 0)].sessions += course.sessions.count
            }
        }
        var labelCounts: [String: Int] = [:]
        trainerLoad = site.trainers.sorted { $0.id < $1.id }.map { trainer in
            let roles = trainer.roles.map { policy.label(for: $0) }
            // The published report never shows an id or a name the trainer has not
            // agreed to: ids are often made from names. Unnamed trainers get a
            // stable label such as "Peer trainer 2".
            let shown = PublicTrainer(trainer, today: today).name
            let base = roles.first ?? "Trainer"
            let label: String
            if let shown {
                label = shown
            } else {
                labelCounts[base, default: 0] += 1
                label = "\(base) \(labelCounts[base] ?? 1)"
            }
            let load = loads[trainer.id] ?? (0, 0)
            return TrainerLoad(id: trainer.id, publicLabel: label, roles: roles, courses: load.courses, sessions: load.sessions)
        }
    }
}
