/// What a new file borrows from the site it joins, so that it builds as it is
/// written: the current term, the first category, trainers who can co-deliver,
/// a venue that exists and a time when that venue is free.
///
/// Every choice is deterministic (sorted by id, first wins), so the same site
/// on the same day always gives the same file.
struct SiteFacts {
    let site: Site
    let today: CalendarDate

    var college: College { site.college }
    var policy: CoproductionPolicy { site.college.coproduction }

    /// The term whose dates contain today; else the next to start; else the last.
    var currentTerm: Term? { Self.currentTerm(college.terms, today: today) }

    static func currentTerm(_ terms: [Term], today: CalendarDate) -> Term? {
        let byStart = terms.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        if let now = byStart.first(where: { $0.start <= today && today <= $0.end }) { return now }
        if let next = byStart.first(where: { $0.start > today }) { return next }
        return terms.sorted { ($0.end, $0.id) < ($1.end, $1.id) }.last
    }

    /// A trainer and the role they take, for one side of the co-delivery pair.
    struct Pick {
        var id: String
        var role: String
    }

    /// A trainer holding one of `roles`, preferring one whose consent is in
    /// force (a lapsed consent already has its own warning), by id.
    func trainer(withOneOf roles: [String], excluding: String? = nil) -> Pick? {
        let candidates = site.trainers.filter { $0.id != excluding }.sorted { $0.id < $1.id }
        let current = candidates.filter { $0.consent.isCurrent(on: today) }
        for group in [current, candidates] {
            for trainer in group {
                // The college's order of roles decides which one a multi-role trainer takes.
                if let role = roles.first(where: { trainer.roles.contains($0) }) { return Pick(id: trainer.id, role: role) }
            }
        }
        return nil
    }

    var livedExperienceTrainer: Pick? { trainer(withOneOf: policy.livedExperienceRoles) }

    func otherTrainer(besides lived: Pick?) -> Pick? {
        trainer(withOneOf: policy.otherRoles, excluding: lived?.id)
    }

    /// A place with access details first (students need them), in person before online.
    var venue: Venue? {
        let venues = site.venues.sorted { $0.id < $1.id }
        return venues.first { !$0.online && $0.access != nil } ?? venues.first { !$0.online }
            ?? venues.first { $0.online && $0.onlineInfo != nil } ?? venues.first
    }

    /// The group named most often in `designed_with` across the site (ties by
    /// name): the likeliest to have shaped the next course too.
    var usualDesignGroup: String? {
        var counts: [String: Int] = [:]
        for course in site.courses { for group in course.designedWith { counts[group, default: 0] += 1 } }
        return counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.first?.key
    }

    /// The usual session times: a morning and an afternoon of two hours.
    static let slots: [(start: TimeOfDay, end: TimeOfDay)] = [(10, 12), (14, 16)].compactMap { start, end in
        guard let s = TimeOfDay(hour: start, minute: 0), let e = TimeOfDay(hour: end, minute: 0) else { return nil }
        return (s, e)
    }

    /// The weekdays of `term` from today on (from its start when it is over),
    /// a year of them at most: a term that runs on for decades must not make
    /// the search run on too.
    static func weekdays(in term: Term, from today: CalendarDate) -> [CalendarDate] {
        var first = max(today, term.start)
        if first > term.end { first = term.start }
        let last = min(max(first.daysSinceEpoch, term.end.daysSinceEpoch), first.daysSinceEpoch + 366)
        let days = (first.daysSinceEpoch...last).map(CalendarDate.fromDaysSinceEpoch).filter { $0.weekdayIndex < 5 }
        return days.isEmpty ? [first] : days
    }

    /// A session of two hours on a weekday in `term`, from today on, when the
    /// venue has nothing else booked; the first weekday when every slot is taken.
    func freeSlot(in term: Term, at venue: Venue?) -> (date: CalendarDate, start: TimeOfDay, end: TimeOfDay) {
        let days = Self.weekdays(in: term, from: today)
        let morning = Self.slots[0]
        let fallback = (days[0], morning.start, morning.end)
        guard let venue, !venue.online else { return fallback }
        for day in days {
            let busy = booked(at: venue.id, on: day)
            if let free = Self.slots.first(where: { slot in !busy.contains { slot.start < $0.end && $0.start < slot.end } }) {
                return (day, free.start, free.end)
            }
        }
        return fallback
    }

    /// Sessions already taking the room on a day, as DATA013 counts them.
    func booked(at venue: String, on day: CalendarDate) -> [(start: TimeOfDay, end: TimeOfDay)] {
        site.courses.filter { $0.status != .cancelled && $0.status != .draft }.flatMap { course in
            course.sessions.filter { $0.venue.value == venue && $0.date.value == day && $0.mode != .online }
                .map { ($0.start.value, $0.end.value) }
        }
    }

    /// How to book: the college's enrolment route, which every course page shows anyway.
    var bookingLine: String? {
        guard let enrolment = college.enrolment else { return nil }
        if let url = enrolment.url { return "{url: \(YAMLText.quoted(url)), first_session_required: false}" }
        if let phone = enrolment.phone { return "{phone: \(YAMLText.quoted(phone)), first_session_required: false}" }
        if let email = enrolment.email { return "{email: \(YAMLText.quoted(email)), first_session_required: false}" }
        return nil
    }

    /// The next free place in the navigation.
    var nextPageOrder: Int { (site.pages.compactMap(\.order).max() ?? 0) + 1 }
}

extension CalendarDate {
    /// The same day a year on (29 February becomes 28 February).
    var nextYear: CalendarDate { adding(months: 12) }
}

/// "money-and-wellbeing" becomes "Money and wellbeing": a starting title a
/// coordinator will usually want to keep or lightly edit.
func title(fromID id: String) -> String {
    let words = id.split(separator: "-").joined(separator: " ")
    return words.prefix(1).uppercased() + words.dropFirst()
}
