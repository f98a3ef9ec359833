import Foundation

/// Accessibility of what coordinators write in Markdown bodies (WCAG 2.2 AA):
///
/// - A11Y001 (error): an image with no text description. A screen reader has
///   nothing to say about it (WCAG 1.1.1).
/// - A11Y002 (warning): a heading that skips a level. People using screen
///   readers move through a page by its headings; a jump from h2 to h4 suggests
///   a missing section (WCAG 1.3.1). A body sits under the page's h1 and, on a
///   course page, under an h2 section, so its first heading may be h2 or h3.
/// - A11Y003 (warning): link text that does not say where it goes ("click
///   here"). Screen-reader users often list a page's links on their own (WCAG 2.4.4).
public enum ContentAccessibility {
    /// Link texts that mean nothing out of context (compared whole, ignoring
    /// case and trailing punctuation).
    static let vagueLinkTexts: Set<String> = [
        "click here", "here", "more", "read more", "link", "this link", "this page", "more info",
    ]

    /// The level a body's headings start under: the page's h1 and its h2 sections.
    static let startLevel = 2

    public static func run(_ site: Site, bodies: [String: RenderedMarkdown]) -> [Diagnostic] {
        run(site, bodies: bodies, memo: nil)
    }

    static func run(_ site: Site, bodies: [String: RenderedMarkdown], memo: CheckMemo?) -> [Diagnostic] {
        var diagnostics = frontMatterImages(site)
        var files: [SourceFile] = site.courses.map(\.file)
        files += site.trainers.map(\.file)
        files += site.partners.map(\.file)
        files += site.venues.map(\.file)
        files += site.pages.map(\.file)
        // Looked up once: the site's files are a dictionary without an index by name.
        let college = site.collegeFile?.hash ?? 0
        for file in files {
            guard let body = bodies[file.path] else { continue }
            diagnostics += memo.findings("accessibility", file, extra: college) {
                var found: [Diagnostic] = []
                check(body, in: file, into: &found)
                return found
            }
        }
        return diagnostics
    }

    static func check(_ body: RenderedMarkdown, in file: SourceFile, into diagnostics: inout [Diagnostic]) {
        for image in body.images where image.alt.allSatisfy(\.isWhitespace) {
            diagnostics.append(
                file.diagnostic(
                    .a11yImageAlt, at: image.location, "the image \(image.url.prefix(60)) has no text description",
                    hint: "write what the image shows between the square brackets, e.g. ![Students planting seeds in the community garden](\(image.url.prefix(60))); people who cannot see it hear this instead"))
        }
        var previous = startLevel
        for heading in body.headings {
            if heading.level > previous + 1 {
                let marks = String(repeating: "#", count: heading.level)
                let better = String(repeating: "#", count: previous + 1)
                diagnostics.append(
                    file.diagnostic(
                        .a11yHeadingOrder, at: heading.location,
                        "this heading skips a level: it is level \(heading.level) (\(marks)) after level \(previous)",
                        hint: "use \(better) here, or add the missing heading above it; people using screen readers move through a page by its headings"))
            }
            previous = heading.level
        }
        for link in body.links where !link.isImage {
            let text = normalised(link.text)
            guard vagueLinkTexts.contains(text) else { continue }
            diagnostics.append(
                file.diagnostic(
                    .a11yLinkText, at: link.location, "the link text \"\(link.text)\" does not say where the link goes",
                    hint: "use words that make sense on their own, such as [how to enrol](/pages/how-to-enrol/); many screen-reader users list a page's links by their text alone"))
        }
    }

    /// Lowercased, single-spaced, without surrounding punctuation: "Read more…" → "read more".
    static func normalised(_ text: String) -> String {
        let words = text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return words.trimmingCharacters(in: edgeCharacters)
    }

    /// Made once: building this union for every link was two fifths of this
    /// family's time on a big site.
    static let edgeCharacters = CharacterSet.punctuationCharacters.union(.whitespaces).union(.symbols)

    /// Trainer photos and partner logos named in front matter need `alt` text too.
    static func frontMatterImages(_ site: Site) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func missingAlt(_ image: Image?) -> Bool {
            guard let image else { return false }
            return (image.alt ?? "").trimmed.isEmpty
        }
        for trainer in site.trainers where missingAlt(trainer.photo) {
            out.append(
                trainer.file.diagnostic(
                    .a11yImageAlt, at: trainer.keyLocations["photo"], "the photo has no text description (`alt`)",
                    hint: "add `alt:` saying what the photo shows, e.g. {src: images/jo.jpg, alt: Jo smiling in the garden}"))
        }
        for partner in site.partners where missingAlt(partner.logo) {
            out.append(
                partner.file.diagnostic(
                    .a11yImageAlt, at: partner.logoLocation, "the logo has no text description (`alt`)",
                    hint: "add `alt:` with the organisation's name, e.g. {src: images/mind.png, alt: Riverside Mind logo}"))
        }
        return out
    }
}
