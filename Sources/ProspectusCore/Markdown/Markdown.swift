import CCmark
import Foundation

/// A link or image found in a Markdown body, with its place in the file.
public struct MarkdownLink: Sendable {
    public var url: String
    public var text: String
    public var isImage: Bool
    public var location: SourceLocation
}

public struct MarkdownHeading: Sendable {
    public var level: Int
    public var text: String
    public var location: SourceLocation
}

/// A Markdown body rendered to HTML, plus the facts later checks need.
public struct RenderedMarkdown: Sendable {
    public var html: String
    public var links: [MarkdownLink] = []
    public var headings: [MarkdownHeading] = []
    /// The text of each paragraph, for language and readability checks.
    public var paragraphs: [(text: String, location: SourceLocation)] = []
    /// Every block of the body in order (paragraphs, headings, list item text,
    /// quotations, code and HTML blocks), with its kind and file lines.
    public var blocks: [ProseBlock] = []
    /// `<!-- prospectus-ignore RULE: reason -->` comments, each covering the
    /// lines of the block after it. Applying them is the pipeline's job.
    public var suppressions: [Suppression] = []
    /// Suppression comments that cannot be used (DATA014); see `problemDiagnostics(in:)`.
    public var problems: [MarkdownProblem] = []
    /// The body's lines and the file line of the first, to turn cmark's byte
    /// positions into file columns. Slices of the body text: no copy is made.
    var sourceLines: [Substring] = []
    var firstLine = 1

    public init(html: String) {
        self.html = html
    }
}

/// Stage 4: CommonMark through cmark, in its default safe mode.
///
/// We never pass `CMARK_OPT_UNSAFE`: raw HTML is replaced by a comment and
/// `javascript:`, `vbscript:`, `file:` and most `data:` links lose their URL,
/// so nothing a coordinator types can run script on the published page.
public enum Markdown {
    /// `basePath` is the path part of `base_url` ("/" for a site at the root of
    /// its domain). Links written from the site's root (`/pages/how-to-enrol/`)
    /// are moved under it, so they keep working on a site published in a
    /// subfolder such as `example.github.io/college/`. At "/" nothing changes and
    /// the HTML is exactly what cmark renders.
    public static func render(_ source: MarkdownSource, basePath: String = "/") -> RenderedMarkdown {
        let text = source.text
        guard let document = text.withCString({ cmark_parse_document($0, strlen($0), CMARK_OPT_DEFAULT) }) else {
            return RenderedMarkdown(html: "")
        }
        defer { cmark_node_free(document) }
        if basePath != "/" { rebase(document, under: basePath) }
        var result = RenderedMarkdown(html: html(of: document))
        collectFacts(document, source: source, into: &result)
        return result
    }

    /// Prefixes root-relative link and image URLs with the site's base path.
    static func rebase(_ document: OpaquePointer, under basePath: String) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        let prefix = basePath.hasSuffix("/") ? String(basePath.dropLast()) : basePath
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, let url = cmark_node_get_url(node) else { continue }
            let target = String(cString: url)
            if target.hasPrefix("/") && !target.hasPrefix("//") && !target.hasPrefix(prefix + "/") {
                _ = cmark_node_set_url(node, prefix + target)
            }
        }
    }

    /// Just the HTML, for short Markdown fields such as the enrolment text.
    public static func html(_ text: String) -> String {
        guard let cString = text.withCString({ cmark_markdown_to_html($0, strlen($0), CMARK_OPT_DEFAULT) }) else {
            return ""
        }
        defer { free(cString) }
        return String(cString: cString)
    }

    static func html(of document: OpaquePointer) -> String {
        guard let cString = cmark_render_html(document, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(cString) }
        return String(cString: cString)
    }

    static func collectFacts(_ document: OpaquePointer, source: MarkdownSource, into result: inout RenderedMarkdown) {
        let firstLine = source.firstLine
        result.firstLine = firstLine
        // Split on bytes: splitting a String by Character is many times slower.
        result.sourceLines = source.text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map {
            Substring($0)
        }
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        var quoteDepth = 0
        var itemDepth = 0
        var imageDepth = 0
        var current: BlockBuilder?
        func fileLine(_ node: OpaquePointer) -> Int { firstLine + Int(cmark_node_get_start_line(node)) - 1 }
        func location(_ node: OpaquePointer) -> SourceLocation {
            result.characterLocation(line: fileLine(node), byteColumn: Int(cmark_node_get_start_column(node)))
        }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_EXIT {
                switch type {
                case CMARK_NODE_BLOCK_QUOTE: quoteDepth -= 1
                case CMARK_NODE_ITEM: itemDepth -= 1
                case CMARK_NODE_IMAGE: imageDepth -= 1
                case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                    guard let block = current?.block else { break }
                    current = nil
                    result.blocks.append(block)
                    if type == CMARK_NODE_PARAGRAPH {
                        result.paragraphs.append((block.text, block.location))
                    } else {
                        result.headings.append(
                            MarkdownHeading(level: block.headingLevel, text: block.text, location: block.location))
                    }
                default: break
                }
                continue
            }
            guard event == CMARK_EVENT_ENTER else { continue }
            switch type {
            case CMARK_NODE_BLOCK_QUOTE: quoteDepth += 1
            case CMARK_NODE_ITEM: itemDepth += 1
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                let isHeading = type == CMARK_NODE_HEADING
                let kind: ProseBlock.Kind =
                    quoteDepth > 0 ? .blockQuote : isHeading ? .heading : itemDepth > 0 ? .listItem : .paragraph
                current = BlockBuilder(
                    block: ProseBlock(
                        kind: kind, headingLevel: isHeading ? Int(cmark_node_get_heading_level(node)) : 0, text: "",
                        lines: lineRange(node, firstLine: firstLine), location: location(node), segments: []))
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                guard let literal = cmark_node_get_literal(node) else { break }
                let kind: ProseSegment.Kind =
                    type == CMARK_NODE_CODE ? .code : imageDepth > 0 ? .imageDescription : .text
                current?.append(
                    String(cString: literal), kind: kind, line: fileLine(node),
                    byteColumn: Int(cmark_node_get_start_column(node)))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                current?.block.text += " "
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                if type == CMARK_NODE_IMAGE { imageDepth += 1 }
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                // cmark 0.30 gives links and images their own start; if one ever
                // lacks it, the enclosing block's start is used.
                let place = blockLocation(node, firstLine: firstLine)
                result.links.append(
                    MarkdownLink(
                        url: url, text: plainText(node), isImage: type == CMARK_NODE_IMAGE,
                        location: result.characterLocation(line: place.line, byteColumn: place.column)))
            case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK:
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                let isHTML = type == CMARK_NODE_HTML_BLOCK
                let here = location(node)
                result.blocks.append(
                    ProseBlock(
                        kind: isHTML ? .htmlBlock : .codeBlock, headingLevel: 0, text: literal,
                        lines: lineRange(node, firstLine: firstLine), location: here, segments: []))
                if isHTML, let comment = SuppressionComment.parse(literal) {
                    collectSuppression(comment, node: node, at: here, firstLine: firstLine, into: &result)
                }
            case CMARK_NODE_HTML_INLINE:
                // A suppression comment inside a paragraph cannot say which block it is
                // about, so it is refused rather than silently doing nothing.
                if let literal = cmark_node_get_literal(node), SuppressionComment.parse(String(cString: literal)) != nil {
                    let place = blockLocation(node, firstLine: firstLine)
                    result.problems.append(
                        MarkdownProblem(
                            rule: .dataDuplicateIgnore,
                            location: result.characterLocation(line: place.line, byteColumn: place.column),
                            message: "a `prospectus-ignore` comment must be on a line of its own",
                            hint: SuppressionComment.howTo))
                }
            default:
                break
            }
        }
    }

    /// Records a parsed comment: a suppression covering the next block, or a problem.
    static func collectSuppression(
        _ comment: SuppressionComment, node: OpaquePointer, at here: SourceLocation, firstLine: Int,
        into result: inout RenderedMarkdown
    ) {
        switch comment {
        case .problem(let message, let hint):
            result.problems.append(MarkdownProblem(rule: .dataDuplicateIgnore, location: here, message: message, hint: hint))
        case .ignore(let rule, let reason):
            // Several comments in a row all apply to the first block after them.
            var next = cmark_node_next(node)
            while let candidate = next, cmark_node_get_type(candidate) == CMARK_NODE_HTML_BLOCK,
                SuppressionComment.parse(cmark_node_get_literal(candidate).map { String(cString: $0) } ?? "") != nil
            {
                next = cmark_node_next(candidate)
            }
            // With nothing after it the comment covers nothing; the finding it
            // was meant for stays visible, which shows the comment is misplaced.
            guard let target = next else { return }
            result.suppressions.append(
                Suppression(rule: rule, reason: reason, location: here, lines: lineRange(target, firstLine: firstLine)))
        }
    }

    /// The file lines of a block. cmark 0.30 reports some end positions
    /// oddly (an HTML block can "end" before it starts, a list ends at column 0
    /// of the line after it), so the range is rebuilt from what is reliable.
    static func lineRange(_ node: OpaquePointer, firstLine: Int) -> ClosedRange<Int> {
        let start = Int(cmark_node_get_start_line(node))
        var end = Int(cmark_node_get_end_line(node))
        if cmark_node_get_end_column(node) == 0 { end -= 1 }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_CODE_BLOCK:
            if cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK, let literal = cmark_node_get_literal(node) {
                let text = String(cString: literal)
                let breaks = text.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                end = start + breaks - (text.hasSuffix("\n") ? 1 : 0)
            }
        case CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM:
            // A container ends no earlier than its last child.
            if let last = cmark_node_last_child(node), cmark_node_get_start_line(last) > 0 {
                end = max(end, lineRange(last, firstLine: 1).upperBound)
            }
        default:
            break
        }
        end = max(start, end)
        return (firstLine + start - 1)...(firstLine + end - 1)
    }

    /// The nearest enclosing block's start: inline nodes carry no line numbers.
    static func blockLocation(_ node: OpaquePointer, firstLine: Int) -> SourceLocation {
        var current: OpaquePointer? = node
        while let candidate = current {
            let line = cmark_node_get_start_line(candidate)
            if line > 0 {
                return SourceLocation(
                    line: firstLine + Int(line) - 1, column: Int(cmark_node_get_start_column(candidate)))
            }
            current = cmark_node_parent(candidate)
        }
        return SourceLocation(line: firstLine, column: 1)
    }

    /// The text inside a node, without markup.
    static func plainText(_ node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text
    }

    /// Whether a Markdown link target is one we publish: web, email and phone
    /// links, and links within the site (relative paths and #anchors).
    public static func isAllowedLink(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":") else { return true }
        let scheme = url[..<colon]
        // A colon after a / ? or # is part of a path, not a scheme.
        if scheme.contains(where: { "/?#".contains($0) }) { return true }
        return SafeURL.isAllowed(url)
    }
}
