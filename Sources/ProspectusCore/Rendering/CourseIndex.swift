/// The published courses grouped the ways pages list them, in one pass.
///
/// Every list keeps the order of the courses given (the prospectus order), so
/// a listing never sorts again. Looking a group up is a dictionary read: a
/// trainer's page costs the trainer's courses, not the whole prospectus.
struct CourseIndex {
    var byID: [String: Course] = [:]
    var byCategory: [String: [Course]] = [:]
    var byTerm: [String: [Course]] = [:]
    var byFormat: [CourseFormat: [Course]] = [:]
    var byAudience: [String: [Course]] = [:]
    var byTrainer: [String: [Course]] = [:]
    var byPartner: [String: [Course]] = [:]
    var byVenue: [String: [Course]] = [:]

    init(_ ordered: [Course]) {
        for course in ordered {
            byID[course.id] = byID[course.id] ?? course
            byCategory[course.category.value, default: []].append(course)
            byTerm[course.term.value, default: []].append(course)
            byFormat[course.format, default: []].append(course)
            // A course lists once under each audience, trainer, partner and venue,
            // however often the front matter repeats it.
            for audience in Set(course.audience.map(\.value)) { byAudience[audience, default: []].append(course) }
            for trainer in Set(course.trainers.map(\.id.value)) { byTrainer[trainer, default: []].append(course) }
            for partner in Set(course.partners.map(\.id.value)) { byPartner[partner, default: []].append(course) }
            for venue in Set(course.sessions.map(\.venue.value)) { byVenue[venue, default: []].append(course) }
        }
    }
}
