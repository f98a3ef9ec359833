import Foundation
import Testing

@Suite("prospectus build, end to end")
struct BuildTests {
    @Test("the sample college builds with no errors into every page type")
    func sampleBuilds() throws {
        let site = try TestSite(content: Repo.content)
        defer { site.remove() }
        let result = try site.run(["build"])
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("error["))
        let lastLine = result.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(lastLine.hasPrefix("Built "), "last line was: \(lastLine)")
        #expect(lastLine.contains(" pages (") && lastLine.contains(" courses) in "))
        for path in [
            "index.html", "404.html", "sitemap.xml", "assets/style.css", "trainers/index.html", "partners/index.html",
            "venues/index.html", "pages/how-to-enrol/index.html", "pages/accessibility-statement/index.html",
        ] {
            #expect(site.exists("output/" + path), "missing \(path)")
        }
        let output = TestSite.snapshot(site.output)
        let kinds = ["courses/", "trainers/", "partners/", "venues/", "categories/", "terms/", "formats/", "audiences/"]
        for kind in kinds {
            #expect(output.keys.contains { $0.hasPrefix(kind) && $0.hasSuffix("/index.html") && $0 != kind + "index.html" }, "no \(kind) pages")
        }
        #expect(output.keys.filter { $0.hasPrefix("courses/") }.count >= 24)
    }

    @Test("two builds of the same input are byte-identical")
    func deterministic() throws {
        let site = try TestSite()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        let first = TestSite.snapshot(site.output)
        #expect(try site.run(["build", "--output", "second"]).exitCode == 0)
        let second = TestSite.snapshot(site.url("second"))
        #expect(first.keys.sorted() == second.keys.sorted())
        for (path, data) in first { #expect(second[path] == data, "\(path) differs") }
    }

    @Test("a failed build leaves the previous output byte-for-byte intact")
    func failedBuildKeepsOutput() throws {
        let site = try TestSite()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        let before = TestSite.snapshot(site.output)
        try site.write("content/courses/broken.md", "---\ntitle: [unclosed\n---\n")
        let result = try site.run(["build"])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("nothing published"))
        let after = TestSite.snapshot(site.output)
        #expect(before == after)
        #expect(!site.exists(".output.building"))
    }

    @Test("in one log of both streams (as CI keeps it), the summary is a line of its own after every finding, failed or built")
    func summaryOnItsOwnLineInMergedLog() throws {
        // The sample prints about 5 KB of findings: more than the buffer of a
        // standard output that is not a terminal, which once flushed the rest
        // only at exit, after the summary had gone to standard error.
        let site = try TestSite(content: Repo.content)
        defer { site.remove() }
        let built = try site.runMerged(["build"])
        #expect(built.exitCode == 0)
        let builtLines = built.log.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(built.log.utf8.count > 4096, "too few findings to test the buffer: \(built.log.utf8.count) bytes")
        #expect(builtLines.filter { $0.contains("Built ") }.map { $0.hasPrefix("Built ") } == [true], "\(built.log)")
        #expect(builtLines.dropLast(2).allSatisfy { !$0.hasPrefix("Built ") }, "the summary came before a finding")

        let course = "content/courses/creative-cafe.md"
        let text = try site.read(course)
        let broken = try #require(text.range(of: "millrace-community-centre")).lowerBound
        try site.write(course, text.replacingCharacters(in: broken..<text.index(broken, offsetBy: 25), with: "nowhere-hall"))
        let failed = try site.runMerged(["build"])
        #expect(failed.exitCode == 1)
        let failedLines = failed.log.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(failedLines.last?.hasSuffix("nothing published") == true, "\(failed.log)")
        #expect(failedLines.filter { $0.contains("nothing published") }.count == 1)
        #expect(failedLines.last.map { !$0.hasPrefix(" ") } == true, "the summary was spliced into a finding")
    }

    @Test("a successful rebuild replaces the output and removes pages that no longer exist")
    func rebuildReplaces() throws {
        let site = try TestSite()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        #expect(site.exists("output/courses/getting-involved-workshop/index.html"))
        try FileManager.default.removeItem(at: site.url("content/courses/getting-involved-workshop.md"))
        try site.write(
            "content/courses/hope-and-recovery.md",
            try site.read("content/courses/hope-and-recovery.md").replacingOccurrences(of: "courses: [getting-involved-workshop], ", with: ""))
        let result = try site.run(["build"])
        #expect(result.exitCode == 0, "\(result.stdout)")
        #expect(!site.exists("output/courses/getting-involved-workshop/index.html"))
        #expect(site.exists("output/.prospectus-output"))
    }

    @Test("draft courses are published only with --drafts, and then carry a draft banner")
    func drafts() throws {
        let site = try TestSite()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        #expect(!site.exists("output/courses/future-plans/index.html"))
        #expect(!(try site.read("output/index.html")).contains("Future Plans Draft Course"))
        #expect(try site.run(["build", "--drafts"]).exitCode == 0)
        let page = try site.read("output/courses/future-plans/index.html")
        #expect(page.contains("Draft — not published"))
    }

    @Test("--base-url changes every absolute link and the root of relative links")
    func baseURL() throws {
        let site = try TestSite()
        defer { site.remove() }
        #expect(try site.run(["build", "--base-url", "https://staging.example.org/college/"]).exitCode == 0)
        let sitemap = try site.read("output/sitemap.xml")
        #expect(sitemap.contains("<loc>https://staging.example.org/college/courses/hope-and-recovery/</loc>"))
        #expect(try site.read("output/index.html").contains("href=\"/college/assets/style.css\""))
    }

    @Test("the sitemap lists every page except the 404 page")
    func sitemap() throws {
        let site = try TestSite()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        let sitemap = try site.read("output/sitemap.xml")
        let pages = TestSite.snapshot(site.output).keys.filter { $0.hasSuffix("index.html") }
        for page in pages {
            let url = "https://testbrook.example.org/" + page.dropLast("index.html".count)
            #expect(sitemap.contains("<loc>\(url)</loc>"), "\(page) not in sitemap")
        }
        #expect(!sitemap.contains("404"))
    }

    @Test("--strict refuses to publish while there are warnings")
    func strict() throws {
        let site = try TestSite()
        defer { site.remove() }
        let result = try site.run(["build", "--strict"])
        #expect(result.exitCode == 1)  // the lapsed consent is a warning
        #expect(!site.exists("output"))
    }
}
