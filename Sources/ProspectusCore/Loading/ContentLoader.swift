import Foundation

/// The kinds of Markdown file a site has, each in its own folder under `content/`.
public enum ContentKind: String, Sendable, CaseIterable {
    case courses, trainers, partners, venues, pages
}

/// Everything read from `content/`, before any parsing.
public struct LoadedContent: Sendable {
    public var college: SourceFile?
    public var files: [ContentKind: [SourceFile]] = [:]
    public var diagnostics: [Diagnostic] = []
}

/// Limits that keep a hostile or mistaken file from exhausting memory.
public struct Limits: Sendable {
    /// The largest content file read, in bytes. A course description is a few
    /// kilobytes; a megabyte is already a book.
    public var maxFileBytes: Int = 1 << 20
    public init() {}
}

/// Stage 1: walk `content/` and read every file safely.
///
/// Reading is kept apart from parsing so that every file problem (empty,
/// binary, not UTF-8, a link leading outside the folder) is reported for all
/// files in one run, and later stages only ever see good text.
public struct ContentLoader: Sendable {
    public let siteRoot: URL
    public let contentDir: URL
    public let limits: Limits

    public init(siteRoot: URL, contentDir: URL, limits: Limits = Limits()) {
        self.siteRoot = siteRoot
        self.contentDir = contentDir
        self.limits = limits
    }

    public func load() -> LoadedContent {
        var loaded = LoadedContent()
        let root = realPath(contentDir.path)
        let collegePath = contentDir.appendingPathComponent("college.yml")
        let collegeDisplay = displayPath(collegePath)
        if FileManager.default.fileExists(atPath: collegePath.path) {
            switch read(collegePath, display: collegeDisplay, contentRoot: root) {
            case .success(let file): loaded.college = file
            case .failure(let diagnostic): loaded.diagnostics.append(diagnostic)
            }
        } else {
            loaded.diagnostics.append(
                Diagnostic(
                    rule: .fileMissing, file: collegeDisplay, location: nil,
                    message: "there is no college.yml, so Prospectus does not know the college's name, terms or categories",
                    hint: "create \(collegeDisplay); docs/content-guide.md shows a complete example"))
        }
        for kind in ContentKind.allCases {
            let folder = contentDir.appendingPathComponent(kind.rawValue)
            var files: [SourceFile] = []
            // Files are read on every core (thousands on a big site); results keep the walk's order.
            var visited = Set<String>()
            let found = markdownFiles(
                in: Entry(path: folder.path, resolved: realPath(folder.path), display: displayPath(folder)),
                contentRoot: root, visited: &visited, diagnostics: &loaded.diagnostics)
            let reads = parallelMap(found) { [self] entry in
                read(display: entry.display, resolved: entry.resolved, contentRoot: root)
            }
            for result in reads {
                switch result {
                case .success(let file): files.append(file)
                case .failure(let diagnostic): loaded.diagnostics.append(diagnostic)
                }
            }
            loaded.files[kind] = files.sorted { $0.path < $1.path }
        }
        return loaded
    }

    /// Every `.md` file below a folder, recursively, in a stable order. Hidden
    /// files and editor backups (`~`, `.swp`) are skipped; links are followed
    /// only when they stay inside `content/`.
    func markdownFiles(in folder: URL, contentRoot: String, diagnostics: inout [Diagnostic]) -> [URL] {
        var visited = Set<String>()
        let top = Entry(path: folder.path, resolved: realPath(folder.path), display: displayPath(folder))
        return markdownFiles(in: top, contentRoot: contentRoot, visited: &visited, diagnostics: &diagnostics)
            .map { URL(fileURLWithPath: $0.path) }
    }

    /// A file or folder met on the walk: its path as found, as `realpath`
    /// resolves it, and as diagnostics show it.
    struct Entry: Sendable {
        let path: String
        let resolved: String
        let display: String
    }

    /// `visited` holds resolved folders already walked, so a link back to a
    /// parent folder cannot make the walk loop.
    ///
    /// Paths are joined as text, and an entry that is not a link lies where its
    /// folder's resolved path says, so one `lstat` places it: only links go
    /// through `realpath`, which reads every component of the path. Building a
    /// URL per file, `realpath` and `stat` were most of reading 10,000 files.
    func markdownFiles(
        in folder: Entry, contentRoot: String, visited: inout Set<String>, diagnostics: inout [Diagnostic]
    ) -> [Entry] {
        guard visited.insert(folder.resolved).inserted else { return [] }
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder.path) else { return [] }
        var result: [Entry] = []
        for name in names.sorted() where !name.hasPrefix(".") && !name.hasSuffix("~") {
            let path = folder.path + "/" + name
            let display = folder.display + "/" + name
            var info = stat()
            let isLink = lstat(path, &info) != 0 || (info.st_mode & S_IFMT) == S_IFLNK
            let resolved = isLink ? realPath(path) : folder.resolved + "/" + name
            if !isInside(resolved, contentRoot) {
                diagnostics.append(outsideContent(display, resolved: resolved))
                continue
            }
            var isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
            if isLink {
                var target: ObjCBool = false
                guard fm.fileExists(atPath: resolved, isDirectory: &target) else {
                    diagnostics.append(
                        Diagnostic(
                            rule: .fileUnreadable, file: display, location: nil,
                            message: "this is a link to a file that does not exist",
                            hint: "remove the broken link or point it at an existing file"))
                    continue
                }
                isDirectory = target.boolValue
            }
            let entry = Entry(path: path, resolved: resolved, display: display)
            if isDirectory {
                result += markdownFiles(in: entry, contentRoot: contentRoot, visited: &visited, diagnostics: &diagnostics)
            } else if name.hasSuffix(".md") {
                result.append(entry)
            }
        }
        return result
    }

    /// One course file named by an absolute path, read as `load` would read it;
    /// nil when the path is anything else (another kind of file, hidden, a link
    /// that leads elsewhere, gone) or cannot be read: the caller then does a
    /// full rebuild, which reports why.
    func readCourse(atPath path: String) -> SourceFile? {
        let base = contentDir.standardizedFileURL.path + "/"
        guard path.hasPrefix(base) else { return nil }
        let relative = String(path.dropFirst(base.count))
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == Substring(ContentKind.courses.rawValue), let name = parts.last,
            name.hasSuffix(".md"), !parts.contains(where: { $0.isEmpty || $0.hasPrefix(".") })
        else { return nil }
        let root = realPath(contentDir.path)
        guard realPath(path) == root + "/" + relative else { return nil }
        let url = URL(fileURLWithPath: path)
        guard case .success(let file) = read(url, display: displayPath(url), contentRoot: root) else { return nil }
        return file
    }

    func read(_ url: URL, display: String, contentRoot: String) -> Result<SourceFile, Diagnostic> {
        read(display: display, resolved: realPath(url.path), contentRoot: contentRoot)
    }

    /// `resolved`: the file's path with every link resolved.
    func read(display: String, resolved: String, contentRoot: String) -> Result<SourceFile, Diagnostic> {
        guard isInside(resolved, contentRoot) else {
            return .failure(outsideContent(display, resolved: resolved))
        }
        // Read one byte past the limit so an oversized file is detected without
        // loading all of it.
        guard let bytes = Self.readBytes(atPath: resolved, upTo: limits.maxFileBytes + 1) else {
            return .failure(
                Diagnostic(
                    rule: .fileUnreadable, file: display, location: nil,
                    message: "the file cannot be opened for reading",
                    hint: "check that the file exists and that you have permission to read it"))
        }
        if bytes.count > limits.maxFileBytes {
            return .failure(
                Diagnostic(
                    rule: .fileTooLarge, file: display, location: nil,
                    message: "the file is larger than \(limits.maxFileBytes / 1024) KiB, the most Prospectus reads",
                    hint: "split it into smaller files, or raise the limit with --max-file-size if it really must be this big"))
        }
        switch TextDecoding.decode(bytes) {
        case .success(let text):
            return .success(SourceFile(path: display, text: text))
        case .failure(.empty):
            return .failure(
                Diagnostic(
                    rule: .fileEmpty, file: display, location: nil,
                    message: "the file is empty",
                    hint: "add its front matter and text, or delete the file if it is not needed"))
        case .failure(.binary):
            return .failure(
                Diagnostic(
                    rule: .fileBinary, file: display, location: nil,
                    message: "the file is not plain text (it may be an image, a Word document or a UTF-16 file)",
                    hint: "save it as plain text in UTF-8 with a .md name, or move it out of the content folder"))
        case .failure(.notUTF8(let line, let column)):
            return .failure(
                Diagnostic(
                    rule: .fileNotUTF8, file: display, location: SourceLocation(line: line, column: column),
                    message: "the file is not UTF-8 text: the character here cannot be read",
                    hint: "save the file as UTF-8 (in most editors: Save As, then choose the UTF-8 encoding)"))
        }
    }

    /// At most `limit` bytes of a file, read straight into one array (a
    /// FileHandle read made a Data and then a copy of it); nil when the file
    /// cannot be opened or read.
    static func readBytes(atPath path: String, upTo limit: Int) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        // The size is a first guess only: the file may grow while it is read.
        let guess = fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
        var bytes = [UInt8](repeating: 0, count: max(1, min(limit, guess + 1)))
        var filled = 0
        while filled < limit {
            if filled == bytes.count { bytes += repeatElement(0, count: min(limit, bytes.count * 2) - filled) }
            let got = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return -1 }
                var count: Int
                repeat { count = Foundation.read(descriptor, base + filled, buffer.count - filled) } while count < 0 && errno == EINTR
                return count
            }
            guard got >= 0 else { return nil }
            if got == 0 { break }
            filled += got
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    func outsideContent(_ display: String, resolved: String) -> Diagnostic {
        Diagnostic(
            rule: .fileOutsideContent, file: display, location: nil,
            message: "this is a link to \(resolved), which is outside the content folder; it was not read",
            hint: "copy the file into the content folder instead of linking to it")
    }

    func displayPath(_ url: URL) -> String {
        SitePaths.relative(url, to: siteRoot)
    }
}

/// Path helpers shared by the stages that read and write files.
public enum SitePaths {
    /// `path` relative to `root` when it is inside it, else the path as given.
    public static func relative(_ url: URL, to root: URL) -> String {
        let path = url.standardizedFileURL.path
        var base = root.standardizedFileURL.path
        if !base.hasSuffix("/") { base += "/" }
        if path.hasPrefix(base) { return String(path.dropFirst(base.count)) }
        return path
    }
}

/// The path with every symbolic link resolved; the path itself if it does not exist.
func realPath(_ path: String) -> String {
    if let resolved = realpath(path, nil) {
        defer { free(resolved) }
        return String(cString: resolved)
    }
    // The path does not exist (yet): resolve its nearest existing parent, so a
    // new folder below a link is judged by where it will really be.
    let url = URL(fileURLWithPath: path).standardizedFileURL
    let parent = url.deletingLastPathComponent()
    guard parent.path != url.path, parent.path != "/" || url.path != "/" else { return url.path }
    let base = realPath(parent.path)
    return (base.hasSuffix("/") ? base : base + "/") + url.lastPathComponent
}

/// Whether `path` is `folder` or lies below it (both already resolved).
func isInside(_ path: String, _ folder: String) -> Bool {
    if path == folder { return true }
    let base = folder.hasSuffix("/") ? folder : folder + "/"
    return path.hasPrefix(base)
}

extension ContentLoader {
    /// The content as it is now, given how it was and which files changed:
    /// only the changed files are read again. Nil when a change is one this
    /// cannot follow file by file (a folder, a link, a file outside the kind
    /// folders), and the caller should load everything.
    func reload(_ previous: LoadedContent, changed: Set<String>) -> LoadedContent? {
        var loaded = previous
        let root = realPath(contentDir.path)
        let base = contentDir.standardizedFileURL.path
        let fm = FileManager.default
        for path in changed.sorted() {
            guard path.hasPrefix(base + "/") else { continue }  // a template: the theme is read every build
            let relative = String(path.dropFirst(base.count + 1))
            let parts = relative.split(separator: "/").map(String.init)
            guard let name = parts.last else { return nil }
            // Editor swap and backup files, hidden files: the loader never reads them.
            if name.hasPrefix(".") || name.hasSuffix("~") { continue }
            var isDirectory: ObjCBool = false
            let exists = fm.fileExists(atPath: path, isDirectory: &isDirectory)
            if isDirectory.boolValue || (exists && realPath(path) != root + "/" + relative) { return nil }
            let url = URL(fileURLWithPath: path)
            let display = displayPath(url)
            loaded.diagnostics.removeAll { $0.file == display }
            if relative == "college.yml" {
                loaded.college = nil
                guard exists else { return nil }  // the "no college.yml" finding comes from a full load
                switch read(url, display: display, contentRoot: root) {
                case .success(let file): loaded.college = file
                case .failure(let diagnostic): loaded.diagnostics.append(diagnostic)
                }
                continue
            }
            guard name.hasSuffix(".md") else {
                // Gone, and not a Markdown file: perhaps a folder that held some. Read everything again.
                if !exists && loaded.files.values.contains(where: { $0.contains { $0.path.hasPrefix(display + "/") } }) {
                    return nil
                }
                continue  // images and other files are read when used
            }
            guard parts.count >= 2, let kind = ContentKind(rawValue: parts[0]) else { return nil }
            var files = loaded.files[kind] ?? []
            files.removeAll { $0.path == display }
            if exists {
                switch read(url, display: display, contentRoot: root) {
                case .success(let file): files.append(file)
                case .failure(let diagnostic): loaded.diagnostics.append(diagnostic)
                }
            }
            loaded.files[kind] = files.sorted { $0.path < $1.path }
        }
        return loaded
    }
}
