import ArgumentParser
import Foundation
import ProspectusCore

/// `prospectus new KIND ID`: a new content file with every field, each with a
/// note in plain words, and defaults taken from the site so it builds as it is.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new course, trainer, partner, venue or page file, with every field explained.",
        discussion: """
            The file is content/<kind>s/<ID>.md. The ID becomes its web address: lowercase letters, \
            digits and single hyphens, e.g. understanding-recovery. An existing file is never overwritten. \
            A new course takes the current term, the first category, a venue and trainers from the site.
            """)

    @Argument(help: "What to make: course, trainer, partner, venue or page.")
    var kind: NewFileKind

    @Argument(help: "Its id, which is also its file name and web address, e.g. understanding-recovery.")
    var id: String

    // Only --content: the theme and output folders play no part in a new file.
    @Option(name: .customLong("content"), help: "The content folder.")
    var content: String = "content"

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let contentDir = content.hasPrefix("/") ? URL(fileURLWithPath: content) : cwd.appendingPathComponent(content)
        switch NewFile.create(kind, id: id, siteRoot: cwd, contentDir: contentDir, now: Clock.now()) {
        case .failure(let problem):
            Terminal.printError("error: \(problem.description)")
            throw ExitCode(2)
        case .success(let written):
            var lines = ["Wrote \(written.path)"]
            lines += written.notes.map { "note: \($0)" }
            lines.append(
                "Next: edit \(written.path) (the lines starting with # explain each field), then preview it with `prospectus serve` or publish with `prospectus build`."
            )
            print(lines.joined(separator: "\n"))
        }
    }
}

extension NewFileKind: ExpressibleByArgument {}
