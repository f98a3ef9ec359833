import Mustache

/// How `{{name}}` escapes text in the theme's templates.
///
/// swift-mustache's own HTML escaping walks the text one grapheme cluster at a
/// time and looks each up in a dictionary; on a 10,000-course site that was a
/// tenth of a build. This does the same five replacements on UTF-8 bytes, and
/// hands back the text itself, uncopied, when nothing needs escaping (most
/// titles, dates and URLs).
///
/// Working on bytes is also safer: a quote followed by a combining accent
/// (`"\u{301}`) is one grapheme cluster, which the grapheme-based escaper
/// leaves as it is, so a course title could end an attribute value early.
/// Here every `"` is escaped, whatever follows it.
///
/// It is plugged in through swift-mustache's public content-type registry:
/// `Theme` starts every template with a standalone `{{% CONTENT_TYPE: … }}`
/// line, which renders nothing and is inherited by partials and parents.
struct ProspectusHTML: MustacheContentType {
    static let name = "PROSPECTUS_HTML"
    /// The line put before each template's text (standalone, so it leaves no trace).
    static let pragma = "{{% CONTENT_TYPE: \(name) }}\n"

    /// Registers the content type once per process; `Theme.load` calls it.
    static let register: Void = MustacheContentTypes.register(ProspectusHTML(), named: name)

    func escapeText(_ text: String) -> String {
        HTMLText.escape(text)
    }
}

enum HTMLText {
    /// `&`, `<`, `>`, `"` and `'` as character references: the replacements
    /// swift-mustache makes, so a page is the same either way, except where
    /// one of the five shares a grapheme cluster with a combining mark
    /// (`"\u{301}`), which swift-mustache left raw and this escapes. The
    /// privacy scan searches for secrets in this form too (PrivacyScan).
    static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard let first = bytes.firstIndex(where: { needsEscape($0) }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 8 + 16)
            out.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                switch byte {
                case UInt8(ascii: "&"): out.append(contentsOf: amp)
                case UInt8(ascii: "<"): out.append(contentsOf: lt)
                case UInt8(ascii: ">"): out.append(contentsOf: gt)
                case UInt8(ascii: "\""): out.append(contentsOf: quot)
                case UInt8(ascii: "'"): out.append(contentsOf: apos)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        // All five are below 0x3F; one comparison rules out letters and most text.
        byte < 0x3F
            && (byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
                || byte == UInt8(ascii: "'"))
    }

    private static let amp = Array("&amp;".utf8)
    private static let lt = Array("&lt;".utf8)
    private static let gt = Array("&gt;".utf8)
    private static let quot = Array("&quot;".utf8)
    private static let apos = Array("&#39;".utf8)
}

/// Text and numbers print themselves in templates. swift-mustache renders any
/// other value as `String(describing:)`, after asking whether it is an Optional;
/// both are runtime type lookups, made for every `{{name}}` of every page (a
/// course page has 150). A value that says how it renders itself skips them.
/// The text is the same either way: a String is itself, an Int its digits.
/// (Retroactive, so if either library ever adds these, ours must go.)
extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { false }
}

extension Int: @retroactive MustacheCustomRenderable {
    public var renderText: String { String(self) }
    public var isNull: Bool { false }
}
