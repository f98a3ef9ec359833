import Foundation

/// What the last published build was made from, so that a `build` whose inputs
/// are all as they were leaves the output folder alone: issue 6 asks that "a
/// second build with nothing changed does only the work that changed", which
/// is none. Without this, a build with nothing changed still read, decoded,
/// checked and rendered every file (4 s at 10,000 courses) only to link each
/// one unchanged.
///
/// The record sits beside the build cache's manifest (`.<output>.cache/`) and
/// holds:
/// - a fingerprint of every input: each content file's path and text, every
///   file of the theme, and the options that change the output;
/// - the college's time zone and the date the build ran there, because
///   whether a trainer's consent has lapsed depends on the day;
/// - a stamp (FileStamp) of every folder and file in the output and of every
///   image the content names, so that a file changed, added or removed by
///   hand, or a new photo saved over an old one, is noticed (adding or
///   removing a file changes its folder's stamp);
/// - the findings of that build, shown again as they were.
///
/// A build uses it only when the program, the fingerprint, the day and every
/// stamp are the same; otherwise it builds as usual (with the build cache).
/// `--no-cache` never uses it. Reading content that fails (an unreadable or
/// binary file) never matches either: such a build always runs in full.
struct UpToDate {
    let cacheFolder: URL
    var file: URL { cacheFolder.appendingPathComponent("up-to-date") }

    static let header = "prospectus-up-to-date 1"

    /// What a build that changes nothing reports.
    struct Record {
        var inputs: UInt64
        var timezone: String
        var day: Int
        var pages: Int
        var courses: Int
        /// Output files (relative paths) and folders ("" is the output folder
        /// itself, folders end in "/"), then images by absolute path.
        var outputs: [(path: String, size: Int, stamp: UInt64)]
        var images: [(path: String, size: Int, stamp: UInt64)]
        var diagnostics: [Diagnostic]
    }

    /// The fingerprint of everything a build's output is made from, or nil
    /// when reading the content found a problem (the build then runs in full
    /// and reports it).
    static func inputs(_ loaded: LoadedContent, options: BuildOptions, strict: Bool) -> UInt64? {
        guard loaded.diagnostics.isEmpty else { return nil }
        var fingerprint = Fingerprint()
        fingerprint.add(loaded.college?.hash ?? 0)
        for kind in ContentKind.allCases {
            let files = loaded.files[kind] ?? []
            fingerprint.add(files.count)
            for file in files { fingerprint.add(file.hash) }
        }
        // The theme: every file under templates/, by path and bytes. A theme
        // that cannot be listed (no folder: the embedded default, which the
        // program's identity covers) adds nothing.
        let templates = options.templatesDir.path
        let names = ((try? FileManager.default.subpathsOfDirectory(atPath: templates)) ?? []).sorted()
        for name in names {
            let path = templates + "/" + name
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            guard let bytes = ContentLoader.readBytes(atPath: path, upTo: Int.max) else { return nil }
            fingerprint.add(name)
            bytes.withUnsafeBufferPointer { fingerprint.add(bytes: $0) }
            fingerprint.add(bytes.count)
        }
        for text in [
            options.siteRoot.path, options.contentDir.path, options.templatesDir.path, options.outputDir.path,
            options.baseURL ?? "\u{0}",
        ] {
            fingerprint.add(text)
        }
        fingerprint.add(options.includeDrafts)
        fingerprint.add(strict)
        fingerprint.add(options.limits.maxFileBytes)
        // The recovery-language list the findings were made with.
        fingerprint.add(LanguageList.bundledFingerprint)
        return fingerprint.value
    }

    /// The last build's result, if nothing it was made from has changed and
    /// its output is exactly as it left it.
    func unchanged(inputs: UInt64, options: BuildOptions) -> BuildResult? {
        guard let record = load(ifInputsAre: inputs), record.inputs == inputs,
            Pipeline.today(options.now, timezone: record.timezone).daysSinceEpoch == record.day
        else { return nil }
        let output = options.outputDir.path
        let checks = record.outputs.map { (output + "/" + $0.path, $0.size, $0.stamp) } + record.images
        let same = parallelMap(checks) { path, size, stamp in
            // An image recorded as missing (size -1) must still be missing.
            guard let now = FileStamp(path, allowingFolders: true) else { return size == -1 }
            return now.size == size && now.value == stamp
        }
        guard !same.contains(false) else { return nil }
        var result = BuildResult(diagnostics: record.diagnostics, site: nil)
        result.paths = record.outputs.map(\.path).filter { !$0.isEmpty && !$0.hasSuffix("/") }
        result.reusedCount = result.paths.count
        result.courseCount = record.courses
        result.isUpToDate = true
        return result
    }

    /// Records a build that was just published: what it was made from, the
    /// output as it now is, and its findings. On any failure there is no
    /// record, and the next build runs in full.
    /// `stamps`: the output's files, stamped after the swap (`FileStamp.stamps(of:in:)`).
    func save(inputs: UInt64, result: BuildResult, options: BuildOptions, stamps: [String: FileStamp]) {
        forget()
        guard let site = result.site else { return }
        let output = options.outputDir.path
        // Every folder above a file, found on bytes ("/" is never inside a
        // multi-byte character).
        var folders: Set<String> = [""]
        for path in result.paths {
            var rest = Substring(path)
            while let slash = rest.utf8.lastIndex(of: 0x2F) {
                rest = rest[..<slash]
                guard folders.insert(String(rest) + "/").inserted else { break }
            }
        }
        let files = result.paths.sorted() + [OutputFolder.marker]
        let contentRoot = options.contentDir.path
        var imagePaths = site.trainers.compactMap { $0.photo?.src } + site.partners.compactMap { $0.logo?.src }
        imagePaths = Set(imagePaths).sorted().map { realPath(contentRoot + "/" + $0) }
        let folderPaths = folders.sorted()
        let folderStamps = parallelMap(folderPaths) { FileStamp(output + "/" + $0, allowingFolders: true) }
        let fileStamps = files.map { path in stamps[path] ?? FileStamp(output + "/" + path) }
        let outputPaths = folderPaths + files
        let outputStamps = folderStamps + fileStamps
        let imageStamps = parallelMap(imagePaths) { FileStamp($0) }
        var record = Record(
            inputs: inputs, timezone: site.college.timezone,
            day: Pipeline.today(options.now, timezone: site.college.timezone).daysSinceEpoch,
            pages: result.pageCount, courses: result.courseCount, outputs: [], images: [], diagnostics: result.diagnostics)
        for (path, stamp) in zip(outputPaths, outputStamps) {
            // Every output file and folder must be there to be stamped.
            guard let stamp else { return }
            record.outputs.append((path, stamp.size, stamp.value))
        }
        for (path, stamp) in zip(imagePaths, imageStamps) {
            // A missing image is recorded as missing: its arrival is a change.
            record.images.append((path, stamp?.size ?? -1, stamp?.value ?? 0))
        }
        let temporary = cacheFolder.appendingPathComponent("up-to-date.writing")
        do {
            try FileManager.default.createDirectory(at: cacheFolder, withIntermediateDirectories: true)
            let (table, body) = Self.encode(record)
            // The inputs' fingerprint first, readable without the rest (see `load`).
            var prefix = RecordWriter()
            prefix.int(Int(bitPattern: UInt(inputs)))
            guard RecordFile.write([prefix.body, table, body], to: temporary.path), rename(temporary.path, file.path) == 0 else {
                throw OutputWriteError(description: "could not write the record")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            forget()
        }
    }

    /// Removes the record, before anything changes the output folder.
    func forget() {
        try? FileManager.default.removeItem(at: file)
    }

    /// The record, read only when its first eight bytes, the inputs'
    /// fingerprint, are `inputs` (nil: whatever they are): after an edit, the
    /// 12 MB of a 10,000-course site's record are not read at all.
    func load(ifInputsAre inputs: UInt64? = nil) -> Record? {
        guard BuildCache.programIdentity() != "unknown",
            let bytes = ContentLoader.readBytes(atPath: file.path, upTo: inputs == nil ? Int.max : 8), bytes.count >= 8
        else { return nil }
        var prefix = RecordReader(plain: bytes[..<8])
        guard let written = prefix.int(), inputs.map({ Int(bitPattern: UInt($0)) == written }) ?? true,
            let whole = inputs == nil ? bytes : ContentLoader.readBytes(atPath: file.path, upTo: Int.max), whole.count >= 8,
            var reader = RecordReader(bytes: whole[8...]), reader.string() == Self.header,
            reader.string() == BuildCache.programIdentity()
        else { return nil }
        return Self.decode(&reader)
    }

    /// The record as the table of texts and the body, written one after the other.
    static func encode(_ record: Record) -> (table: [UInt8], body: [UInt8]) {
        var writer = RecordWriter()
        writer.string(header)
        writer.string(BuildCache.programIdentity())
        writer.int(Int(bitPattern: UInt(record.inputs)))
        writer.string(record.timezone)
        writer.int(record.day)
        writer.int(record.pages)
        writer.int(record.courses)
        for list in [record.outputs, record.images] {
            writer.int(list.count)
            for (path, size, stamp) in list {
                writer.string(path, shared: false)
                writer.int(size)
                writer.int(Int(bitPattern: UInt(stamp)))
            }
        }
        writer.diagnostics(record.diagnostics)
        return (writer.table(), writer.body)
    }

    static func decode(_ reader: inout RecordReader) -> Record? {
        guard let inputs = reader.int(), let timezone = reader.string(), let day = reader.int(), let pages = reader.int(),
            let courses = reader.int()
        else { return nil }
        var lists: [[(path: String, size: Int, stamp: UInt64)]] = []
        for _ in 0..<2 {
            guard let count = reader.count() else { return nil }
            var list: [(path: String, size: Int, stamp: UInt64)] = []
            list.reserveCapacity(count)
            for _ in 0..<count {
                guard let path = reader.string(), let size = reader.int(), let stamp = reader.int() else { return nil }
                list.append((path, size, UInt64(UInt(bitPattern: stamp))))
            }
            lists.append(list)
        }
        guard let diagnostics = reader.diagnostics() else { return nil }
        guard reader.isAtEnd else { return nil }
        return Record(
            inputs: UInt64(UInt(bitPattern: inputs)), timezone: timezone, day: day, pages: pages, courses: courses,
            outputs: lists[0], images: lists[1], diagnostics: diagnostics)
    }
}
