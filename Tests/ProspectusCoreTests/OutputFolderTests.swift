import Foundation
import Testing

@testable import ProspectusCore

@Suite("Output folder safety (stage 7a)")
struct OutputFolderTests {
    /// A site in a temporary folder: `site/content` and `site/templates`.
    struct SiteFolders {
        let temp: TemporaryFolder
        let site: URL
        let content: URL
        let templates: URL

        init() throws {
            temp = try TemporaryFolder()
            site = try temp.makeFolder("site")
            content = try temp.makeFolder("site/content")
            templates = try temp.makeFolder("site/templates")
            try temp.write("site/content/college.yml", "name: x\n")
            try temp.write("site/templates/layout.mustache", "{{{content}}}\n")
        }

        /// What `Pipeline.build` asks: protect the sources and the site, and keep out of the sources.
        func validate(_ output: URL) -> Result<Void, UnsafeOutputFolder> {
            OutputFolder.validate(output: output, protecting: [content, templates, site], sources: [content, templates])
        }

        func isRefused(_ output: URL) -> Bool { validate(output).failureValue != nil }
    }

    // MARK: refused

    @Test("the file system root is refused")
    func refusesRoot() throws {
        let folders = try SiteFolders()
        defer { folders.temp.remove() }
        let problem = try #require(folders.validate(URL(fileURLWithPath: "/")).failureValue)
        #expect(problem.description.contains("/"))
    }

    @Test("the home folder is refused")
    func refusesHome() throws {
        let folders = try SiteFolders()
        defer { folders.temp.remove() }
        let home = FileManager.default.homeDirectoryForCurrentUser
        let problem = try #require(folders.validate(home).failureValue)
        #expect(problem.description.contains("home"))
        #expect(folders.isRefused(home.appendingPathComponent(".")))
    }

    @Test("the content folder itself is refused")
    func refusesContent() throws {
        let folders = try SiteFolders()
        defer { folders.temp.remove() }
        #expect(folders.isRefused(folders.content))
    }

    @Test("the templates folder itself is refused")
    func refusesTemplates() throws {
        let folders = try SiteFolders()
        defer { folders.temp.remove() }
        #expect(folders.isRefused(folders.templates))
    }

    @Test("a folder containing the content folder (the site root, or above it) is refused")
    func refusesFolderContainingContent() throws {
        let folders = try SiteFolders()
        defer { folders.temp.remove() }
        #expect(folders.isRefused(folders.site))
        #expect(folders.isRefused(folders.temp.url))
        #expect(folders.isRefused(folders.site.appendingPathComponent("content/..")))
    }

    @Test("the site root is refused even when its only protection is being the site")
    func refusesSiteRootWithMarker() throws {
        let folders = try SiteFolders()
        defer { folders.temp.remove() }
        try folders.temp.write("site/\(OutputFolder.marker)", "")
        #expect(folders.isRefused(folders.site))
    }

    @Test("a folder inside the content or templates folder is refused, even when new")
    func refusesInsideSources() throws {
        let folders = try SiteFolders()
        defer { folders.temp.remove() }
        #expect(folders.isRefused(folders.templates.appendingPathComponent("output")))
        #expect(folders.isRefused(folders.templates.appendingPathComponent("assets/out")))
        #expect(folders.isRefused(folders.content.appendingPathComponent("output")))
        #expect(folders.isRefused(folders.site.appendingPathComponent("output/../templates/x")))
    }

    @Test("a link that leads to the content folder is refused")
    func refusesLinkToContent() throws {
        let folders = try SiteFolders()
        defer { folders.temp.remove() }
        let link = folders.temp.path("content-link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: folders.content)
        #expect(folders.isRefused(link))
    }

    @Test("a new folder below a link to the templates folder is refused")
    func refusesNewFolderBelowLinkToTemplates() throws {
        let folders = try SiteFolders()
        defer { folders.temp.remove() }
        let link = folders.temp.path("templates-link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: folders.templates)
        #expect(folders.isRefused(link.appendingPathComponent("out")))
    }

    @Test("a non-empty folder without the .prospectus-output marker is refused")
    func refusesForeignFolder() throws {
        let folders = try SiteFolders()
        defer { folders.temp.remove() }
        try folders.temp.write("site/Documents/thesis.docx", "precious")
        let problem = try #require(folders.validate(folders.site.appendingPathComponent("Documents")).failureValue)
        #expect(problem.description.contains("not empty"))
    }

    @Test("a folder holding only hidden files, without the marker, is refused")
    func refusesHiddenFilesOnly() throws {
        let folders = try SiteFolders()
        defer { folders.temp.remove() }
        try folders.temp.write("site/out/.git/HEAD", "ref: refs/heads/main\n")
        #expect(folders.isRefused(folders.site.appendingPathComponent("out")))
    }

    @Test("an existing file (not a folder) is refused")
    func refusesFile() throws {
        let folders = try SiteFolders()
        defer { folders.temp.remove() }
        let file = try folders.temp.write("site/output", "not a folder")
        #expect(folders.isRefused(file))
    }

    // MARK: accepted

    @Test("a folder that does not exist yet is accepted")
    func acceptsNewFolder() throws {
        let folders = try SiteFolders()
        defer { folders.temp.remove() }
        #expect(folders.validate(folders.site.appendingPathComponent("output")).successValue != nil)
        #expect(folders.validate(folders.temp.path("elsewhere/deeper/output")).successValue != nil)
    }

    @Test("an empty folder is accepted")
    func acceptsEmptyFolder() throws {
        let folders = try SiteFolders()
        defer { folders.temp.remove() }
        let output = try folders.temp.makeFolder("site/output")
        #expect(folders.validate(output).successValue != nil)
    }

    @Test("a folder with the .prospectus-output marker from an earlier build is accepted")
    func acceptsMarkedFolder() throws {
        let folders = try SiteFolders()
        defer { folders.temp.remove() }
        try folders.temp.write("site/output/index.html", "<html></html>")
        try folders.temp.write("site/output/\(OutputFolder.marker)", "")
        #expect(folders.validate(folders.site.appendingPathComponent("output")).successValue != nil)
    }

    @Test("a sibling folder whose name starts like the content folder's is not mistaken for it")
    func similarNameAccepted() throws {
        let folders = try SiteFolders()
        defer { folders.temp.remove() }
        #expect(folders.validate(folders.site.appendingPathComponent("content-output")).successValue != nil)
        #expect(folders.validate(folders.site.appendingPathComponent("templates2")).successValue != nil)
    }
}
