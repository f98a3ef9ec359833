import Foundation

/// What `build` remembers about the output folder it wrote, so the next build
/// can link unchanged files instead of rendering, scanning and writing them
/// again (issue 6: "does only the work that changed").
///
/// It lives beside the output folder, as `.<name>.cache/manifest`, like the
/// staging folder and the lock: never inside the published site, git-ignored
/// (`.output.*`), and safe to delete at any time (the next build is then a
/// full one). For each file it records the fingerprint of the inputs it was
/// made from (RenderKeys) and its size. A file is reused only when its new
/// fingerprint is equal, it is still in the output folder with that size, and
/// the manifest was written by this very `prospectus` program: another
/// version may render the same inputs differently.
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

    static let header = "prospectus-build-cache 2"

    /// The manifest, keeping only entries whose file is in the output folder
    /// with the recorded size; nil when there is none or it is not usable.
    func load() -> Manifest? {
        // Without a way to know which program wrote it, a manifest is never trusted.
        guard Self.programIdentity() != "unknown", let data = FileManager.default.contents(atPath: manifest.path) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.count >= 2, lines[0] == Self.header, lines[1] == "program " + Self.programIdentity(),
            lines.count >= 3, lines[2].hasPrefix("secrets "), let secrets = UInt64(lines[2].dropFirst(8), radix: 16)
        else { return nil }
        lines.removeFirst(3)
        // `span KEY HASH OFFSET LENGTH FILE NAME` lines: where a fragment sits in a file.
        var spanLines: [Substring] = []
        lines.removeAll { line in
            guard line.hasPrefix("span ") else { return false }
            spanLines.append(line)
            return true
        }
        let output = self.output
        let entries = parallelMap(lines.map(String.init)) { line -> (String, UInt64, Int)? in
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, let key = UInt64(parts[0], radix: 16), let size = Int(parts[1]) else { return nil }
            let path = String(parts[2])
            var status = stat()
            // The file the previous build wrote must still be there, as it was.
            guard stat(output.appendingPathComponent(path).path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG,
                Int(status.st_size) == size
            else { return nil }
            return (path, key, size)
        }
        var files: [String: (key: UInt64, size: Int)] = [:]
        for case let (path, key, size)? in entries { files[path] = (key, size) }
        var spans: [String: RenderMemo.Span] = [:]
        for line in spanLines {
            let parts = line.split(separator: " ")
            guard parts.count == 7, let key = UInt64(parts[1], radix: 16), let hash = UInt64(parts[2], radix: 16),
                let offset = Int(parts[3]), let length = Int(parts[4]),
                let size = files[String(parts[5])]?.size, offset >= 0, length > 0, offset <= size - length
            else { continue }
            spans[String(parts[6])] = RenderMemo.Span(
                file: String(parts[5]), key: key, offset: offset, length: length, hash: hash)
        }
        return Manifest(secrets: secrets, files: files, spans: spans)
    }

    /// Records the files of a build that was just published. On any failure
    /// the manifest is removed, so a later build never trusts a stale one.
    func save(_ files: [String: (key: UInt64, size: Int)], spans: [String: RenderMemo.Span] = [:], secrets: UInt64) {
        guard Self.programIdentity() != "unknown" else { return }
        var text = Self.header + "\nprogram " + Self.programIdentity() + "\nsecrets " + String(secrets, radix: 16) + "\n"
        for (path, entry) in files.sorted(by: { $0.key < $1.key }) where !path.contains("\n") {
            text += String(entry.key, radix: 16) + " " + String(entry.size) + " " + path + "\n"
        }
        for (name, span) in spans.sorted(by: { $0.key < $1.key })
        where files[span.file] != nil && !(name + span.file).contains(where: { $0 == " " || $0 == "\n" }) {
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
