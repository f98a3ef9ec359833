import Foundation

/// A site kept in memory between builds: what the preview server rebuilds on
/// every save. It remembers what it read, decoded, parsed and rendered last
/// time, so a rebuild after one file changed redoes only the work that file
/// affects: that file is read, decoded and parsed again, the checks run, and
/// only the pages whose inputs changed are rendered and scanned again (see
/// RenderKeys). The result is always the whole site, byte-identical to a
/// clean build of the same files.
///
/// Not thread-safe on purpose: one owner (the server's rebuild loop) calls
/// `rebuild` one call at a time; the results it returns are plain values.
public final class BuildSession {
    public private(set) var options: BuildOptions
    /// How many builds this session has run; the preview server tags reloads with it.
    public private(set) var generation = 0
    private var loaded: LoadedContent?
    private let decodeMemo = DecodeMemo()
    private let markdownMemo = MarkdownMemo()
    private let checkMemo = CheckMemo()
    private let renderMemo = RenderMemo()
    private var lastChecked: Pipeline.Checked?
    /// The theme of the last build, used again while only content files change.
    private var theme: Pipeline.LoadedTheme?

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Rebuilds the site in memory. `changed` lists the files (absolute paths)
    /// that changed since the last call; nil means "anything may have changed",
    /// and every file is read again (unchanged ones are still not re-rendered).
    /// The result holds every file of the site when there are no errors.
    ///
    /// `quick`: leave the pages that list every course (home, lists, printed
    /// prospectus, report, feed, search index, site calendar) as they were, so
    /// the saved file's own pages are ready sooner; `BuildResult.deferredPaths`
    /// names them, and `complete()` makes them. The preview server serves the
    /// quick result at once, then the complete one.
    public func rebuild(changed: Set<String>? = nil, quick: Bool = false) -> BuildResult {
        generation += 1
        let loader = ContentLoader(siteRoot: options.siteRoot, contentDir: options.contentDir, limits: options.limits)
        let content: LoadedContent
        if let previous = loaded, let changed, let updated = loader.reload(previous, changed: changed) {
            content = updated
        } else {
            content = loader.load()
        }
        loaded = content
        let checked = Pipeline.check(
            options, loaded: content, decodeMemo: decodeMemo, markdownMemo: markdownMemo, checkMemo: checkMemo)
        lastChecked = checked
        renderMemo.defersSharedPages = quick
        defer { renderMemo.defersSharedPages = false }
        return finished(
            Pipeline.render(options, checked: checked, memo: renderMemo, into: .memory, theme: currentTheme(changed: changed)))
    }

    /// A preview's first look at one saved course: its page, made from that
    /// file alone with everything else as the last build left it, for the
    /// preview to show at once while `rebuild` runs every check over the whole
    /// site (0.7 s at 10,000 courses). The page is byte-identical to the one
    /// the rebuild will make, unless the save changed what the course shows of
    /// another file (a course it links to by `next_courses` is read as it was).
    ///
    /// Nil, and the preview waits for the rebuild, unless exactly one course
    /// file changed, the last build worked, the file has no error in any check
    /// of a build (each run on this course alone, with every other file there
    /// to be referred to: Site.lens) and its page passes the privacy scan, so
    /// a page with a mistake is not shown as if it worked. Two findings need
    /// the other courses and come with the rebuild, a moment later: a session
    /// booked into a room another course holds at the same time (DATA013), and
    /// the share of courses with a partner (COP006); both are warnings, and
    /// when college.yml makes either an error there is no first look.
    public func firstLook(changed: Set<String>) -> [OutputFile]? {
        guard changed.count == 1, let path = changed.first, let checked = lastChecked, let site = checked.site,
            let theme = theme?.theme, let (contexts, scanner) = renderMemo.lastRender,
            let checks = markdownMemo.lastChecks,
            !Self.crossCourseRules.contains(where: { site.college.checks[$0] == .some(.error) })
        else { return nil }
        let loader = ContentLoader(siteRoot: options.siteRoot, contentDir: options.contentDir, limits: options.limits)
        guard let file = loader.readCourse(atPath: path),
            let previous = site.courses.first(where: { $0.file.path == file.path }),
            contexts.index.byID[previous.id] != nil
        else { return nil }
        let (entity, decodeFindings) = SiteDecoder.decodeFile(file, kind: .courses)
        guard case .course(let course) = entity, course.id == previous.id,
            options.includeDrafts || course.status != .draft
        else { return nil }
        let (body, bodyFindings) = MarkdownStage.parse(
            course.body, in: file, basePath: site.college.basePath, checks: checks)
        // The checks of stage 5 on this course alone (Site.lens), with its
        // suppressions and college.yml's overrides applied as a build applies them.
        let lens = site.lens(on: course)
        let today = Pipeline.today(options.now, timezone: site.college.timezone)
        var found = decodeFindings + bodyFindings
        found += Pipeline.checkFamilies(lens, today: today, memo: nil).flatMap { $0() }
        found = Pipeline.applyOverrides(
            Suppressions.apply(to: found, site: lens, bodies: [file.path: body]), site.college.checks)
        guard !found.contains(where: { $0.severity == .error && $0.file == file.path }) else { return nil }
        let html = theme.render("course", contexts.coursePage(course, bodyHTML: body.html))
        guard let html else { return nil }
        let page = OutputFile(path: "courses/\(course.id)/index.html", text: html)
        guard scanner.scan([page]).isEmpty else { return nil }
        generation += 1
        return [page]
    }

    /// The findings that compare a course with the others, which a first look
    /// cannot see (Site.lens): warnings, unless college.yml's `checks:` makes
    /// one an error, and then a save could break the build with no error in
    /// the saved file's own checks. A first look is not made then.
    static let crossCourseRules: [RuleID] = [.dataVenueOverlap, .copPartnerShare]

    /// Reading and parsing the templates took 13 ms of every save; they are
    /// read again only when something other than a content file changed (a
    /// template, or anything the watcher could not place), or when the
    /// changes are unknown.
    private func currentTheme(changed: Set<String>?) -> Pipeline.LoadedTheme {
        let content = options.contentDir.standardizedFileURL.path + "/"
        if let kept = theme, let changed, changed.allSatisfy({ $0.hasPrefix(content) }) { return kept }
        let loaded = Pipeline.loadTheme(options)
        theme = loaded
        return loaded
    }

    /// Makes what the last quick pass left as it was, from the same checked
    /// content: the result is the whole site, up to date.
    public func complete() -> BuildResult {
        guard let checked = lastChecked else { return rebuild() }
        generation += 1
        return finished(Pipeline.render(options, checked: checked, memo: renderMemo, into: .memory, theme: theme))
    }

    /// After a build that did not work, the last render's page contexts (a
    /// whole site) are let go rather than kept beside the new one; without
    /// them no first look is made until a build works again.
    private func finished(_ result: BuildResult) -> BuildResult {
        if result.errorCount > 0 { renderMemo.lastRender = nil }
        return result
    }
}
