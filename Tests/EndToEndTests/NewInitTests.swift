import Foundation
import Testing

/// `prospectus new` and `prospectus init` as a coordinator runs them, with the
/// fixed clock of every end-to-end test (SOURCE_DATE_EPOCH: 2026-11-18).
@Suite("prospectus new and init, end to end")
struct NewInitTests {
    /// An empty temporary folder; `init` runs in it.
    struct EmptyFolder {
        let root: URL
        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("prospectus-init-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }
        func url(_ path: String) -> URL { root.appendingPathComponent(path) }
        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    /// Runs `prospectus` in `folder` as TestSite does: fixed clock, no colour.
    func run(_ arguments: [String], in folder: URL) throws -> RunResult {
        let process = Process()
        process.executableURL = Repo.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env["SOURCE_DATE_EPOCH"] = "1795000000"
        env["NO_COLOR"] = "1"
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return RunResult(
            exitCode: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    static let folders = ["course": "courses", "trainer": "trainers", "partner": "partners", "venue": "venues", "page": "pages"]

    @Test("new writes each kind of file into the sample college, which still builds with no errors", arguments: [
        "course", "trainer", "partner", "venue", "page",
    ])
    func newKeepsSampleBuilding(kind: String) throws {
        let site = try TestSite(content: Repo.content)
        defer { site.remove() }
        let folder = try #require(Self.folders[kind])
        let result = try site.run(["new", kind, "added-\(kind)"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Wrote content/\(folder)/added-\(kind).md"))
        #expect(result.stdout.contains("prospectus serve") && result.stdout.contains("prospectus build"))
        let text = try site.read("content/\(folder)/added-\(kind).md")
        #expect(text.hasPrefix("---\n# "))
        let build = try site.run(["build", "--format", "json"])
        #expect(build.exitCode == 0, "\(build.stdout)\(build.stderr)")
        let mine = try findings(build.stdout).filter { $0.file == "content/\(folder)/added-\(kind).md" }
        // A new course names no partner: that is a note (info), never a warning or an error.
        #expect(mine.map(\.rule) == (kind == "course" ? ["COP005"] : []), "\(mine)")
        #expect(mine.allSatisfy { $0.severity == "info" })
        if kind == "course" {
            #expect(site.exists("output/courses/added-course/index.html"), "the new course was not published")
            #expect(text.contains("\nstatus: open\n"))
        }
    }

    @Test("new refuses to overwrite an existing file: exit 2, the file unchanged, the message names it")
    func newRefusesOverwrite() throws {
        let site = try TestSite(content: Repo.content)
        defer { site.remove() }
        let before = try site.read("content/courses/understanding-recovery.md")
        let result = try site.run(["new", "course", "understanding-recovery"])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("content/courses/understanding-recovery.md already exists"))
        #expect(try site.read("content/courses/understanding-recovery.md") == before)
    }

    @Test("new rejects an invalid id with what ids may contain, and an unknown kind with the kinds there are")
    func newRejectsBadInput() throws {
        let site = try TestSite(content: Repo.content)
        defer { site.remove() }
        let before = TestSite.snapshot(site.url("content"))
        let badID = try site.run(["new", "course", "Money & Wellbeing"])
        #expect(badID.exitCode == 2)
        #expect(badID.stderr.contains("ids may contain only lowercase letters a to z, digits 0 to 9 and single hyphens"))
        #expect(badID.stderr.contains("use money-wellbeing"))
        #expect(!badID.stderr.contains("Swift"))
        let badKind = try site.run(["new", "lesson", "anything"])
        #expect(badKind.exitCode == 2)
        #expect(badKind.stderr.contains("'course', 'trainer', 'partner', 'venue' or 'page'"))
        #expect(TestSite.snapshot(site.url("content")) == before)
    }

    @Test("new takes --content like the other commands")
    func newTakesContentOption() throws {
        let folder = try EmptyFolder()
        defer { folder.remove() }
        #expect(try run(["init", "site"], in: folder.root).exitCode == 0)
        let result = try run(["new", "partner", "riverside-group", "--content", "site/content"], in: folder.root)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.url("site/content/partners/riverside-group.md").path))
    }

    @Test("init makes a site that builds with no findings at all, and a course from new joins it")
    func initBuildsClean() throws {
        let folder = try EmptyFolder()
        defer { folder.remove() }
        let created = try run(["init", "my-college"], in: folder.root)
        #expect(created.exitCode == 0, "\(created.stderr)")
        #expect(created.stdout.contains("cd my-college") && created.stdout.contains("prospectus build"))
        let site = folder.url("my-college")
        let check = try run(["check", "--format", "json"], in: site)
        #expect(check.exitCode == 0)
        let all = try findings(check.stdout)
        #expect(all.count == 0, "\(all)")
        let build = try run(["build"], in: site)
        #expect(build.exitCode == 0, "\(build.stdout)\(build.stderr)")
        #expect(build.stderr.contains("(1 course)") && !build.stderr.contains("warning"))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("output/courses/understanding-recovery/index.html").path))
        let gitignore = try String(contentsOf: site.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(gitignore.split(separator: "\n").contains("output/"))

        #expect(try run(["new", "course", "next-steps"], in: site).exitCode == 0)
        let again = try run(["build", "--format", "json"], in: site)
        #expect(again.exitCode == 0, "\(again.stdout)\(again.stderr)")
        #expect(try findings(again.stdout).map(\.rule) == ["COP005"])
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("output/courses/next-steps/index.html").path))
    }

    @Test("init writes the default theme exactly as templates/ holds it")
    func initThemeEqualsTemplates() throws {
        let folder = try EmptyFolder()
        defer { folder.remove() }
        #expect(try run(["init"], in: folder.root).exitCode == 0)
        let written = TestSite.snapshot(folder.url("templates"))
        let expected = TestSite.snapshot(Repo.templates).filter { !$0.key.split(separator: "/").contains { $0.hasPrefix(".") } }
        #expect(written.keys.sorted() == expected.keys.sorted())
        #expect(written == expected, "run scripts/embed-theme after changing templates/")
    }

    @Test("init refuses a folder that has files in it: exit 2, nothing changed")
    func initRefusesNonEmptyFolder() throws {
        let site = try TestSite(content: Repo.content)
        defer { site.remove() }
        let before = TestSite.snapshot(site.root)
        let result = try site.run(["init"])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("is not empty") && result.stderr.contains("nothing was written"))
        #expect(TestSite.snapshot(site.root) == before)
    }

    @Test("init accepts a folder holding only hidden files such as .git, and keeps them")
    func initAcceptsHiddenFiles() throws {
        let folder = try EmptyFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(at: folder.url(".git"), withIntermediateDirectories: true)
        try Data("ref: refs/heads/main\n".utf8).write(to: folder.url(".git/HEAD"))
        let result = try run(["init", "."], in: folder.root)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(try String(contentsOf: folder.url(".git/HEAD"), encoding: .utf8) == "ref: refs/heads/main\n")
        #expect(FileManager.default.fileExists(atPath: folder.url("content/college.yml").path))
    }
}
