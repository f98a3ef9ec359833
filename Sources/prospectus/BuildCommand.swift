import ArgumentParser
import Foundation
import ProspectusCore

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Check the content, then write the whole site into the output folder.",
        discussion: "The output folder is replaced only when the build succeeds; a failed build leaves it as it was.")

    @OptionGroup var site: SiteOptions

    @Flag(help: "Also publish courses with status: draft.")
    var drafts = false

    @Option(name: .customLong("base-url"), help: "Publish for this address instead of base_url in college.yml.")
    var baseURL: String?

    @Flag(help: "Treat warnings as errors: nothing is published while there are warnings.")
    var strict = false

    @Flag(help: "Parse every body and make every file again, instead of reusing what the last build made from unchanged inputs.")
    var noCache = false

    @Option(help: "How to show problems: text, json or github.")
    var format: DiagnosticFormat = .text

    func run() throws {
        let started = Date()
        var options = site.buildOptions()
        options.includeDrafts = drafts
        options.baseURL = baseURL
        options.useBuildCache = !noCache
        switch Pipeline.build(options, strict: strict) {
        case .failure(let problem):
            Terminal.printError("error: \(problem.description)")
            throw ExitCode(2)
        case .success(let result):
            StageTimes.measure("show findings") { Terminal.show(result.diagnostics, format: format) }
            let blocked = result.errorCount > 0 || (strict && result.diagnostics.warningCount > 0)
            let summary = DiagnosticFormatter.summary(result.diagnostics)
            if blocked {
                Terminal.printError("\(summary) — nothing published")
                throw ExitCode(1)
            }
            let seconds = Date().timeIntervalSince(started)
            let courses = result.courseCount == 1 ? "1 course" : "\(result.courseCount) courses"
            let warnings = result.diagnostics.isEmpty ? "" : " (\(summary))"
            let unchanged =
                result.isUpToDate
                ? "; nothing has changed since the last build, so the output was left as it was"
                : result.reusedCount > 0 ? "; \(result.reusedCount) of \(result.paths.count) files unchanged" : ""
            Terminal.printError(
                "Built \(result.pageCount) pages (\(courses)) in \(String(format: "%.2f", seconds)) s into \(site.output)\(warnings)\(unchanged)")
        }
    }
}
