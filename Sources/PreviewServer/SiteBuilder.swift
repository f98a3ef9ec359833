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

    /// Builds the site: the first build when `changes` is nil, else a rebuild after
    /// them. Returns nil if the waiting task is cancelled (the server is shutting down);
    /// the build itself then finishes in the background and is dropped.
    func build(_ changes: ChangeSet?) async -> BuildOutcome? {
        let once = NIOLockedValueBox<CheckedContinuation<BuildOutcome?, Never>?>(nil)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                once.withLockedValue { $0 = continuation }
                if Task.isCancelled { once.withLockedValue { $0.take() }?.resume(returning: nil) }
                queue.async {
                    let changed = changes.flatMap { $0.everything ? nil : $0.paths }
                    let report = self.build(changed: changed, isFirst: changes == nil)
                    let result = report.result
                    var snapshot: SiteSnapshot?
                    if result.errorCount == 0 {
                        snapshot = SiteSnapshot(
                            files: result.files, basePath: result.site?.college.basePath ?? "/", previous: self.previous)
                        self.previous = snapshot
                    }
                    once.withLockedValue { $0.take() }?.resume(returning: BuildOutcome(report: report, snapshot: snapshot))
                }
            }
        } onCancel: {
            once.withLockedValue { $0.take() }?.resume(returning: nil)
        }
    }

    private func build(changed: Set<String>?, isFirst: Bool) -> BuildReport {
        let started = ContinuousClock.now
        let result = session.rebuild(changed: changed)
        let elapsed = started.duration(to: .now).milliseconds
        return BuildReport(result: result, milliseconds: elapsed, isFirst: isFirst, changedCount: changed?.count)
    }
}
