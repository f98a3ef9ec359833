import ArgumentParser
import Foundation
import ProspectusCore

/// `prospectus init [DIR]`: a new site that builds straight away, with the
/// default theme written from the copy compiled into this binary.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new site: college.yml, an example course, trainers, partner, venue, pages and the default theme.",
        discussion: """
            The folder is created when it is missing. A folder that already holds files is refused \
            (hidden files such as .git may be there); nothing in it is changed, except that an existing \
            .gitignore gets an output/ line if it lacks one.
            """)

    @Argument(help: "The folder for the new site.")
    var folder: String = "."

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let root = folder.hasPrefix("/") ? URL(fileURLWithPath: folder) : cwd.appendingPathComponent(folder)
        switch NewSite.create(at: root, now: Clock.now()) {
        case .failure(let problem):
            Terminal.printError("error: \(problem.description)")
            throw ExitCode(2)
        case .success(let created):
            let content = created.files.filter { $0.hasPrefix("content/") }
            let theme = created.files.filter { $0.hasPrefix("templates/") }
            var lines = ["Created a new Prospectus site in \(folder):"]
            lines += content.map { "  \($0)" }
            lines.append("  templates/ (the default theme, \(theme.count) files)")
            lines.append(created.extendedGitignore ? "  .gitignore (added output/)" : "  .gitignore (keeps output/ out of git)")
            lines.append("")
            lines.append("Next steps:")
            if folder != "." { lines.append("  cd \(Self.shellQuoted(folder))") }
            lines += [
                "  1. Put your college's details in content/college.yml (the lines starting with # explain each one).",
                "  2. Replace the example course, trainers, partner, venue and pages with your own;",
                "     `prospectus new course ID` (or trainer, partner, venue, page) starts a new file.",
                "  3. Preview with `prospectus serve`, or check and publish with `prospectus build` (into output/).",
            ]
            print(lines.joined(separator: "\n"))
        }
    }

    /// A folder name as it can be pasted into a shell.
    static func shellQuoted(_ path: String) -> String {
        let plain = path.allSatisfy { $0.isLetter || $0.isNumber || "-_./".contains($0) }
        return plain ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
