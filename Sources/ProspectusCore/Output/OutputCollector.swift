import Foundation

/// Where the files of a render go as they are made, batch by batch: each
/// batch is privacy-scanned first, then kept in memory (a render for the
/// preview server or the tests) or written straight into the staging folder
/// (`build`). Writing as it goes keeps a big site's memory use to a batch
/// rather than the whole site; nothing is published until the build has
/// finished without errors and the staging folder is swapped in.
final class OutputCollector {
    enum Destination {
        case memory
        case staging(Staging)
        /// Scanned, then let go: `check` renders every page only to check it.
        case discard
    }

    let destination: Destination
    let secretsKey: UInt64
    /// The secrets compiled once, then used on every batch.
    let scanner: PrivacyScan.Scanner
    let memo: RenderMemo
    private(set) var kept: [OutputFile] = []
    private(set) var paths: [String] = []
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var writeError: OutputWriteError?
    /// Files found clean, with the key they were made from, for the memo.
    private(set) var clean: [String: UInt64] = [:]
    private(set) var freshCount = 0
    /// The size of every file, for the build cache's manifest.
    private(set) var sizes: [String: Int] = [:]

    init(destination: Destination, secrets: [PrivacyScan.Secret], memo: RenderMemo) {
        self.destination = destination
        self.scanner = PrivacyScan.Scanner(secrets: secrets)
        self.secretsKey = PrivacyScan.fingerprint(of: secrets)
        self.memo = memo
    }

    /// Whether the memo should keep each file's bytes: only a session that
    /// renders again (memory) can reuse them.
    var keepsBytes: Bool {
        if case .memory = destination { return true }
        return false
    }

    /// Scans and stores a batch. `keys` are the fingerprints files were made
    /// from (files without one, such as assets, are always scanned); `fresh`
    /// are those made now rather than reused from the memo.
    func take(_ files: [OutputFile], keys: [String: UInt64], fresh: Set<String>) {
        guard !files.isEmpty else { return }
        var toScan: [OutputFile] = []
        for file in files {
            paths.append(file.path)
            sizes[file.path] = file.fromPreviousOutput ? memo.previousOutput?.files[file.path]?.size : file.contents.count
            if fresh.contains(file.path) { freshCount += 1 }
            if let key = keys[file.path], !fresh.contains(file.path),
                memo.isScannedClean(file.path, key: key, secrets: secretsKey)
            {
                clean[file.path] = key
                continue
            }
            var file = file
            if file.fromPreviousOutput, let folder = memo.previousOutput?.folder {
                // Reused, but scanned with other secrets: read it to scan it again.
                file.contents = FileManager.default.contents(atPath: folder.appendingPathComponent(file.path).path) ?? Data()
            }
            toScan.append(file)
            // Calendars are also scanned unfolded and unescaped, so a name split by
            // a line fold is found; a big one's view is made a piece at a time.
            if file.path.hasSuffix(".ics") {
                if file.contents.count > PrivacyScan.Scanner.bigFile {
                    var view = file
                    view.scanAsCalendarView = true
                    toScan.append(view)
                } else {
                    toScan.append(CalendarFeed.privacyScanView(of: file))
                }
            }
        }
        let leaks = scanner.scan(toScan)
        diagnostics += leaks
        if leaks.isEmpty {
            for file in toScan { if let key = keys[file.path] { clean[file.path] = key } }
        }
        switch destination {
        case .memory: kept += files
        case .discard: break
        case .staging(let staging):
            // Once anything is wrong the build will not be published: stop writing.
            guard writeError == nil, diagnostics.isEmpty else { return }
            writeError = staging.write(files, previousOutput: memo.previousOutput?.folder)
        }
    }

    /// Records in the memo which files were found clean, unless something leaked.
    func commitScan() {
        memo.commitScan(clean: diagnostics.isEmpty ? clean : [:], secrets: secretsKey)
    }
}
