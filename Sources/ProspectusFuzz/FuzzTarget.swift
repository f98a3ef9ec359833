// The libFuzzer target for Prospectus: see docs/fuzzing.md, and run it with `make fuzz`.
//
// This module is ONE file on purpose. libFuzzer brings its own `main`, so the
// module has no main.swift and no @main (../shared/spec/toolchain-notes.md,
// trap 8). Built with `--sanitize=fuzzer`, SwiftPM compiles it with
// -parse-as-library and links libFuzzer's `main`. In a plain `swift build` or
// `swift test` the single file is the module's main file, so the compiler
// gives it an empty `main`: the product links, does nothing when run, and the
// package keeps building. A second file here would break the plain build
// (no file would be the main file), so keep everything in this one.
//
// Only ProspectusCore's public API is used, so the target also builds without
// -enable-testing (release).
//
// Nothing here prints: findings surface as libFuzzer crashes. The oracles
// below (`expect`) stop the process on a broken promise, not only on a trap.

import Foundation
import HTMLOracle
import ProspectusCore

/// One input: the first byte chooses what it is, when it is one of the
/// selector bytes below; any other input is a whole course file.
///
/// | first byte | the rest of the input is |
/// |---|---|
/// | 0x01 | college.yml (with the fixed courses, trainers, venues, partners, pages) |
/// | 0x02 | a trainer file |
/// | 0x03 | a page file |
/// | 0x04 | a partner file |
/// | 0x05 | a venue file |
/// | 0x06 | a course file, then the whole build in memory (`Pipeline.render`: every page, calendar, feed, privacy scan) |
/// | anything else | the whole input is a course file |
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    FuzzHarness.run(bytes)
    return 0
}

enum FuzzHarness {
    enum Role {
        case college
        case file(ContentKind)
        case wholeBuild
    }

    /// The fixed clock (2026-11-18) used by the tests too.
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        var role = Role.file(.courses)
        var payload = bytes[...]
        if let first = bytes.first, (1...6).contains(first) {
            payload = payload.dropFirst()
            switch first {
            case 1: role = .college
            case 2: role = .file(.trainers)
            case 3: role = .file(.pages)
            case 4: role = .file(.partners)
            case 5: role = .file(.venues)
            default: role = .wholeBuild
            }
        }
        let input = [UInt8](payload)
        switch role {
        case .college: checkPipeline(input, kind: nil)
        case .file(let kind): checkPipeline(input, kind: kind)
        case .wholeBuild:
            checkPipeline(input, kind: .courses)
            wholeBuild(input)
        }
    }

    // MARK: load, decode, Markdown, checks, formatting

    /// Stages 1–5 on one file (`kind` nil: college.yml), the rest of the site fixed.
    static func checkPipeline(_ input: [UInt8], kind: ContentKind?) {
        let fixed = Fixed.site
        // 1. The real loader (TextDecoding, the size limit) reads the bytes from disk.
        let file = Workspace.load(input, kind: kind)
        // 2. Front matter (YAMLParser runs inside SiteDecoder, below: parsing twice halves the speed).
        if kind != nil {
            switch FrontMatterSplitter.split(file) {
            case .success(let split):
                expect(split.bodyFirstLine >= 1 && split.yamlFirstLine >= 1, "split lines")
                expect(split.yaml == nil || split.bodyFirstLine > split.yamlFirstLine, "the body starts inside the front matter")
            case .failure(let diagnostic):
                expect(diagnostic.rule.rawValue.hasPrefix("YAML"), "split failure rule")
            }
        }
        // 3. The model. The fuzzed file is decoded beside a one-line stand-in for
        // college.yml (decoding a file does not depend on the college), then joins
        // the fixed site decoded once at start; a fuzzed college.yml is decoded alone.
        var loaded = Fixed.emptyLoad
        loaded.college = kind == nil ? file : Fixed.stubCollege
        loaded.files = kind.map { [$0: [file]] } ?? [:]
        loaded.diagnostics = []
        var (decoded, diagnostics) = SiteDecoder.decode(loaded)
        diagnostics.removeAll { $0.file == Fixed.stubCollege.path }
        guard let decoded else {
            format(diagnostics, file: file)
            return
        }
        let college = kind == nil ? decoded.college : fixed.base.college
        var site = Site(
            college: college, courses: fixed.base.courses + decoded.courses,
            trainers: fixed.base.trainers + decoded.trainers, partners: fixed.base.partners + decoded.partners,
            venues: fixed.base.venues + decoded.venues, pages: fixed.base.pages + decoded.pages)
        site.files = fixed.base.files.merging(decoded.files) { _, new in new }
        site.files[Fixed.stubCollege.path] = nil
        // The per-file checks read only the fuzzed file (and college.yml's texts when
        // it is the fuzzed file): the fixed files would give the same findings every time.
        var local = Site(
            college: college, courses: decoded.courses, trainers: decoded.trainers, partners: decoded.partners,
            venues: decoded.venues, pages: decoded.pages)
        local.files = site.files
        if kind != nil { local.college.texts = [] }
        // 4. Markdown: the fixed bodies are rendered once, unless college.yml moved the site's base path.
        let basePath = site.college.basePath
        var bodies = basePath == "/" ? fixed.bodies : [:]
        for (source, body) in markdownSources(of: site) where bodies[source.path] == nil || source.path == file.path {
            let rendered = Markdown.render(body, basePath: basePath)
            checkHTML(rendered.html)
            bodies[source.path] = rendered
            diagnostics += rendered.problemDiagnostics(in: source)
            for link in rendered.links where !Markdown.isAllowedLink(link.url) {
                diagnostics.append(source.diagnostic(.dataURL, at: link.location, "unpublished link"))
            }
        }
        for text in [site.college.support, site.college.coproduction.statement ?? "", site.college.enrolment?.how ?? ""] {
            checkHTML(Markdown.html(text))
        }
        // 5. Every family of checks.
        let today = Pipeline.today(now, timezone: site.college.timezone)
        diagnostics += IntegrityChecks.run(site, today: today)
        diagnostics += CoproductionChecks.run(site)
        diagnostics += PrivacyChecks.run(local, today: today)
        diagnostics += DeliveryChecks.run(site)
        diagnostics += PageChecks.run(site)
        diagnostics += LanguageLint.run(local, bodies: bodies)
        diagnostics += Readability.run(local, bodies: bodies)
        diagnostics += ContentAccessibility.run(local, bodies: bodies)
        format(diagnostics, file: file)
    }

    static func markdownSources(of site: Site) -> [(SourceFile, MarkdownSource)] {
        var sources: [(SourceFile, MarkdownSource)] = site.courses.map { ($0.file, $0.body) }
        sources += site.trainers.map { ($0.file, $0.body) }
        sources += site.partners.map { ($0.file, $0.body) }
        sources += site.venues.map { ($0.file, $0.body) }
        sources += site.pages.map { ($0.file, $0.body) }
        return sources
    }

    /// Every output format, and what must hold of each.
    static func format(_ diagnostics: [Diagnostic], file: SourceFile) {
        let lines = file.text.utf8.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        for diagnostic in diagnostics where diagnostic.file == file.path {
            guard let location = diagnostic.location else { continue }
            expect(location.line >= 1 && location.column >= 1, "a position before the file: \(diagnostic.rule) \(location)")
            expect(location.line <= lines + 1, "a line past the end of the file: \(diagnostic.rule) \(location.line) > \(lines)")
        }
        _ = DiagnosticFormatter.text(diagnostics)
        _ = DiagnosticFormatter.text(diagnostics, color: true)
        _ = DiagnosticFormatter.github(diagnostics)
        _ = DiagnosticFormatter.summary(diagnostics)
        let json = DiagnosticFormatter.json(diagnostics)
        let parsed = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        expect((parsed?["diagnostics"] as? [Any])?.count == diagnostics.count, "--format json is not valid JSON")
    }

    /// cmark in safe mode: no raw HTML, no script, no unsafe link ever reaches a page.
    static func checkHTML(_ html: String) {
        for tag in HTMLTags.startTags(html) {
            expect(tag.name != "script" && tag.name != "iframe" && tag.name != "svg", "cmark output holds a <\(tag.name)>")
            for (name, value) in tag.attributes {
                expect(!name.hasPrefix("on"), "cmark output holds an event handler \(name)")
                if name == "href" || name == "src" {
                    expect(!HTMLTags.isUnsafeAddress(value), "an unsafe address in rendered Markdown: \(value.prefix(40))")
                }
            }
        }
    }

    // MARK: the whole build (selector 0x06)

    /// Renders the fixed site with the fuzzed course as `courses/fuzz.md`:
    /// every page, calendar and feed, then the privacy scan. Nothing is written.
    static func wholeBuild(_ input: [UInt8]) {
        guard let options = Workspace.wholeSite(with: input) else { return }
        let result = Pipeline.render(options)
        guard result.errorCount == 0 else { return }
        let secrets = Fixed.small.secrets
        for file in result.files {
            let text = String(decoding: file.contents, as: UTF8.self)
            for secret in secrets {
                expect(!text.contains(secret), "a private value or unconsented name was published in \(file.path)")
            }
            if file.path.hasSuffix(".html") { checkPage(text, path: file.path) }
        }
    }

    /// The only scripts on a page are the theme's filter script and JSON-LD; no
    /// tag has an event handler; no link, image or form uses an unsafe scheme.
    static func checkPage(_ html: String, path: String) {
        for tag in HTMLTags.startTags(html) {
            if tag.name == "script" {
                let type = tag.attributes.first { $0.name == "type" }?.value
                let src = tag.attributes.first { $0.name == "src" }?.value
                expect(type == "application/ld+json" || (src?.hasSuffix("filter.js") ?? false), "an unexpected <script> in \(path)")
            }
            for (name, value) in tag.attributes {
                expect(!name.hasPrefix("on"), "an event handler attribute \(name) on <\(tag.name)> in \(path)")
                if ["href", "src", "action", "formaction", "xlink:href", "srcset", "poster"].contains(name) {
                    expect(!HTMLTags.isUnsafeAddress(value), "an unsafe address \(value.prefix(40)) in \(path)")
                }
            }
        }
    }

    /// A broken promise: stop, so libFuzzer saves the input. (Printing here is the crash report.)
    static func expect(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("Prospectus fuzz oracle: \(message())") }
    }
}

// MARK: - the fixed part of the site

/// A site without its courses: its college.yml, trainers, venues, partners and
/// pages are the fixed site the fuzzed file joins, so seeds find every id they
/// refer to. The checks use the sample college (content/ beside this package,
/// whose courses are the seeds); the whole build uses the minimal test site.
/// When a folder cannot be found, a small built-in site is used.
struct Fixed: Sendable {
    let collegeFile: SourceFile
    /// Everything but the courses, decoded once.
    let base: Site
    let bodies: [String: RenderedMarkdown]
    /// On disk, for the whole build: path (relative to content/) → text.
    let files: [String: String]
    /// Every private value and every trainer's full name: none may be published.
    let secrets: [String]

    static let site: Fixed = Fixed.make(content: repository.appendingPathComponent("content"))
    /// The minimal test site (Tests/Fixtures/sites/minimal), for the whole build:
    /// rendering the sample's thirty pages on every input would be four times slower.
    static let small: Fixed = Fixed.make(content: repository.appendingPathComponent("Tests/Fixtures/sites/minimal/content"))
    /// Stands in for college.yml while a single course, trainer, venue, partner or page is decoded.
    static let stubCollege = SourceFile(
        path: "content/.fuzz-stub.yml", text: "{name: s, edition: s, base_url: \"https://s.example/\", timezone: UTC, support: s}\n")
    static let emptyLoad: LoadedContent = {
        let empty = Workspace.root.appendingPathComponent("empty")
        try? FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        return ContentLoader(siteRoot: Workspace.root, contentDir: empty).load()
    }()

    static var repository: URL {
        if let path = ProcessInfo.processInfo.environment["PROSPECTUS_FUZZ_SITE"] { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func make(content: URL) -> Fixed {
        var files: [String: String] = [:]
        let fm = FileManager.default
        if let college = try? String(contentsOf: content.appendingPathComponent("college.yml"), encoding: .utf8) {
            files["college.yml"] = college
            for kind in ["trainers", "venues", "partners", "pages"] {
                let folder = content.appendingPathComponent(kind)
                for name in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasSuffix(".md") {
                    if let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) {
                        files["\(kind)/\(name)"] = text
                    }
                }
            }
        } else {
            files = builtIn
        }
        // The sample content, or the built-in site if the sample no longer decodes.
        var decoded = decodeFiles(files)
        if decoded == nil {
            files = builtIn
            decoded = decodeFiles(files)
        }
        guard let (collegeFile, base) = decoded else { fatalError("Prospectus fuzz: the built-in site does not decode") }
        var bodies: [String: RenderedMarkdown] = [:]
        for (source, body) in FuzzHarness.markdownSources(of: base) {
            bodies[source.path] = Markdown.render(body, basePath: base.college.basePath)
        }
        // What PrivacyScan must find: long private values, and full names consent does not allow.
        let today = Pipeline.today(FuzzHarness.now, timezone: base.college.timezone)
        var secrets: [String] = []
        for trainer in base.trainers {
            secrets += trainer.privateValues.filter { $0.count >= 8 && !$0.contains("-") }
            let shown = PublicTrainer(trainer, today: today).name
            if shown != trainer.name && trainer.name.contains(" ") { secrets.append(trainer.name) }
        }
        return Fixed(collegeFile: collegeFile, base: base, bodies: bodies, files: files, secrets: secrets)
    }

    static func decodeFiles(_ files: [String: String]) -> (SourceFile, Site)? {
        let collegeFile = SourceFile(path: "content/college.yml", text: files["college.yml"] ?? "")
        var loaded = emptyLoad
        loaded.college = collegeFile
        loaded.files = [:]
        for (path, text) in files.sorted(by: { $0.key < $1.key }) where path != "college.yml" {
            let kind = ContentKind(rawValue: String(path.split(separator: "/")[0])) ?? .pages
            loaded.files[kind, default: []].append(SourceFile(path: "content/" + path, text: text))
        }
        return SiteDecoder.decode(loaded).site.map { (collegeFile, $0) }
    }

    /// Used only when the sample content cannot be found.
    static let builtIn: [String: String] = [
        "college.yml": """
            name: Fuzzbrook Recovery College
            edition: "2026-27"
            base_url: https://fuzzbrook.example.org/
            timezone: Europe/London
            enrolment: {how: Enrol online., url: "https://fuzzbrook.example.org/enrol"}
            support: If you need help now, call NHS 111.
            terms:
              - {id: autumn, name: Autumn term, start: 2026-09-01, end: 2026-12-18}
            categories:
              - {id: living-well, name: Living well}
            coproduction:
              statement: Written with our student forum.
            """,
        "trainers/peer-one.md": """
            ---
            name: Quentin Marwood
            roles: [peer-trainer]
            display: role-only
            consent: {name: false, recorded_on: 2026-05-01, review_by: 2099-05-01}
            private: {phone: "07700 900111"}
            ---
            """,
        "trainers/practitioner-named.md": """
            ---
            name: Harriet Okonkwo-Bell
            roles: [practitioner-trainer]
            display: full-name
            consent: {name: true, profile: true, recorded_on: 2026-05-01, review_by: 2099-05-01}
            ---
            Harriet loves gardening.
            """,
        "venues/the-hub.md": """
            ---
            name: The Hub
            online: false
            address: 1 High Street
            ---
            """,
    ]
}

// MARK: - files on disk

/// A private temporary folder, so the fuzzed bytes go through the real
/// `ContentLoader` (and so `TextDecoding`), exactly as a file in content/ would.
enum Workspace {
    static let root: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "prospectus-fuzz-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Workspace.root) }
        return url
    }()

    static let limits: Limits = {
        var limits = Limits()
        // Small enough that libFuzzer's longest inputs (about 4 KiB, or the largest
        // seed) reach FILE006 too; a refused file is still checked, as its nearest text.
        limits.maxFileBytes = 4 * 1024
        return limits
    }()

    /// Writes the input where a file of this kind lives and reads it back with the
    /// real loader. A file the loader refuses (binary, not UTF-8, empty, too large)
    /// still goes on, as the nearest text a coordinator could have saved: later
    /// stages must cope with any text.
    static func load(_ input: [UInt8], kind: ContentKind?) -> SourceFile {
        // One folder per kind, so each holds only the one fuzzed file.
        let site = root.appendingPathComponent("load-\(kind?.rawValue ?? "college")")
        let content = site.appendingPathComponent("content")
        let relative = kind.map { "\($0.rawValue)/fuzz.md" } ?? "college.yml"
        let url = content.appendingPathComponent(relative)
        let fm = FileManager.default
        if !fm.fileExists(atPath: url.deletingLastPathComponent().path) {
            try? fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        }
        writeFile(url, input)
        let loaded = ContentLoader(siteRoot: site, contentDir: content, limits: limits).load()
        let path = "content/" + relative
        if let file = kind.map({ loaded.files[$0]?.first }) ?? loaded.college, file.path == path {
            return file
        }
        return SourceFile(path: path, text: nearestText(input))
    }

    /// A plain write: FileManager.createFile writes through a temporary file and
    /// syncs, which costs milliseconds on every input.
    static func writeFile(_ url: URL, _ bytes: [UInt8]) {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard written > 0 else { return }
            offset += written
        }
    }

    /// What `TextDecoding` would make of the bytes if they were text: no BOM,
    /// invalid UTF-8 replaced, no NUL, LF line ends.
    static func nearestText(_ input: [UInt8]) -> String {
        var bytes = input[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return String(decoding: bytes.filter { $0 != 0 }, as: UTF8.self)
            .replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// The fixed site on disk (written once) with the input as courses/fuzz.md.
    static func wholeSite(with input: [UInt8]) -> BuildOptions? {
        let site = root.appendingPathComponent("site")
        let content = site.appendingPathComponent("content")
        let templates = Fixed.repository.appendingPathComponent("templates")
        let fm = FileManager.default
        guard fm.fileExists(atPath: templates.path) else { return nil }
        if !fm.fileExists(atPath: content.path) {
            for (path, text) in Fixed.small.files {
                let url = content.appendingPathComponent(path)
                try? fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                fm.createFile(atPath: url.path, contents: Data(text.utf8))
            }
        }
        let course = content.appendingPathComponent("courses/fuzz.md")
        try? fm.createDirectory(at: course.deletingLastPathComponent(), withIntermediateDirectories: true)
        writeFile(course, input)
        var options = BuildOptions(siteRoot: site, contentDir: content, templatesDir: templates, now: FuzzHarness.now)
        options.limits = limits
        return options
    }
}
