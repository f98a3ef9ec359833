import NIOConcurrencyHelpers

/// Tells every open page that a new version of the site is in place. Each open event
/// stream is one subscriber; it is told only the newest version (a page that missed
/// one reload reloads once, not twice).
final class ReloadBroadcaster: Sendable {
    private struct Subscribers {
        var next = 0
        var continuations: [Int: AsyncStream<String>.Continuation] = [:]
    }

    private let subscribers = NIOLockedValueBox(Subscribers())

    /// A stream of versions, ending when the subscriber goes away or `finishAll` is called.
    func subscribe() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(1))
        let id = subscribers.withLockedValue { subscribers in
            subscribers.next += 1
            subscribers.continuations[subscribers.next] = continuation
            return subscribers.next
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLockedValue { $0.continuations.removeValue(forKey: id) }
        }
        return stream
    }

    var count: Int { subscribers.withLockedValue { $0.continuations.count } }

    /// Called only after the new version is in place, so a page that reloads gets it.
    func broadcast(_ version: String) {
        for continuation in subscribers.withLockedValue({ Array($0.continuations.values) }) {
            continuation.yield(version)
        }
    }

    func finishAll() {
        for continuation in subscribers.withLockedValue({ Array($0.continuations.values) }) {
            continuation.finish()
        }
    }
}
