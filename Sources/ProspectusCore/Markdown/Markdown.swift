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
}

/// Stage 4: CommonMark through cmark, in its default safe mode.
///
/// We never pass `CMARK_OPT_UNSAFE`: raw HTML is replaced by a comment and
/// `javascript:`, `vbscript:`, `file:` and most `data:` links lose their URL,
/// so nothing a coordinator types can run script on the published page.
public enum Markdown {
    public static func render(_ source: MarkdownSource) -> RenderedMarkdown {
        let text = source.text
        guard let document = text.withCString({ cmark_parse_document($0, strlen($0), CMARK_OPT_DEFAULT) }) else {
            return RenderedMarkdown(html: "")
        }
        defer { cmark_node_free(document) }
        var result = RenderedMarkdown(html: html(of: document))
        collectFacts(document, firstLine: source.firstLine, into: &result)
        return result
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

    static func collectFacts(_ document: OpaquePointer, firstLine: Int, into result: inout RenderedMarkdown) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        func location(_ node: OpaquePointer) -> SourceLocation {
            SourceLocation(
                line: firstLine + Int(cmark_node_get_start_line(node)) - 1,
                column: Int(cmark_node_get_start_column(node)))
        }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                // Links have no position of their own in cmark 0.30; use their block's.
                let place = blockLocation(node, firstLine: firstLine)
                result.links.append(
                    MarkdownLink(
                        url: url, text: plainText(node), isImage: cmark_node_get_type(node) == CMARK_NODE_IMAGE,
                        location: place))
            case CMARK_NODE_HEADING:
                result.headings.append(
                    MarkdownHeading(level: Int(cmark_node_get_heading_level(node)), text: plainText(node), location: location(node)))
            case CMARK_NODE_PARAGRAPH:
                result.paragraphs.append((plainText(node), location(node)))
            default:
                break
            }
        }
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
