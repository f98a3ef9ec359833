import Dispatch
import Foundation
import NIOConcurrencyHelpers
import ProspectusCore

/// What one build did, for the terminal.
public struct BuildReport: Sendable {
    public var result: BuildResult
    public var milliseconds: Int
    /// True for the build made when the server starts.
    public var isFirst: Bool
    /// How many files changed (nil: the first build, or anything may have changed).
    public var changedCount: Int?
}

/// A build and, when it worked, the snapshot to serve: made on the build queue too,
/// since copying every file into send buffers is real work for a large site.
struct BuildOutcome: Sendable {
    var report: BuildReport
    var snapshot: SiteSnapshot?
}

/// The owner of the `BuildSession`. The session is not thread-safe, so every call to it
/// goes through one serial queue, one call at a time. A build is long, blocking CPU work
/// (seconds for thousands of courses), so it runs there rather than on one of the few
/// threads that Swift concurrency and the HTTP server share: pages keep being served
/// from the previous snapshot while it runs.
final class SiteBuilder: @unchecked Sendable {
    // @unchecked: `session` and `previous` are only ever touched on `queue`.
    private let session: BuildSession
    private var previous: SiteSnapshot?
    private let queue = DispatchQueue(label: "prospectus.serve.build", qos: .userInitiated)

    init(options: BuildOptions) {
        session = BuildSession(options: options)
    }

    /// Builds the site: the first build when `changes` is nil, else a quick rebuild after
    /// them (the saved files' own pages first; `BuildResult.deferredPaths` names the pages
    /// left for `complete()`). Returns nil if the waiting task is cancelled (the server is
    /// shutting down); the build itself then finishes in the background and is dropped.
    func build(_ changes: ChangeSet?) async -> BuildOutcome? {
        await run(isFirst: changes == nil, changedCount: changes.flatMap { $0.everything ? nil : $0.paths.count }) {
            session in
            let changed = changes.flatMap { $0.everything ? nil : $0.paths }
            return session.rebuild(changed: changed, quick: changes != nil)
        }
    }

    /// Makes the pages the last quick rebuild left as they were.
    func complete() async -> BuildOutcome? {
        await run(isFirst: false, changedCount: 0) { $0.complete() }
    }

    /// A first look at one saved course (BuildSession.firstLook): the last snapshot with
    /// that course's page made again, or nil when there is none to take (then the quick
    /// rebuild that always follows is what the page waits for).
    func firstLook(_ changes: ChangeSet) async -> FirstLook? {
        guard !changes.everything, changes.paths.count == 1 else { return nil }
        return await onQueue { () -> FirstLook? in
            let started = ContinuousClock.now
            guard let previous = self.previous, let files = self.session.firstLook(changed: changes.paths) else { return nil }
            let snapshot = previous.replacing(files, generation: self.session.generation)
            self.previous = snapshot
            return FirstLook(
                snapshot: snapshot, paths: files.map(\.path), milliseconds: started.duration(to: .now).milliseconds)
        } ?? nil
    }

    private func run(isFirst: Bool, changedCount: Int?, _ work: @escaping @Sendable (BuildSession) -> BuildResult) async
        -> BuildOutcome?
    {
        await onQueue { () -> BuildOutcome in
            let started = ContinuousClock.now
            let result = work(self.session)
            let report = BuildReport(
                result: result, milliseconds: started.duration(to: .now).milliseconds, isFirst: isFirst,
                changedCount: changedCount)
            var snapshot: SiteSnapshot?
            if result.errorCount == 0 {
                snapshot = SiteSnapshot(
                    files: result.files, basePath: result.site?.college.basePath ?? "/", previous: self.previous,
                    generation: self.session.generation)
                self.previous = snapshot
            }
            return BuildOutcome(report: report, snapshot: snapshot)
        }
    }

    /// Runs `work` on the build queue and waits for it; nil if the waiting task is
    /// cancelled (the work then finishes in the background and is dropped).
    private func onQueue<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value? {
        let once = NIOLockedValueBox<CheckedContinuation<Value?, Never>?>(nil)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                once.withLockedValue { $0 = continuation }
                if Task.isCancelled { once.withLockedValue { $0.take() }?.resume(returning: nil) }
                queue.async {
                    let value = work()
                    once.withLockedValue { $0.take() }?.resume(returning: value)
                }
            }
        } onCancel: {
            once.withLockedValue { $0.take() }?.resume(returning: nil)
        }
    }
}

/// The saved course's page, shown before the rebuild that checks the whole site.
struct FirstLook: Sendable {
    var snapshot: SiteSnapshot
    /// The files it made again (the course's page).
    var paths: [String]
    var milliseconds: Int
}
