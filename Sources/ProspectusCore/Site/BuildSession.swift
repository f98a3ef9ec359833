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
        return Pipeline.render(options, checked: checked, memo: renderMemo, staging: nil, theme: currentTheme(changed: changed))
    }

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
        return Pipeline.render(options, checked: checked, memo: renderMemo, staging: nil, theme: theme)
    }
}
