import ArgumentParser
import Dispatch
import Foundation
import ProspectusCore

/// `prospectus pdf`: prints the printed prospectus (`prospectus.html`, written by
/// every build) to `prospectus.pdf` in the same folder with headless Chromium.
///
/// The print styles in the theme do the layout (A4, page breaks, link addresses);
/// this command only hands the page to a browser. Nothing is written outside the
/// output folder except one temporary folder, removed before the command ends.
struct PdfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pdf",
        abstract: "Print the prospectus (prospectus.html in the output folder) to prospectus.pdf.",
        discussion: """
            Run `prospectus build` first. Printing needs Chromium or Google Chrome \
            (on Debian or Ubuntu: sudo apt-get install chromium). \
            A build replaces the output folder, so make the PDF again after each build.
            """)

    @OptionGroup var site: SiteOptions

    /// Browsers tried, in order, on PATH.
    static let browsers = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
    /// A stuck browser must not hang a build pipeline.
    static let timeoutSeconds = 180.0

    func run() throws {
        let output = site.buildOptions().outputDir.standardizedFileURL
        let html = output.appendingPathComponent("prospectus.html")
        let shown = site.output.hasSuffix("/") ? site.output : site.output + "/"
        guard FileManager.default.fileExists(atPath: html.path) else {
            Terminal.printError(
                """
                error: there is no \(shown)prospectus.html to print
                  hint: run `prospectus build` first (with the same --output), then `prospectus pdf`
                """)
            throw ExitCode(2)
        }
        guard let browser = Self.findBrowser() else {
            Terminal.printError(
                """
                error: `prospectus pdf` prints with Chromium or Google Chrome, and neither was found \
                (looked for \(Self.browsers.joined(separator: ", ")) on PATH)
                  hint: on Debian or Ubuntu, install it with: sudo apt-get install chromium
                """)
            throw ExitCode(2)
        }
        guard let data = FileManager.default.contents(atPath: html.path) else {
            Terminal.printError("error: \(shown)prospectus.html cannot be read")
            throw ExitCode(2)
        }

        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("prospectus-pdf-\(UUID().uuidString)")
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: work) }
        let copy = work.appendingPathComponent("prospectus.html")
        let printed = work.appendingPathComponent("prospectus.pdf")
        try Data(Self.printableCopy(of: String(decoding: data, as: UTF8.self), output: output).utf8).write(to: copy)

        let process = Process()
        process.executableURL = browser
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
            // PDF bookmarks from the headings: a long PDF is easier to find your way round.
            "--generate-pdf-document-outline",
            // Its own profile, so a browser the user has open is neither used nor disturbed.
            "--user-data-dir=\(work.appendingPathComponent("profile").path)",
            "--print-to-pdf=\(printed.path)",
            copy.absoluteString,
        ]
        // Chromium also writes caches and settings under the home folder: give it one
        // inside the temporary folder, so nothing is left behind outside the output.
        let home = work.appendingPathComponent("home")
        try fm.createDirectory(at: home, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        for (key, folder) in [("XDG_CONFIG_HOME", ".config"), ("XDG_CACHE_HOME", ".cache"), ("XDG_DATA_HOME", ".local/share")] {
            environment[key] = home.appendingPathComponent(folder).path
        }
        process.environment = environment
        let log = work.appendingPathComponent("chromium.log")
        _ = fm.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        process.standardOutput = logHandle
        process.standardError = logHandle
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            Terminal.printError("error: \(browser.path) could not be started: \(error.localizedDescription)")
            throw ExitCode(2)
        }
        if finished.wait(timeout: .now() + Self.timeoutSeconds) == .timedOut {
            process.terminate()
            _ = finished.wait(timeout: .now() + 10)
            Terminal.printError("error: \(browser.lastPathComponent) did not finish printing within \(Int(Self.timeoutSeconds)) s")
            throw ExitCode(2)
        }
        try? logHandle.close()

        guard let pdf = fm.contents(atPath: printed.path), pdf.starts(with: Data("%PDF".utf8)) else {
            let messages = (fm.contents(atPath: log.path).map { String(decoding: $0, as: UTF8.self) } ?? "")
                .split(separator: "\n").suffix(5).joined(separator: "\n    ")
            Terminal.printError(
                """
                error: \(browser.lastPathComponent) did not write a PDF (exit status \(process.terminationStatus))
                    \(messages)
                """)
            throw ExitCode(2)
        }
        // Written whole or not at all: a failed print leaves an earlier PDF as it was.
        try pdf.write(to: output.appendingPathComponent("prospectus.pdf"), options: .atomic)
        let kib = max(1, pdf.count / 1024)
        Terminal.printError("Printed \(shown)prospectus.html to \(shown)prospectus.pdf (\(kib) KiB) with \(browser.lastPathComponent)")
    }

    static func findBrowser() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        for name in browsers {
            for folder in folders {
                let candidate = URL(fileURLWithPath: folder).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }

    /// The page as the browser should print it. The published page's links are
    /// root-relative (`/assets/style.css`), which mean nothing under file://. We
    /// do not inject `<base href="file://…/output/">`: it would also re-point the
    /// contents' `#course-…` links at the folder, and the PDF would lose its
    /// working table of contents. Instead the copy is rewritten so that:
    /// - stylesheets and other `<link>`s and every `src` point at the files in the
    ///   output folder (file:// URLs), so the print styles apply, nothing is
    ///   fetched from the network, and `url()`s inside the CSS still resolve;
    /// - other root-relative links (`<a href="/courses/…/">`) point at the
    ///   published site (from the canonical address), so they work in the PDF;
    /// - `#…` links are untouched, and stay links within the PDF.
    static func printableCopy(of html: String, output: URL) -> String {
        var origin: String?
        var basePath = "/"
        if let canonical = firstGroup(#"<link rel="canonical" href="([^"]*)""#, in: html),
            let components = URLComponents(string: canonical), let scheme = components.scheme, let host = components.host
        {
            origin = "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
            let path = components.path
            basePath = path.hasSuffix("/") ? path : String(path[...(path.lastIndex(of: "/") ?? path.startIndex)])
            if basePath.isEmpty { basePath = "/" }
        }
        func localFile(_ target: String) -> String? {
            guard target.hasPrefix(basePath) else { return nil }
            var relative = String(target.dropFirst(basePath.count))
            if let cut = relative.firstIndex(where: { $0 == "?" || $0 == "#" }) { relative = String(relative[..<cut]) }
            relative = relative.removingPercentEncoding ?? relative
            return output.appendingPathComponent(relative).absoluteString
        }
        // A root-relative address: one slash, not two (`//host/…` is another site).
        let rootRelative = #"(/(?!/)[^"]*)""#
        var text = html
        text = replace(#"(<link\b[^>]*?\bhref=")"# + rootRelative, in: text) { groups in
            localFile(groups[2]).map { groups[1] + $0 + "\"" }
        }
        text = replace(#"(\bsrc=")"# + rootRelative, in: text) { groups in
            localFile(groups[2]).map { groups[1] + $0 + "\"" }
        }
        if let origin {
            text = replace(#"(\bhref=")"# + rootRelative, in: text) { groups in groups[1] + origin + groups[2] + "\"" }
        }
        return text
    }

    static func firstGroup(_ pattern: String, in text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let range = Range(match.range(at: 1), in: text)
        else { return nil }
        return String(text[range])
    }

    /// Replaces each match with what `transform` returns for its groups (0 is the
    /// whole match); nil leaves the match as it was.
    static func replace(_ pattern: String, in text: String, _ transform: ([String]) -> String?) -> String {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return text }
        var result = ""
        var last = text.startIndex
        for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let whole = Range(match.range, in: text) else { continue }
            let groups = (0..<match.numberOfRanges).map { index -> String in
                Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
            }
            result += text[last..<whole.lowerBound]
            result += transform(groups) ?? groups[0]
            last = whole.upperBound
        }
        result += text[last...]
        return result
    }
}
