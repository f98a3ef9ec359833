import Foundation
import NIOConcurrencyHelpers

#if os(Linux)
import Glibc
#endif

/// What changed since the last time the changes were taken.
public struct ChangeSet: Sendable, Equatable {
    /// Absolute paths of the files (and folders) that were written, created, moved or deleted.
    public var paths: Set<String> = []
    /// True when the kernel dropped events (its queue overflowed) or a watched folder
    /// itself went away: anything may have changed.
    public var everything = false

    public var isEmpty: Bool { paths.isEmpty && !everything }
}

public struct WatcherError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

extension FileWatcher {
    /// Editors' temporary and backup files: vim's `.swp`/`.swx` and its `4913` probe,
    /// `name~` backups, emacs `.#name` locks and `#name#` autosaves.
    public static func isIgnored(_ name: String) -> Bool {
        if name == "4913" || name.hasSuffix("~") || name.hasPrefix(".#") { return true }
        if name.hasPrefix("#") && name.hasSuffix("#") { return true }
        for suffix in [".swp", ".swx", ".swo"] where name.hasSuffix(suffix) { return true }
        return false
    }
}

#if os(Linux)

/// Watches folders (and every folder below them) with Linux inotify, and reports
/// bursts of changes once they have settled.
///
/// inotify is not recursive: each folder gets its own watch, and folders created later
/// get one as they appear (their contents are reported too, since files can be written
/// into a new folder before its watch exists). Editors save in several steps (a temp
/// file, a rename, a backup), so events are gathered until `quiet` passes without one;
/// editors' temp and backup files are ignored.
///
/// Linux only: there is no inotify elsewhere (macOS would need FSEvents).
public final class FileWatcher: Sendable {
    /// Wakes the consumer when changes are waiting; `takeChanges()` gets them. A wake is
    /// never queued twice, so changes made during a rebuild are taken in one go after it.
    public let wakes: AsyncStream<Void>
    private let wakeContinuation: AsyncStream<Void>.Continuation
    private let pending = NIOLockedValueBox(ChangeSet())
    private let stopPipe: (read: Int32, write: Int32)
    private let stopped = NIOLockedValueBox(false)

    /// Starts watching. Every folder is watched before this returns, so a change made
    /// right after is seen.
    /// - Parameters:
    ///   - roots: the folders to watch, with everything below them.
    ///   - quiet: how long without events ends a burst.
    ///   - longest: a burst that goes on longer is reported anyway (a large copy).
    ///   - problem: told of folders that could not be watched (e.g. the watch limit).
    public init(
        roots: [URL], quiet: Duration = .milliseconds(40), longest: Duration = .milliseconds(500),
        problem: @escaping @Sendable (String) -> Void = { _ in }
    ) throws(WatcherError) {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw WatcherError(message: "inotify is not available: \(String(cString: strerror(errno)))") }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            close(fd)
            throw WatcherError(message: "cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        let loop = InotifyLoop(fd: fd, problem: problem)
        for root in roots {
            let path = root.standardizedFileURL.path
            guard loop.watchTree(path, isRoot: true, report: false) else {
                close(fd)
                close(pipeEnds[0])
                close(pipeEnds[1])
                throw WatcherError(message: "cannot watch \(path): \(String(cString: strerror(errno)))")
            }
        }
        stopPipe = (pipeEnds[0], pipeEnds[1])
        (wakes, wakeContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let sink = Sink(pending: pending, wake: wakeContinuation)
        let stopFD = pipeEnds[0]
        let quietMS = Int32(clamping: quiet.milliseconds), longestMS = longest.milliseconds
        // A thread of its own: it spends its life blocked in poll(), which must not
        // hold one of the few threads Swift concurrency and the server share.
        let thread = Thread {
            loop.run(stopFD: stopFD, quietMS: quietMS, longestMS: longestMS, sink: sink)
        }
        thread.name = "prospectus-watcher"
        thread.start()
    }

    deinit {
        // Closing the write end also wakes the thread (its poll sees the pipe hang up).
        close(stopPipe.write)
    }

    /// Whether changes are waiting to be taken (a save during a build).
    public var hasChanges: Bool { pending.withLockedValue { !$0.isEmpty } }

    /// Takes every change gathered so far.
    public func takeChanges() -> ChangeSet {
        pending.withLockedValue { pending in
            defer { pending = ChangeSet() }
            return pending
        }
    }

    /// Stops the watcher thread and ends `wakes`. Safe to call more than once.
    public func stop() {
        let first = stopped.withLockedValue { stopped in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        var byte: UInt8 = 1
        _ = write(stopPipe.write, &byte, 1)
        wakeContinuation.finish()
    }
}

/// Where the watcher thread puts a settled burst.
struct Sink: Sendable {
    let pending: NIOLockedValueBox<ChangeSet>
    let wake: AsyncStream<Void>.Continuation

    func deliver(_ changes: ChangeSet) {
        pending.withLockedValue { pending in
            pending.paths.formUnion(changes.paths)
            pending.everything = pending.everything || changes.everything
        }
        wake.yield()
    }
}

/// The watcher thread's own state. Only that thread touches it once `run` starts
/// (before that, only the initialiser, which hands it over): that is what makes the
/// `@unchecked Sendable` true.
final class InotifyLoop: @unchecked Sendable {
    private let fd: Int32
    private let problem: @Sendable (String) -> Void
    /// The folder each watch descriptor stands for.
    private var folders: [Int32: String] = [:]
    private var roots: Set<Int32> = []
    private var changes = ChangeSet()

    init(fd: Int32, problem: @escaping @Sendable (String) -> Void) {
        self.fd = fd
        self.problem = problem
    }

    static let fileEvents = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_MOVED_FROM) | UInt32(IN_CREATE)
        | UInt32(IN_DELETE) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)

    /// Watches a folder and every folder below it. With `report`, every file found is
    /// recorded as changed (a folder that just appeared may already hold files).
    @discardableResult
    func watchTree(_ path: String, isRoot: Bool = false, report: Bool) -> Bool {
        // Below a root, symlinks are not followed: the loader refuses links that
        // leave the content folder anyway, and a link loop would never end.
        let mask = Self.fileEvents | UInt32(IN_ONLYDIR) | (isRoot ? 0 : UInt32(IN_DONT_FOLLOW))
        let wd = inotify_add_watch(fd, path, mask)
        guard wd >= 0 else {
            if !isRoot { problem("cannot watch \(path): \(String(cString: strerror(errno)))") }
            return false
        }
        folders[wd] = path
        if isRoot { roots.insert(wd) }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else { return true }
        for name in entries where !FileWatcher.isIgnored(name) {
            let child = path + "/" + name
            var info = stat()
            guard lstat(child, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                watchTree(child, report: report)
            } else if report {
                changes.paths.insert(child)
            }
        }
        return true
    }

    func run(stopFD: Int32, quietMS: Int32, longestMS: Int, sink: Sink) {
        defer {
            close(fd)
            close(stopFD)
        }
        var burstStarted: ContinuousClock.Instant?
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var timeout: Int32 = -1
            if let started = burstStarted {
                let left = longestMS - started.duration(to: .now).milliseconds
                timeout = max(0, min(quietMS, Int32(clamping: left)))
            }
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: stopFD, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, timeout)
            if ready < 0 && errno == EINTR { continue }
            if fds[1].revents != 0 { return }
            if ready > 0 && fds[0].revents != 0 {
                drain(&buffer)
                if !changes.isEmpty && burstStarted == nil { burstStarted = .now }
            }
            // Quiet for long enough (poll timed out), or the burst has gone on too long.
            if let started = burstStarted, ready == 0 || started.duration(to: .now).milliseconds >= longestMS {
                sink.deliver(changes)
                changes = ChangeSet()
                burstStarted = nil
            }
        }
    }

    /// Reads every event waiting (the descriptor does not block).
    private func drain(_ buffer: inout [UInt8]) {
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { return }
            buffer.withUnsafeBytes { bytes in
                var offset = 0
                let header = MemoryLayout<inotify_event>.size
                while offset + header <= count {
                    let wd = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    let nameBytes = bytes[(offset + header)..<min(count, offset + header + length)].prefix { $0 != 0 }
                    handle(wd: wd, mask: mask, name: String(decoding: nameBytes, as: UTF8.self))
                    offset += header + length
                }
            }
        }
    }

    private func handle(wd: Int32, mask: UInt32, name: String) {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            changes.everything = true
            return
        }
        guard let folder = folders[wd] else { return }
        if mask & UInt32(IN_IGNORED) != 0 {
            // The watch is gone (its folder was deleted or moved away).
            folders[wd] = nil
            if roots.contains(wd) { changes.everything = true }
            return
        }
        if mask & (UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)) != 0 {
            changes.paths.insert(folder)
            if roots.contains(wd) { changes.everything = true }
            return
        }
        guard !name.isEmpty, !FileWatcher.isIgnored(name) else { return }
        let path = folder + "/" + name
        changes.paths.insert(path)
        guard mask & UInt32(IN_ISDIR) != 0 else { return }
        if mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0 {
            watchTree(path, report: true)
        } else if mask & UInt32(IN_MOVED_FROM) != 0 {
            // A folder moved away keeps its watches, which would go on reporting its
            // old paths; drop them (a move within the tree is watched again at MOVED_TO).
            for (watch, watched) in folders where watched == path || watched.hasPrefix(path + "/") {
                inotify_rm_watch(fd, watch)
            }
        }
    }
}

#else

/// Elsewhere there is no inotify (macOS would need FSEvents): serve says so and stops.
public final class FileWatcher: Sendable {
    public let wakes: AsyncStream<Void>

    public init(
        roots: [URL], quiet: Duration = .milliseconds(40), longest: Duration = .milliseconds(500),
        problem: @escaping @Sendable (String) -> Void = { _ in }
    ) throws(WatcherError) {
        throw WatcherError(message: "watching files needs Linux inotify, which this system does not have")
    }

    public var hasChanges: Bool { false }
    public func takeChanges() -> ChangeSet { ChangeSet() }
    public func stop() {}
}

#endif

extension Duration {
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
