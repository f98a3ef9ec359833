import ArgumentParser
import Foundation
import ProspectusCore

@main
struct Prospectus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prospectus",
        abstract: "Build a Recovery College's annual prospectus from Markdown course descriptions.",
        discussion: """
            Run from the site's folder (the one holding content/ and templates/).
            Exit codes: 0 success, 1 the content has errors (nothing published), 2 the command could not run.
            """,
        subcommands: [BuildCommand.self, CheckCommand.self, ReportCommand.self, PdfCommand.self, NewCommand.self, InitCommand.self, ServeCommand.self],
        defaultSubcommand: nil
    )

    /// Runs the command, mapping argument errors to exit code 2 as cli.md promises
    /// (ArgumentParser's own default is 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            Terminal.printError(message)
            Foundation.exit(2)
        }
    }
}

/// The folders every command works on.
struct SiteOptions: ParsableArguments {
    @Option(name: .customLong("content"), help: "The content folder.")
    var content: String = "content"

    @Option(name: .customLong("templates"), help: "The theme folder.")
    var templates: String = "templates"

    @Option(name: .customLong("output"), help: "Where the site is written.")
    var output: String = "output"

    @Option(name: .customLong("max-file-size"), help: "The largest content file read, in KiB (1 to 1048576).")
    var maxFileSizeKiB: Int = 1024

    /// Refuses sizes that make no sense before they are used (a huge value
    /// would overflow when turned into bytes).
    func validate() throws {
        guard (1...1_048_576).contains(maxFileSizeKiB) else {
            throw ValidationError("--max-file-size must be between 1 and 1048576 KiB (1 GiB)")
        }
    }

    func buildOptions() -> BuildOptions {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        func resolve(_ path: String) -> URL {
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : cwd.appendingPathComponent(path)
        }
        var options = BuildOptions(
            siteRoot: cwd, contentDir: resolve(content), templatesDir: resolve(templates), outputDir: resolve(output),
            now: Clock.now())
        options.limits.maxFileBytes = max(1, maxFileSizeKiB) * 1024
        return options
    }
}

enum Clock {
    /// SOURCE_DATE_EPOCH (reproducible builds) if set, else the real time.
    static func now() -> Date {
        if let value = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = TimeInterval(value) {
            return Date(timeIntervalSince1970: seconds)
        }
        return Date()
    }
}

enum Terminal {
    static var useColor: Bool {
        isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    static func printError(_ message: String) {
        // Findings go to standard output, which is buffered when it is not a
        // terminal. Written out first, so that in a log of both streams (CI,
        // `> log 2>&1`) this line comes after them, not spliced into one.
        fflush(nil)
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static func show(_ diagnostics: [Diagnostic], format: DiagnosticFormat) {
        // A piece at a time, through stdout's own buffer (so the order with
        // other printed lines is kept).
        DiagnosticFormatter.write(diagnostics, as: format, color: format == .text && useColor) { print($0, terminator: "") }
    }
}

extension DiagnosticFormat: ExpressibleByArgument {}
