import Foundation
import Testing

@testable import ProspectusCore

@Suite("Content loader (stage 1)")
struct ContentLoaderTests {
    /// A site folder with `content/college.yml`; the test adds what it needs.
    func makeSite() throws -> TemporaryFolder {
        let temp = try TemporaryFolder()
        try temp.write("content/college.yml", Fixture.college)
        return temp
    }

    func load(_ temp: TemporaryFolder, limits: Limits = Limits()) -> LoadedContent {
        ContentLoader(siteRoot: temp.url, contentDir: temp.path("content"), limits: limits).load()
    }

    @Test("files are read from each kind's folder, with paths relative to the site and in a stable order")
    func readsFiles() throws {
        let temp = try makeSite()
        defer { temp.remove() }
        try temp.write("content/courses/b-course.md", Fixture.secondCourse)
        try temp.write("content/courses/a-course.md", Fixture.course)
        try temp.write("content/trainers/jo-bloggs.md", Fixture.jo)
        let loaded = load(temp)
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.college?.path == "content/college.yml")
        #expect(loaded.files[.courses]?.map(\.path) == ["content/courses/a-course.md", "content/courses/b-course.md"])
        #expect(loaded.files[.courses]?.first?.stem == "a-course")
        #expect(loaded.files[.trainers]?.map(\.text) == [Fixture.jo])
        #expect(loaded.files[.pages]?.isEmpty == true)
    }

    @Test("files in subfolders are read too")
    func readsSubfolders() throws {
        let temp = try makeSite()
        defer { temp.remove() }
        try temp.write("content/courses/autumn/a.md", Fixture.course)
        try temp.write("content/courses/spring/deeper/b.md", Fixture.secondCourse)
        #expect(load(temp).files[.courses]?.map(\.path) == ["content/courses/autumn/a.md", "content/courses/spring/deeper/b.md"])
    }

    @Test("hidden files, editor backups and files that are not .md are skipped")
    func skipsOtherFiles() throws {
        let temp = try makeSite()
        defer { temp.remove() }
        try temp.write("content/courses/real.md", Fixture.course)
        try temp.write("content/courses/.hidden.md", Fixture.course)
        try temp.write("content/courses/real.md~", Fixture.course)
        try temp.write("content/courses/.real.md.swp", "binary\u{0}junk")
        try temp.write("content/courses/notes.txt", "notes")
        try temp.write("content/courses/.git/x.md", Fixture.course)
        let loaded = load(temp)
        #expect(loaded.files[.courses]?.map(\.path) == ["content/courses/real.md"])
        #expect(loaded.diagnostics.isEmpty)
    }

    @Test("a missing college.yml is FILE007 with a hint, and the rest is still read")
    func missingCollege() throws {
        let temp = try TemporaryFolder()
        defer { temp.remove() }
        try temp.write("content/pages/about.md", Fixture.page)
        let loaded = load(temp)
        #expect(loaded.college == nil)
        #expect(loaded.diagnostics.rules == ["FILE007"])
        #expect(loaded.diagnostics.first?.file == "content/college.yml")
        #expect(loaded.diagnostics.first?.hint != nil)
        #expect(loaded.files[.pages]?.count == 1)
    }

    @Test("an empty file is FILE002 and a whitespace-only file too")
    func emptyFiles() throws {
        let temp = try makeSite()
        defer { temp.remove() }
        try temp.write("content/courses/empty.md", "")
        try temp.write("content/courses/blank.md", "  \n\n")
        let loaded = load(temp)
        #expect(loaded.diagnostics.rules == ["FILE002", "FILE002"])
        #expect(Set(loaded.diagnostics.compactMap(\.file)) == ["content/courses/empty.md", "content/courses/blank.md"])
        #expect(loaded.files[.courses]?.isEmpty == true)
    }

    @Test("a binary file named .md is FILE004")
    func binaryFile() throws {
        let temp = try makeSite()
        defer { temp.remove() }
        try temp.write("content/partners/logo.md", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]))
        #expect(load(temp).diagnostics.rules == ["FILE004"])
    }

    @Test("a file that is not UTF-8 is FILE003 at the bad byte's line and column")
    func notUTF8File() throws {
        let temp = try makeSite()
        defer { temp.remove() }
        try temp.write("content/venues/hub.md", Data(Array("---\nname: Caf".utf8) + [0xE9] + Array("\n---\n".utf8)))
        let loaded = load(temp)
        let bad = try #require(loaded.diagnostics.first)
        #expect(bad.rule == .fileNotUTF8)
        #expect(bad.file == "content/venues/hub.md")
        #expect(bad.location == position(2, 10))
    }

    @Test("a file over the size limit is FILE006, and one at the limit is read")
    func sizeLimit() throws {
        let temp = try makeSite()
        defer { temp.remove() }
        var limits = Limits()
        limits.maxFileBytes = 64
        try temp.write("content/pages/at-limit.md", String(repeating: "a", count: 64))
        try temp.write("content/pages/over-limit.md", String(repeating: "a", count: 65))
        // college.yml is larger than 64 bytes too.
        let loaded = load(temp, limits: limits)
        #expect(loaded.diagnostics.with(.fileTooLarge).compactMap(\.file).sorted() == ["content/college.yml", "content/pages/over-limit.md"])
        #expect(loaded.files[.pages]?.map(\.path) == ["content/pages/at-limit.md"])
    }

    @Test("a BOM and CRLF line endings are normalised when reading")
    func normalisesText() throws {
        let temp = try makeSite()
        defer { temp.remove() }
        try temp.write("content/pages/about.md", Data([0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: About\r\n---\r\nText\r\n".utf8)))
        #expect(load(temp).files[.pages]?.first?.text == "---\ntitle: About\n---\nText\n")
    }

    @Test("a link to a file outside the content folder is FILE005 and is not read")
    func linkOutside() throws {
        let temp = try makeSite()
        defer { temp.remove() }
        let secret = try temp.write("secret.md", "---\ntitle: secret\n---\n")
        try temp.makeFolder("content/pages")
        try FileManager.default.createSymbolicLink(at: temp.path("content/pages/secret.md"), withDestinationURL: secret)
        let loaded = load(temp)
        #expect(loaded.diagnostics.rules == ["FILE005"])
        #expect(loaded.diagnostics.first?.file == "content/pages/secret.md")
        #expect(loaded.files[.pages]?.isEmpty == true)
    }

    @Test("a link to a folder outside the content folder is FILE005 and is not walked")
    func folderLinkOutside() throws {
        let temp = try makeSite()
        defer { temp.remove() }
        try temp.write("elsewhere/x.md", Fixture.page)
        try temp.makeFolder("content/pages")
        try FileManager.default.createSymbolicLink(at: temp.path("content/pages/more"), withDestinationURL: temp.path("elsewhere"))
        let loaded = load(temp)
        #expect(loaded.diagnostics.rules == ["FILE005"])
        #expect(loaded.files[.pages]?.isEmpty == true)
    }

    @Test("a link that stays inside the content folder is followed")
    func linkInside() throws {
        let temp = try makeSite()
        defer { temp.remove() }
        let page = try temp.write("content/shared/about.md", Fixture.page)
        try temp.makeFolder("content/pages")
        try FileManager.default.createSymbolicLink(at: temp.path("content/pages/about.md"), withDestinationURL: page)
        let loaded = load(temp)
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.files[.pages]?.map(\.path) == ["content/pages/about.md"])
    }

    @Test("a broken link is FILE001")
    func brokenLink() throws {
        let temp = try makeSite()
        defer { temp.remove() }
        try temp.makeFolder("content/pages")
        try FileManager.default.createSymbolicLink(at: temp.path("content/pages/gone.md"), withDestinationURL: temp.path("content/nowhere.md"))
        #expect(load(temp).diagnostics.rules == ["FILE001"])
    }

    @Test("a college.yml that is a link out of the content folder is FILE005")
    func collegeLinkOutside() throws {
        let temp = try TemporaryFolder()
        defer { temp.remove() }
        let outside = try temp.write("private/college.yml", Fixture.college)
        try temp.makeFolder("content")
        try FileManager.default.createSymbolicLink(at: temp.path("content/college.yml"), withDestinationURL: outside)
        let loaded = load(temp)
        #expect(loaded.college == nil)
        #expect(loaded.diagnostics.rules == ["FILE005"])
    }

    @Test("a link that loops back to its own folder does not read the same file again and again")
    func linkLoop() throws {
        let temp = try makeSite()
        defer { temp.remove() }
        try temp.write("content/courses/a.md", Fixture.course)
        try FileManager.default.createSymbolicLink(at: temp.path("content/courses/loop"), withDestinationURL: temp.path("content/courses"))
        let loaded = load(temp)
        #expect(loaded.files[.courses]?.count == 1)
    }

    @Test("the loaded fixture site decodes cleanly, end to end from disk")
    func loadThenDecode() throws {
        let temp = try makeSite()
        defer { temp.remove() }
        for (kind, files) in SiteFixture().files {
            for (id, text) in files { try temp.write("content/\(kind.rawValue)/\(id).md", text) }
        }
        let loaded = load(temp)
        let (site, diagnostics) = SiteDecoder.decode(loaded)
        #expect(diagnostics.isEmpty, "\(DiagnosticFormatter.text(diagnostics))")
        #expect(site?.courses.count == 2)
        #expect(site?.files["content/courses/understanding-recovery.md"] != nil)
    }
}
