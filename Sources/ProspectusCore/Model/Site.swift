/// The whole decoded site: the college and every file, with indexes by id so
/// that checks and pages look things up in constant time.
public struct Site: Sendable {
    public var college: College
    public var courses: [Course]
    public var trainers: [Trainer]
    public var partners: [Partner]
    public var venues: [Venue]
    public var pages: [Page]
    /// Every source file read, by path, for showing source lines.
    public var files: [String: SourceFile] = [:]
    /// Which of `files` is college.yml (set by the decoder).
    var collegePath: String?
    /// Course files that say `status: draft` but could not be decoded: their
    /// errors are softened like any draft's (Pipeline.softenDrafts).
    var brokenDrafts: Set<String> = []
    /// The ids of course files that exist but could not be decoded (their own
    /// errors say why): another course naming one in `next_courses` is not
    /// told that there is no such course, which would send the coordinator
    /// looking for a missing file. A broken draft is left out as any draft is.
    var undecodedCourseIDs: Set<String> = []

    public let coursesByID: [String: Course]
    public let trainersByID: [String: Trainer]
    public let partnersByID: [String: Partner]
    public let venuesByID: [String: Venue]
    public let pagesByID: [String: Page]

    public init(
        college: College, courses: [Course], trainers: [Trainer], partners: [Partner], venues: [Venue], pages: [Page]
    ) {
        self.college = college
        self.courses = courses
        self.trainers = trainers
        self.partners = partners
        self.venues = venues
        self.pages = pages
        coursesByID = Dictionary(courses.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        trainersByID = Dictionary(trainers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        partnersByID = Dictionary(partners.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        venuesByID = Dictionary(venues.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        pagesByID = Dictionary(pages.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The site as the checks see one saved course before the whole site is
    /// checked again (BuildSession.firstLook): that course is the only file to
    /// check, and every other file is still there to be referred to by id.
    /// Other files' findings on it mean nothing (a share of one course).
    func lens(on course: Course) -> Site {
        var lens = self
        lens.courses = [course]
        lens.trainers = []
        lens.partners = []
        lens.venues = []
        lens.pages = []
        lens.files = [course.file.path: course.file]
        if let college = collegeFile { lens.files[college.path] = college }
        return lens
    }
}

