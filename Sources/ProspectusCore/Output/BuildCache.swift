import Foundation

/// What `build` remembers about the output folder it wrote, so the next build
/// can link unchanged files instead of rendering, scanning and writing them
/// again (issue 6: "does only the work that changed").
///
/// It lives beside the output folder, as `.<name>.cache/manifest`, like the
/// staging folder and the lock: never inside the published site, git-ignored
/// (`.output.*`), and safe to delete at any time (the next build is then a
/// full one). For each file it records the fingerprint of the inputs it was
/// made from (RenderKeys), its size and its stamp (FileStamp: inode, change
/// and modification times). A file is reused only when its new fingerprint is
/// equal, it is still in the output folder with that size and stamp (so a hand
/// edit, even one that keeps the size, is not trusted), and the manifest was
/// written by this very `prospectus` program: another version may render the
/// same inputs differently.
struct BuildCache {
    let output: URL

    var folder: URL { output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).cache") }
    var manifest: URL { folder.appendingPathComponent("manifest") }

    struct Manifest {
        var secrets: UInt64
        var files: [String: (key: UInt64, size: Int)]
        /// Fragments inside those files (printed sections in prospectus.html,
        /// courses' events in calendar.ics).
        var spans: [String: RenderMemo.Span] = [:]
    }

    static let header = "prospectus-build-cache 3"

    /// The manifest, keeping only entries whose file is in the output folder
    /// with the recorded size and stamp; nil when there is none or it is not usable.
    func load() -> Manifest? {
        // Without a way to know which program wrote it, a manifest is never trusted.
        guard Self.programIdentity() != "unknown", let data = FileManager.default.contents(atPath: manifest.path) else { return nil }
        // Read as bytes: splitting 30,000 lines as Characters took most of a
        // quarter of a second.
        let bytes = [UInt8](data)
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: true)
        @Sendable func text(_ line: ArraySlice<UInt8>) -> String { String(decoding: line, as: UTF8.self) }
        guard lines.count >= 3, text(lines[0]) == Self.header, text(lines[1]) == "program " + Self.programIdentity(),
            text(lines[2]).hasPrefix("secrets "), let secrets = UInt64(text(lines[2]).dropFirst(8), radix: 16)
        else { return nil }
        lines.removeFirst(3)
        // `span KEY HASH OFFSET LENGTH FILE NAME` lines: where a fragment sits in a file.
        let spanPrefix = Array("span ".utf8)
        var spanLines: [ArraySlice<UInt8>] = []
        lines.removeAll { line in
            guard line.starts(with: spanPrefix) else { return false }
            spanLines.append(line)
            return true
        }
        // Paths joined as text: a URL per file was most of the time here.
        let output = self.output.path
        let entries = parallelMap(lines) { line -> (String, UInt64, Int)? in
            let parts = line.split(separator: 0x20, maxSplits: 3, omittingEmptySubsequences: false).map(text)
            guard parts.count == 4, let key = UInt64(parts[0], radix: 16), let size = Int(parts[1]),
                let stamp = UInt64(parts[2], radix: 16)
            else { return nil }
            let path = parts[3]
            // The file the previous build wrote must still be there, as it was.
            guard let now = FileStamp(output + "/" + path), now.size == size, now.value == stamp
            else { return nil }
            return (path, key, size)
        }
        var files: [String: (key: UInt64, size: Int)] = [:]
        files.reserveCapacity(entries.count)
        for case let (path, key, size)? in entries { files[path] = (key, size) }
        var spans: [String: RenderMemo.Span] = [:]
        for line in spanLines {
            let parts = line.split(separator: 0x20).map(text)
            guard parts.count == 7, let key = UInt64(parts[1], radix: 16), let hash = UInt64(parts[2], radix: 16),
                let offset = Int(parts[3]), let length = Int(parts[4]),
                let size = files[parts[5]]?.size, offset >= 0, length > 0, offset <= size - length
            else { continue }
            spans[parts[6]] = RenderMemo.Span(file: parts[5], key: key, offset: offset, length: length, hash: hash)
        }
        return Manifest(secrets: secrets, files: files, spans: spans)
    }

    /// Records the files of a build that was just published. On any failure
    /// the manifest is removed, so a later build never trusts a stale one.
    /// `stamps`: the output's files, stamped once the new output is in place
    /// (`FileStamp.stamps(of:in:)`, shared with UpToDate).
    func save(
        _ files: [String: (key: UInt64, size: Int)], spans: [String: RenderMemo.Span] = [:], secrets: UInt64,
        stamps: [String: FileStamp]
    ) {
        guard Self.programIdentity() != "unknown" else { return }
        var text = Self.header + "\nprogram " + Self.programIdentity() + "\nsecrets " + String(secrets, radix: 16) + "\n"
        // Byte tests: String.contains(String) goes through NSString on Linux.
        let sorted = files.sorted(by: { $0.key < $1.key }).filter { !$0.key.utf8.contains(0x0A) }
        for (path, entry) in sorted {
            guard let stamp = stamps[path], stamp.size == entry.size else { continue }
            text += String(entry.key, radix: 16) + " " + String(entry.size) + " " + String(stamp.value, radix: 16) + " " + path + "\n"
        }
        for (name, span) in spans.sorted(by: { $0.key < $1.key })
        where files[span.file] != nil && !(name + span.file).utf8.contains(where: { $0 == 0x20 || $0 == 0x0A }) {
            text += "span \(String(span.key, radix: 16)) \(String(span.hash, radix: 16)) \(span.offset) \(span.length) \(span.file) \(name)\n"
        }
        let fm = FileManager.default
        let temporary = folder.appendingPathComponent("manifest.writing")
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: temporary)
            // rename(2) replaces the old manifest in one step.
            guard rename(temporary.path, manifest.path) == 0 else { throw OutputWriteError(description: "rename failed") }
        } catch {
            try? fm.removeItem(at: manifest)
            try? fm.removeItem(at: temporary)
        }
    }

    /// Forgets everything (a build that could not be published may have left
    /// the output folder in a state the manifest does not describe).
    func clear() {
        try? FileManager.default.removeItem(at: manifest)
    }

    /// Which program wrote the manifest: the running executable's size and
    /// modification time. A rebuilt or upgraded `prospectus` starts afresh.
    /// "unknown" (no /proc, as on macOS) turns the cache off.
    static func programIdentity() -> String {
        var status = stat()
        guard stat("/proc/self/exe", &status) == 0 else { return "unknown" }
        return "\(status.st_size)-\(status.st_mtim.tv_sec)-\(status.st_mtim.tv_nsec)"
    }
}

/// What `lstat` says of a regular file that changes whenever the file is
/// written: its size, and one fingerprint of its inode, device, modification
/// and change times (nanoseconds). Nobody can set a change time by hand, so
/// an edit that keeps the size, or resets the modification time, still shows.
/// Nil for anything but a regular file (a link put in its place, say), or a
/// folder when `allowingFolders` (adding or removing a file changes its
/// folder's times).
struct FileStamp: Equatable, Sendable {
    let size: Int
    let value: UInt64

    init?(_ path: String, allowingFolders: Bool = false) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        let type = status.st_mode & S_IFMT
        guard type == S_IFREG || (allowingFolders && type == S_IFDIR) else { return nil }
        size = Int(status.st_size)
        var fingerprint = Fingerprint()
        fingerprint.add(UInt64(status.st_ino))
        fingerprint.add(UInt64(status.st_dev))
        fingerprint.add(Int(status.st_mtim.tv_sec))
        fingerprint.add(Int(status.st_mtim.tv_nsec))
        fingerprint.add(Int(status.st_ctim.tv_sec))
        fingerprint.add(Int(status.st_ctim.tv_nsec))
        fingerprint.add(type == S_IFDIR)
        value = fingerprint.value
    }

    /// Each output file's stamp, taken once the new output is in place:
    /// linking a file into a new build changes its change time, and so does
    /// removing the old build.
    static func stamps(of paths: [String], in output: URL) -> [String: FileStamp] {
        let folder = output.path
        let stamps = parallelMap(paths) { FileStamp(folder + "/" + $0) }
        var result: [String: FileStamp] = [:]
        result.reserveCapacity(paths.count)
        for (path, stamp) in zip(paths, stamps) { result[path] = stamp }
        return result
    }
}
