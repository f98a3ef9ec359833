/// Renders every Markdown body once, and reports links that cannot be published.
enum MarkdownStage {
    /// With `checks`, each body is checked as soon as it is parsed and only
    /// what rendering still reads is kept (`RenderedMarkdown.checked`);
    /// without, every body keeps all its data (tests read it).
    static func run(
        _ site: Site, memo: MarkdownMemo? = nil, checks: BodyChecks? = nil
    ) -> ([String: RenderedMarkdown], [Diagnostic]) {
        var bodies: [String: RenderedMarkdown] = [:]
        var diagnostics: [Diagnostic] = []
        var sources: [(SourceFile, MarkdownSource)] = site.courses.map { ($0.file, $0.body) }
        sources += site.trainers.map { ($0.file, $0.body) }
        sources += site.partners.map { ($0.file, $0.body) }
        sources += site.venues.map { ($0.file, $0.body) }
        sources += site.pages.map { ($0.file, $0.body) }
        let basePath = site.college.basePath
        // Each body is independent: parse them on every core, keep the order.
        let results = parallelMap(sources) { (file, body) -> (String, RenderedMarkdown, [Diagnostic]) in
            // The body's HTML depends on the file (which holds it) and the base
            // path; its findings also on college.yml.
            if let kept = memo?.result(file, basePath: basePath, checks: checks?.key) { return (file.path, kept.0, kept.1) }
            let (rendered, found) = parse(body, in: file, basePath: basePath, checks: checks)
            return (file.path, rendered, found)
        }
        memo?.remember(zip(sources, results).map { ($0.0, basePath, $1.1, $1.2) }, checks: checks)
        for (path, rendered, found) in results {
            bodies[path] = rendered
            diagnostics += found
        }
        // The Markdown texts of college.yml (statement, support, enrolment) are
        // published too: their links are held to the same rule.
        if let collegeFile = site.collegeFile {
            for field in site.college.texts {
                let firstLine = field.location?.line ?? 1
                for link in Markdown.render(MarkdownSource(text: field.text, firstLine: firstLine)).links
                where !Markdown.isAllowedLink(link.url) {
                    diagnostics.append(
                        collegeFile.diagnostic(
                            .dataURL, at: link.location,
                            "`\(field.field)`: the link \"\(link.url.prefix(60))\" uses an address type that is not published",
                            hint: "link with https://, mailto: or tel:, or to a page of this site"))
                }
            }
        }
        return (bodies, diagnostics)
    }

    /// One body: its HTML and what is wrong with it (links that cannot be
    /// published; with `checks`, the body checks too, keeping only what
    /// rendering reads).
    static func parse(
        _ body: MarkdownSource, in file: SourceFile, basePath: String, checks: BodyChecks?
    ) -> (RenderedMarkdown, [Diagnostic]) {
        var rendered = Markdown.render(body, basePath: basePath)
        var found = rendered.problemDiagnostics(in: file)
        for link in rendered.links where !Markdown.isAllowedLink(link.url) {
            found.append(
                file.diagnostic(
                    .dataURL, at: link.location,
                    "the \(link.isImage ? "image" : "link") \"\(link.url.prefix(60))\" uses an address type that is not published",
                    hint: "link with https://, mailto: or tel:, or to a page of this site"))
        }
        if let checks {
            found += checks.run(rendered, in: file)
            rendered = rendered.checked
        }
        return (rendered, found)
    }
}

/// Each body's rendered Markdown from the last build, by file content and base path.
final class MarkdownMemo: @unchecked Sendable {
    typealias Entry = (hash: UInt64, basePath: String, result: (RenderedMarkdown, [Diagnostic]))
    // Read from many threads during `run`, written only after, by one owner.
    private(set) var entries: [String: Entry] = [:]
    /// The body checks the findings were made with (nil: not checked), kept
    /// compiled: their key says whether the findings still hold, and a
    /// preview's first look at a saved course checks its body with them
    /// (BuildSession.firstLook).
    private(set) var lastChecks: BodyChecks?
    /// The key of the checks the entries' findings were made with: that of
    /// `lastChecks`, or the one a BodyCache read from disk recorded.
    private(set) var checksKey: UInt64?

    func result(_ file: SourceFile, basePath: String, checks: UInt64? = nil) -> (RenderedMarkdown, [Diagnostic])? {
        guard checks == checksKey, let entry = entries[file.path], entry.hash == file.hash, entry.basePath == basePath
        else { return nil }
        return entry.result
    }

    func remember(_ results: [(SourceFile, String, RenderedMarkdown, [Diagnostic])], checks: BodyChecks? = nil) {
        var next: [String: Entry] = [:]
        for (file, basePath, rendered, diagnostics) in results { next[file.path] = (file.hash, basePath, (rendered, diagnostics)) }
        entries = next
        lastChecks = checks
        checksKey = checks?.key
    }

    /// Entries read back from an earlier run of `prospectus` (BodyCache),
    /// made with checks of key `checksKey`.
    func seed(_ entries: [String: Entry], checksKey: UInt64) {
        self.entries = entries
        self.checksKey = checksKey
        lastChecks = nil
    }
}
