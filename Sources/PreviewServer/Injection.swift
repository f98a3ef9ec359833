import NIOCore
import ProspectusCore

/// What the preview server adds to the site's HTML, in serve mode only: the live
/// reload script before `</body>`, and the error overlay right after `<body…>`.
/// `prospectus build` output never contains either; the pages work without them.
public enum Injection {
    public static let prefix = "/__prospectus/"
    public static let scriptPath = "/__prospectus/reload.js"
    public static let eventsPath = "/__prospectus/events"
    public static let stylePath = "/__prospectus/overlay.css"

    /// Opens the event stream, telling the server which version of the site this page
    /// shows; the server answers `reload` at once if a newer one is already in place
    /// (a rebuild between loading the page and connecting would otherwise be missed),
    /// or whenever the next build is ready. EventSource reconnects by itself.
    public static let script = """
        (function () {
          var me = document.currentScript, version = me ? me.getAttribute("data-version") : "",
            page = me ? me.getAttribute("data-page") : "";
          var events = new EventSource("\(eventsPath)?v=" + encodeURIComponent(version || "")
            + (page ? "&p=" + encodeURIComponent(page) : ""));
          events.addEventListener("reload", function () { events.close(); location.reload(); });
        })();

        """

    /// The overlay's looks, served as a file so no inline style is needed. A banner at
    /// the top rather than a full-screen cover: the page under it stays usable.
    public static let style = """
        .prospectus-errors { position: sticky; top: 0; z-index: 2147483647; max-height: 60vh; overflow: auto;
          margin: 0; padding: 0.75rem 1rem; background: #fbe8e8; color: #4a0d0d; border-bottom: 4px solid #b03030;
          font: 1rem/1.5 system-ui, sans-serif; text-align: left; }
        .prospectus-errors summary { cursor: pointer; font-weight: 700; font-size: 1.1rem; }
        .prospectus-errors ol { margin: 0.5rem 0 0; padding-left: 1.5rem; }
        .prospectus-errors li { margin: 0 0 0.75rem; }
        .prospectus-errors code, .prospectus-errors pre { font: 0.95rem/1.4 ui-monospace, monospace; color: #4a0d0d; }
        .prospectus-errors pre { margin: 0.25rem 0; padding: 0.25rem 0.5rem; background: #fff; overflow-x: auto; }
        .prospectus-errors p { margin: 0.25rem 0; }

        """

    /// The script tag for one version of the site.
    static func scriptTag(version: String, page: String? = nil) -> String {
        let pageAttribute = page.map { " data-page=\"\(escape($0))\"" } ?? ""
        return "<script src=\"\(scriptPath)\" data-version=\"\(escape(version))\"\(pageAttribute)></script>"
    }

    /// An HTML page with the reload script (always) and the overlay (when given), as
    /// pieces to send one after another. The page's own bytes are slices of the snapshot
    /// (no copy), which matters for large pages such as a home page listing every course.
    static func inject(into page: ByteBuffer, version: String, page path: String? = nil, overlay: String?) -> [ByteBuffer] {
        let (bodyOpenEnd, bodyClose) = page.withUnsafeReadableBytes { bytes in
            (afterBodyOpen(in: bytes), lastBodyClose(in: bytes))
        }
        let scriptAt = bodyClose ?? page.readableBytes
        var insertions = [(scriptAt, scriptTag(version: version, page: path))]
        // With no `<body…>`, the overlay goes first; after the script's place, never.
        if let overlay, (bodyOpenEnd ?? 0) <= scriptAt {
            insertions.insert((bodyOpenEnd ?? 0, overlay), at: 0)
        }
        var pieces: [ByteBuffer] = []
        var cursor = 0
        for (offset, text) in insertions {
            if offset > cursor, let part = page.getSlice(at: page.readerIndex + cursor, length: offset - cursor) {
                pieces.append(part)
            }
            pieces.append(ByteBuffer(string: text))
            cursor = offset
        }
        if page.readableBytes > cursor, let rest = page.getSlice(at: page.readerIndex + cursor, length: page.readableBytes - cursor) {
            pieces.append(rest)
        }
        return pieces
    }

    /// The offset just after the `>` of the first `<body…>` tag.
    static func afterBodyOpen(in bytes: UnsafeRawBufferPointer) -> Int? {
        guard let start = find(Array("<body".utf8), in: bytes, from: 0, where: { next in
            next == nil || next == UInt8(ascii: ">") || next == UInt8(ascii: " ") || next == UInt8(ascii: "\n")
                || next == UInt8(ascii: "\t") || next == UInt8(ascii: "\r")
        }) else { return nil }
        // The tag ends at the first `>` outside a quoted attribute value.
        var index = start + 5
        var quote: UInt8?
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index + 1
            }
            index += 1
        }
        return nil
    }

    /// The offset of the last `</body>`: the script goes just before it.
    static func lastBodyClose(in bytes: UnsafeRawBufferPointer) -> Int? {
        let needle = Array("</body>".utf8)
        guard bytes.count >= needle.count else { return nil }
        var start = bytes.count - needle.count
        while start >= 0 {
            if matches(needle, in: bytes, at: start) { return start }
            start -= 1
        }
        return nil
    }

    /// The first case-insensitive match of an ASCII needle whose following byte passes `next`.
    static func find(
        _ needle: [UInt8], in bytes: UnsafeRawBufferPointer, from: Int, where next: (UInt8?) -> Bool
    ) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var start = from
        while start <= bytes.count - needle.count {
            if matches(needle, in: bytes, at: start) {
                let after = start + needle.count
                if next(after < bytes.count ? bytes[after] : nil) { return start }
            }
            start += 1
        }
        return nil
    }

    static func matches(_ needle: [UInt8], in bytes: UnsafeRawBufferPointer, at start: Int) -> Bool {
        for (offset, expected) in needle.enumerated() {
            var byte = bytes[start + offset]
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
            if byte != expected { return false }
        }
        return true
    }

    /// The error overlay: every error of the latest build, as the terminal shows them.
    /// Everything from content files is HTML-escaped. `role="alert"` makes screen readers
    /// announce it when the page loads; `<details open>` lets a reader fold it away
    /// without JavaScript.
    static func overlay(errors: [Diagnostic], warningCount: Int, hasGoodBuild: Bool) -> String {
        let count = errors.count == 1 ? "1 error" : "\(errors.count) errors"
        let showing = hasGoodBuild
            ? "This is the last build that worked."
            : "No build has worked yet, so there is nothing else to show."
        var html = "<section class=\"prospectus-errors\" role=\"alert\" aria-labelledby=\"prospectus-errors-title\">"
        html += "<link rel=\"stylesheet\" href=\"\(stylePath)\">"
        html += "<details open><summary id=\"prospectus-errors-title\">The prospectus has \(count)</summary>"
        html += "<p>\(showing) Fix the \(errors.count == 1 ? "error" : "errors") and save: this page updates by itself."
        if warningCount > 0 {
            html += " (\(warningCount) \(warningCount == 1 ? "warning is" : "warnings are") shown in the terminal.)"
        }
        html += "</p><ol>"
        for error in errors.sortedForDisplay() {
            var place = error.file ?? "(site)"
            if let location = error.location { place += ":\(location.line):\(location.column)" }
            html += "<li><p><code>\(escape(place))</code> <strong>\(escape(error.severity.rawValue))[\(escape(error.rule.rawValue))]</strong>: "
            html += "\(escape(error.message))</p>"
            if let location = error.location, let line = error.sourceLine {
                let number = String(location.line)
                let caret = String(repeating: " ", count: max(0, min(location.column - 1, line.count)))
                html += "<pre>\(number) | \(escape(line))\n\(String(repeating: " ", count: number.count)) | \(caret)^</pre>"
            }
            if let hint = error.hint { html += "<p>Hint: \(escape(hint))</p>" }
            html += "</li>"
        }
        html += "</ol></details></section>"
        return html
    }

    /// The page shown for every address while no build has worked yet: the overlay
    /// says why, and the reload script brings the site in when it is fixed.
    static func noBuildPage(overlay: String, version: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>The prospectus has errors</title></head>
        <body>\(overlay)
        <main><h1>The prospectus could not be built</h1>
        <p>The errors are listed above and in the terminal.</p></main>
        \(scriptTag(version: version))</body>
        </html>

        """
    }

    /// HTML-escapes text (elements and attribute values). Control characters and bidi
    /// overrides from content files become U+FFFD, as in the terminal, so a file cannot
    /// make the overlay say something other than what it says.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t": out.unicodeScalars.append(character)
            case "\u{00}"..."\u{1F}", "\u{7F}"..."\u{9F}", "\u{202A}"..."\u{202E}", "\u{2066}"..."\u{2069}":
                out += "\u{FFFD}"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
