import Foundation
import Testing

@Suite("output folder safety")
struct OutputSafetyTests {
    @Test(
        "an unsafe --output is refused with exit 2 and nothing is touched",
        arguments: ["/", ".", "content", "templates", "templates/inner", "content/courses"])
    func unsafeOutput(_ output: String) throws {
        let site = try TestSite()
        defer { site.remove() }
        let before = TestSite.snapshot(site.root)
        let result = try site.run(["build", "--output", output])
        #expect(result.exitCode == 2, "\(result.stderr)")
        #expect(result.stderr.contains("refusing to build into"))
        #expect(TestSite.snapshot(site.root) == before)
    }

    @Test("the home folder is refused as --output")
    func homeFolder() throws {
        let site = try TestSite()
        defer { site.remove() }
        let home = site.url("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try site.write("home/notes.txt", "precious")
        let result = try site.run(["build", "--output", home.path], environment: ["HOME": home.path])
        #expect(result.exitCode == 2)
        #expect(try site.read("home/notes.txt") == "precious")
    }

    @Test("a folder with someone else's files is refused, and its files survive")
    func foreignFolder() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("mine/thesis.docx", "years of work")
        let result = try site.run(["build", "--output", "mine"])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("was not made by Prospectus"))
        #expect(try site.read("mine/thesis.docx") == "years of work")
    }

    @Test("an empty folder is accepted as --output")
    func emptyFolder() throws {
        let site = try TestSite()
        defer { site.remove() }
        try FileManager.default.createDirectory(at: site.url("fresh"), withIntermediateDirectories: true)
        #expect(try site.run(["build", "--output", "fresh"]).exitCode == 0)
        #expect(site.exists("fresh/index.html"))
    }
}
