import Foundation
import Testing

@testable import ProspectusCore

/// The preview's first look at one saved course (BuildSession.firstLook): the
/// page it shows at once must be the page the rebuild then makes, and it must
/// never show a page the rebuild would refuse.
@Suite("BuildSession first look at a saved course")
struct FirstLookTests {
    let helpers = BuildSessionTests()
    let id = "building-hope-and-confidence"

    /// A session that has built the sample once, and the saved course's path.
    func built(_ temp: TemporaryFolder, drafts: Bool = true) throws -> (BuildSession, URL) {
        var options = helpers.options(temp)
        options.includeDrafts = drafts
        let session = BuildSession(options: options)
        let first = session.rebuild()
        #expect(first.errorCount == 0, "\(DiagnosticFormatter.text(first.diagnostics))")
        return (session, helpers.courseFile(temp, id))
    }

    func replace(_ old: String, with new: String, in url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old), "the sample no longer has \(old)")
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url)
    }

    func page(_ result: BuildResult, _ path: String) -> Data? {
        result.files.first { $0.path == path }?.contents
    }

    @Test("the first look is the course page the rebuild then makes, byte for byte")
    func sameAsTheRebuild() throws {
        let temp = try helpers.copySample()
        defer { temp.remove() }
        let (session, file) = try built(temp)
        try replace("title: Building Hope and Confidence", with: "title: Building Hope and Confidence Again", in: file)
        try helpers.append("\nA sentence added for the first look, with a [link](/pages/accessibility-statement/).\n", to: file)

        let look = try #require(session.firstLook(changed: [file.path]))
        #expect(look.map(\.path) == ["courses/\(id)/index.html"])
        let shown = String(decoding: look[0].contents, as: UTF8.self)
        #expect(shown.contains("Building Hope and Confidence Again"))
        #expect(shown.contains("A sentence added for the first look"))

        let rebuilt = session.rebuild(changed: [file.path], quick: true)
        #expect(page(rebuilt, "courses/\(id)/index.html") == look[0].contents)
        helpers.expectSameAsClean(session.complete(), temp)
    }

    @Test("a course that names itself in next_courses is shown as saved there too")
    func namesItself() throws {
        let temp = try helpers.copySample()
        defer { temp.remove() }
        let file = helpers.courseFile(temp, id)
        try replace("next_steps: {courses: [", with: "next_steps: {courses: [\(id), ", in: file)
        let (session, _) = try built(temp)
        try replace("title: Building Hope and Confidence", with: "title: Building Hope and Confidence Renamed", in: file)
        let look = try #require(session.firstLook(changed: [file.path]))
        #expect(!String(decoding: look[0].contents, as: UTF8.self).contains("Building Hope and Confidence<"))
        let rebuilt = session.rebuild(changed: [file.path], quick: true)
        #expect(page(rebuilt, "courses/\(id)/index.html") == look[0].contents)
    }

    @Test("no first look while college.yml makes a finding that compares courses an error", arguments: ["DATA013", "COP006"])
    func crossCourseRuleMadeAnError(rule: String) throws {
        let temp = try helpers.copySample()
        defer { temp.remove() }
        try replace("checks: {}", with: "checks: {\(rule): error}", in: temp.path("content/college.yml"))
        let (session, file) = try built(temp)
        try helpers.append("\nOne more sentence.\n", to: file)
        #expect(session.firstLook(changed: [file.path]) == nil)
    }

    /// Each edit makes an error; `rule` is what the rebuild reports.
    @Test(
        "no first look when the saved course has an error, even one that needs other files to see",
        arguments: [
            ("category: .*", "category: no-such-category", "DATA001"),  // a reference: needs college.yml
            (#"- \{id: trainer-[a-z]+, role: peer-trainer\}"#, "- {id: trainer-nobody, role: peer-trainer}", "DATA001"),
            ("term: .*", "term: [not, a, term]", "SCHEMA003"),  // the front matter itself
        ])
    func declinesOnErrors(pattern: String, replacement: String, rule: String) throws {
        let temp = try helpers.copySample()
        defer { temp.remove() }
        let (session, file) = try built(temp)
        let text = try String(contentsOf: file, encoding: .utf8)
        let broken = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        #expect(broken != text)
        try Data(broken.utf8).write(to: file)

        #expect(session.firstLook(changed: [file.path]) == nil)
        let rebuilt = session.rebuild(changed: [file.path], quick: true)
        #expect(rebuilt.diagnostics.contains { $0.severity == .error && $0.rule.rawValue == rule && $0.file?.hasSuffix("\(id).md") == true },
            "\(DiagnosticFormatter.text(rebuilt.diagnostics.filter { $0.severity == .error }))")
    }

    @Test("no first look after a build that failed, for anything but one course file, or for a page that would leak")
    func declinesOtherwise() throws {
        let temp = try helpers.copySample()
        defer { temp.remove() }
        let (session, file) = try built(temp)
        try helpers.append("\nOne more sentence.\n", to: file)
        let trainer = temp.path("content/trainers/trainer-alder.md")
        try helpers.append("\nAnother sentence.\n", to: trainer)
        #expect(session.firstLook(changed: [trainer.path]) == nil, "a trainer file")
        #expect(session.firstLook(changed: [file.path, trainer.path]) == nil, "two files")
        #expect(session.firstLook(changed: [temp.path("content/courses/no-such-course.md").path]) == nil, "a file that is gone")
        #expect(session.firstLook(changed: [file.path]) != nil, "the course alone")

        // A trainer's private phone number in the course's summary: the privacy scan stops it.
        try replace("summary: ", with: "summary: Ring 07700 900142 to ask. ", in: file)
        #expect(session.firstLook(changed: [file.path]) == nil, "a page with a private value")
        let leaked = session.rebuild(changed: [file.path])
        #expect(leaked.errorCount > 0)

        // Fixed, but the last build failed: wait for the rebuild, which clears the errors.
        try replace("summary: Ring 07700 900142 to ask. ", with: "summary: ", in: file)
        #expect(session.firstLook(changed: [file.path]) == nil, "after a failed build")
        #expect(session.rebuild(changed: [file.path]).errorCount == 0)
        #expect(session.firstLook(changed: [file.path]) != nil)
    }

    @Test("without drafts, a course saved as a draft gets no first look: its page is about to go")
    func draftsLeftOut() throws {
        let temp = try helpers.copySample()
        defer { temp.remove() }
        let (session, file) = try built(temp, drafts: false)
        try replace("status: open", with: "status: draft", in: file)
        #expect(session.firstLook(changed: [file.path]) == nil)
        let rebuilt = session.rebuild(changed: [file.path])
        #expect(page(rebuilt, "courses/\(id)/index.html") == nil)
    }
}
