import Foundation
import Mustache

/// The templates of a theme, parsed once and checked before anything renders.
///
/// swift-mustache renders a missing partial or parent as nothing, silently; a
/// coordinator would publish pages with holes in them. So every `{{> name}}` and
/// `{{< name}}` is checked against the templates that exist, and every page
/// template the site needs must be there.
public struct Theme: Sendable {
    public let library: MustacheLibrary
    /// Files to copy as they are (CSS, fonts, images), relative to `templates/`.
    public let assets: [String]
    public let directory: URL
    /// Per template: a fingerprint of its text and of every partial and parent
    /// it uses, however deep. A page made from a template is made again when
    /// this changes, and only then: editing `venue.mustache` re-renders venue
    /// pages, editing `layout.mustache` every page.
    var templateKeys: [String: UInt64] = [:]

    /// The page templates the default site needs.
    public static let requiredTemplates = [
        "layout", "home", "course", "listing", "trainers", "trainer", "partners", "partner", "venues", "venue", "page", "404", "coproduction", "prospectus",
        // Rendered once per course and pasted into every page that lists it.
        "partials/course-card", "partials/prospectus-course",
    ]

    public static func load(from directory: URL, siteRoot: URL) -> (Theme?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        ProspectusHTML.register
        var library = MustacheLibrary()
        var texts: [String: SourceFile] = [:]
        var assets: [String] = []
        let fm = FileManager.default
        let display = SitePaths.relative(directory, to: siteRoot)
        guard let enumerator = fm.enumerator(atPath: directory.path) else {
            return (
                nil,
                [
                    Diagnostic(
                        rule: .fileMissing, file: display, location: nil, message: "the templates folder does not exist",
                        hint: "point --templates at a theme folder, such as the templates/ folder that comes with Prospectus")
                ]
            )
        }
        var paths: [String] = []
        for case let path as String in enumerator { paths.append(path) }
        for path in paths.sorted() {
            let url = directory.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let name = (path as NSString).lastPathComponent
            if name.hasPrefix(".") { continue }
            guard path.hasSuffix(".mustache") else {
                if path.hasPrefix("assets/") { assets.append(path) }
                continue
            }
            let templateName = String(path.dropLast(".mustache".count))
            let filePath = SitePaths.relative(url, to: siteRoot)
            guard let data = fm.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(
                    Diagnostic(
                        rule: .templateSyntax, file: filePath, location: nil, message: "the template cannot be read as UTF-8 text",
                        hint: "save the template as UTF-8"))
                continue
            }
            let file = SourceFile(path: filePath, text: text)
            texts[templateName] = file
            do {
                // The pragma line selects the byte-level escaper (HTMLEscaping.swift);
                // it is standalone, so it adds nothing to any page.
                try library.register(MustacheTemplate(string: ProspectusHTML.pragma + file.text), named: templateName)
            } catch let error as MustacheTemplate.ParserError {
                // Less the pragma line, so the line is the one the coordinator sees.
                let location = SourceLocation(line: max(1, error.context.lineNumber - 1), column: error.context.columnNumber)
                diagnostics.append(
                    file.diagnostic(
                        .templateSyntax, at: location, "the template cannot be read: \(explain(error.error))",
                        hint: "check that every {{#section}} has a matching {{/section}} and every tag is closed with }}"))
            } catch {
                diagnostics.append(
                    file.diagnostic(
                        .templateSyntax, at: SourceLocation(line: 1, column: 1), "the template cannot be read",
                        hint: "check the template's tags"))
            }
        }
        for required in requiredTemplates where texts[required] == nil {
            diagnostics.append(
                Diagnostic(
                    rule: .templateMissing, file: "\(display)/\(required).mustache", location: nil,
                    message: "the theme has no \(required).mustache, which the site needs",
                    hint: "copy it from the default theme in Prospectus's templates/ folder and adapt it"))
        }
        for (_, file) in texts.sorted(by: { $0.key < $1.key }) {
            for reference in partialReferences(in: file.text) where texts[reference.name] == nil {
                diagnostics.append(
                    file.diagnostic(
                        .templateMissing, at: reference.location,
                        "the template uses \(reference.name), but there is no \(display)/\(reference.name).mustache",
                        hint: "create that file, or correct the name (names are paths inside the templates folder, without .mustache)"))
            }
        }
        guard diagnostics.isEmpty else { return (nil, diagnostics) }
        var theme = Theme(library: library, assets: assets, directory: directory)
        theme.templateKeys = templateKeys(texts)
        return (theme, [])
    }

    /// Each template's key: its own text and everything it includes.
    static func templateKeys(_ texts: [String: SourceFile]) -> [String: UInt64] {
        let references = texts.mapValues { Set(partialReferences(in: $0.text).map(\.name)) }
        var keys: [String: UInt64] = [:]
        for name in texts.keys {
            var used: Set<String> = [name]
            var queue = [name]
            while let next = queue.popLast() {
                for reference in references[next] ?? [] where used.insert(reference).inserted { queue.append(reference) }
            }
            var fingerprint = Fingerprint()
            for included in used.sorted() {
                fingerprint.add(included)
                fingerprint.add(texts[included]?.hash ?? 0)
            }
            keys[name] = fingerprint.value
        }
        return keys
    }

    /// The key of a template (see `templateKeys`).
    func key(of template: String) -> UInt64 { templateKeys[template] ?? 0 }

    /// `{{> name}}` and `{{< name}}` tags, with their positions. Templates that
    /// change delimiters are not scanned past the change.
    static func partialReferences(in text: String) -> [(name: String, location: SourceLocation)] {
        var result: [(String, SourceLocation)] = []
        var lineNumber = 1
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let afterOpen = rest[open.upperBound...]
                guard let close = afterOpen.range(of: "}}") else { break }
                let tag = afterOpen[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                if tag.hasPrefix("=") { return result }
                if let first = tag.first, first == ">" || first == "<" {
                    let name = tag.dropFirst().trimmingCharacters(in: .whitespaces)
                    if !name.isEmpty && !name.hasPrefix("*") {
                        let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                        result.append((name, SourceLocation(line: lineNumber, column: column)))
                    }
                }
                rest = afterOpen[close.upperBound...]
            }
            lineNumber += 1
        }
        return result
    }

    static func explain(_ error: Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: return "a closing tag does not match the section it closes"
        case MustacheTemplate.Error.unfinishedName: return "a tag is not finished"
        case MustacheTemplate.Error.expectedSectionEnd: return "a section is opened but never closed"
        case MustacheTemplate.Error.invalidSetDelimiter: return "a set-delimiter tag is malformed"
        case MustacheTemplate.Error.illegalTokenInsideInheritSection:
            return "only {{$block}} sections may appear inside a {{<parent}} tag"
        default: return String(describing: error)
        }
    }

    /// Renders a page template. Nil only if the template vanished, which `load` rules out.
    func render(_ name: String, _ context: [String: Any]) -> String? {
        library.render(context, withTemplate: name)
    }
}
