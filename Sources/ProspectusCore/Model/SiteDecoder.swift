/// Stage 3: front matter and YAML of every file into the typed model.
///
/// Each file is decoded on its own (no shared state), so one broken file never
/// hides the problems of another, and the work can run in parallel.
public enum SiteDecoder {
    public static func decode(_ loaded: LoadedContent) -> (site: Site?, diagnostics: [Diagnostic]) {
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
        if let collegeFile = loaded.college { files[collegeFile.path] = collegeFile }
        for kind in ContentKind.allCases {
            var seen: [String: String] = [:]
            for file in loaded.files[kind] ?? [] {
                files[file.path] = file
                let bag = DiagnosticBag()
                defer { diagnostics += bag.items }
                let id = file.stem
                if !Slug.isValid(id) {
                    let suggestion = Slug.make(from: id)
                    bag.add(
                        file.diagnostic(
                            .dataID, at: nil,
                            "the file name \"\(id).md\" is not a valid id: ids use only lowercase letters, digits and single hyphens (at most \(Slug.maxLength) characters), because they become web addresses",
                            hint: suggestion.isEmpty ? "rename the file, e.g. my-course.md" : "rename the file to \(suggestion).md"))
                    continue
                }
                if let other = seen[id] {
                    bag.add(
                        file.diagnostic(
                            .dataDuplicateID, at: nil, "another file already has the id \"\(id)\": \(other)",
                            hint: "rename one of the two files; ids must be unique within \(kind.rawValue)/"))
                    continue
                }
                seen[id] = file.path
                guard let (document, body) = parse(file, bag: bag) else { continue }
                switch kind {
                case .courses: if let v = Course.decode(document, body: body, id: id, bag: bag) { courses.append(v) }
                case .trainers: if let v = Trainer.decode(document, body: body, id: id, bag: bag) { trainers.append(v) }
                case .partners: if let v = Partner.decode(document, body: body, id: id, bag: bag) { partners.append(v) }
                case .venues: if let v = Venue.decode(document, body: body, id: id, bag: bag) { venues.append(v) }
                case .pages: if let v = Page.decode(document, body: body, id: id, bag: bag) { pages.append(v) }
                }
            }
        }
        guard let college else { return (nil, diagnostics) }
        var site = Site(
            college: college, courses: courses, trainers: trainers, partners: partners, venues: venues, pages: pages)
        site.files = files
        return (site, diagnostics)
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
