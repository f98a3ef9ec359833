import Foundation

/// What the last render made, and from which inputs, so the next render can
/// reuse it. A `BuildSession` (the preview server) keeps one between builds.
///
/// Every entry carries the fingerprint of everything that went into it (the
/// files it was made from, the theme, the options). An entry is reused only
/// when the new fingerprint is equal, so a reused file is byte-for-byte what a
/// clean build would write. The memo is replaced after each render, which
/// drops entries for pages that no longer exist.
public final class RenderMemo: @unchecked Sendable {
    // Read by many threads while a render runs, written only between renders
    // (by `commit`), by the one owner of the session: never both at once.
    struct Made {
        let key: UInt64
        /// Nil when the render wrote the file straight to disk (`build`): a
        /// memo that will not be used again does not hold the whole site.
        let data: Data?
    }

    private(set) var files: [String: Made] = [:]
    private(set) var fragments: [String: (key: UInt64, html: String)] = [:]
    /// Files the privacy scan found clean, by path and content key, under
    /// `scanSecretsKey`: with the same secrets they need not be scanned again.
    private(set) var scannedClean: [String: UInt64] = [:]
    private(set) var scanSecretsKey: UInt64?

    public init() {}

    /// How an unchanged file is reused: its bytes from memory (the preview
    /// server), or the file itself from the previous output folder (`build`
    /// with a cache), linked into the new one without being read.
    enum Reuse {
        case bytes(Data)
        case previousOutput
    }

    /// Files of the previous output folder, by path: the key each was made
    /// from and its size (see BuildCache). Empty unless a build loaded a cache.
    private(set) var previousOutput: (folder: URL, files: [String: (key: UInt64, size: Int)])?

    /// Set by a preview session for its quick pass: the pages that list every
    /// course are served as they were, and made again by the pass that follows
    /// (BuildSession.complete), so the saved page itself reloads without waiting.
    var defersSharedPages = false
    /// The secrets of the render under way (PrivacyScan.fingerprint), set by it.
    var currentSecrets: UInt64?
    /// What the last render in memory made its pages from, and the privacy
    /// scanner it used: a preview's first look at a saved course renders and
    /// scans that course's page with them (BuildSession.firstLook).
    var lastRender: (contexts: PageContexts, scanner: PrivacyScan.Scanner)?

    /// A file that lists every course, reused when unchanged; during a quick pass,
    /// reused as it was even if stale, under its old key, so that the next pass
    /// (whose keys will not match it) makes it again. `stale` says which it was.
    /// Old bytes are reused only if they passed the privacy scan with today's
    /// secrets: bytes that leak (a trainer just withdrew consent to their name)
    /// are made again now, or every save would report the same old leak.
    func reuseShared(_ path: String, key: UInt64) -> SharedReuse {
        if let reused = reuse(path, key: key) { return SharedReuse(key: key, reused: reused, stale: false) }
        if defersSharedPages, let made = files[path], let data = made.data, let currentSecrets,
            isScannedClean(path, key: made.key, secrets: currentSecrets)
        {
            return SharedReuse(key: made.key, reused: .bytes(data), stale: true)
        }
        return SharedReuse(key: key, reused: nil, stale: false)
    }

    /// What `reuseShared` decided: the key to record the file under, its bytes
    /// if reused, and whether they are stale (left for the next pass).
    struct SharedReuse {
        let key: UInt64
        let reused: Reuse?
        let stale: Bool
    }

    func reuse(_ path: String, key: UInt64) -> Reuse? {
        if let made = files[path], made.key == key, let data = made.data { return .bytes(data) }
        if let previous = previousOutput?.files[path], previous.key == key { return .previousOutput }
        return nil
    }

    /// Where a fragment (a printed section, a course's calendar events) sits in
    /// a file of the output, and the key it was made from (BuildCache keeps
    /// them between builds).
    struct Span: Equatable {
        let file: String
        let key: UInt64
        let offset: Int
        let length: Int
        /// The fragment's bytes (Span.hash): a file changed by hand is not trusted.
        let hash: UInt64

        static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var fingerprint = Fingerprint()
            fingerprint.add(bytes: bytes)
            return fingerprint.value
        }

        static func hash(_ text: String) -> UInt64 {
            var text = text
            return text.withUTF8 { hash($0) }
        }
    }

    /// Fragments of the previous output, by name, and the files holding them,
    /// opened once and read with pread from any thread.
    private(set) var previousSpans: [String: Span] = [:]
    private var openFiles: [String: Int32] = [:]

    deinit {
        for descriptor in openFiles.values { close(descriptor) }
    }

    func previousSpan(_ name: String, key: UInt64) -> Span? {
        guard let span = previousSpans[name], span.key == key else { return nil }
        return span
    }

    /// A fragment copied from the previous output's file when it was made from
    /// the same inputs and its bytes are still those the last build wrote: a
    /// build after one edit need not render the printed sections of every
    /// other course again (1.7 s at 10,000 courses).
    func previousFragment(_ name: String, key: UInt64) -> String? {
        guard let span = previousSpan(name, key: key), let descriptor = openFiles[span.file], span.length > 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: span.length)
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, span.length, off_t(span.offset)) }
        guard read == span.length, bytes.withUnsafeBufferPointer({ Span.hash($0) }) == span.hash else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A fragment made before from the same inputs: kept in memory by this
    /// session, or else copied from the previous output (`copied`).
    func keptFragment(_ name: String, key: UInt64) -> (html: String, copied: Bool)? {
        if let html = fragment(name, key: key) { return (html, false) }
        return previousFragment(name, key: key).map { ($0, true) }
    }

    func usePreviousOutput(
        _ folder: URL, files: [String: (key: UInt64, size: Int)], secrets: UInt64, spans: [String: Span] = [:]
    ) {
        previousSpans = spans
        for file in Set(spans.values.map(\.file)) where files[file] != nil {
            let descriptor = open(folder.appendingPathComponent(file).path, O_RDONLY | O_CLOEXEC)
            if descriptor >= 0 { openFiles[file] = descriptor }
        }
        previousOutput = (folder, files)
        // The previous build published these files, so they passed the scan with these secrets.
        scannedClean = files.mapValues(\.key)
        scanSecretsKey = secrets
    }

    func fragment(_ name: String, key: UInt64) -> String? {
        guard let made = fragments[name], made.key == key else { return nil }
        return made.html
    }

    func isScannedClean(_ path: String, key: UInt64, secrets: UInt64) -> Bool {
        scanSecretsKey == secrets && scannedClean[path] == key
    }

    func commit(files: [String: Made], fragments: [String: (key: UInt64, html: String)]) {
        self.files = files
        self.fragments = fragments
    }

    func commitScan(clean: [String: UInt64], secrets: UInt64) {
        scannedClean = clean
        scanSecretsKey = secrets
    }
}
