import Foundation

/// Why `new` or `init` could not do what was asked, in words for the person
/// at the keyboard (the command line prints it and exits with 2).
public struct ScaffoldError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { message + (hint.map { "\n  hint: " + $0 } ?? "") }
}

/// `prospectus new KIND ID`: one new content file, never over an existing one.
public enum NewFile {
    public struct Written: Sendable {
        /// Where the file is, relative to the site folder: `content/courses/x.md`.
        public var path: String
        public var notes: [String]
    }

    public static func create(
        _ kind: NewFileKind, id: String, siteRoot: URL, contentDir: URL, now: Date, limits: Limits = Limits()
    ) -> Result<Written, ScaffoldError> {
        guard Slug.isValid(id) else { return .failure(invalidID(id)) }
        let fm = FileManager.default
        let content = contentDir.standardizedFileURL
        let shownContent = SitePaths.relative(content, to: siteRoot)
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: content.path, isDirectory: &isFolder), isFolder.boolValue else {
            return .failure(
                ScaffoldError(
                    "there is no content folder at \(shownContent)",
                    hint: "run this in your site's folder, pass --content DIR, or start a new site with `prospectus init`"))
        }
        let folder = content.appendingPathComponent(kind.folder.rawValue)
        let target = folder.appendingPathComponent(id + ".md")
        let shown = SitePaths.relative(target, to: siteRoot)
        // A link may not lead the new file out of the content folder: the loader
        // would refuse to read it there anyway.
        guard isInside(realPath(folder.path), realPath(content.path)) else {
            return .failure(ScaffoldError("\(SitePaths.relative(folder, to: siteRoot)) leads outside the content folder"))
        }
        let loader = ContentLoader(siteRoot: siteRoot, contentDir: content, limits: limits)
        if let taken = existing(kind, id: id, target: target, folder: folder, loader: loader) { return .failure(taken) }
        let loaded = loader.load()
        let site = SiteDecoder.decode(loaded).site
        if kind.needsCollege && site == nil {
            return .failure(collegeProblem(kind, loaded: loaded, shownContent: shownContent, content: content))
        }
        let today = Pipeline.today(now, timezone: site?.college.timezone ?? "UTC")
        guard let draft = NewFileText.make(kind, id: id, site: site, today: today) else {
            return .failure(ScaffoldError("a new \(kind.rawValue) needs a readable \(shownContent)/college.yml"))
        }
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            // Without overwriting: if the file appeared since the check above, it is kept.
            try Data(draft.text.utf8).write(to: target, options: .withoutOverwriting)
        } catch {
            if fm.fileExists(atPath: target.path) { return .failure(alreadyThere(shown, kind: kind)) }
            return .failure(ScaffoldError("\(shown) could not be written: \(error.localizedDescription)"))
        }
        return .success(Written(path: shown, notes: draft.notes))
    }

    /// The file, or another file with the same id: subfolders do not change an
    /// id, so courses/2026/x.md already owns the id x, even when it cannot be read.
    static func existing(_ kind: NewFileKind, id: String, target: URL, folder: URL, loader: ContentLoader) -> ScaffoldError? {
        let fm = FileManager.default
        if fm.fileExists(atPath: target.path) || (try? fm.destinationOfSymbolicLink(atPath: target.path)) != nil {
            return alreadyThere(SitePaths.relative(target, to: loader.siteRoot), kind: kind)
        }
        var ignored: [Diagnostic] = []
        let files = loader.markdownFiles(in: folder, contentRoot: realPath(loader.contentDir.path), diagnostics: &ignored)
        guard let other = files.first(where: { $0.deletingPathExtension().lastPathComponent == id }) else { return nil }
        let path = SitePaths.relative(other, to: loader.siteRoot)
        return ScaffoldError(
            "there is already a \(kind.rawValue) with the id \"\(id)\": \(path)",
            hint: "ids must be unique; choose another id, or edit \(path)")
    }

    /// Why college.yml, which a course or trainer is made from, is no use.
    static func collegeProblem(_ kind: NewFileKind, loaded: LoadedContent, shownContent: String, content: URL) -> ScaffoldError {
        let uses = kind == .course ? "terms, categories and roles" : "roles and time zone"
        let college = "\(shownContent)/college.yml"
        if loaded.college == nil && !FileManager.default.fileExists(atPath: content.appendingPathComponent("college.yml").path) {
            return ScaffoldError(
                "a new \(kind.rawValue) takes the college's \(uses) from \(college), and there is none",
                hint: "run this in your site's folder, pass --content DIR, or start a new site with `prospectus init`")
        }
        return ScaffoldError(
            "a new \(kind.rawValue) takes the college's \(uses) from \(college), which cannot be read",
            hint: "run `prospectus check` to see what is wrong with it, then try again")
    }

    static func invalidID(_ id: String) -> ScaffoldError {
        let suggestion = Slug.make(from: id)
        return ScaffoldError(
            "\"\(id)\" cannot be an id: ids may contain only lowercase letters a to z, digits 0 to 9 and single hyphens between them (no spaces, capitals, dots or slashes), at most \(Slug.maxLength) characters",
            hint: suggestion.isEmpty || suggestion == id
                ? "the id becomes the file name and the web address, e.g. understanding-recovery"
                : "use \(suggestion)")
    }

    static func alreadyThere(_ shown: String, kind: NewFileKind) -> ScaffoldError {
        ScaffoldError(
            "\(shown) already exists; it was left as it is",
            hint: "edit that file, or choose another id for the new \(kind.rawValue)")
    }
}
