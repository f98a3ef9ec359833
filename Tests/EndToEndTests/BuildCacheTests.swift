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
    func expectSameAsCleanBuild(_ site: TestSite, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let clean = try site.run(["build", "--no-cache", "--output", "clean"])
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
        let second = try site.run(["build"])
        #expect(second.exitCode == 0)
        // Everything but the sitemap and the copied assets is reused.
        let reused = try #require(unchanged(second))
        #expect(reused > 90)
        try expectSameAsCleanBuild(site)
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

    @Test("deleting the cache folder, or a corrupt manifest, just means a full build")
    func cacheIsSafeToDelete() throws {
        let site = try sample()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        try site.write(".output.cache/manifest", "prospectus-build-cache 1\nprogram nonsense\n")
        let second = try site.run(["build"])
        #expect(second.exitCode == 0)
        #expect(unchanged(second) == nil)
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
        let fixed = try site.run(["build"])
        #expect(fixed.exitCode == 0)
        #expect(try #require(unchanged(fixed)) > 90)
    }
}
