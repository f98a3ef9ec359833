/// The kinds of file `prospectus new` writes, one for each content folder.
public enum NewFileKind: String, Sendable, CaseIterable {
    case course, trainer, partner, venue, page

    /// The folder the loader reads this kind from.
    public var folder: ContentKind {
        switch self {
        case .course: .courses
        case .trainer: .trainers
        case .partner: .partners
        case .venue: .venues
        case .page: .pages
        }
    }

    /// Whether the file takes its defaults from college.yml (terms, roles, time zone).
    public var needsCollege: Bool { self == .course || self == .trainer }
}

/// The text of a new file, with defaults taken from the site it joins.
public enum NewFileText {
    /// What `new` wrote and anything the coordinator should know about it.
    public struct Draft: Sendable {
        public var text: String
        /// Plain-words notes for the command line, e.g. why a course starts as a draft.
        public var notes: [String] = []
    }

    /// The file for `kind` with this id; nil for a course or trainer when there
    /// is no site (college.yml could not be read): they are made from it.
    public static func make(_ kind: NewFileKind, id: String, site: Site?, today: CalendarDate) -> Draft? {
        if kind.needsCollege && site == nil { return nil }
        switch kind {
        case .course:
            guard let site else { return nil }
            return course(id: id, facts: SiteFacts(site: site, today: today))
        case .trainer:
            guard let site else { return nil }
            return Draft(text: trainer(policy: site.college.coproduction, today: today).text)
        case .partner:
            return Draft(text: PartnerFile(name: title(fromID: id), body: Placeholder.partnerBody).text)
        case .venue:
            return Draft(text: venue(id: id).text)
        case .page:
            return Draft(text: page(id: id, site: site).text)
        }
    }

    static func course(id: String, facts: SiteFacts) -> Draft {
        let college = facts.college
        let term = facts.currentTerm
        let venue = facts.venue
        var notes: [String] = []
        var missing: [String] = []
        var trainers: [SiteFacts.Pick] = []
        let lived = facts.livedExperienceTrainer
        if let lived {
            trainers.append(lived)
        } else {
            missing.append("No trainer in content/trainers/ has a lived-experience role yet. Add one")
            missing.append("(prospectus new trainer ID), then list them here: - {id: ID, role: \(facts.policy.livedExperienceRoles.first ?? "peer-trainer")}")
            notes.append("there is no trainer with lived experience yet, so the course starts as a draft: add one with `prospectus new trainer ID` and list them under coproduction: trainers")
        }
        if let other = facts.otherTrainer(besides: lived) {
            trainers.append(other)
        } else if facts.policy.requirePair {
            missing.append("No other trainer can pair with them yet. Add one in another role")
            missing.append("(prospectus new trainer ID), then list them here: - {id: ID, role: \(facts.policy.otherRoles.first ?? "practitioner-trainer")}")
            notes.append("there is no trainer in another role to pair with, so the course starts as a draft: add one with `prospectus new trainer ID` and list them under coproduction: trainers")
        }
        if venue == nil {
            notes.append("there is no venue yet, so the course starts as a draft: add one with `prospectus new venue ID` and give the course a session there")
        }
        if college.categories.isEmpty {
            notes.append("college.yml has no categories, so the course starts as a draft: add them to college.yml and set `category:`")
        }
        if term == nil {
            notes.append("college.yml has no terms, so the course starts as a draft: add the terms to college.yml and set `term:`")
        }
        let slot = term.map { facts.freeSlot(in: $0, at: venue) }
        var file = CourseFile(
            title: title(fromID: id), summary: Placeholder.courseSummary,
            category: college.categories.first?.id ?? "CATEGORY-ID", audience: college.audiences.isEmpty ? ["everyone"] : college.audiences,
            term: term?.id ?? "TERM-ID", outcomes: Placeholder.outcomes,
            session: slot.flatMap { slot in
                venue.map { (slot.date, slot.start, slot.end, $0.id, $0.online ? SessionMode.online : .onsite) }
            },
            booking: facts.bookingLine, accessibilityNotes: Placeholder.accessibilityNotes, materials: ["large-print"],
            trainers: trainers, missingTrainers: missing,
            designedWith: [facts.usualDesignGroup ?? Placeholder.designGroup], lastReviewed: facts.today,
            body: Placeholder.courseBody,
            choices: .init(
                collegeName: college.name, categories: college.categories.map(\.id), audiences: college.audiences,
                terms: college.terms.sorted { $0.start < $1.start }, livedExperienceRoles: facts.policy.livedExperienceRoles,
                otherRoles: facts.policy.otherRoles, partnerIDs: facts.site.partners.map(\.id).sorted()))
        if !notes.isEmpty {
            // An incomplete course would stop the whole prospectus from publishing;
            // as a draft its problems are warnings until it is finished.
            file.status = .draft
            file.draftReason = "it cannot be published until the notes below are dealt with."
        }
        return Draft(text: file.text, notes: notes)
    }

    static func trainer(policy: CoproductionPolicy, today: CalendarDate) -> TrainerFile {
        TrainerFile(
            name: Placeholder.trainerName, roles: [policy.livedExperienceRoles.first ?? "peer-trainer"],
            recordedOn: today, reviewBy: today.nextYear, bio: Placeholder.trainerBio,
            livedExperienceRoles: policy.livedExperienceRoles, otherRoles: policy.otherRoles)
    }

    /// An id that says "online" makes an online room; anything else a building.
    static func venue(id: String) -> VenueFile {
        let online = id.split(separator: "-").contains("online")
        if online {
            return VenueFile(
                name: title(fromID: id), online: true, howToJoin: Placeholder.howToJoin, techHelp: Placeholder.techHelp,
                body: Placeholder.onlineVenueBody)
        }
        return VenueFile(name: title(fromID: id), online: false, body: Placeholder.venueBody)
    }

    /// A page the checks ask for starts from the same text `init` writes.
    static func page(id: String, site: Site?) -> PageFile {
        let order = site.map { SiteFacts(site: $0, today: CalendarDate.epoch).nextPageOrder } ?? 1
        if let known = StarterPages.all.first(where: { $0.id == id }) {
            let enrolment = site?.college.enrolment
            let contact = StarterPages.Contact(
                name: site?.college.name ?? "Our college", phone: enrolment?.phone, email: enrolment?.email)
            return PageFile(title: known.title, order: order, body: known.body(contact))
        }
        return PageFile(title: title(fromID: id), order: order, body: Placeholder.pageBody)
    }
}
