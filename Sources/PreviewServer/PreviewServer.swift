import Foundation
import Hummingbird
import Logging
import NIOConcurrencyHelpers
import NIOCore
import ProspectusCore
import ServiceLifecycle

/// Where and what to serve.
public struct PreviewConfiguration: Sendable {
    public var options: BuildOptions
    public var host: String
    /// 0 asks the system for a free port; the real one is reported in `.listening`.
    public var port: Int

    public init(options: BuildOptions, host: String = "127.0.0.1", port: Int = 8000) {
        self.options = options
        self.host = host
        self.port = port
    }
}

/// What the server tells its caller (the command line decides how to show it; the
/// server itself never prints).
public enum PreviewEvent: Sendable {
    /// A build finished: the first one, or a rebuild after changes (a quick one: the
    /// changed files' own pages; `completed` follows when it left pages for later).
    case built(BuildReport)
    /// A saved course's page is shown, made from that file alone (`paths`), before the
    /// rebuild that checks the whole site; `.built` follows.
    case looked(paths: [String], milliseconds: Int)
    /// The pages a quick rebuild left as they were (the ones that list every course)
    /// are now up to date too.
    case completed(BuildReport)
    /// The server is accepting connections at this address (`http://127.0.0.1:PORT/`).
    case listening(String)
    /// Something the user should know but that does not stop the preview.
    case problem(String)
    /// The server has shut down. The site is still in memory until `run` returns; a
    /// process that ends now skips freeing it (seconds for a very large site).
    case stopped
}

public enum PreviewServerError: Error, CustomStringConvertible, Sendable {
    case addressInUse(host: String, port: Int)
    case cannotListen(host: String, port: Int, reason: String)
    case cannotWatch(String)

    public var description: String {
        switch self {
        case .addressInUse(let host, let port):
            "port \(port) on \(host) is already in use (is another `prospectus serve` running?); "
                + "stop it, or choose another port with --port (--port 0 picks a free one)"
        case .cannotListen(let host, let port, let reason):
            "cannot listen on \(host) port \(port): \(reason)"
        case .cannotWatch(let reason):
            "cannot watch the site's folders for changes: \(reason)"
        }
    }
}

/// `prospectus serve`: builds the site in memory, serves it, watches `content/` and
/// `templates/`, rebuilds on every save and reloads open pages once the new build is
/// in place. Shuts down gracefully on SIGINT and SIGTERM.
public struct PreviewServer: Sendable {
    public let configuration: PreviewConfiguration
    let onEvent: @Sendable (PreviewEvent) -> Void

    /// How long open connections get to finish when the server stops, before they are
    /// cancelled: the whole shutdown must take well under a second.
    static let shutdownGrace: Duration = .milliseconds(500)

    public init(configuration: PreviewConfiguration, onEvent: @escaping @Sendable (PreviewEvent) -> Void) {
        self.configuration = configuration
        self.onEvent = onEvent
    }

    /// Runs until SIGINT or SIGTERM.
    public func run() async throws(PreviewServerError) {
        let options = configuration.options
        // Watch before the first build, so a save made while it runs is not lost.
        let watcher: FileWatcher
        do {
            watcher = try FileWatcher(
                roots: [options.contentDir, options.templatesDir],
                problem: { [onEvent] in onEvent(.problem($0)) })
        } catch {
            throw .cannotWatch(error.message)
        }
        defer { watcher.stop() }

        let store = StateStore()
        let broadcaster = ReloadBroadcaster()
        let builder = SiteBuilder(options: options)
        if let first = await builder.build(nil) {
            store.publish(first.report.result, snapshot: first.snapshot)
            onEvent(.built(first.report))
        }

        let host = configuration.host, onEvent = self.onEvent
        let rebuilds = RebuildService(
            watcher: watcher, builder: builder, store: store, broadcaster: broadcaster, onEvent: onEvent)
        let app = Application(
            responder: PreviewResponder(
                store: store, broadcaster: broadcaster, acceptsLoopbackHostsOnly: PreviewServer.isLoopback(host)),
            configuration: ApplicationConfiguration(address: .hostname(host, port: configuration.port), serverName: nil),
            services: [rebuilds],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                onEvent(.listening(Self.url(host: host, port: port)))
            },
            logger: Self.quietLogger)
        var group = ServiceGroupConfiguration(
            services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: Self.quietLogger)
        group.maximumGracefulShutdownDuration = Self.shutdownGrace
        do {
            try await ServiceGroup(configuration: group).run()
        } catch {
            throw Self.explain(error, host: host, port: configuration.port)
        }
        broadcaster.finishAll()
        onEvent(.stopped)
    }

    /// The address to open: `http://127.0.0.1:8000/`, with IPv6 hosts in brackets.
    public static func url(host: String, port: Int) -> String {
        let shown = host.contains(":") ? "[\(host)]" : host
        return "http://\(shown):\(port)/"
    }

    /// Whether only this computer can reach the host: anything else publishes the
    /// preview (drafts included) to the network.
    public static func isLoopback(_ host: String) -> Bool {
        let lowered = host.lowercased()
        if lowered == "localhost" || lowered == "::1" || lowered == "[::1]" { return true }
        let parts = lowered.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Turns what NIO throws when it cannot listen into a sentence.
    static func explain(_ error: any Error, host: String, port: Int) -> PreviewServerError {
        if let io = error as? IOError {
            if io.errnoCode == EADDRINUSE { return .addressInUse(host: host, port: port) }
            return .cannotListen(host: host, port: port, reason: String(cString: strerror(io.errnoCode)))
        }
        if error is SocketAddressError.UnknownHost {
            return .cannotListen(host: host, port: port, reason: "\(host) is not a known host name")
        }
        if error is SocketAddressError {
            return .cannotListen(host: host, port: port, reason: "\(host) is not an address this computer can listen on")
        }
        return .cannotListen(host: host, port: port, reason: String(describing: error))
    }

    /// The terminal shows what the command line prints, not the server's own log.
    static let quietLogger = Logger(label: "prospectus-serve") { _ in SwiftLogNoOpLogHandler() }
}

/// Rebuilds on changes, one build at a time, and puts each result in place before
/// telling open pages to reload.
struct RebuildService: Service {
    let watcher: FileWatcher
    let builder: SiteBuilder
    let store: StateStore
    let broadcaster: ReloadBroadcaster
    let onEvent: @Sendable (PreviewEvent) -> Void

    func run() async throws {
        // On shutdown the loop is cancelled, even in the middle of a long build.
        await cancelWhenGracefulShutdown {
            var skipped = 0
            for await _ in watcher.wakes {
                let changes = watcher.takeChanges()
                guard !changes.isEmpty else { continue }
                // One course saved: its page first, made from that file alone
                // (milliseconds at any size), then the rebuild that checks everything.
                if let look = await builder.firstLook(changes) {
                    broadcaster.broadcast(store.publish(look: look.snapshot))
                    onEvent(.looked(paths: look.paths, milliseconds: look.milliseconds))
                }
                guard let outcome = await builder.build(changes) else { return }
                // First the new state, then the reload: a page that reloads gets the new build.
                let version = store.publish(outcome.report.result, snapshot: outcome.snapshot)
                broadcaster.broadcast(version)
                onEvent(.built(outcome.report))
                // The quick pass served the pages that list every course as they were:
                // make them now. Only pages whose bytes change reload (SiteSnapshot.generations).
                guard outcome.snapshot != nil, !outcome.report.result.isComplete else { continue }
                // Saved again meanwhile: that save's quick pass first (the lists of a big
                // site take seconds); the second pass follows the last save, or the
                // fourth quick pass in a row, so an editor saving all the time still
                // sees its lists brought up to date.
                if watcher.hasChanges && skipped < 3 {
                    skipped += 1
                    continue
                }
                skipped = 0
                guard let completed = await builder.complete() else { return }
                broadcaster.broadcast(store.publish(completed.report.result, snapshot: completed.snapshot))
                onEvent(.completed(completed.report))
            }
        }
        watcher.stop()
    }
}
