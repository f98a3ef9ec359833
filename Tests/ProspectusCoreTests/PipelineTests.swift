import Foundation
import Testing

@testable import ProspectusCore

@Suite("Pipeline (site stage: check and build)")
struct PipelineTests {
    /// 2026-07-01 12:00 UTC, the same day as `Fixture.today`.
    static let now = Date(timeIntervalSince1970: 1_782_907_200)

    /// The files of `fixture` written under `content/` in a new temporary folder.
    func writeSite(_ fixture: SiteFixture = SiteFixture()) throws -> TemporaryFolder {
        let temp = try TemporaryFolder()
        if let college = fixture.college { try temp.write("content/college.yml", college) }
        for (kind, files) in fixture.files {
            for (id, text) in files { try temp.write("content/\(kind.rawValue)/\(id).md", text) }
        }
        return temp
    }

    func options(_ temp: TemporaryFolder) -> BuildOptions {
        BuildOptions(siteRoot: temp.url, now: Self.now)
    }

    @Test("checking the fixture site from disk finds nothing in the loading, model and integrity stages")
    func cleanCheck() throws {
        let temp = try writeSite()
        defer { temp.remove() }
        let (site, bodies, allDiagnostics) = Pipeline.check(options(temp))
        let diagnostics = pipelineStage(allDiagnostics)
        #expect(diagnostics.isEmpty, "\(DiagnosticFormatter.text(diagnostics))")
        #expect(site?.courses.count == 2)
        #expect(bodies.count == 7)
    }

    @Test("one check run reports problems from every stage and every file, not just the first")
    func everyStageInOneRun() throws {
        var fixture = SiteFixture()
        fixture[.pages, "empty"] = ""
        fixture[.pages, "broken-yaml"] = "---\ntitle: A\nsummary: Time: 2 hours\n---\n"
        fixture[.venues, "riverside-hub"] = Fixture.venue.swapping("name: Riverside Hub\n", "")
        fixture[.courses, "building-hope"] = Fixture.secondCourse.swapping("{id: jo-bloggs,", "{id: jo-blogs,")
        fixture[.pages, "how-to-enrol"] = Fixture.page + "[x](javascript:alert(1))\n"
        let temp = try writeSite(fixture)
        defer { temp.remove() }
        let (_, _, allDiagnostics) = Pipeline.check(options(temp))
        let diagnostics = pipelineStage(allDiagnostics)
        let found = Set(diagnostics.map { "\($0.rule) \($0.file ?? "")" })
        #expect(found.isSuperset(of: [
            "FILE002 content/pages/empty.md",
            "YAML001 content/pages/broken-yaml.md",
            "SCHEMA001 content/venues/riverside-hub.md",
            "DATA001 content/courses/building-hope.md",
            "DATA008 content/pages/how-to-enrol.md",
        ]), "\(found.sorted())")
    }

    @Test("`checks:` overrides in college.yml change the severity of findings")
    func overridesApplied() throws {
        var fixture = SiteFixture()
        fixture.college = Fixture.college + "checks:\n  DATA004: warning\n"
        fixture[.courses, "understanding-recovery"] = Fixture.course.swapping("{id: jo-bloggs, role: peer-trainer}", "{id: jo-bloggs, role: practitioner-trainer}")
        let temp = try writeSite(fixture)
        defer { temp.remove() }
        let (_, _, allDiagnostics) = Pipeline.check(options(temp))
        let diagnostics = pipelineStage(allDiagnostics)
        #expect(diagnostics.map(\.rule) == [.dataRoleNotHeld])
        #expect(diagnostics.first?.severity == .warning)
    }

    @Test("an error in a draft course is a warning unless drafts are included")
    func draftErrorsSoftened() throws {
        var fixture = SiteFixture()
        fixture[.courses, "building-hope"] = Fixture.secondCourse
            .swapping("term: spring", "term: spring\nstatus: draft")
            .swapping("{id: jo-bloggs,", "{id: jo-blogs,")
        let temp = try writeSite(fixture)
        defer { temp.remove() }
        var opts = options(temp)
        let softened = try #require(Pipeline.check(opts).diagnostics.first)
        #expect(softened.rule == .dataReference)
        #expect(softened.severity == .warning)
        opts.includeDrafts = true
        #expect(Pipeline.check(opts).diagnostics.first?.severity == .error)
    }

    @Test("an unfinished draft that lacks a required field does not stop publishing")
    func undecodableDraft() throws {
        var fixture = SiteFixture()
        fixture[.courses, "building-hope"] = Fixture.secondCourse
            .swapping("term: spring", "term: spring\nstatus: draft")
            .removingLine(startingWith: "summary:")
        // The published course names the draft in its next steps: a draft, left out, not a missing course.
        let temp = try writeSite(fixture)
        defer { temp.remove() }
        let (_, _, allDiagnostics) = Pipeline.check(options(temp))
        let diagnostics = pipelineStage(allDiagnostics)
        #expect(diagnostics.map(\.rule) == [.schemaMissing])
        #expect(diagnostics.errorCount == 0)
        #expect(diagnostics.first?.message.hasSuffix("(in a draft, so it does not stop publishing)") == true)
        // With drafts published, it is an error again.
        var withDrafts = options(temp)
        withDrafts.includeDrafts = true
        #expect(pipelineStage(Pipeline.check(withDrafts).diagnostics).errorCount == 1)
    }

    @Test("a course that cannot be decoded is reported once, in its own file, not as missing from the courses that name it")
    func undecodableCourseNamedByAnother() throws {
        var fixture = SiteFixture()
        fixture[.courses, "building-hope"] = Fixture.secondCourse.removingLine(startingWith: "summary:")
        let temp = try writeSite(fixture)
        defer { temp.remove() }
        let diagnostics = pipelineStage(Pipeline.check(options(temp)).diagnostics)
        #expect(diagnostics.map(\.rule) == [.schemaMissing])
        #expect(diagnostics.first?.file == SiteFixture.path(.courses, "building-hope"))
        #expect(diagnostics.errorCount == 1)
    }

    @Test("check renders and scans every page as a build does, but keeps none of them in memory")
    func checkKeepsNoPage() throws {
        let sample = BuildSessionTests()
        let temp = try sample.copySample()
        defer { temp.remove() }
        let options = sample.options(temp)
        let rendered = Pipeline.render(options)
        #expect(rendered.errorCount == 0, "\(DiagnosticFormatter.text(rendered.diagnostics))")
        let checked = Pipeline.checkEverything(options)
        #expect(checked.files.isEmpty)
        #expect(checked.paths == rendered.files.map(\.path))
        #expect(DiagnosticFormatter.json(checked.diagnostics) == DiagnosticFormatter.json(rendered.diagnostics))

        // A trainer's private phone number in a course summary is still found on the pages.
        let course = sample.courseFile(temp, "building-hope-and-confidence")
        let text = try String(contentsOf: course, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "summary: ", with: "summary: Ring 07700 900142. ").utf8).write(to: course)
        let leaks = Pipeline.checkEverything(options).diagnostics.filter { $0.rule == .privLeak }
        #expect(leaks.contains { $0.message.contains("courses/building-hope-and-confidence/index.html") })
    }

    @Test("a build after one edit copies the other courses' printed sections and calendar events from the last build's files, and matches a clean build")
    func printedSectionsCopied() throws {
        let sample = BuildSessionTests()
        let temp = try sample.copySample()
        defer { temp.remove() }
        let options = sample.options(temp)
        let first = try #require(Pipeline.build(options).successValue)
        #expect(first.errorCount == 0)
        #expect(first.copiedSections == 0)
        let course = sample.courseFile(temp, "building-hope-and-confidence")
        let text = try String(contentsOf: course, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "title: Building Hope and Confidence", with: "title: Building Hope Between Builds").utf8)
            .write(to: course)
        let second = try #require(Pipeline.build(options).successValue)
        #expect(second.courseCount > 10)
        // All but the edited course and those whose next steps name it.
        #expect(second.copiedSections > second.courseCount / 2)
        #expect(second.copiedSections < second.courseCount)
        #expect(second.copiedEvents > second.courseCount / 2)
        #expect(second.copiedEvents < second.courseCount)

        var clean = options
        clean.outputDir = temp.path("clean")
        clean.useBuildCache = false
        #expect(try #require(Pipeline.build(clean).successValue).copiedSections == 0)
        let mine = try Data(contentsOf: temp.path("output/prospectus.html"))
        let theirs = try Data(contentsOf: temp.path("clean/prospectus.html"))
        #expect(mine == theirs)
        #expect(String(decoding: mine, as: UTF8.self).contains("Building Hope Between Builds"))
        #expect(try Data(contentsOf: temp.path("output/calendar.ics")) == Data(contentsOf: temp.path("clean/calendar.ics")))

        // A prospectus.html changed by hand (even to the same size) is not trusted: its sections are made again.
        let tampered = Data(String(decoding: mine, as: UTF8.self).replacingOccurrences(of: "<h", with: "<H").utf8)
        #expect(tampered.count == mine.count && tampered != mine)
        try tampered.write(to: temp.path("output/prospectus.html"))
        try Data(text.replacingOccurrences(of: "title: Building Hope and Confidence", with: "title: Building Hope Once More").utf8)
            .write(to: course)
        let calendar = try String(contentsOf: temp.path("output/calendar.ics"), encoding: .utf8)
        try Data(calendar.replacingOccurrences(of: "SUMMARY:", with: "SUMMARX:").utf8).write(to: temp.path("output/calendar.ics"))
        let third = try #require(Pipeline.build(options).successValue)
        #expect(third.copiedSections == 0)
        #expect(third.copiedEvents == 0)
        #expect(!(try String(contentsOf: temp.path("output/calendar.ics"), encoding: .utf8)).contains("SUMMARX:"))
        let remade = try String(contentsOf: temp.path("output/prospectus.html"), encoding: .utf8)
        #expect(!remade.contains("<H"))
        #expect(remade.contains("Building Hope Once More"))
    }

    @Test("--base-url replaces college.yml's base_url")
    func baseURLOverride() throws {
        let temp = try writeSite()
        defer { temp.remove() }
        var opts = options(temp)
        opts.baseURL = "https://staging.example.org/prospectus/"
        let site = try #require(Pipeline.check(opts).site)
        #expect(site.college.baseURL == "https://staging.example.org/prospectus/")
        #expect(site.college.basePath == "/prospectus/")
    }

    @Test("build refuses an unsafe output folder before reading or writing anything")
    func buildRefusesUnsafeOutput() throws {
        let temp = try writeSite()
        defer { temp.remove() }
        let opts = BuildOptions(siteRoot: temp.url, outputDir: temp.path("content"), now: Self.now)
        let problem = try #require(Pipeline.build(opts).failureValue)
        #expect(problem.description.contains("refusing"))
        #expect(temp.exists("content/college.yml"))
        #expect(!temp.exists(".content.building"))
    }

    @Test("build fails when another build holds the output folder's lock")
    func buildRespectsLock() throws {
        let temp = try writeSite()
        defer { temp.remove() }
        let opts = options(temp)
        let held = try #require(AtomicWriter(output: opts.outputDir).lock().successValue)
        let problem = try #require(Pipeline.build(opts).failureValue)
        #expect(problem.description.contains("another build"))
        withExtendedLifetime(held) {}
    }

    @Test("the college's base path is the path part of base_url, always ending in /")
    func basePath() throws {
        let temp = try writeSite()
        defer { temp.remove() }
        var college = try #require(Pipeline.check(options(temp)).site?.college)
        for (url, path) in [
            ("https://recovery.example.org/", "/"), ("https://recovery.example.org", "/"),
            ("https://example.org/prospectus", "/prospectus/"), ("https://example.org/a/b/?x=1", "/a/b/"),
        ] {
            college.baseURL = url
            #expect(college.basePath == path, "\(url)")
            #expect(college.baseURLWithSlash.hasSuffix("/"))
        }
    }
}


/// The findings of the loading, model and integrity stages only: these tests
/// are about the pipeline's plumbing, not the content rules (COP, PRIV001/004,
/// DATA011+, LANG, READ, A11Y, PAGE), which have suites of their own.
func pipelineStage(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    let contentRules = ["COP", "LANG", "READ", "A11Y", "PAGE", "PRIV001", "PRIV004", "DATA011", "DATA012", "DATA013"]
    return diagnostics.filter { d in !contentRules.contains { d.rule.rawValue.hasPrefix($0) } }
}
