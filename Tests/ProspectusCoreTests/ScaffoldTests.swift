import Foundation
import Testing

@testable import ProspectusCore

@Suite("Scaffold: new files, new sites and the embedded default theme")
struct ScaffoldTests {
    /// SOURCE_DATE_EPOCH of the end-to-end tests: 2026-11-18 in London, in the autumn term.
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let today = CalendarDate(year: 2026, month: 11, day: 18)!
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("templates")

    /// A fresh `init` site in a temporary folder.
    func newSite() throws -> TemporaryFolder {
        let temp = try TemporaryFolder()
        if case .failure(let problem) = NewSite.create(at: temp.url, now: Self.now) {
            Issue.record("init failed: \(problem)")
        }
        return temp
    }

    func render(_ temp: TemporaryFolder) -> BuildResult {
        Pipeline.render(BuildOptions(siteRoot: temp.url, now: Self.now))
    }

    func new(_ kind: NewFileKind, _ id: String, in temp: TemporaryFolder) -> Result<NewFile.Written, ScaffoldError> {
        NewFile.create(kind, id: id, siteRoot: temp.url, contentDir: temp.path("content"), now: Self.now)
    }

    // MARK: the embedded theme

    @Test("the theme compiled into the binary is templates/ byte for byte (after changing templates/, run scripts/embed-theme)")
    func embeddedThemeMatchesTemplates() throws {
        var onDisk: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: Self.templates.path))
        for case let path as String in enumerator where !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
            var isFolder: ObjCBool = false
            let url = Self.templates.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                onDisk[path] = FileManager.default.contents(atPath: url.path)
            }
        }
        let embedded = Dictionary(DefaultTheme.files.map { ($0.path, $0.contents) }, uniquingKeysWith: { a, _ in a })
        let missing = Set(onDisk.keys).subtracting(embedded.keys).sorted()
        let extra = Set(embedded.keys).subtracting(onDisk.keys).sorted()
        let changed = onDisk.keys.filter { embedded[$0] != nil && embedded[$0] != onDisk[$0] }.sorted()
        #expect(
            missing.isEmpty && extra.isEmpty && changed.isEmpty,
            "the embedded theme is out of date; run scripts/embed-theme. Not embedded: \(missing); no longer in templates/: \(extra); changed: \(changed)"
        )
        #expect(!onDisk.isEmpty)
    }

    @Test("the embedded theme is sorted by path, so the generated source is the same on every run")
    func embeddedThemeIsSorted() {
        let paths = DefaultTheme.files.map(\.path)
        #expect(paths == paths.sorted())
        #expect(Set(paths).count == paths.count)
    }

    // MARK: init

    @Test("a new site passes every check with no findings at all, and publishes its course")
    func newSiteIsClean() throws {
        let temp = try newSite()
        defer { temp.remove() }
        let result = render(temp)
        #expect(result.diagnostics.isEmpty, "\(DiagnosticFormatter.text(result.diagnostics))")
        #expect(result.courseCount == 1)
        #expect(result.files.contains { $0.path == "courses/understanding-recovery/index.html" })
    }

    @Test("a new site's year follows the day it is made, and its course is in the current term", arguments: [
        (CalendarDate(year: 2026, month: 11, day: 18)!, "2026-27", "autumn"),
        (CalendarDate(year: 2027, month: 2, day: 10)!, "2026-27", "spring"),
        (CalendarDate(year: 2027, month: 7, day: 23)!, "2026-27", "summer"),
        (CalendarDate(year: 2027, month: 8, day: 2)!, "2027-28", "autumn"),
    ])
    func newSiteYear(today: CalendarDate, edition: String, term: String) throws {
        let college = StarterCollege(today: today)
        #expect(college.edition == edition)
        let course = NewSite.course(college)
        #expect(course.term == term)
        let date = try #require(course.session?.date)
        let chosen = try #require(college.terms.first { $0.id == term })
        #expect(chosen.start <= date && date <= chosen.end)
        #expect(date.weekdayIndex < 5)
    }

    @Test("init refuses a folder with files in it and changes nothing")
    func initRefusesNonEmptyFolder() throws {
        let temp = try TemporaryFolder()
        defer { temp.remove() }
        try temp.write("notes.txt", "mine")
        guard case .failure(let problem) = NewSite.create(at: temp.url, now: Self.now) else {
            Issue.record("init wrote into a folder holding notes.txt")
            return
        }
        #expect(problem.message.contains("not empty") && problem.message.contains("notes.txt"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.url.path) == ["notes.txt"])
    }

    @Test("init accepts a folder holding only hidden files, keeps them, and adds output/ to a .gitignore once")
    func initKeepsHiddenFiles() throws {
        let temp = try TemporaryFolder()
        defer { temp.remove() }
        try temp.write(".git/HEAD", "ref: refs/heads/main\n")
        try temp.write(".gitignore", "*.swp")
        guard case .success(let created) = NewSite.create(at: temp.url, now: Self.now) else {
            Issue.record("init refused a folder holding only .git and .gitignore")
            return
        }
        #expect(created.extendedGitignore)
        let gitignore = try String(contentsOf: temp.path(".gitignore"), encoding: .utf8)
        #expect(gitignore.hasPrefix("*.swp\n"))
        #expect(gitignore.components(separatedBy: "\n").filter { $0 == "output/" }.count == 1)
        #expect(try String(contentsOf: temp.path(".git/HEAD"), encoding: .utf8) == "ref: refs/heads/main\n")
        #expect(try NewSite.addOutput(toGitignore: temp.path(".gitignore")) == false)
    }

    // MARK: new

    @Test("each kind of new file joins a new site with no findings (a course without a partner is only noted)",
        arguments: NewFileKind.allCases)
    func newFileIsClean(kind: NewFileKind) throws {
        let temp = try newSite()
        defer { temp.remove() }
        let written = try new(kind, "added-\(kind.rawValue)", in: temp).get()
        #expect(written.path == "content/\(kind.folder.rawValue)/added-\(kind.rawValue).md")
        #expect(written.notes.isEmpty)
        let result = render(temp)
        let found = result.diagnostics.map { "\($0.rule.rawValue) \($0.severity)" }
        #expect(found == (kind == .course ? ["COP005 info"] : []), "\(DiagnosticFormatter.text(result.diagnostics))")
        if kind == .course { #expect(result.courseCount == 2) }
    }

    @Test("an online venue is made when its id says online, with the joining details online sessions need")
    func newOnlineVenue() throws {
        let temp = try newSite()
        defer { temp.remove() }
        _ = try new(.venue, "online-room", in: temp).get()
        let site = try #require(Pipeline.check(BuildOptions(siteRoot: temp.url, now: Self.now)).site)
        let venue = try #require(site.venuesByID["online-room"])
        #expect(venue.online && venue.onlineInfo?.howToJoin != nil && venue.onlineInfo?.techHelp != nil)
    }

    @Test("a new course takes the current term, the first category, trainers with current consent and a free slot")
    func newCourseDefaults() throws {
        let temp = try newSite()
        defer { temp.remove() }
        // Sorts first, holds a lived-experience role, but its consent has lapsed.
        try temp.write(
            "content/trainers/aaa-lapsed.md",
            "---\nname: Pat Placeholder\nroles: [peer-trainer]\nconsent: {recorded_on: 2024-01-01, review_by: 2025-01-01}\n---\n")
        _ = try new(.course, "second-course", in: temp).get()
        let text = try String(contentsOf: temp.path("content/courses/second-course.md"), encoding: .utf8)
        #expect(text.contains("\nterm: autumn\n"))
        #expect(text.contains("\ncategory: understanding-mental-health\n"))
        #expect(text.contains("{id: alex-example, role: peer-trainer}"))
        #expect(text.contains("{id: sam-sample, role: practitioner-trainer}"))
        // The example course has the room from 10:00 to 12:00 that day.
        #expect(text.contains(#"{date: 2026-11-18, start: "14:00", end: "16:00", venue: example-community-centre, mode: onsite}"#))
        #expect(text.contains("\nstatus: open\n"))
        #expect(text.contains("\n  last_reviewed: 2026-11-18\n"))
        let result = render(temp)
        #expect(result.errorCount == 0 && !result.diagnostics.contains { $0.rule == .dataVenueOverlap })
    }

    @Test("without a trainer with lived experience, a new course starts as a draft that does not stop publishing")
    func newCourseDraftWhenIncomplete() throws {
        let temp = try newSite()
        defer { temp.remove() }
        try FileManager.default.removeItem(at: temp.path("content/trainers/alex-example.md"))
        try FileManager.default.removeItem(at: temp.path("content/courses/understanding-recovery.md"))
        let written = try new(.course, "waiting-for-a-peer", in: temp).get()
        #expect(written.notes.count == 1 && written.notes[0].contains("lived experience"))
        let text = try String(contentsOf: temp.path("content/courses/waiting-for-a-peer.md"), encoding: .utf8)
        #expect(text.contains("\nstatus: draft\n"))
        #expect(render(temp).errorCount == 0)
    }

    @Test("the current term is the one holding today, else the next to start, else the last")
    func currentTerm() throws {
        func day(_ m: Int, _ d: Int, _ y: Int = 2027) -> CalendarDate { CalendarDate(year: y, month: m, day: d)! }
        let terms = [
            Term(id: "spring", name: "Spring", start: day(1, 4), end: day(3, 31)),
            Term(id: "summer", name: "Summer", start: day(4, 12), end: day(7, 23)),
        ]
        #expect(SiteFacts.currentTerm(terms, today: day(2, 1))?.id == "spring")
        #expect(SiteFacts.currentTerm(terms, today: day(4, 1))?.id == "summer")
        #expect(SiteFacts.currentTerm(terms, today: day(12, 1, 2026))?.id == "spring")
        #expect(SiteFacts.currentTerm(terms, today: day(9, 1))?.id == "summer")
        #expect(SiteFacts.currentTerm([], today: day(9, 1)) == nil)
    }

    @Test("an id is checked by the model's own rule, and the message says what an id may contain")
    func invalidID() throws {
        let temp = try newSite()
        defer { temp.remove() }
        for id in ["Money And Wellbeing", "a--b", "-a", "x.md", "../escape", "", String(repeating: "a", count: 81)] {
            guard case .failure(let problem) = new(.course, id, in: temp) else {
                Issue.record("\"\(id)\" was accepted")
                continue
            }
            #expect(problem.message.contains("lowercase letters a to z, digits 0 to 9 and single hyphens"))
        }
        if case .failure(let problem) = new(.course, "Money And Wellbeing", in: temp) {
            #expect(problem.hint == "use money-and-wellbeing")
        }
        #expect(!FileManager.default.fileExists(atPath: temp.path("escape.md").path))
    }

    @Test("new never overwrites: the same file, or the same id in a subfolder, is refused and left as it was")
    func neverOverwrites() throws {
        let temp = try newSite()
        defer { temp.remove() }
        let before = try Data(contentsOf: temp.path("content/trainers/alex-example.md"))
        guard case .failure(let problem) = new(.trainer, "alex-example", in: temp) else {
            Issue.record("an existing trainer file was overwritten")
            return
        }
        #expect(problem.message.contains("content/trainers/alex-example.md already exists"))
        #expect(try Data(contentsOf: temp.path("content/trainers/alex-example.md")) == before)
        try temp.write("content/partners/2027/kept-partner.md", "---\nname: Kept\n---\n")
        guard case .failure(let nested) = new(.partner, "kept-partner", in: temp) else {
            Issue.record("a second partner with the id of one in a subfolder was written")
            return
        }
        #expect(nested.message.contains("content/partners/2027/kept-partner.md"))
        #expect(!FileManager.default.fileExists(atPath: temp.path("content/partners/kept-partner.md").path))
    }

    @Test("a course or trainer needs a readable college.yml; a page does not")
    func needsCollege() throws {
        let temp = try TemporaryFolder()
        defer { temp.remove() }
        try temp.makeFolder("content")
        guard case .failure(let problem) = new(.course, "no-college", in: temp) else {
            Issue.record("a course was written without a college.yml")
            return
        }
        #expect(problem.message.contains("there is none"))
        #expect(throws: Never.self) { try new(.page, "about-us", in: temp).get() }
    }

    // MARK: YAML

    @Test("site values with colons, quotes, commas and hashes are written so they read back exactly")
    func valuesReadBack() throws {
        let awkward = ["people: who use services", "family, friends", "\"quoted\"", "#1 fans", "yes", "- dash", "back\\slash", "tab\there"]
        let temp = try newSite()
        defer { temp.remove() }
        var college = try String(contentsOf: temp.path("content/college.yml"), encoding: .utf8)
        let line = "audiences: [people using services, family and friends, staff, community]"
        #expect(college.contains(line))
        college = college.replacingOccurrences(of: line, with: "audiences: " + YAMLText.list(awkward))
        try temp.write("content/college.yml", college)
        _ = try new(.course, "awkward", in: temp).get()
        let (site, _, diagnostics) = Pipeline.check(BuildOptions(siteRoot: temp.url, now: Self.now))
        let course = try #require(site?.coursesByID["awkward"])
        #expect(course.audience.map(\.value) == awkward)
        #expect(!diagnostics.contains { $0.file == "content/courses/awkward.md" && $0.severity == .error })
        for text in ["Plain words, with a comma", "https://example.org/a?b=c", "Time: two hours", "#hash", "ends with:"] {
            #expect(YAMLText.line(text) == text || YAMLText.line(text).hasPrefix("\""))
        }
        #expect(YAMLText.line("Plain words, with a comma") == "Plain words, with a comma")
        #expect(YAMLText.line("Time: two hours") == "\"Time: two hours\"")
    }
}
