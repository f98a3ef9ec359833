/// The fingerprints of what each page is made from (see RenderMemo).
///
/// A page's key combines the hashes of the source files it shows, the
/// templates it is made with (Theme.templateKeys, added by the renderer), and `global`: everything every page shows or depends on (college.yml, the
/// pages in the navigation, the options, today's date, which decides whose
/// consent has lapsed). A key errs on the side of change: a page may be made
/// again when it did not need to be, never reused when it should not be.
struct RenderKeys {
    let global: UInt64
    /// Per published course: the course, its trainers, partners, venues and
    /// the courses it suggests next, plus `global`.
    let course: [String: UInt64]
    let allCourses: UInt64
    let allTrainers: UInt64
    let allPartners: UInt64
    let allVenues: UInt64
    /// The counts in the browse links, shown on the home and listing pages.
    let browse: UInt64

    init(contexts: PageContexts, includeDrafts: Bool) {
        let site = contexts.site
        var global = Fingerprint()
        global.add(includeDrafts)
        global.add(contexts.today.daysSinceEpoch)
        global.add(site.college.baseURL)
        global.add(site.collegeFile?.hash ?? 0)
        for page in site.pages { global.add(page.file.hash) }
        let globalKey = global.value
        self.global = globalKey

        func all(_ files: [SourceFile]) -> UInt64 {
            var fingerprint = Fingerprint()
            for file in files { fingerprint.add(file.hash) }
            return fingerprint.value
        }
        allTrainers = all(site.trainers.map(\.file))
        allPartners = all(site.partners.map(\.file))
        allVenues = all(site.venues.map(\.file))

        var course: [String: UInt64] = [:]
        var everyCourse = Fingerprint()
        for item in contexts.ordered {
            var key = Fingerprint()
            key.add(globalKey)
            key.add(item.file.hash)
            for ref in item.trainers { key.add(site.trainersByID[ref.id.value]?.file.hash ?? 0) }
            for ref in item.partners { key.add(site.partnersByID[ref.id.value]?.file.hash ?? 0) }
            for session in item.sessions { key.add(site.venuesByID[session.venue.value]?.file.hash ?? 0) }
            for partner in item.nextPartners { key.add(site.partnersByID[partner.value]?.file.hash ?? 0) }
            for next in item.nextCourses { key.add(contexts.index.byID[next.value]?.file.hash ?? 0) }
            course[item.id] = key.value
            everyCourse.add(key.value)
        }
        self.course = course
        allCourses = everyCourse.value

        var browse = Fingerprint()
        let index = contexts.index
        for term in site.college.terms { browse.add(index.byTerm.count(term.id)) }
        for format in CourseFormat.allCases { browse.add(index.byFormat.count(format)) }
        for audience in site.college.audiences { browse.add(index.byAudience.count(audience)) }
        self.browse = browse.value
    }

    /// The key of a list of courses, in order.
    func list(_ courses: [Course]) -> UInt64 {
        var fingerprint = Fingerprint()
        for item in courses { fingerprint.add(course[item.id] ?? 0) }
        return fingerprint.value
    }

    func combine(_ parts: UInt64...) -> UInt64 {
        var fingerprint = Fingerprint()
        for part in parts { fingerprint.add(part) }
        return fingerprint.value
    }
}
