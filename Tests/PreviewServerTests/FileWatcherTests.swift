// inotify: Linux only (FileWatcher refuses to start elsewhere).
#if os(Linux)
import Foundation
import Testing

@testable import PreviewServer

/// The watcher against the real file system. Waits are generous (the machine may be
/// busy); each test ends as soon as what it waits for is seen.
@Suite("Preview server: file watcher", .serialized)
final class FileWatcherTests {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("prospectus-watcher-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content/courses"), withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func write(_ path: String, _ text: String = "x") throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).standardizedFileURL.path }

    /// Gathers changes until `done` says enough, or 20 s pass. Changes are always taken
    /// once more after the last sleep: on a busy machine this task may not run again
    /// until long after the deadline.
    func collect(_ watcher: FileWatcher, until done: (ChangeSet) -> Bool) async throws -> ChangeSet {
        var seen = ChangeSet()
        let deadline = ContinuousClock.now + .seconds(20)
        while true {
            let changes = watcher.takeChanges()
            seen.paths.formUnion(changes.paths)
            seen.everything = seen.everything || changes.everything
            if done(seen) || ContinuousClock.now >= deadline { return seen }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test("a file written in a watched folder is reported by its absolute path")
    func reportsAWrite() async throws {
        let watcher = try FileWatcher(roots: [root.appendingPathComponent("content")])
        defer { watcher.stop() }
        try write("content/courses/a.md")
        let seen = try await collect(watcher) { $0.paths.contains(path("content/courses/a.md")) }
        #expect(seen.paths.contains(path("content/courses/a.md")))
    }

    @Test("a folder created after the start is watched: a file written in it is seen")
    func watchesNewFolders() async throws {
        let watcher = try FileWatcher(roots: [root.appendingPathComponent("content")])
        defer { watcher.stop() }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("content/new/deeper"), withIntermediateDirectories: true)
        // Give the watcher a moment to add its watches, then write into the new folder.
        _ = try await collect(watcher) { $0.paths.contains(path("content/new")) }
        try write("content/new/deeper/b.md", "first")
        var seen = try await collect(watcher) { $0.paths.contains(path("content/new/deeper/b.md")) }
        #expect(seen.paths.contains(path("content/new/deeper/b.md")))
        // And a later write there too (the watch stays).
        try write("content/new/deeper/b.md", "second")
        seen = try await collect(watcher) { $0.paths.contains(path("content/new/deeper/b.md")) }
        #expect(seen.paths.contains(path("content/new/deeper/b.md")))
    }

    @Test("files written into a new folder before its watch exists are still reported")
    func newFolderContentsAreReported() async throws {
        let watcher = try FileWatcher(roots: [root.appendingPathComponent("content")])
        defer { watcher.stop() }
        // Made elsewhere and moved in whole: no event ever comes from inside it.
        let outside = root.appendingPathComponent("elsewhere/pack")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: outside.appendingPathComponent("c.md"))
        try FileManager.default.moveItem(at: outside, to: root.appendingPathComponent("content/pack"))
        let seen = try await collect(watcher) { $0.paths.contains(path("content/pack/c.md")) }
        #expect(seen.paths.contains(path("content/pack/c.md")))
    }

    @Test("editors' temp and backup files are ignored")
    func ignoresEditorFiles() async throws {
        let watcher = try FileWatcher(roots: [root.appendingPathComponent("content")])
        defer { watcher.stop() }
        for name in [".a.md.swp", "a.md~", ".#a.md", "4913", "#a.md#", ".a.md.swx"] {
            try write("content/courses/\(name)")
        }
        try write("content/courses/real.md")
        let seen = try await collect(watcher) { $0.paths.contains(path("content/courses/real.md")) }
        #expect(seen.paths == [path("content/courses/real.md")])
        #expect(FileWatcher.isIgnored("a.swift") == false)
        #expect(FileWatcher.isIgnored("a.md") == false)
    }

    @Test("a burst of saves is delivered as one batch once it settles")
    func debouncesBursts() async throws {
        let watcher = try FileWatcher(
            roots: [root.appendingPathComponent("content")], quiet: .seconds(1), longest: .seconds(10))
        defer { watcher.stop() }
        for index in 0..<5 { try write("content/courses/\(index).md") }
        // Wait for the one wake the burst causes, then take everything at once.
        var iterator = watcher.wakes.makeAsyncIterator()
        _ = await iterator.next()
        let changes = watcher.takeChanges()
        #expect(changes.paths == Set((0..<5).map { path("content/courses/\($0).md") }))
    }

    @Test("deleting and renaming files are changes too")
    func deletesAndRenames() async throws {
        try write("content/courses/old.md")
        try write("content/courses/gone.md")
        let watcher = try FileWatcher(roots: [root.appendingPathComponent("content")])
        defer { watcher.stop() }
        try FileManager.default.moveItem(
            at: root.appendingPathComponent("content/courses/old.md"), to: root.appendingPathComponent("content/courses/new.md"))
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/courses/gone.md"))
        let expected: Set<String> = [
            path("content/courses/old.md"), path("content/courses/new.md"), path("content/courses/gone.md"),
        ]
        let seen = try await collect(watcher) { expected.isSubset(of: $0.paths) }
        #expect(expected.isSubset(of: seen.paths))
    }

    @Test("a missing folder is a clear error, not a crash")
    func missingRoot() {
        #expect(throws: WatcherError.self) {
            _ = try FileWatcher(roots: [root.appendingPathComponent("nowhere")])
        }
    }
}

#endif
