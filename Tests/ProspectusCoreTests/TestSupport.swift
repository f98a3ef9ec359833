import Foundation
import Testing

@testable import ProspectusCore

// Shared fixtures and helpers for the core tests. Everything is built in
// memory; tests that need the file system use `TemporaryFolder`.

/// A small, valid site: every file here decodes without errors and passes
/// the integrity checks on `Fixture.today`.
enum Fixture {
    static let today = CalendarDate(year: 2026, month: 7, day: 1)!

    static let college = """
        name: Riverside Recovery College
        edition: "2026-27"
        base_url: https://recovery.example.org/
        timezone: Europe/London
        support: If you need help now, call NHS 111.
        enrolment:
          how: Enrol online or by phone.
          url: https://recovery.example.org/enrol
        terms:
          - {id: autumn, name: Autumn term, start: 2026-09-01, end: 2026-12-18}
          - {id: spring, name: Spring term, start: 2027-01-04, end: 2027-03-26}
        categories:
          - {id: living-well, name: Living well}
          - {id: understanding-mental-health, name: Understanding mental health}
        audiences: [people using services, family and friends, staff]
        coproduction:
          statement: People with lived experience wrote this prospectus with us.

        """

    static let course = """
        ---
        title: Understanding Recovery
        summary: What recovery means and how we each find our own way.
        format: course
        category: living-well
        audience: [people using services, staff]
        term: autumn
        learning_outcomes:
          - Describe what personal recovery means to you
        sessions:
          - {date: 2026-10-05, start: "10:00", end: "12:00", venue: riverside-hub, mode: onsite}
          - {date: 2026-10-12, start: "10:00", end: "12:00", venue: riverside-hub, mode: onsite}
        places: 16
        status: open
        easy_read_url: https://recovery.example.org/easy-read.pdf
        next_steps: {courses: [building-hope], partners: [riverside-mind]}
        coproduction:
          trainers:
            - {id: jo-bloggs, role: peer-trainer}
            - {id: sam-patel, role: practitioner-trainer}
          partners:
            - {id: riverside-mind, contribution: co-delivers}
          last_reviewed: 2026-06-01
        ---
        ## What we cover

        What recovery means, and how we each find our own way.

        """

    static let secondCourse = """
        ---
        title: Building Hope
        summary: Finding hope again.
        format: workshop
        category: understanding-mental-health
        audience: [staff]
        term: spring
        learning_outcomes: [Name three sources of hope]
        sessions:
          - {date: 2027-01-11, start: "14:00", end: "16:00", venue: riverside-hub}
        coproduction:
          trainers:
            - {id: jo-bloggs, role: peer-trainer}
          last_reviewed: 2026-06-01
        ---
        Hope.

        """

    static let jo = """
        ---
        name: Jo Bloggs
        roles: [peer-trainer]
        display: first-name
        consent:
          name: true
          profile: true
          photo: false
          recorded_on: 2026-05-01
          review_by: 2027-05-01
        photo: {src: images/jo.jpg, alt: Jo in the garden}
        private:
          phone: "07700 900000"
        ---
        Jo writes poems.

        """

    static let sam = """
        ---
        name: Sam Patel
        roles: [practitioner-trainer, subject-expert]
        consent:
          name: false
          recorded_on: 2026-05-01
          review_by: 2027-05-01
        ---

        """

    static let partner = """
        ---
        name: Riverside Mind
        kind: voluntary
        website: https://mind.example.org/
        logo: {src: images/mind.png, alt: Riverside Mind logo}
        ---
        About us.

        """

    static let venue = """
        ---
        name: Riverside Hub
        online: false
        address: 1 High Street, Riverside
        postcode: RV1 1AA
        access: {step_free: true, hearing_loop: true}
        ---
        Take the number 4 bus.

        """

    static let page = """
        ---
        title: How to enrol
        order: 2
        ---
        Call us.

        """
}

/// The files of a site, by kind and id, turned into `LoadedContent` in memory.
struct SiteFixture {
    var college: String? = Fixture.college
    var files: [ContentKind: [String: String]] = [
        .courses: ["understanding-recovery": Fixture.course, "building-hope": Fixture.secondCourse],
        .trainers: ["jo-bloggs": Fixture.jo, "sam-patel": Fixture.sam],
        .partners: ["riverside-mind": Fixture.partner],
        .venues: ["riverside-hub": Fixture.venue],
        .pages: ["how-to-enrol": Fixture.page],
    ]

    static let collegePath = "content/college.yml"
    static func path(_ kind: ContentKind, _ id: String) -> String { "content/\(kind.rawValue)/\(id).md" }

    subscript(kind: ContentKind, id: String) -> String? {
        get { files[kind]?[id] }
        set { files[kind, default: [:]][id] = newValue }
    }

    var loaded: LoadedContent {
        var loaded = LoadedContent()
        loaded.college = college.map { SourceFile(path: SiteFixture.collegePath, text: $0) }
        for kind in ContentKind.allCases {
            loaded.files[kind] = (files[kind] ?? [:]).keys.sorted().map { id in
                SourceFile(path: SiteFixture.path(kind, id), text: files[kind]![id]!)
            }
        }
        return loaded
    }

    func decode() -> (site: Site?, diagnostics: [Diagnostic]) {
        SiteDecoder.decode(loaded)
    }

    /// Decodes and runs the integrity checks; returns every diagnostic.
    func check(today: CalendarDate = Fixture.today) -> (site: Site?, diagnostics: [Diagnostic]) {
        let (site, diagnostics) = decode()
        guard let site else { return (nil, diagnostics) }
        return (site, diagnostics + IntegrityChecks.run(site, today: today))
    }
}

extension String {
    /// The text with `old` replaced by `new`; records an issue when `old` is
    /// absent, so a fixture edit that silently does nothing fails the test.
    func swapping(_ old: String, _ new: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        if !contains(old) {
            Issue.record("fixture text does not contain \(old.debugDescription)", sourceLocation: sourceLocation)
        }
        return replacingOccurrences(of: old, with: new)
    }

    /// The text without its (first) line that starts with `prefix`.
    func removingLine(startingWith prefix: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        var lines = components(separatedBy: "\n")
        guard let index = lines.firstIndex(where: { $0.hasPrefix(prefix) }) else {
            Issue.record("fixture text has no line starting with \(prefix.debugDescription)", sourceLocation: sourceLocation)
            return self
        }
        lines.remove(at: index)
        return lines.joined(separator: "\n")
    }

    /// The 1-based number of the first line containing `needle` (0 when absent).
    func line(of needle: String) -> Int {
        for (index, line) in components(separatedBy: "\n").enumerated() where line.contains(needle) {
            return index + 1
        }
        return 0
    }

    /// The 1-based column (in characters) of `needle` on the first line containing it.
    func column(of needle: String) -> Int {
        for line in components(separatedBy: "\n") {
            if let range = line.range(of: needle) {
                return line.distance(from: line.startIndex, to: range.lowerBound) + 1
            }
        }
        return 0
    }
}

extension Array where Element == Diagnostic {
    func with(_ rule: RuleID) -> [Diagnostic] { filter { $0.rule == rule } }
    func with(_ rule: RuleID, in file: String) -> [Diagnostic] { filter { $0.rule == rule && $0.file == file } }
    var rules: [String] { map(\.rule.rawValue) }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
    var successValue: Success? {
        if case .success(let value) = self { return value }
        return nil
    }
}

/// A fresh folder under the system temporary folder; call `remove()` (in a
/// `defer`) when the test ends.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("prospectus-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ relative: String) -> URL { url.appendingPathComponent(relative) }

    @discardableResult
    func makeFolder(_ relative: String) throws -> URL {
        let folder = path(relative)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @discardableResult
    func write(_ relative: String, _ text: String) throws -> URL {
        try write(relative, Data(text.utf8))
    }

    @discardableResult
    func write(_ relative: String, _ data: Data) throws -> URL {
        let file = path(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: path(relative).path)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// A position in a content file (the core's own type, not Swift Testing's).
typealias FilePosition = ProspectusCore.SourceLocation

func position(_ line: Int, _ column: Int) -> FilePosition { FilePosition(line: line, column: column) }
