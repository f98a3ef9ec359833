/// Stage 3: front matter and YAML of every file into the typed model.
///
/// Each file is decoded on its own (no shared state), so one broken file never
/// hides the problems of another, and the work can run in parallel.
public enum SiteDecoder {
    public static func decode(_ loaded: LoadedContent) -> (site: Site?, diagnostics: [Diagnostic]) {
        decode(loaded, memo: nil)
    }

    /// Decodes, reusing the memo's result for every file whose text has not
    /// changed since it was decoded (a file's decoding depends on nothing else).
    static func decode(_ loaded: LoadedContent, memo: DecodeMemo?) -> (site: Site?, diagnostics: [Diagnostic]) {
        var diagnostics = loaded.diagnostics
        var college: College?
        if let file = loaded.college {
            let bag = DiagnosticBag()
            switch YAMLParser.parse(file.text, firstLine: 1, file: file) {
            case .failure(let diagnostic): bag.add(diagnostic)
            case .success(nil):
                bag.add(
                    file.diagnostic(
                        .yamlNotMapping, at: SourceLocation(line: 1, column: 1), "college.yml has no fields",
                        hint: "start with `name: Your Recovery College`; see the coordinators' guide in the README"))
            case .success(let document?):
                college = College.decode(document, bag: bag)
            }
            diagnostics += bag.items
        }

        var courses: [Course] = [], trainers: [Trainer] = [], partners: [Partner] = []
        var venues: [Venue] = [], pages: [Page] = []
        var files: [String: SourceFile] = [:]
        var brokenDrafts = Set<String>(), undecodedCourseIDs = Set<String>()
        if let collegeFile = loaded.college { files[collegeFile.path] = collegeFile }
        let jobs = ContentKind.allCases.flatMap { kind in (loaded.files[kind] ?? []).map { (kind, $0) } }
        // Files are decoded on every core; each is independent of the others.
        let decoded = parallelMap(jobs) { kind, file in
            memo?.decoded(file, kind: kind) ?? decodeFile(file, kind: kind)
        }
        memo?.remember(zip(jobs, decoded).map { ($0.0, $0.1, $1) })
        var seen: [ContentKind: [String: String]] = [:]
        for ((kind, file), result) in zip(jobs, decoded) {
            files[file.path] = file
            if let other = seen[kind]?[file.stem] {
                diagnostics.append(
                    file.diagnostic(
                        .dataDuplicateID, at: nil, "another file already has the id \"\(file.stem)\": \(other)",
                        hint: "rename one of the two files; ids must be unique within \(kind.rawValue)/"))
                continue
            }
            diagnostics += result.diagnostics
            guard Slug.isValid(file.stem) else { continue }
            seen[kind, default: [:]][file.stem] = file.path
            switch result.entity {
            case .course(let v): courses.append(v)
            case .trainer(let v): trainers.append(v)
            case .partner(let v): partners.append(v)
            case .venue(let v): venues.append(v)
            case .page(let v): pages.append(v)
            case .brokenDraft:
                brokenDrafts.insert(file.path)
                undecodedCourseIDs.insert(file.stem)
            case nil: if kind == .courses { undecodedCourseIDs.insert(file.stem) }
            }
        }
        guard let college else { return (nil, diagnostics) }
        var site = Site(
            college: college, courses: courses, trainers: trainers, partners: partners, venues: venues, pages: pages)
        site.files = files
        site.collegePath = loaded.college?.path
        site.brokenDrafts = brokenDrafts
        site.undecodedCourseIDs = undecodedCourseIDs
        return (site, diagnostics)
    }

    typealias Decoded = (entity: Entity?, diagnostics: [Diagnostic])

    enum Entity: Sendable {
        case course(Course), trainer(Trainer), partner(Partner), venue(Venue), page(Page)
        /// A course that could not be decoded (a required field is missing, say)
        /// but whose front matter says `status: draft`.
        case brokenDraft
    }

    /// One file on its own: id, front matter, YAML and the typed model.
    static func decodeFile(_ file: SourceFile, kind: ContentKind) -> (entity: Entity?, diagnostics: [Diagnostic]) {
        let bag = DiagnosticBag()
        let id = file.stem
        guard Slug.isValid(id) else {
            let suggestion = Slug.make(from: id)
            bag.add(
                file.diagnostic(
                    .dataID, at: nil,
                    "the file name \"\(id).md\" is not a valid id: ids use only lowercase letters, digits and single hyphens (at most \(Slug.maxLength) characters), because they become web addresses",
                    hint: suggestion.isEmpty ? "rename the file, e.g. my-course.md" : "rename the file to \(suggestion).md"))
            return (nil, bag.items)
        }
        guard let (document, body) = parse(file, bag: bag) else { return (nil, bag.items) }
        let entity: Entity?
        switch kind {
        case .courses:
            entity = Course.decode(document, body: body, id: id, bag: bag).map { .course($0) }
                ?? (document.root["status"]?.string == CourseStatus.draft.rawValue ? .brokenDraft : nil)
        case .trainers: entity = Trainer.decode(document, body: body, id: id, bag: bag).map { .trainer($0) }
        case .partners: entity = Partner.decode(document, body: body, id: id, bag: bag).map { .partner($0) }
        case .venues: entity = Venue.decode(document, body: body, id: id, bag: bag).map { .venue($0) }
        case .pages: entity = Page.decode(document, body: body, id: id, bag: bag).map { .page($0) }
        }
        return (entity, bag.items)
    }

    /// Splits a file and parses its front matter; nil (with a diagnostic) when
    /// there is no usable front matter.
    static func parse(_ file: SourceFile, bag: DiagnosticBag) -> (YAMLDocument, MarkdownSource)? {
        let split: SplitFile
        switch FrontMatterSplitter.split(file) {
        case .failure(let diagnostic):
            bag.add(diagnostic)
            return nil
        case .success(let value): split = value
        }
        guard let yaml = split.yaml else {
            bag.add(
                file.diagnostic(
                    .yamlNotMapping, at: SourceLocation(line: 1, column: 1),
                    "the file has no front matter: it must start with a line `---`, then its fields, then another `---` line",
                    hint: "add the fields between two `---` lines at the top of the file; docs/content-guide.md has an example of each kind of file"))
            return nil
        }
        switch YAMLParser.parse(yaml, firstLine: split.yamlFirstLine, file: file) {
        case .failure(let diagnostic):
            bag.add(diagnostic)
            return nil
        case .success(nil):
            bag.add(
                file.diagnostic(
                    .yamlNotMapping, at: SourceLocation(line: 1, column: 1), "the front matter between the `---` lines is empty",
                    hint: "add the required fields, e.g. `title: ...`"))
            return nil
        case .success(let document?):
            guard document.root.mapping != nil else {
                bag.add(
                    document.diagnostic(
                        .yamlNotMapping, at: document.root,
                        "the front matter should be `key: value` lines, but it is \(describe(document.root))",
                        hint: "write each field on its own line as `name: value`"))
                return nil
            }
            return (document, MarkdownSource(text: split.body, firstLine: split.bodyFirstLine))
        }
    }
}

/// Each file's decoded model from the last build, by path and content hash.
final class DecodeMemo: @unchecked Sendable {
    // Read from many threads during `decode`, written by `remember` only after
    // the parallel part is over, by the session's one owner.
    private var entries: [String: (hash: UInt64, kind: ContentKind, result: SiteDecoder.Decoded)] = [:]

    func decoded(_ file: SourceFile, kind: ContentKind) -> SiteDecoder.Decoded? {
        guard let entry = entries[file.path], entry.hash == file.hash, entry.kind == kind else { return nil }
        return entry.result
    }

    func remember(_ results: [(ContentKind, SourceFile, SiteDecoder.Decoded)]) {
        var next: [String: (hash: UInt64, kind: ContentKind, result: SiteDecoder.Decoded)] = [:]
        next.reserveCapacity(results.count)
        for (kind, file, result) in results { next[file.path] = (file.hash, kind, result) }
        entries = next
    }
}
