import Foundation
import Testing

@testable import ProspectusCore

/// The incremental rebuild the preview server relies on: after any edit, the
/// session's output must be exactly what a clean build of the same files
/// gives, and an edit to one course must re-make only what shows that course.
@Suite("BuildSession (incremental rebuilds)")
struct BuildSessionTests {
    /// 2026-11-19, as the end-to-end tests' SOURCE_DATE_EPOCH.
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// The sample college and the default theme, copied so the test can edit them.
    func copySample() throws -> TemporaryFolder {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let temp = try TemporaryFolder()
        for folder in ["content", "templates"] {
            try FileManager.default.copyItem(at: repo.appendingPathComponent(folder), to: temp.path(folder))
        }
        return temp
    }

    func options(_ temp: TemporaryFolder) -> BuildOptions {
        var options = BuildOptions(siteRoot: temp.url, now: Self.now)
        options.includeDrafts = true
        return options
    }

    /// Asserts that the session's files are byte for byte a clean build's.
    func expectSameAsClean(
        _ result: BuildResult, _ temp: TemporaryFolder, options given: BuildOptions? = nil,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let clean = Pipeline.render(given ?? options(temp))
        #expect(result.errorCount == clean.errorCount, sourceLocation: sourceLocation)
        let mine = Dictionary(result.files.map { ($0.path, $0.contents) }, uniquingKeysWith: { a, _ in a })
        let theirs = Dictionary(clean.files.map { ($0.path, $0.contents) }, uniquingKeysWith: { a, _ in a })
        #expect(Set(mine.keys) == Set(theirs.keys), sourceLocation: sourceLocation)
        let differing = theirs.keys.filter { mine[$0] != theirs[$0] }.sorted()
        #expect(differing.isEmpty, "differs from a clean build: \(differing.prefix(10))", sourceLocation: sourceLocation)
        #expect(
            DiagnosticFormatter.json(result.diagnostics) == DiagnosticFormatter.json(clean.diagnostics),
            sourceLocation: sourceLocation)
    }

    func courseFile(_ temp: TemporaryFolder, _ id: String) -> URL { temp.path("content/courses/\(id).md") }

    func append(_ text: String, to url: URL) throws {
        var contents = try String(contentsOf: url, encoding: .utf8)
        contents += text
        try contents.write(to: url, atomically: true, encoding: .utf8)
    }

    func anyCourseID(_ temp: TemporaryFolder) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: temp.path("content/courses").path).sorted()
        return try #require(names.first { $0.hasSuffix(".md") }).replacingOccurrences(of: ".md", with: "")
    }

    @Test("a rebuild with nothing changed makes nothing again and gives the same files")
    func nothingChanged() throws {
        let temp = try copySample()
        defer { temp.remove() }
        let session = BuildSession(options: options(temp))
        let first = session.rebuild()
        #expect(first.errorCount == 0, "\(DiagnosticFormatter.text(first.diagnostics))")
        #expect(first.freshCount > 100)
        let second = session.rebuild(changed: [])
        // Only the sitemap, which lists every path, is always made again.
        #expect(second.freshCount == 1)
        expectSameAsClean(second, temp)
    }

    @Test("the templates are read again when a template changes, not when only content files change")
    func themeKeptWhileOnlyContentChanges() throws {
        let temp = try copySample()
        defer { temp.remove() }
        let session = BuildSession(options: options(temp))
        _ = session.rebuild()
        let id = try anyCourseID(temp)
        let course = courseFile(temp, id)
        let footer = temp.path("templates/partials/footer.mustache")
        // The footer changes on disk, but the watcher reports only the course.
        try append("<!-- footer edited -->\n", to: footer)
        try append("\nAnother sentence.\n", to: course)
        func home(_ result: BuildResult) throws -> String {
            String(decoding: try #require(result.files.first { $0.path == "index.html" }).contents, as: UTF8.self)
        }
        let contentOnly = session.rebuild(changed: [course.path])
        #expect(!(try home(contentOnly)).contains("footer edited"))
        // Then its own event arrives; changes the watcher cannot place read the templates too.
        let templateEvent = session.rebuild(changed: [footer.path])
        #expect(try home(templateEvent).contains("footer edited"))
        expectSameAsClean(templateEvent, temp)
        try append("<!-- footer edited again -->\n", to: footer)
        #expect(try home(session.rebuild(changed: nil)).contains("footer edited again"))
    }

    @Test("editing one course's body re-makes that course's pages and the pages that list it, not the others")
    func oneCourseEdited() throws {
        let temp = try copySample()
        defer { temp.remove() }
        let session = BuildSession(options: options(temp))
        let first = session.rebuild()
        let id = try anyCourseID(temp)
        let url = courseFile(temp, id)
        try append("\nA sentence added while previewing.\n", to: url)
        let second = session.rebuild(changed: [url.path])
        #expect(second.freshCount > 2)
        #expect(second.freshCount < first.freshCount / 2)
        let page = try #require(second.files.first { $0.path == "courses/\(id)/index.html" })
        #expect(String(decoding: page.contents, as: UTF8.self).contains("A sentence added while previewing."))
        expectSameAsClean(second, temp)
    }

    @Test("a quick pass makes the edited course's pages, leaves the pages that list every course as they were, and complete() brings them up to date")
    func quickPassThenComplete() throws {
        let temp = try copySample()
        defer { temp.remove() }
        let session = BuildSession(options: options(temp))
        let first = session.rebuild()
        #expect(first.isComplete)
        let before = Dictionary(first.files.map { ($0.path, $0.contents) }, uniquingKeysWith: { a, _ in a })
        let id = try anyCourseID(temp)
        let url = courseFile(temp, id)
        let title = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").first { $0.hasPrefix("title:") }
        let oldTitle = try #require(title).dropFirst("title:".count).trimmed
        let newTitle = "Retitled while previewing"
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "title: \(oldTitle)", with: "title: \(newTitle)")
        try text.write(to: url, atomically: true, encoding: .utf8)

        let quick = session.rebuild(changed: [url.path], quick: true)
        #expect(quick.errorCount == 0, "\(DiagnosticFormatter.text(quick.diagnostics))")
        let files = Dictionary(quick.files.map { ($0.path, $0.contents) }, uniquingKeysWith: { a, _ in a })
        // The course's own page and calendar are new...
        let page = String(decoding: try #require(files["courses/\(id)/index.html"]), as: UTF8.self)
        #expect(page.contains(newTitle))
        // ...the pages that list every course are exactly as they were, and say so.
        for shared in ["index.html", "prospectus.html", "calendar.ics", "search-index.json", "coproduction/index.html"] {
            #expect(quick.deferredPaths.contains(shared), "\(shared)")
            #expect(files[shared] == before[shared], "\(shared)")
        }
        #expect(!quick.isComplete)
        #expect(Set(files.keys) == Set(before.keys))

        let complete = session.complete()
        #expect(complete.isComplete)
        #expect(String(decoding: try #require(complete.files.first { $0.path == "index.html" }).contents, as: UTF8.self).contains(newTitle))
        expectSameAsClean(complete, temp)
        // And a later ordinary rebuild still matches a clean build.
        try append("\nOne more sentence.\n", to: url)
        expectSameAsClean(session.rebuild(changed: [url.path]), temp)
    }

    @Test("a quick pass after a trainer asks to be shown by first name makes the lists again rather than serve them with her full name")
    func quickPassAfterConsentWithdrawn() throws {
        let temp = try copySample()
        defer { temp.remove() }
        let session = BuildSession(options: options(temp))
        let first = session.rebuild()
        let before = String(decoding: try #require(first.files.first { $0.path == "trainers/index.html" }).contents, as: UTF8.self)
        #expect(before.contains("Niamh Gallagher"))
        let trainer = temp.path("content/trainers/trainer-alder.md")
        let text = try String(contentsOf: trainer, encoding: .utf8)
        // Shown by first name only from now on: her full name becomes a secret.
        try text.replacingOccurrences(of: "display: full-name", with: "display: first-name")
            .write(to: trainer, atomically: true, encoding: .utf8)

        // The old lists, which show it, must not be served.
        let quick = session.rebuild(changed: [trainer.path], quick: true)
        #expect(quick.errorCount == 0, "\(DiagnosticFormatter.text(quick.diagnostics.filter { $0.severity == .error }))")
        let after = String(decoding: try #require(quick.files.first { $0.path == "trainers/index.html" }).contents, as: UTF8.self)
        #expect(!after.contains("Niamh Gallagher"))
        #expect(!quick.deferredPaths.contains("trainers/index.html"))
        expectSameAsClean(session.complete(), temp)
    }

    @Test("editing a trainer, adding and deleting courses, and changing a template all match a clean build")
    func manyKindsOfChange() throws {
        let temp = try copySample()
        defer { temp.remove() }
        let session = BuildSession(options: options(temp))
        _ = session.rebuild()

        // A trainer's file: their page and every course they teach.
        let trainers = try FileManager.default.contentsOfDirectory(atPath: temp.path("content/trainers").path).sorted()
        let trainer = temp.path("content/trainers/" + (try #require(trainers.first { $0.hasSuffix(".md") })))
        try append("\nThey also enjoy gardening.\n", to: trainer)
        expectSameAsClean(session.rebuild(changed: [trainer.path]), temp)

        // A new course (a copy of another under a new id), then the original deleted.
        let id = try anyCourseID(temp)
        let copy = courseFile(temp, "a-course-added-in-preview")
        try FileManager.default.copyItem(at: courseFile(temp, id), to: copy)
        expectSameAsClean(session.rebuild(changed: [copy.path]), temp)
        try FileManager.default.removeItem(at: courseFile(temp, id))
        let afterDelete = session.rebuild(changed: [courseFile(temp, id).path])
        #expect(!afterDelete.files.contains { $0.path == "courses/\(id)/index.html" })
        expectSameAsClean(afterDelete, temp)

        // A template: every page that uses it changes.
        let footer = temp.path("templates/partials/footer.mustache")
        try append("<!-- footer changed -->\n", to: footer)
        let afterTemplate = session.rebuild(changed: [footer.path])
        #expect(String(decoding: try #require(afterTemplate.files.first { $0.path == "index.html" }).contents, as: UTF8.self)
            .contains("footer changed"))
        expectSameAsClean(afterTemplate, temp)

        // college.yml.
        let college = temp.path("content/college.yml")
        try append("\n# a comment\n", to: college)
        expectSameAsClean(session.rebuild(changed: [college.path]), temp)
    }

    @Test("an error introduced and then fixed: the broken build reports it, the fixed one matches a clean build")
    func errorThenFix() throws {
        let temp = try copySample()
        defer { temp.remove() }
        var options = options(temp)
        options.includeDrafts = false
        let session = BuildSession(options: options)
        _ = session.rebuild()
        let id = try anyCourseID(temp)
        let url = courseFile(temp, id)
        let original = try String(contentsOf: url, encoding: .utf8)
        try original.replacingOccurrences(of: "\ntitle:", with: "\ntitle: [unclosed").write(to: url, atomically: true, encoding: .utf8)
        let broken = session.rebuild(changed: [url.path])
        #expect(broken.errorCount > 0)
        #expect(broken.diagnostics.contains { $0.file == "content/courses/\(id).md" })
        try original.write(to: url, atomically: true, encoding: .utf8)
        let fixed = session.rebuild(changed: [url.path])
        #expect(fixed.errorCount == 0)
        expectSameAsClean(fixed, temp, options: options)
    }

    @Test("a change the session does not follow file by file (a new folder) falls back to reading everything")
    func newFolder() throws {
        let temp = try copySample()
        defer { temp.remove() }
        let session = BuildSession(options: options(temp))
        _ = session.rebuild()
        let id = try anyCourseID(temp)
        let folder = temp.path("content/courses/archive")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: courseFile(temp, id), to: folder.appendingPathComponent("\(id)-moved.md"))
        expectSameAsClean(session.rebuild(changed: [folder.path, courseFile(temp, id).path]), temp)
    }

    @Test("a deleted folder of courses, reported only as the folder, removes its courses")
    func deletedFolder() throws {
        let temp = try copySample()
        defer { temp.remove() }
        let id = try anyCourseID(temp)
        let folder = temp.path("content/courses/archive")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: courseFile(temp, id), to: folder.appendingPathComponent("\(id)-old.md"))
        let session = BuildSession(options: options(temp))
        #expect(session.rebuild().files.contains { $0.path == "courses/\(id)-old/index.html" })
        try FileManager.default.removeItem(at: folder)
        let after = session.rebuild(changed: [folder.path])
        #expect(!after.files.contains { $0.path == "courses/\(id)-old/index.html" })
        expectSameAsClean(after, temp)
    }

    @Test("editing one page template re-makes only the pages made with it; editing a partial, the pages that use it")
    func templateChangesAreTargeted() throws {
        let temp = try copySample()
        defer { temp.remove() }
        let session = BuildSession(options: options(temp))
        let first = session.rebuild()
        let venuePages = first.files.filter { $0.path.hasPrefix("venues/") && $0.path != "venues/index.html" }.count
        #expect(venuePages >= 2)

        let venue = temp.path("templates/venue.mustache")
        try append("<!-- venue template changed -->\n", to: venue)
        let afterVenue = session.rebuild(changed: [venue.path])
        // The venue pages, and the sitemap (always made).
        #expect(afterVenue.freshCount == venuePages + 1)
        expectSameAsClean(afterVenue, temp)

        // The card partial is pasted into the home page, listings and people's pages, not course pages.
        let card = temp.path("templates/partials/course-card.mustache")
        try append("<!-- card changed -->\n", to: card)
        let afterCard = session.rebuild(changed: [card.path])
        let remade = Set(afterCard.files.map(\.path)).subtracting(
            afterCard.files.filter { $0.path.hasPrefix("courses/") }.map(\.path))
        #expect(afterCard.freshCount > 10)
        #expect(afterCard.freshCount < remade.count)
        expectSameAsClean(afterCard, temp)
    }
}
