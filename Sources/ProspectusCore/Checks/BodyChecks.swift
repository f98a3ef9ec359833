/// The checks that read one Markdown body at a time: recovery language and
/// therapy framing (LanguageLint), readability and content accessibility.
///
/// They run inside the Markdown stage, as each body is parsed and on every
/// core, so that the paragraphs, headings, links and lines they read can be
/// let go at once. Held until every check had run, that data was the largest
/// part of a big site's peak memory (about 110 MB at 10,000 courses). The
/// same families check the front matter in the checks stage; what they find in
/// bodies is the same as when they read the bodies there (tests compare both).
struct BodyChecks: Sendable {
    let language: LanguageChecker
    /// Course bodies are also checked for therapy framing (COP009).
    let courses: Set<String>
    /// Besides the body, the findings depend on college.yml (its term lists):
    /// kept findings are used again only while it is unchanged.
    let key: UInt64

    init(site: Site, bundled: Result<[LanguageTerm], LanguageListUnavailable> = LanguageList.bundled) {
        // A missing term list is reported once, by LanguageLint.run.
        language = LanguageChecker(college: site.college, bundled: (try? bundled.get()) ?? [])
        courses = Set(site.courses.map(\.file.path))
        key = site.collegeFile?.hash ?? 0
    }

    /// Every finding in one body, in the families' order (docs/rules.md).
    func run(_ body: RenderedMarkdown, in file: SourceFile) -> [Diagnostic] {
        var found: [Diagnostic] = []
        language.check(body, in: file, therapy: courses.contains(file.path), into: &found)
        Readability.check(body: body, in: file, into: &found)
        ContentAccessibility.check(body, in: file, into: &found)
        return found
    }
}

extension RenderedMarkdown {
    /// What is still read once the body has been checked: its HTML for the
    /// pages and its suppression comments, applied after every check.
    var checked: RenderedMarkdown {
        var kept = RenderedMarkdown(html: html)
        kept.suppressions = suppressions
        return kept
    }
}
