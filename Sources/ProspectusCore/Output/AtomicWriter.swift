import CPlatform
import Foundation

/// Why writing the output failed. Nothing was published; the old output is untouched.
public struct OutputWriteError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// Stage 7b: write the site so that readers only ever see a whole build.
///
/// Files go into a staging folder beside the output (same file system, so the
/// final step is a rename). Only when every file is written is the staging
/// folder swapped in, atomically where Linux allows it. A build that fails or
/// is killed part way leaves the previous output exactly as it was; the next
/// build clears the leftover staging folder, which only Prospectus creates.
/// A lock file stops two builds into the same folder from mixing their files.
public struct AtomicWriter {
    public let output: URL

    public init(output: URL) {
        self.output = output.standardizedFileURL
    }

    var parent: URL { output.deletingLastPathComponent() }
    var name: String { output.lastPathComponent }
    var staging: URL { parent.appendingPathComponent(".\(name).building") }
    var lockFile: URL { parent.appendingPathComponent(".\(name).lock") }

    /// Takes the build lock. Held until the returned lock is released or the process ends.
    public func lock() -> Result<BuildLock, OutputWriteError> {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            return .failure(OutputWriteError(description: "cannot create \(parent.path): \(error.localizedDescription)"))
        }
        let fd = open(lockFile.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            return .failure(OutputWriteError(description: "cannot create the lock file \(lockFile.path)"))
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            return .failure(
                OutputWriteError(
                    description: "another build is writing to \(output.path) right now; wait for it to finish, then try again"))
        }
        return .success(BuildLock(fd: fd))
    }

    /// Starts a new staging folder, for writing files into as they are made
    /// (`Staging.write`), then `swapIn` or `abandon`.
    func beginStaging() -> Result<Staging, OutputWriteError> {
        let fm = FileManager.default
        // The staging folder has a name only Prospectus uses; a leftover one is
        // from a build that was killed, and is ours to remove.
        try? fm.removeItem(at: staging)
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            return .failure(OutputWriteError(description: "could not create \(staging.path): \(error.localizedDescription)"))
        }
        return .success(Staging(root: staging))
    }

    /// Removes the staging folder of a build that will not be published.
    func abandon() {
        try? FileManager.default.removeItem(at: staging)
    }

    /// Marks the staging folder as Prospectus's and swaps it in.
    func finish() -> Result<Void, OutputWriteError> {
        do {
            try Data().write(to: staging.appendingPathComponent(OutputFolder.marker))
        } catch {
            abandon()
            return .failure(OutputWriteError(description: "could not write the new site: \(error.localizedDescription)"))
        }
        return swapIn()
    }

    public func write(_ files: [OutputFile]) -> Result<Void, OutputWriteError> {
        let fm = FileManager.default
        // The staging folder has a name only Prospectus uses; a leftover one is
        // from a build that was killed, and is ours to remove.
        try? fm.removeItem(at: staging)
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            var made = Set<String>()
            for file in files {
                let url = staging.appendingPathComponent(file.path)
                let folder = url.deletingLastPathComponent().path
                if made.insert(folder).inserted {
                    try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
                }
                try file.contents.write(to: url)
            }
            try Data().write(to: staging.appendingPathComponent(OutputFolder.marker))
        } catch {
            try? fm.removeItem(at: staging)
            return .failure(OutputWriteError(description: "could not write the new site: \(error.localizedDescription)"))
        }
        return swapIn()
    }

    func swapIn() -> Result<Void, OutputWriteError> {
        let fm = FileManager.default
        if fm.fileExists(atPath: output.path) {
            if prospectus_exchange_paths(staging.path, output.path) == 0 {
                // The staging path now holds the previous build.
                Self.removeTree(staging.path)
                return .success(())
            }
            // No atomic exchange on this file system: move the old one aside first.
            let previous = parent.appendingPathComponent(".\(name).previous")
            try? fm.removeItem(at: previous)
            do {
                try fm.moveItem(at: output, to: previous)
                try fm.moveItem(at: staging, to: output)
                try? fm.removeItem(at: previous)
            } catch {
                if !fm.fileExists(atPath: output.path) { try? fm.moveItem(at: previous, to: output) }
                return .failure(OutputWriteError(description: "could not put the new site in place: \(error.localizedDescription)"))
            }
            return .success(())
        }
        do {
            try fm.moveItem(at: staging, to: output)
        } catch {
            return .failure(OutputWriteError(description: "could not put the new site in place: \(error.localizedDescription)"))
        }
        return .success(())
    }
}

extension AtomicWriter {
    /// Removes a folder of Prospectus's own (the previous build, after the
    /// swap), the folders one level inside its folders (`courses/<id>/`) on
    /// every core: 21,000 files removed one at a time took 0.2 s.
    ///
    /// Only real folders are entered (lstat): a symbolic link someone put in
    /// the old output is removed as a link, and what it points to is never
    /// touched, as with FileManager.removeItem, which does the rest.
    static func removeTree(_ path: String) {
        let fm = FileManager.default
        func isFolder(_ path: String) -> Bool {
            var status = stat()
            return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
        }
        var inner: [String] = []
        for child in (try? fm.contentsOfDirectory(atPath: path)) ?? [] {
            let childPath = path + "/" + child
            guard isFolder(childPath) else { continue }
            for grandchild in (try? fm.contentsOfDirectory(atPath: childPath)) ?? [] where isFolder(childPath + "/" + grandchild) {
                inner.append(childPath + "/" + grandchild)
            }
        }
        _ = parallelMap(inner) { folder in (try? FileManager.default.removeItem(atPath: folder)) != nil }
        try? fm.removeItem(atPath: path)
    }
}

/// An exclusive lock on an output folder, released when the build ends (or the
/// process dies: the kernel drops flock locks with the descriptor).
public final class BuildLock: Sendable {
    private let fd: Int32
    init(fd: Int32) { self.fd = fd }
    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

/// A staging folder being filled. Files are written on every core; the
/// folders they need are made first, one thread at a time.
final class Staging: @unchecked Sendable {
    // `folders` is touched only by `write`, which its one owner calls one batch
    // at a time; the parallel part only writes files into folders that exist.
    let root: URL
    private var folders = Set<String>()

    init(root: URL) { self.root = root }

    func write(_ files: [OutputFile], previousOutput: URL? = nil) -> OutputWriteError? {
        let fm = FileManager.default
        for file in files {
            let folder = (file.path as NSString).deletingLastPathComponent
            guard !folder.isEmpty, folders.insert(folder).inserted else { continue }
            let path = root.path + "/" + folder
            // One mkdir when the parent exists, as it almost always does
            // (`courses/` before `courses/<id>/`); FileManager checks every
            // level of the path first, 10,000 times over.
            if mkdir(path, 0o777) == 0 { continue }
            do {
                try fm.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                return OutputWriteError(description: "could not write the new site: \(error.localizedDescription)")
            }
        }
        // Plain paths and POSIX calls: URL.appendingPathComponent asks the file
        // system whether each name is a folder, and Data.write(to:) reads the
        // whole environment on every call; at 21,000 files both showed up.
        let rootPath = root.path
        let previousPath = previousOutput?.path
        let failures = parallelMap(files) { file -> String? in
            let target = rootPath + "/" + file.path
            if file.fromPreviousOutput, let previousPath {
                // Unchanged: a hard link to the previous build's file (the old
                // folder is removed after the swap; the file lives on here).
                let source = previousPath + "/" + file.path
                if link(source, target) == 0 { return nil }
                do {
                    try FileManager.default.copyItem(atPath: source, toPath: target)
                    return nil
                } catch {
                    return "could not reuse \(file.path) from the previous build: \(error.localizedDescription)"
                }
            }
            if let failure = Self.writeFile(file.contents, to: target) {
                return "could not write \(file.path): \(failure)"
            }
            return nil
        }
        return failures.compactMap { $0 }.first.map { OutputWriteError(description: $0) }
    }

    /// Writes a new file (the staging folder is new and ours, so it never
    /// replaces anything); the reason it failed, or nil.
    static func writeFile(_ contents: Data, to path: String) -> String? {
        var fd: Int32
        repeat { fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666) } while fd < 0 && errno == EINTR
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        let failure = contents.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> String? in
            guard var next = buffer.baseAddress else { return nil }
            var left = buffer.count
            while left > 0 {
                let written = Foundation.write(fd, next, left)
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                // A regular file never takes nothing; if it does, stop rather than spin.
                if written == 0 { return "the file system accepted no more bytes" }
                left -= written
                next += written
            }
            return nil
        }
        // A full disk can show only when the file is closed. (EINTR from close
        // on Linux still closes the file, with the bytes written.)
        if close(fd) != 0, errno != EINTR, failure == nil { return String(cString: strerror(errno)) }
        return failure
    }
}
