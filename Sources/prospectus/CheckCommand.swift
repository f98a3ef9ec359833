import ArgumentParser
import Foundation
import ProspectusCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the content and theme and print every problem found. Writes nothing.")

    @OptionGroup var site: SiteOptions

    @Option(help: "How to show problems: text, json or github.")
    var format: DiagnosticFormat = .text

    @Flag(help: "Exit with 1 when there are warnings too.")
    var strict = false

    @Flag(help: "Check draft courses as if they were published.")
    var drafts = false

    func run() throws {
        var options = site.buildOptions()
        options.includeDrafts = drafts
        // Every page is rendered too, to check the theme and run the privacy scan.
        let result = Pipeline.checkEverything(options)
        Terminal.show(result.diagnostics, format: format)
        if format == .text {
            Terminal.printError(DiagnosticFormatter.summary(result.diagnostics))
        }
        if result.errorCount > 0 || (strict && result.diagnostics.warningCount > 0) {
            throw ExitCode(1)
        }
    }
}
