import ArgumentParser
import Dispatch
import Foundation
import PreviewServer
import ProspectusCore

/// `prospectus serve`: a live preview for coordinators and trainers. The site is built
/// in memory (nothing is written to the output folder), served on this computer only
/// unless told otherwise, rebuilt on every save, and open pages reload themselves.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site in a browser, rebuilt and reloaded on every save.",
        discussion: """
            Builds the site in memory and serves it at http://127.0.0.1:8000/ (nothing is written \
            to the output folder). Drafts are shown, with a banner. When the content has errors, \
            the last good build stays up with the errors listed over every page. Ctrl-C stops it.
            """)

    @OptionGroup var site: SiteOptions

    @Option(help: "The address to listen on. Anything but 127.0.0.1, ::1 or localhost shares the preview with the network.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8000

    @Flag(name: .customLong("no-drafts"), help: "Leave out courses with status: draft, as a build does.")
    var noDrafts = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty") }
    }

    func run() throws {
        var options = site.buildOptions()
        options.includeDrafts = !noDrafts
        // The server watches these folders, so they must exist before it starts.
        for (folder, flag) in [(options.contentDir, "--content"), (options.templatesDir, "--templates")] {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
                Terminal.printError(
                    "error: there is no folder \(folder.path)\n  hint: run `prospectus serve` in the site's folder, or point \(flag) at it")
                throw ExitCode(2)
            }
        }
        if !PreviewServer.isLoopback(host) {
            Terminal.printError(
                "warning: serving on \(host): anyone who can reach this computer can see the preview, drafts included")
        }
        let server = PreviewServer(
            configuration: PreviewConfiguration(options: options, host: host, port: port), onEvent: ServeOutput.show)
        if let error = Self.runBlocking({ () async throws(PreviewServerError) in try await server.run() }) {
            Terminal.printError("error: \(error.description)")
            throw ExitCode(2)
        }
    }

    /// Runs the server to the end from this synchronous command. The main thread only
    /// waits; the server runs on Swift concurrency's own threads (and takes SIGINT and
    /// SIGTERM itself, through ServiceLifecycle).
    static func runBlocking(_ operation: @escaping @Sendable () async throws(PreviewServerError) -> Void) -> PreviewServerError? {
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do throws(PreviewServerError) {
                try await operation()
            } catch {
                outcome.error = error
            }
            done.signal()
        }
        done.wait()
        return outcome.error
    }

    /// Written by the task before it signals, read after the wait: the semaphore orders
    /// the two, which is what makes the `@unchecked Sendable` true.
    final class Outcome: @unchecked Sendable {
        var error: PreviewServerError?
    }
}

/// What `serve` prints. Findings go to standard output as `check` prints them; one-line
/// summaries go to standard error, as `build` does. Everything is flushed at once, so a
/// script (or a test) reading the output sees the address as soon as it is printed.
enum ServeOutput {
    @Sendable static func show(_ event: PreviewEvent) {
        switch event {
        case .listening(let url):
            print("Serving the prospectus at \(url) (Ctrl-C to stop)")
        case .built(let report):
            // Errors and warnings, not notes: a big site has thousands of notes,
            // and reprinting them on every save would bury what just changed.
            // `prospectus check` lists them all. After the first build, only
            // errors and the warnings that are new since the last build.
            let findings = report.result.diagnostics.filter { $0.severity != .info }
            let (shown, repeated) = shownBefore.select(findings, isFirst: report.isFirst)
            Terminal.show(shown, format: .text)
            Terminal.printError(summary(report, repeated: repeated))
        case .looked(let paths, let milliseconds):
            let pages = paths.map { $0.replacingOccurrences(of: "index.html", with: "") }.joined(separator: ", ")
            Terminal.printError("Showed \(pages) in \(milliseconds) ms; checking the whole site")
        case .completed(let report):
            // Its findings are those just shown; only new errors (a leak found in a list page) are.
            let errors = report.result.diagnostics.filter { $0.severity == .error }
            if !errors.isEmpty { Terminal.show(errors, format: .text) }
            Terminal.printError(
                errors.isEmpty
                    ? "Brought the lists, printed prospectus and site calendar up to date in \(report.milliseconds) ms"
                    : "Making the lists, printed prospectus and site calendar found \(errors.count == 1 ? "an error" : "\(errors.count) errors") — still serving the last good build")
        case .problem(let message):
            Terminal.printError("warning: \(message)")
        case .stopped:
            // Exit at once: freeing a large site's build (gigabytes at 10,000 courses)
            // would only make Ctrl-C slower.
            fflush(nil)
            exit(0)
        }
        // nil: every output stream (naming `stdout` is not allowed under strict concurrency).
        fflush(nil)
    }

    /// The findings the terminal showed for the last build.
    static let shownBefore = ShownFindings()

    static func summary(_ report: BuildReport, repeated: Int = 0) -> String {
        let result = report.result
        var counts = DiagnosticFormatter.summary(result.diagnostics)
        if result.diagnostics.contains(where: { $0.severity == .info }) { counts += "; notes not shown here, see prospectus check" }
        if repeated > 0 {
            counts += "; \(repeated == 1 ? "1 warning" : "\(repeated) warnings") as before, not shown again"
        }
        let time = "\(report.milliseconds) ms"
        if result.errorCount > 0 {
            let keeping = report.isFirst ? "nothing to serve until they are fixed" : "still serving the last good build"
            return report.isFirst ? "Built in \(time): \(counts) — \(keeping)" : "Rebuilt in \(time): \(counts) — \(keeping)"
        }
        let courses = result.courseCount == 1 ? "1 course" : "\(result.courseCount) courses"
        let warnings = result.diagnostics.isEmpty ? "" : " (\(counts))"
        return report.isFirst
            ? "Built \(result.pageCount) pages (\(courses)) in \(time)\(warnings)"
            : "Rebuilt in \(time)\(warnings)"
    }
}

/// What the terminal showed for the last build, so that a rebuild prints its
/// errors and only the warnings that are new: at 10,000 courses every save
/// printed the same 1,577 warnings again, burying what the save changed.
final class ShownFindings: @unchecked Sendable {
    // @unchecked: `shown` is only touched under `lock`.
    private let lock = NSLock()
    private var shown: Set<Diagnostic> = []

    /// The findings to print now, in their order, and how many were left out.
    func select(_ findings: [Diagnostic], isFirst: Bool) -> (shown: [Diagnostic], repeated: Int) {
        lock.lock()
        defer { lock.unlock() }
        let before = shown
        shown = Set(findings)
        if isFirst { return (findings, 0) }
        let new = findings.filter { $0.severity == .error || !before.contains($0) }
        return (new, findings.count - new.count)
    }
}
