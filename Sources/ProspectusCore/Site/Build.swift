import CPlatform
import Foundation

/// Where the site is and how to build it.
public struct BuildOptions: Sendable {
    public var siteRoot: URL
    public var contentDir: URL
    public var templatesDir: URL
    public var outputDir: URL
    public var includeDrafts = false
    /// Overrides `base_url` from college.yml (e.g. for a staging deploy).
    public var baseURL: String?
    /// The moment the build runs, used only to decide whether consent has
    /// lapsed; it never appears in the output. Set from SOURCE_DATE_EPOCH for
    /// reproducible builds.
    public var now: Date
    public var limits = Limits()
    /// Whether `build` may link files unchanged since the last build from the
    /// output folder (BuildCache). Off, every file is made again.
    public var useBuildCache = true

    public init(siteRoot: URL, contentDir: URL? = nil, templatesDir: URL? = nil, outputDir: URL? = nil, now: Date = Date()) {
        self.siteRoot = siteRoot.standardizedFileURL
        self.contentDir = (contentDir ?? siteRoot.appendingPathComponent("content")).standardizedFileURL
        self.templatesDir = (templatesDir ?? siteRoot.appendingPathComponent("templates")).standardizedFileURL
        self.outputDir = (outputDir ?? siteRoot.appendingPathComponent("output")).standardizedFileURL
        self.now = now
    }
}

/// What a check or build found and did.
public struct BuildResult: Sendable {
    public var diagnostics: [Diagnostic]
    public var site: Site?
    /// Every file, when the render kept them in memory (not when `build` wrote them as it went).
    public var files: [OutputFile] = []
    /// The path of every file made, kept or written.
    public var paths: [String] = []
    public var pageCount: Int { paths.filter { $0.hasSuffix(".html") }.count }
    /// Why writing the staging folder failed, if it did.
    var writeError: OutputWriteError?
    /// Each rendered file's key and size, and the privacy scan's secrets: for the build cache.
    var made: [String: (key: UInt64, size: Int)] = [:]
    /// Where the printed sections sit in prospectus.html: for the build cache.
    var spans: [String: RenderMemo.Span] = [:]
    /// How many printed sections and courses' calendar events were copied from
    /// the previous output rather than made.
    var copiedSections = 0
    var copiedEvents = 0
    var secretsKey: UInt64 = 0
    /// How many files were linked unchanged from the previous output.
    public var reusedCount = 0
    public var courseCount = 0
    /// How many files this render made rather than reused from the memo.
    public var freshCount = 0
    /// Pages that list every course which a preview's quick pass served as they
    /// were (BuildSession.rebuild(changed:quick:)); empty for a complete build.
    public var deferredPaths: Set<String> = []
    /// True when every file is up to date with the content.
    public var isComplete: Bool { deferredPaths.isEmpty }
    /// True when nothing the output is made from had changed since the last
    /// build, so the output folder was left as it was (UpToDate).
    public var isUpToDate = false

    public var errorCount: Int { diagnostics.errorCount }

    /// The result of a build that publishes nothing: no files.
    func blocked() -> BuildResult {
        var result = self
        result.files = []
        result.paths = []
        return result
    }
}

/// The pipeline, one stage after another. Stages never print and never exit:
/// each returns what it made and the diagnostics it found, and the command
/// line (or the preview server) decides what to show.
public enum Pipeline {
    /// Load, decode, parse Markdown and check: everything but rendering.
    public static func check(_ options: BuildOptions) -> Checked {
        // 1. Read every file under content/.
        let loaded = StageTimes.measure("load") {
            ContentLoader(siteRoot: options.siteRoot, contentDir: options.contentDir, limits: options.limits).load()
        }
        return check(options, loaded: loaded, decodeMemo: nil, markdownMemo: nil, checkMemo: nil)
    }

    public typealias Checked = (site: Site?, bodies: [String: RenderedMarkdown], diagnostics: [Diagnostic])

    /// The checks from stage 2 on, reusing what the memos hold for unchanged files.
    static func check(
        _ options: BuildOptions, loaded: LoadedContent, decodeMemo: DecodeMemo?, markdownMemo: MarkdownMemo?, checkMemo: CheckMemo?
    ) -> Checked {
        // 2–3. Split front matter, parse YAML, decode the typed model.
        var (site, diagnostics) = StageTimes.measure("decode") { SiteDecoder.decode(loaded, memo: decodeMemo) }
        guard var site else { return (nil, [:], diagnostics) }
        if let baseURL = options.baseURL { site.college.baseURL = baseURL }
        // 4. Markdown bodies through cmark, each checked as it is parsed
        // (BodyChecks) so that only its HTML is kept.
        let (bodies, markdownDiagnostics) = StageTimes.measure("markdown and body checks") {
            MarkdownStage.run(site, memo: markdownMemo, checks: BodyChecks(site: site))
        }
        diagnostics += markdownDiagnostics
        // 5. Checks that need the whole site, family by family (docs/rules.md).
        let today = today(options.now, timezone: site.college.timezone)
        let decoded = site
        let checked = StageTimes.measure("checks") { () -> [Diagnostic] in
            // The families are independent of each other: run them on every
            // core, and join their findings in this fixed order.
            let families = checkFamilies(decoded, today: today, memo: checkMemo)
            let found = diagnostics + parallelMap(Array(families.indices)) { families[$0]() }.flatMap { $0 }
            checkMemo?.finishRun()
            return applyOverrides(Suppressions.apply(to: found, site: decoded, bodies: bodies), decoded.college.checks)
        }
        diagnostics = checked
        if !options.includeDrafts { diagnostics = softenDrafts(diagnostics, site) }
        return (site, bodies, diagnostics)
    }

    /// Stage 5's families (docs/rules.md), in the order their findings are
    /// reported. Language, readability and accessibility read only the front
    /// matter here: the bodies were checked in stage 4.
    static func checkFamilies(_ site: Site, today: CalendarDate, memo: CheckMemo?) -> [@Sendable () -> [Diagnostic]] {
        [
            { IntegrityChecks.run(site, today: today) },
            { CoproductionChecks.run(site) },
            { PrivacyChecks.run(site, today: today) },
            { DeliveryChecks.run(site) },
            { PageChecks.run(site) },
            { LanguageLint.run(site, bodies: [:], memo: memo) },
            { Readability.run(site, bodies: [:], memo: memo) },
            { ContentAccessibility.run(site, bodies: [:], memo: memo) },
        ]
    }

    /// A draft is work in progress and is not published without --drafts, so
    /// its problems are reported as warnings: an unfinished draft must not stop
    /// the rest of the prospectus from being published.
    static func softenDrafts(_ diagnostics: [Diagnostic], _ site: Site) -> [Diagnostic] {
        let drafts = Set(site.courses.filter { $0.status == .draft }.map(\.file.path)).union(site.brokenDrafts)
        guard !drafts.isEmpty else { return diagnostics }
        return diagnostics.map { diagnostic in
            guard diagnostic.severity == .error, let file = diagnostic.file, drafts.contains(file) else { return diagnostic }
            var softened = diagnostic
            softened.severity = .warning
            softened.message += " (in a draft, so it does not stop publishing)"
            return softened
        }
    }

    /// Check, then render every page in memory. Nothing is written.
    ///
    /// `memo` holds what an earlier render made (a BuildSession keeps one):
    /// pages whose inputs have not changed are reused from it instead of being
    /// made again, and files already scanned clean are not scanned again.
    public static func render(_ options: BuildOptions, memo: RenderMemo = RenderMemo()) -> BuildResult {
        render(options, checked: check(options), memo: memo, into: .memory)
    }

    /// What `prospectus check` runs: every check, the theme, and every page
    /// rendered and privacy-scanned as a build would, but no page kept (kept,
    /// a clean site of 10,000 courses took 650 MB). The result has no files.
    public static func checkEverything(_ options: BuildOptions) -> BuildResult {
        render(options, checked: check(options), memo: RenderMemo(), into: .discard)
    }

    /// The theme as `Theme.load` gives it: the templates, or what is wrong with them.
    typealias LoadedTheme = (theme: Theme?, diagnostics: [Diagnostic])

    static func loadTheme(_ options: BuildOptions) -> LoadedTheme {
        StageTimes.measure("theme") { Theme.load(from: options.templatesDir, siteRoot: options.siteRoot) }
    }

    /// `theme`: the theme already loaded by a BuildSession whose templates have not changed.
    static func render(
        _ options: BuildOptions, checked: Checked, memo: RenderMemo, into destination: OutputCollector.Destination,
        theme loaded: LoadedTheme? = nil
    ) -> BuildResult {
        let (site, bodies, checkDiagnostics) = checked
        var diagnostics = checkDiagnostics
        // 6. The theme: every template parsed, every partial present.
        let (theme, themeDiagnostics) = loaded ?? loadTheme(options)
        diagnostics += themeDiagnostics
        guard let site, let theme, diagnostics.errorCount == 0 else {
            return BuildResult(diagnostics: diagnostics, site: site)
        }
        let today = today(options.now, timezone: site.college.timezone)
        let published = site.courses.filter { options.includeDrafts || $0.status != .draft }
        let (contexts, keys) = StageTimes.measure("contexts and keys") { () -> (PageContexts, RenderKeys) in
            let contexts = PageContexts(site: site, bodies: bodies, published: published, today: today)
            return (contexts, RenderKeys(contexts: contexts, includeDrafts: options.includeDrafts))
        }
        // 7–8. Render pages (reusing what has not changed), calendars, then theme
        // assets. Each batch passes the last gate as it is made: nothing private
        // and no unconsented name in any file (PrivacyScan), then it is kept in
        // memory or written to the staging folder. A file reused from the memo
        // was scanned when it was made, with the same secrets.
        let collector = OutputCollector(
            destination: destination,
            secrets: PrivacyScan.secrets(in: site, people: contexts.people), memo: memo)
        memo.currentSecrets = collector.secretsKey
        memo.lastRender = collector.keepsBytes ? (contexts, collector.scanner) : nil
        let renderer = SiteRenderer(contexts: contexts, theme: theme, keys: keys, memo: memo)
        var rendered = StageTimes.measure("render pages") { renderer.renderAll(into: collector) }
        StageTimes.measure("calendars") {
            CalendarFeed.add(site: site, published: contexts.ordered, keys: keys, memo: memo, to: &rendered)
        }
        diagnostics += rendered.diagnostics
        let assets = copyAssets(theme: theme, site: site, options: options, diagnostics: &diagnostics)
        collector.take(assets, keys: [:], fresh: [])
        memo.commit(files: rendered.made, fragments: rendered.fragments)
        collector.commitScan()
        diagnostics += collector.diagnostics
        var result = BuildResult(diagnostics: diagnostics, site: site, files: collector.kept)
        result.paths = collector.paths
        result.secretsKey = collector.secretsKey
        for (path, made) in rendered.made {
            if let size = collector.sizes[path] { result.made[path] = (made.key, size) }
        }
        result.reusedCount = rendered.made.count - rendered.fresh.count
        result.writeError = collector.writeError
        result.courseCount = published.count
        result.freshCount = rendered.fresh.count
        result.deferredPaths = rendered.deferred
        result.spans = rendered.spans
        result.copiedSections = rendered.copiedSections
        result.copiedEvents = rendered.copiedEvents
        return result
    }

    /// Render and, when there are no errors, replace the output folder atomically.
    public static func build(_ options: BuildOptions, strict: Bool = false) -> Result<BuildResult, UnsafeOutputFolder> {
        let sources = [options.contentDir, options.templatesDir]
        if case .failure(let problem) = OutputFolder.validate(
            output: options.outputDir, protecting: sources + [options.siteRoot], sources: sources)
        {
            return .failure(problem)
        }
        let writer = AtomicWriter(output: options.outputDir)
        let lock: BuildLock
        switch writer.lock() {
        case .success(let held): lock = held
        case .failure(let problem): return .failure(UnsafeOutputFolder(description: problem.description))
        }
        defer { withExtendedLifetime(lock) {} }
        // 1. Read every file under content/; with nothing changed since the
        // last build, that is all there is to do.
        let loaded = StageTimes.measure("load") {
            ContentLoader(siteRoot: options.siteRoot, contentDir: options.contentDir, limits: options.limits).load()
        }
        let upToDate = UpToDate(cacheFolder: BuildCache(output: options.outputDir).folder)
        let inputs = options.useBuildCache ? UpToDate.inputs(loaded, options: options, strict: strict) : nil
        if let inputs, let unchanged = StageTimes.measure("up to date?", { upToDate.unchanged(inputs: inputs, options: options) }) {
            return .success(unchanged)
        }
        let checked = checkKeepingBodies(options, loaded: loaded)
        // Content errors stop the build before anything is written.
        if checked.diagnostics.errorCount > 0 || (strict && checked.diagnostics.warningCount > 0) {
            return .success(render(options, checked: checked, memo: RenderMemo(), into: .discard).blocked())
        }
        // 9. Write each batch into the staging folder as it is made, then swap it in.
        // Files unchanged since the last build (same inputs, same program) are
        // linked from the current output instead of being made again.
        let staging: Staging
        switch writer.beginStaging() {
        case .success(let started): staging = started
        case .failure(let problem): return .failure(UnsafeOutputFolder(description: problem.description))
        }
        let cache = BuildCache(output: options.outputDir)
        let memo = RenderMemo()
        if options.useBuildCache, let manifest = StageTimes.measure("build cache: read", { cache.load() }) {
            memo.usePreviousOutput(options.outputDir, files: manifest.files, secrets: manifest.secrets, spans: manifest.spans)
        }
        let result = render(options, checked: checked, memo: memo, into: .staging(staging))
        if let problem = result.writeError {
            writer.abandon()
            return .failure(UnsafeOutputFolder(description: problem.description))
        }
        let blocked = result.errorCount > 0 || (strict && result.diagnostics.warningCount > 0)
        guard !blocked else {
            writer.abandon()
            return .success(result.blocked())
        }
        cache.clear()
        upToDate.forget()
        if case .failure(let problem) = StageTimes.measure("swap in the new output", { writer.finish() }) {
            return .failure(UnsafeOutputFolder(description: problem.description))
        }
        if options.useBuildCache {
            let stamps = StageTimes.measure("stamp the output") { FileStamp.stamps(of: result.paths, in: options.outputDir) }
            StageTimes.measure("build cache: write") {
                cache.save(result.made, spans: result.spans, secrets: result.secretsKey, stamps: stamps)
            }
            if let inputs {
                StageTimes.measure("up to date: write") {
                    upToDate.save(inputs: inputs, result: result, options: options, stamps: stamps)
                }
            }
        }
        return .success(result)
    }

    /// `check`, with each body that has not changed since the last build taken
    /// from the body cache instead of parsed and checked again; then every
    /// body is kept for the next build. They are kept at once, not after
    /// publishing: what they hold depends only on their files (a build
    /// stopped by an error in one file still parsed the others), and held
    /// until the end of the build they would add their 30 MB (at 10,000
    /// courses) to its peak memory.
    static func checkKeepingBodies(_ options: BuildOptions, loaded: LoadedContent) -> Checked {
        guard options.useBuildCache else {
            return check(options, loaded: loaded, decodeMemo: nil, markdownMemo: nil, checkMemo: nil)
        }
        let bodyCache = BodyCache(cacheFolder: BuildCache(output: options.outputDir).folder)
        let memo = bodyCache.memo()
        let checked = check(options, loaded: loaded, decodeMemo: nil, markdownMemo: memo, checkMemo: nil)
        StageTimes.measure("body cache: write") { bodyCache.save(memo) }
        // The cache file's bytes and the previous run's entries are freed by
        // now: their pages go back before rendering, where the peak is.
        prospectus_return_free_memory()
        return checked
    }

    /// Applies `checks:` from college.yml: a new severity, or off.
    static func applyOverrides(_ diagnostics: [Diagnostic], _ overrides: [RuleID: Severity?]) -> [Diagnostic] {
        guard !overrides.isEmpty else { return diagnostics }
        return diagnostics.compactMap { diagnostic in
            guard let override = overrides[diagnostic.rule], diagnostic.rule.info?.overridable ?? false else {
                return diagnostic
            }
            guard let severity = override else { return nil }
            var changed = diagnostic
            changed.severity = severity
            return changed
        }
    }

    /// Today's date in the college's time zone.
    public static func today(_ now: Date, timezone: String) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timezone) ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
            ?? CalendarDate.fromDaysSinceEpoch(0)
    }

    /// Theme assets (CSS) and the content's images, copied as they are.
    static func copyAssets(theme: Theme, site: Site, options: BuildOptions, diagnostics: inout [Diagnostic]) -> [OutputFile] {
        var files: [OutputFile] = []
        for asset in theme.assets {
            if let data = FileManager.default.contents(atPath: theme.directory.appendingPathComponent(asset).path) {
                files.append(OutputFile(path: asset, contents: data))
            }
        }
        // Images named by trainers (with photo consent) and partners.
        let people = Dictionary(site.trainers.map { ($0.id, PublicTrainer($0, today: today(options.now, timezone: site.college.timezone))) }, uniquingKeysWith: { a, _ in a })
        var images: [(String, SourceFile)] = site.partners.compactMap { p in p.logo.map { ($0.src, p.file) } }
        images += site.trainers.compactMap { t in
            (people[t.id]?.showPhoto ?? false) ? t.photo.map { ($0.src, t.file) } : nil
        }
        let contentRoot = realPath(options.contentDir.path)
        var copied = Set<String>()
        for (src, file) in images where copied.insert(src).inserted {
            let source = realPath(options.contentDir.appendingPathComponent(src).path)
            guard isInside(source, contentRoot), let data = FileManager.default.contents(atPath: source) else {
                diagnostics.append(
                    file.diagnostic(
                        .dataAssetPath, at: nil, "the image \(src) does not exist in the content folder",
                        hint: "put the image at content/\(src), or correct the path"))
                continue
            }
            files.append(OutputFile(path: src, contents: data))
        }
        return files
    }
}
