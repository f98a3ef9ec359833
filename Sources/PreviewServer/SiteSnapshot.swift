import Foundation
import NIOConcurrencyHelpers
import NIOCore
import ProspectusCore

/// One file of a build, ready to send.
struct ServedFile: Sendable {
    var body: ByteBuffer
    var contentType: String
    var isHTML: Bool
}

/// A complete build of the site, in memory. Made once per successful build and never
/// changed afterwards, so a request sees either the old site or the new one, never a
/// mix and never a half-written file.
struct SiteSnapshot: Sendable {
    var files: [String: ServedFile]
    /// Where the site lives (the path of `base_url`): its links are root-relative to it.
    var basePath: String
    /// For each file, the build in which its bytes last changed: an open page
    /// reloads only when the page it shows has changed (a preview's second pass
    /// remakes the pages that list every course; the page being edited, shown
    /// already, must not reload twice).
    var generations: [String: Int] = [:]
    /// The build in which a stylesheet, script, image or font last changed: every
    /// page shows them, and none of its own bytes change when they do.
    var assetsGeneration = 0
    /// The bytes each file was made from. A file the next build reuses from its
    /// memo is the same Data (the same storage): held here, that storage cannot
    /// be freed and reused, so the same address means the same bytes, and the
    /// next snapshot need not compare them (350 MB at 10,000 courses).
    var sources: [String: Data] = [:]

    /// - Parameter previous: the snapshot this one replaces. A file whose bytes have not
    ///   changed keeps its send buffer: one save changes a few files of thousands, and
    ///   comparing is cheaper than allocating and copying hundreds of megabytes again.
    init(files: [OutputFile], basePath: String, previous: SiteSnapshot? = nil, generation: Int = 0) {
        var served: [String: ServedFile] = [:]
        served.reserveCapacity(files.count)
        var generations: [String: Int] = [:]
        generations.reserveCapacity(files.count)
        var sources: [String: Data] = [:]
        sources.reserveCapacity(files.count)
        for file in files {
            sources[file.path] = file.contents
            if let old = previous?.files[file.path],
                Self.sameStorage(previous?.sources[file.path], file.contents) || Self.same(old.body, file.contents)
            {
                served[file.path] = old
                generations[file.path] = previous?.generations[file.path] ?? generation
                continue
            }
            generations[file.path] = generation
            let type = ContentTypes.forPath(file.path)
            served[file.path] = ServedFile(
                body: ByteBuffer(bytes: file.contents), contentType: type, isHTML: type.hasPrefix("text/html"))
        }
        self.files = served
        self.sources = sources
        self.basePath = basePath
        self.generations = generations
        self.assetsGeneration = generations.filter { Self.isAsset($0.key) }.map(\.value).max() ?? 0
    }

    /// This snapshot with `files` made again (a first look at a saved course): each
    /// one whose bytes changed gets `generation`, so the pages showing it reload.
    func replacing(_ files: [OutputFile], generation: Int) -> SiteSnapshot {
        var next = self
        for file in files {
            next.sources[file.path] = file.contents
            if let old = self.files[file.path], Self.same(old.body, file.contents) { continue }
            let type = ContentTypes.forPath(file.path)
            next.files[file.path] = ServedFile(
                body: ByteBuffer(bytes: file.contents), contentType: type, isHTML: type.hasPrefix("text/html"))
            next.generations[file.path] = generation
        }
        return next
    }

    /// Files a page loads rather than links to: a change to one changes how every page looks.
    static func isAsset(_ path: String) -> Bool {
        let type = ContentTypes.forPath(path)
        return type.hasPrefix("text/css") || type.hasPrefix("text/javascript") || type.hasPrefix("image/")
            || type.hasPrefix("font/")
    }

    /// Whether two Data share their storage (and so their bytes). A Data of a
    /// few bytes is kept inline and lends a pointer to a temporary copy, so
    /// only bigger ones are compared by address (the rest by their bytes).
    static func sameStorage(_ old: Data?, _ new: Data) -> Bool {
        guard let old, old.count == new.count, new.count > 64 else { return false }
        let a = old.withUnsafeBytes { $0.baseAddress }
        let b = new.withUnsafeBytes { $0.baseAddress }
        return a != nil && a == b
    }

    static func same(_ buffer: ByteBuffer, _ data: Data) -> Bool {
        guard buffer.readableBytes == data.count else { return false }
        guard !data.isEmpty else { return true }
        return buffer.withUnsafeReadableBytes { bytes in
            data.withUnsafeBytes { other in
                guard let a = bytes.baseAddress, let b = other.baseAddress else { return false }
                return memcmp(a, b, bytes.count) == 0
            }
        }
    }
}

/// What the server shows right now: the last good build, and the errors of the latest
/// build if it failed.
struct ServedState: Sendable {
    /// Nil until a build has worked.
    var site: SiteSnapshot?
    /// The errors of the latest build; empty when it worked.
    var errors: [Diagnostic] = []
    var warningCount = 0
    /// Changes with every build, so an open page can tell it is out of date. Starts with
    /// a random part, so pages left open across a restart of the server reload too.
    var version: String
    /// The overlay, made once per failed build rather than once per request.
    var overlay: String?
    /// The random part of every version, and the build in which the overlay
    /// last changed (it is part of every page, so every page reloads then).
    var run = ""
    var overlayGeneration = 0

    /// The version of one page as served now: it changes when the page's bytes
    /// or the overlay change. Without a path (or for a path not in the site),
    /// the version of the whole site, which changes with every build.
    func version(of path: String?) -> String {
        guard let path, let site, let generation = site.generations[path] else { return version }
        return "\(run)-p\(generation)-a\(site.assetsGeneration)-e\(overlayGeneration)"
    }
}

/// The current state, swapped whole under a lock: readers take a copy (cheap: the
/// files are shared, copy-on-write) and never wait for a build.
final class StateStore: Sendable {
    private let state: NIOLockedValueBox<ServedState>
    private let run: String
    private let counter = NIOLockedValueBox(0)

    init() {
        run = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        var initial = ServedState(version: run + "-0")
        initial.run = run
        state = NIOLockedValueBox(initial)
    }

    var current: ServedState { state.withLockedValue { $0 } }

    /// Puts a first look at a saved course in place (the last build worked, so there
    /// are no errors to show). The site's own version stays as it is: a first look
    /// only makes an existing page again, whose version (its generation) changes,
    /// so a page showing something else, such as the 404 page, does not reload.
    func publish(look site: SiteSnapshot) -> String {
        state.withLockedValue { state in
            state.site = site
            return state.version
        }
    }

    /// Puts the outcome of a build in place and returns the new version. A build with
    /// errors (no snapshot) keeps the last good site and adds the overlay.
    @discardableResult
    func publish(_ result: BuildResult, snapshot site: SiteSnapshot?) -> String {
        let errors = result.diagnostics.filter { $0.severity == .error }
        let number = counter.withLockedValue { value -> Int in
            value += 1
            return value
        }
        let version = "\(run)-\(number)"
        state.withLockedValue { state in
            if let site { state.site = site }
            state.errors = errors
            state.warningCount = result.diagnostics.warningCount
            let overlay =
                errors.isEmpty
                ? nil
                : Injection.overlay(errors: errors, warningCount: state.warningCount, hasGoodBuild: state.site != nil)
            if overlay != state.overlay { state.overlayGeneration = number }
            state.overlay = overlay
            state.version = version
        }
        return version
    }
}
