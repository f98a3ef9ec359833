import Foundation
import Testing

/// `build` keeps unchanged files from the last build (BuildCache): the output
/// must still be byte for byte what a build without the cache writes.
@Suite("Build cache (incremental build)")
struct BuildCacheTests {
    /// The sample college, where many pages list each course.
    func sample() throws -> TestSite { try TestSite(content: Repo.content) }

    func unchanged(_ run: RunResult) -> Int? {
        guard let range = run.stderr.range(of: #"(\d+) of \d+ files unchanged"#, options: .regularExpression) else { return nil }
        return Int(run.stderr[range].split(separator: " ")[0])
    }

    /// Builds afresh into another folder and compares every file.
    func expectSameAsCleanBuild(_ site: TestSite, _ arguments: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let clean = try site.run(["build", "--no-cache", "--output", "clean"] + arguments)
        #expect(clean.exitCode == 0, sourceLocation: sourceLocation)
        let mine = TestSite.snapshot(site.output)
        let theirs = TestSite.snapshot(site.url("clean"))
        #expect(Set(mine.keys) == Set(theirs.keys), sourceLocation: sourceLocation)
        let differing = theirs.keys.filter { mine[$0] != theirs[$0] }.sorted()
        #expect(differing.isEmpty, "differs from a clean build: \(differing.prefix(10))", sourceLocation: sourceLocation)
        try FileManager.default.removeItem(at: site.url("clean"))
    }

    @Test("a second build with nothing changed reuses every page and writes the same files")
    func nothingChanged() throws {
        let site = try sample()
        defer { site.remove() }
        let first = try site.run(["build"])
        #expect(first.exitCode == 0, "\(first.stderr)")
        #expect(unchanged(first) == nil)
        #expect(site.exists(".output.cache/manifest"))
        // With one page changed by hand the build runs, and reuses the rest.
        try site.write("output/sitemap.xml", "edited by hand")
        let second = try site.run(["build"])
        #expect(second.exitCode == 0)
        // Everything but that page, the sitemap and the copied assets is reused.
        let reused = try #require(unchanged(second))
        #expect(reused > 90)
        try expectSameAsCleanBuild(site)
    }

    func upToDate(_ run: RunResult) -> Bool {
        run.stderr.contains("nothing has changed since the last build, so the output was left as it was")
    }

    /// Each output file's inode and modification time: what a build that writes nothing leaves alone.
    func stamps(_ site: TestSite) throws -> [String: String] {
        var stamps: [String: String] = [:]
        for path in TestSite.snapshot(site.output).keys {
            let attributes = try FileManager.default.attributesOfItem(atPath: site.output.appendingPathComponent(path).path)
            stamps[path] = "\(attributes[.systemFileNumber] ?? "?") \(attributes[.modificationDate] ?? "?")"
        }
        return stamps
    }

    @Test("a build with nothing changed writes nothing and shows the same findings as the build before")
    func nothingChangedWritesNothing() throws {
        let site = try sample()
        defer { site.remove() }
        let first = try site.run(["build", "--format", "json"])
        #expect(first.exitCode == 0, "\(first.stderr)")
        #expect(!upToDate(first))
        let before = try stamps(site)
        let second = try site.run(["build", "--format", "json"])
        #expect(second.exitCode == 0)
        #expect(upToDate(second), "\(second.stderr)")
        #expect(second.stdout == first.stdout)
        #expect(try stamps(site) == before)
        try expectSameAsCleanBuild(site)
    }

    @Test(
        "a build after a change to the content, the theme, the options, the output folder, an image or the date is a real one",
        arguments: ["content", "theme", "drafts", "strict", "added file", "removed file", "image", "next day"])
    func anyChangeMeansARealBuild(_ change: String) throws {
        let site = try sample()
        defer { site.remove() }
        let partner = "content/partners/open-door-peer-collective.md"
        if change == "image" {
            // A partner logo, so that an image is copied into the output.
            try site.write(partner, try site.read(partner).replacingOccurrences(
                of: "kind: user-led\n", with: "kind: user-led\nlogo: {src: images/open-door.png, alt: Open Door Peer Collective logo}\n"))
            try site.write("content/images/open-door.png", "first logo")
        }
        #expect(try site.run(["build"]).exitCode == 0)
        #expect(upToDate(try site.run(["build"])))
        var arguments = ["build"]
        var environment: [String: String] = [:]
        switch change {
        case "content":
            let path = "content/courses/understanding-recovery.md"
            try site.write(path, try site.read(path) + "\nA sentence added after the first build.\n")
        case "theme": try site.write("templates/partials/footer.mustache", try site.read("templates/partials/footer.mustache") + "\n")
        case "drafts": arguments.append("--drafts")
        case "strict": arguments.append("--strict")
        case "added file": try site.write("output/courses/stray.html", "left here by hand")
        case "removed file": try FileManager.default.removeItem(at: site.output.appendingPathComponent("sitemap.xml"))
        case "image": try site.write("content/images/open-door.png", "other logo")
        default: environment["SOURCE_DATE_EPOCH"] = "1795086400"  // a day after the tests' usual clock
        }
        let again = try site.run(arguments, environment: environment)
        #expect(!upToDate(again), "\(again.stderr)")
        if change == "strict" {
            // The sample has warnings: under --strict nothing is published, as always.
            #expect(again.exitCode == 1)
            return
        }
        #expect(again.exitCode == 0, "\(again.stderr)")
        if change == "image" { #expect(try site.read("output/images/open-door.png") == "other logo") }
        if change == "added file" { #expect(!site.exists("output/courses/stray.html")) }
        if change == "removed file" { #expect(site.exists("output/sitemap.xml")) }
        if environment.isEmpty && change != "drafts" { try expectSameAsCleanBuild(site) }
    }

    @Test("after editing one course only the pages that show it are made again, and the output matches a clean build")
    func oneCourseEdited() throws {
        let site = try sample()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        let path = "content/courses/understanding-recovery.md"
        try site.write(path, try site.read(path) + "\nA sentence added after the first build.\n")
        let second = try site.run(["build"])
        #expect(second.exitCode == 0)
        let reused = try #require(unchanged(second))
        #expect(reused > 40)
        #expect(try site.read("output/courses/understanding-recovery/index.html").contains("A sentence added after the first build."))
        try expectSameAsCleanBuild(site)
    }

    @Test("a file changed by hand in the output folder is written again, not trusted")
    func tamperedOutput() throws {
        let site = try sample()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        try site.write("output/courses/understanding-recovery/index.html", "edited by hand")
        #expect(try site.run(["build"]).exitCode == 0)
        #expect(try site.read("output/courses/understanding-recovery/index.html") != "edited by hand")
        try expectSameAsCleanBuild(site)
    }

    @Test("a file changed by hand to the same size, even with its old modification time put back, is written again")
    func tamperedOutputSameSize() throws {
        let site = try sample()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        let path = "output/courses/understanding-recovery/index.html"
        let original = try site.read(path)
        let modified = try #require(try FileManager.default.attributesOfItem(atPath: site.url(path).path)[.modificationDate] as? Date)
        let edited = original.replacingOccurrences(of: "<h1", with: "<h2")
        #expect(edited != original && edited.utf8.count == original.utf8.count)
        try site.write(path, edited)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: site.url(path).path)
        #expect(try site.run(["build"]).exitCode == 0)
        #expect(try site.read(path) == original)
        try expectSameAsCleanBuild(site)
    }

    /// Every finding, as JSON, and every output file, of a build with and without the cache.
    func expectSameFindingsAsCleanBuild(_ run: RunResult, _ site: TestSite, _ arguments: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let clean = try site.run(["build", "--no-cache", "--output", "clean", "--format", "json"] + arguments)
        #expect(clean.exitCode == run.exitCode, sourceLocation: sourceLocation)
        #expect(clean.stdout == run.stdout, "the findings differ from a build without the cache", sourceLocation: sourceLocation)
        try FileManager.default.removeItem(at: site.url("clean"))
    }

    @Test("the bodies of unchanged files come from the body cache: what it holds is what a build publishes")
    func bodyCacheIsUsed() throws {
        let site = try sample()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        let bodies = site.url(".output.cache/bodies")
        var bytes = [UInt8](try Data(contentsOf: bodies))
        // Change a heading in the cache, keeping every length: every body
        // that has it (not only drafts' bodies, which are not published).
        let heading = Array("<h2>Who it suits</h2>".utf8), changed = Array("<h5>Who it suits</h5>".utf8)
        var changes = 0
        var at = 0
        while at + heading.count <= bytes.count {
            if bytes[at] == heading[0], Array(bytes[at..<at + heading.count]) == heading {
                bytes.replaceSubrange(at..<at + heading.count, with: changed)
                changes += 1
            }
            at += 1
        }
        try #require(changes > 0, "no such heading in the body cache")
        try Data(bytes).write(to: bodies)
        // With the output gone, every page is made again, from the cached bodies.
        try FileManager.default.removeItem(at: site.output)
        #expect(try site.run(["build"]).exitCode == 0)
        let pages = TestSite.snapshot(site.output).filter { $0.key.hasSuffix(".html") }
        #expect(pages.values.contains { String(decoding: $0, as: UTF8.self).contains("<h5>") })
        // Without the cache, the bodies are parsed again.
        #expect(try site.run(["build", "--no-cache"]).exitCode == 0)
        let parsed = TestSite.snapshot(site.output).filter { $0.key.hasSuffix(".html") }
        #expect(!parsed.values.contains { String(decoding: $0, as: UTF8.self).contains("<h5>") })
    }

    @Test(
        "with the body cache, a build's findings and pages are those of a build without it, whatever changed",
        arguments: ["one course", "college.yml's language list", "the base address"])
    func bodyCacheFollowsChanges(_ change: String) throws {
        let site = try sample()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        var arguments: [String] = []
        switch change {
        case "one course":
            let path = "content/courses/understanding-recovery.md"
            try site.write(path, try site.read(path) + "\nPeople who are mentally ill are welcome. This sentence is long enough to be counted as one that has far too many words in it for easy reading.\n")
        case "college.yml's language list":
            try site.write("content/college.yml", try site.read("content/college.yml").replacingOccurrences(
                of: "  allow: [service user]", with: "  allow: [service user]\n  terms:\n    - {term: recovery, suggest: getting better, level: warning, reason: a test}"))
        default:
            arguments = ["--base-url", "https://example.org/college/"]
        }
        let run = try site.run(["build", "--format", "json"] + arguments)
        try expectSameFindingsAsCleanBuild(run, site, arguments)
        if run.exitCode == 0 { try expectSameAsCleanBuild(site, arguments) }
    }

    @Test("deleting the cache folder, or a corrupt manifest, just means a full build")
    func cacheIsSafeToDelete() throws {
        let site = try sample()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        try site.write(".output.cache/manifest", "prospectus-build-cache 1\nprogram nonsense\n")
        try site.write(".output.cache/up-to-date", "prospectus-up-to-date 1\nnonsense")
        let second = try site.run(["build"])
        #expect(second.exitCode == 0)
        #expect(unchanged(second) == nil)
        #expect(!upToDate(second))
        try FileManager.default.removeItem(at: site.url(".output.cache"))
        #expect(try site.run(["build"]).exitCode == 0)
        try expectSameAsCleanBuild(site)
    }

    @Test("a build blocked by an error leaves the output and its cache as they were")
    func blockedBuildKeepsCache() throws {
        let site = try sample()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        let before = TestSite.snapshot(site.output)
        let manifest = try site.read(".output.cache/manifest")
        let path = "content/courses/understanding-recovery.md"
        let original = try site.read(path)
        try site.write(path, original.replacingOccurrences(of: "\ntitle:", with: "\ntitle: [unclosed"))
        #expect(try site.run(["build"]).exitCode == 1)
        #expect(TestSite.snapshot(site.output) == before)
        #expect(try site.read(".output.cache/manifest") == manifest)
        try site.write(path, original)
        // Put back as it was when the output was made: nothing to do.
        let fixed = try site.run(["build"])
        #expect(fixed.exitCode == 0)
        #expect(upToDate(fixed))
        #expect(TestSite.snapshot(site.output) == before)
    }
}
