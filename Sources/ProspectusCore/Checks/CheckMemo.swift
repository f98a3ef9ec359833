import Foundation

/// The findings of checks that look at one file at a time (language,
/// readability, content accessibility), kept by a BuildSession between
/// rebuilds: a file whose text has not changed keeps its findings without
/// being read again. Checks that compare files with each other always run.
final class CheckMemo: @unchecked Sendable {
    // Check families run in parallel and all use this memo: every access is under `lock`.
    private let lock = NSLock()
    private var previous: [String: (key: UInt64, found: [Diagnostic])] = [:]
    private var next: [String: (key: UInt64, found: [Diagnostic])] = [:]

    /// The findings of `family` for `file`, computed only when the file (or
    /// `extra`: anything else the check reads, such as the college's term
    /// lists) changed since the last run.
    func findings(_ family: String, _ file: SourceFile, extra: UInt64 = 0, _ compute: () -> [Diagnostic]) -> [Diagnostic] {
        var fingerprint = Fingerprint()
        fingerprint.add(file.hash)
        fingerprint.add(extra)
        let key = fingerprint.value
        let name = family + "\u{0}" + file.path
        if let kept = lock.withLock({ previous[name] }), kept.key == key {
            lock.withLock { next[name] = kept }
            return kept.found
        }
        let found = compute()
        lock.withLock { next[name] = (key, found) }
        return found
    }

    /// Ends a run: what was used this time is what the next run can reuse.
    func finishRun() {
        lock.withLock {
            previous = next
            next = [:]
        }
    }
}

extension Optional where Wrapped == CheckMemo {
    /// Without a memo, every file is checked.
    func findings(_ family: String, _ file: SourceFile, extra: UInt64 = 0, _ compute: () -> [Diagnostic]) -> [Diagnostic] {
        switch self {
        case .some(let memo): return memo.findings(family, file, extra: extra, compute)
        case .none: return compute()
        }
    }
}
