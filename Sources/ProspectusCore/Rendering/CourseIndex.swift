/// The published courses grouped the ways pages list them, in one pass.
///
/// Every list keeps the order of the courses given (the prospectus order), so
/// a listing never sorts again. Looking a group up is a dictionary read: a
/// trainer's page costs the trainer's courses, not the whole prospectus.
///
/// Groups hold positions in the one ordered array, not copies of courses: a
/// course sits in seven or more groups, and at 10,000 courses the copies were
/// 80 MB of a build's heap. A lookup makes the group's array when a page asks.
struct CourseIndex {
    var byID: Lookup
    var byCategory: Group<String>
    var byTerm: Group<String>
    var byFormat: Group<CourseFormat>
    var byAudience: Group<String>
    var byTrainer: Group<String>
    var byPartner: Group<String>
    var byVenue: Group<String>

    /// Courses by a key, as positions in the shared ordered array.
    struct Group<Key: Hashable> {
        let ordered: [Course]
        var positions: [Key: [Int]] = [:]

        subscript(key: Key) -> [Course]? {
            positions[key].map { $0.map { ordered[$0] } }
        }

        /// How many courses a group has, without making its array.
        func count(_ key: Key) -> Int { positions[key]?.count ?? 0 }

        mutating func add(_ position: Int, under key: Key) {
            positions[key, default: []].append(position)
        }
    }

    /// One course by id (the first, should two share an id).
    struct Lookup {
        let ordered: [Course]
        var positions: [String: Int] = [:]

        subscript(id: String) -> Course? {
            positions[id].map { ordered[$0] }
        }
    }

    init(_ ordered: [Course]) {
        byID = Lookup(ordered: ordered)
        byCategory = Group(ordered: ordered)
        byTerm = Group(ordered: ordered)
        byFormat = Group(ordered: ordered)
        byAudience = Group(ordered: ordered)
        byTrainer = Group(ordered: ordered)
        byPartner = Group(ordered: ordered)
        byVenue = Group(ordered: ordered)
        for (position, course) in ordered.enumerated() {
            if byID.positions[course.id] == nil { byID.positions[course.id] = position }
            byCategory.add(position, under: course.category.value)
            byTerm.add(position, under: course.term.value)
            byFormat.add(position, under: course.format)
            // A course lists once under each audience, trainer, partner and venue,
            // however often the front matter repeats it.
            for audience in Set(course.audience.map(\.value)) { byAudience.add(position, under: audience) }
            for trainer in Set(course.trainers.map(\.id.value)) { byTrainer.add(position, under: trainer) }
            for partner in Set(course.partners.map(\.id.value)) { byPartner.add(position, under: partner) }
            for venue in Set(course.sessions.map(\.venue.value)) { byVenue.add(position, under: venue) }
        }
    }
}
