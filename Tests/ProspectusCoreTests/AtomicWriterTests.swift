import Foundation
import Testing

@testable import ProspectusCore

@Suite("Atomic writer (stage 7b)")
struct AtomicWriterTests {
    func file(_ path: String, _ text: String) -> OutputFile { OutputFile(path: path, contents: Data(text.utf8)) }

    func read(_ url: URL) -> String? {
        FileManager.default.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Everything below a folder, as sorted relative paths (files only).
    func listing(_ folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                files.append(path)
            }
        }
        return files.sorted()
    }

    @Test("writing into a new folder creates every file, nested folders and the marker")
    func writesNewFolder() throws {
        let temp = try TemporaryFolder()
        defer { temp.remove() }
        let output = temp.path("site/output")
        let writer = AtomicWriter(output: output)
        let result = writer.write([
            file("index.html", "<h1>Home</h1>"),
            file("courses/understanding-recovery/index.html", "<h1>Course</h1>"),
            file("assets/style.css", "body{}"),
        ])
        #expect(result.successValue != nil)
        #expect(listing(output) == [
            OutputFolder.marker, "assets/style.css", "courses/understanding-recovery/index.html", "index.html",
        ])
        #expect(read(output.appendingPathComponent("courses/understanding-recovery/index.html")) == "<h1>Course</h1>")
    }

    @Test("writing replaces the old output completely: old files are gone, new ones present, marker present")
    func replacesOldOutput() throws {
        let temp = try TemporaryFolder()
        defer { temp.remove() }
        let output = temp.path("output")
        let writer = AtomicWriter(output: output)
        #expect(writer.write([file("index.html", "old"), file("courses/removed-course/index.html", "gone soon")]).successValue != nil)
        #expect(writer.write([file("index.html", "new"), file("pages/about/index.html", "about")]).successValue != nil)
        #expect(listing(output) == [OutputFolder.marker, "index.html", "pages/about/index.html"])
        #expect(read(output.appendingPathComponent("index.html")) == "new")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("courses").path))
    }

    @Test("after writing, no staging or previous-build folder is left beside the output")
    func noLeftovers() throws {
        let temp = try TemporaryFolder()
        defer { temp.remove() }
        let output = temp.path("output")
        let writer = AtomicWriter(output: output)
        #expect(writer.write([file("index.html", "one")]).successValue != nil)
        #expect(writer.write([file("index.html", "two")]).successValue != nil)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: temp.url.path).sorted()
        #expect(siblings == ["output"])
    }

    @Test("a staging folder left by a killed build is cleared, not mixed into the new output")
    func leftoverStagingCleared() throws {
        let temp = try TemporaryFolder()
        defer { temp.remove() }
        try temp.write(".output.building/stale.html", "from a killed build")
        let output = temp.path("output")
        #expect(AtomicWriter(output: output).write([file("index.html", "fresh")]).successValue != nil)
        #expect(listing(output) == [OutputFolder.marker, "index.html"])
        #expect(!temp.exists(".output.building"))
    }

    @Test("an empty build still produces a marked output folder")
    func emptyBuild() throws {
        let temp = try TemporaryFolder()
        defer { temp.remove() }
        let output = temp.path("output")
        #expect(AtomicWriter(output: output).write([]).successValue != nil)
        #expect(listing(output) == [OutputFolder.marker])
    }

    @Test("a folder written by the writer is accepted by the output-folder check for the next build")
    func writtenFolderPassesValidation() throws {
        let temp = try TemporaryFolder()
        defer { temp.remove() }
        let output = temp.path("output")
        #expect(AtomicWriter(output: output).write([file("index.html", "x")]).successValue != nil)
        let check = OutputFolder.validate(output: output, protecting: [temp.path("content")], sources: [temp.path("content")])
        #expect(check.successValue != nil)
    }

    @Test("a second lock on the same output fails while the first is held, and succeeds once it is released")
    func lockIsExclusive() throws {
        let temp = try TemporaryFolder()
        defer { temp.remove() }
        let writer = AtomicWriter(output: temp.path("output"))
        var first: BuildLock? = writer.lock().successValue
        #expect(first != nil)
        let second = writer.lock()
        let problem = try #require(second.failureValue)
        #expect(problem.description.contains("another build"))
        #expect(AtomicWriter(output: temp.path("output")).lock().failureValue != nil)
        withExtendedLifetime(first) {}
        first = nil
        #expect(writer.lock().successValue != nil)
    }

    @Test("locks on different output folders do not block each other")
    func locksAreIndependent() throws {
        let temp = try TemporaryFolder()
        defer { temp.remove() }
        let a = try #require(AtomicWriter(output: temp.path("a")).lock().successValue)
        let b = try #require(AtomicWriter(output: temp.path("b")).lock().successValue)
        withExtendedLifetime((a, b)) {}
    }

    @Test("the lock can be taken before the output's parent folder exists")
    func lockCreatesParent() throws {
        let temp = try TemporaryFolder()
        defer { temp.remove() }
        let lock = try #require(AtomicWriter(output: temp.path("new/parent/output")).lock().successValue)
        withExtendedLifetime(lock) {}
        #expect(temp.exists("new/parent"))
    }

    @Test("removing the previous build's folder removes all of it, and never what a symbolic link inside it points to")
    func removeTreeStaysInside() throws {
        let temp = try TemporaryFolder()
        defer { temp.remove() }
        // Someone's own files, outside the folder Prospectus owns.
        _ = try temp.write("mine/notes.txt", "keep me")
        _ = try temp.write("mine/deeper/more.txt", "keep me too")
        _ = try temp.write("old/index.html", "old")
        for id in 0..<40 { _ = try temp.write("old/courses/c\(id)/index.html", "course \(id)") }
        let fm = FileManager.default
        // Links at each level the removal looks into: the top, a folder's child, and deeper.
        try fm.createSymbolicLink(atPath: temp.path("old/linked").path, withDestinationPath: temp.path("mine").path)
        try fm.createSymbolicLink(atPath: temp.path("old/courses/linked").path, withDestinationPath: temp.path("mine").path)
        try fm.createSymbolicLink(atPath: temp.path("old/courses/c1/linked").path, withDestinationPath: temp.path("mine").path)

        AtomicWriter.removeTree(temp.path("old").path)

        #expect(!temp.exists("old"))
        #expect(read(temp.path("mine/notes.txt")) == "keep me")
        #expect(read(temp.path("mine/deeper/more.txt")) == "keep me too")
    }
}
