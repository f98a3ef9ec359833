import ArgumentParser
import Foundation
import ProspectusCore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the coproduction accountability report: which coproduction checks hold for each course, and the edition's totals.",
        discussion: "Every build also publishes the report at coproduction/index.html and coproduction.json (there, trainers who have not agreed to be named are shown by role only).")

    @OptionGroup var site: SiteOptions

    @Option(help: "text, json or csv.")
    var format: ReportFormat = .text

    func run() throws {
        let options = site.buildOptions()
        let (checkedSite, _, diagnostics) = Pipeline.check(options)
        guard let checkedSite else {
            Terminal.show(diagnostics, format: .text)
            Terminal.printError("\(DiagnosticFormatter.summary(diagnostics)) — the report needs a readable college.yml")
            throw ExitCode(1)
        }
        let today = Pipeline.today(options.now, timezone: checkedSite.college.timezone)
        print(CoproductionReport(site: checkedSite, today: today).render(format), terminator: "")
        if diagnostics.errorCount > 0 {
            Terminal.printError("note: the content has \(DiagnosticFormatter.summary(diagnostics)); run `prospectus check` to see them")
        }
    }
}

extension ReportFormat: ExpressibleByArgument {}
