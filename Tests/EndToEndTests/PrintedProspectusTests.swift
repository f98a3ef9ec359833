import Foundation
import Testing

/// The printed prospectus (`prospectus.html`, one document for the whole edition)
/// and `prospectus pdf`, which prints it with headless Chromium.
@Suite("the printed prospectus and prospectus pdf")
struct PrintedProspectusTests {
    static let browsers = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// Whether `prospectus pdf` can find a browser on this machine's PATH.
    static let browserInstalled: Bool = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return browsers.contains { name in
            folders.contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
        }
    }()

    /// A built copy of the minimal fixture, and its printed prospectus.
    static func built(_ arguments: [String] = ["build"]) throws -> (TestSite, String) {
        let site = try TestSite()
        let result = try site.run(arguments)
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        return (site, try site.read("output/prospectus.html"))
    }

    /// The `<article>` of one course, from its heading to its end.
    static func article(_ id: String, in html: String) -> String? {
        guard let heading = html.range(of: "<h3 id=\"course-\(id)\">"),
            let end = html.range(of: "</article>", range: heading.upperBound..<html.endIndex)
        else { return nil }
        return String(html[heading.lowerBound..<end.upperBound])
    }

    @Test("every build writes prospectus.html: one h1, every published course, no draft")
    func coursesAndDrafts() throws {
        let (site, html) = try Self.built()
        defer { site.remove() }
        #expect(html.components(separatedBy: "<h1").count - 1 == 1)
        #expect(html.contains("<link rel=\"stylesheet\" href=\"/assets/style.css\">"))
        #expect(html.contains("Prospectus 2026-27"))
        for title in ["Hope and Recovery", "Getting Involved"] {
            #expect(html.contains("\">\(title)</h3>"), "\(title) has no heading")
        }
        #expect(!html.contains("Future Plans Draft Course"))
        #expect(!html.contains("course-future-plans"))
        // Grouped by category, in the order of college.yml.
        let living = try #require(html.range(of: "<h2 id=\"category-living-well\">Living well</h2>"))
        let involved = try #require(html.range(of: "<h2 id=\"category-getting-involved\">Getting involved</h2>"))
        let hope = try #require(html.range(of: "<h3 id=\"course-hope-and-recovery\">"))
        #expect(living.lowerBound < hope.lowerBound && hope.lowerBound < involved.lowerBound)
        // Front matter: the coproduction statement and how to enrol.
        #expect(html.contains("Written with our student forum."))
        #expect(html.contains("<h2 id=\"pp-enrol\">How to enrol</h2>"))
        #expect(html.contains("Enrol online or by phone. All courses are free."))
        #expect(html.contains(">https://testbrook.example.org/enrol</a>"))
    }

    @Test("drafts appear only with --drafts, marked as drafts")
    func draftsWithFlag() throws {
        let (site, html) = try Self.built(["build", "--drafts"])
        defer { site.remove() }
        let draft = try #require(Self.article("future-plans", in: html))
        #expect(draft.contains("Draft — not published."))
    }

    @Test("headings go down one level at a time from the single h1")
    func headingOrder() throws {
        let (site, html) = try Self.built()
        defer { site.remove() }
        let main = try #require(html.range(of: "<main").map { String(html[$0.lowerBound...]) })
        let body = String(main[..<(main.range(of: "</main>")?.lowerBound ?? main.endIndex)])
        let levels = try NSRegularExpression(pattern: "<h([1-6])[ >]")
            .matches(in: body, range: NSRange(body.startIndex..., in: body))
            .compactMap { Range($0.range(at: 1), in: body).flatMap { Int(body[$0]) } }
        #expect(levels.first == 1)
        #expect(levels.filter { $0 == 1 }.count == 1)
        for (previous, next) in zip(levels, levels.dropFirst()) {
            #expect(next <= previous + 1, "an h\(next) follows an h\(previous): \(levels)")
        }
        #expect(levels.contains(4))
    }

    @Test("the contents link to every category and course, and each link has its target")
    func contents() throws {
        let (site, html) = try Self.built()
        defer { site.remove() }
        let start = try #require(html.range(of: "<nav class=\"pp-contents\""))
        let end = try #require(html.range(of: "</nav>", range: start.upperBound..<html.endIndex))
        let contents = String(html[start.lowerBound..<end.upperBound])
        for anchor in ["category-living-well", "category-getting-involved", "course-hope-and-recovery",
            "course-getting-involved-workshop", "pp-venues", "pp-enrol"]
        {
            #expect(contents.contains("href=\"#\(anchor)\""), "no contents link to \(anchor)")
            #expect(html.contains("id=\"\(anchor)\""), "nothing has the id \(anchor)")
        }
        #expect(!contents.contains("future-plans"))
    }

    @Test("each course has its facts, sessions, who delivers it, access, booking address and support text")
    func courseDetails() throws {
        let (site, html) = try Self.built()
        defer { site.remove() }
        let hope = try #require(Self.article("hope-and-recovery", in: html))
        #expect(hope.contains("What recovery can mean, and how to find your own way."))
        #expect(hope.contains("<dt>Format</dt><dd>Course</dd>"))
        #expect(hope.contains("<dt>Term</dt><dd>Autumn term</dd>"))
        #expect(hope.contains("<table class=\"sessions\">"))
        #expect(hope.contains("Monday 5 October 2026"))
        #expect(hope.contains("<a href=\"#venue-online-room\">Online room</a></td><td data-label=\"How\">Online</td>"))
        #expect(hope.contains("Co-delivered by a peer trainer and a practitioner trainer · with Riverside Group."))
        #expect(hope.contains("<li>Peer trainer</li>"))
        #expect(hope.contains("Harriet Okonkwo-Bell, Practitioner trainer"))
        #expect(hope.contains("Large print on request."))
        #expect(hope.contains(
            ">https://testbrook.example.org/enrol?course=hope-and-recovery</a>"))
        // content_notes: [suicide] brings the college's support text.
        #expect(hope.contains("Looking after yourself"))
        #expect(hope.contains("call NHS 111"))
        let involved = try #require(Self.article("getting-involved-workshop", in: html))
        #expect(involved.contains("Beatrix, Peer trainer"))
        #expect(!involved.contains("Looking after yourself"))
    }

    @Test("the venues with their access details")
    func venues() throws {
        let (site, html) = try Self.built()
        defer { site.remove() }
        let start = try #require(html.range(of: "<h2 id=\"pp-venues\">"))
        let venues = String(html[start.lowerBound...])
        #expect(venues.contains("<h3 id=\"venue-the-hub\">The Hub</h3>"))
        #expect(venues.contains("1 High Street, Testbrook, TB1 1AA"))
        for item in ["Step-free access", "Accessible toilet", "No hearing loop", "Quiet space you can use"] {
            #expect(venues.contains("<li>\(item)</li>"), "\(item) is missing")
        }
        #expect(venues.contains("<h3 id=\"venue-online-room\">Online room</h3>"))
        #expect(venues.contains("We email a link."))
        #expect(venues.contains("Call us to practise."))
    }

    @Test("no private value or unconsented trainer name in the printed prospectus, with or without drafts")
    func privacy() throws {
        for arguments in [["build"], ["build", "--drafts"]] {
            let (site, html) = try Self.built(arguments)
            defer { site.remove() }
            for secret in PrivacyTests.forbidden {
                #expect(!html.contains(secret), "\(secret) leaked into prospectus.html (\(arguments))")
            }
        }
    }

    @Test("prospectus pdf prints prospectus.html to prospectus.pdf and writes nothing else",
        .enabled(if: PrintedProspectusTests.browserInstalled, "no Chromium on PATH: sudo apt-get install chromium"))
    func pdf() throws {
        let (site, _) = try Self.built()
        defer { site.remove() }
        let before = TestSite.snapshot(site.output)
        let result = try site.run(["pdf"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stderr.contains("prospectus.pdf"))
        let pdf = try #require(FileManager.default.contents(atPath: site.url("output/prospectus.pdf").path))
        #expect(pdf.starts(with: Data("%PDF".utf8)))
        #expect(pdf.count > 10_000)
        // Only the PDF is added; the published files are untouched.
        var after = TestSite.snapshot(site.output)
        after["prospectus.pdf"] = nil
        #expect(after == before)
    }

    @Test("prospectus pdf without a build says to run prospectus build, exit 2")
    func pdfWithoutBuild() throws {
        let site = try TestSite()
        defer { site.remove() }
        let result = try site.run(["pdf"])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("prospectus.html"))
        #expect(result.stderr.contains("run `prospectus build` first"))
        #expect(!site.exists("output"))
    }

    @Test("prospectus pdf without a browser says how to install one, exit 2")
    func pdfWithoutBrowser() throws {
        let (site, _) = try Self.built()
        defer { site.remove() }
        let empty = site.url("empty-bin")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let result = try site.run(["pdf"], environment: ["PATH": empty.path])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("sudo apt-get install chromium"))
        #expect(!site.exists("output/prospectus.pdf"))
    }
}
