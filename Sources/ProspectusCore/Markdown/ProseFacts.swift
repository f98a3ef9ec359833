/// One block of a Markdown body as the checks see it: its plain text, what
/// kind of block it is, and where it is in the file.
///
/// Checks decide what to read by `kind`: the language lint skips code blocks,
/// HTML blocks and block quotes (a quotation is someone else's words, kept as
/// they said them); readability does not count list items as sentences.
public struct ProseBlock: Sendable {
    public enum Kind: String, Sendable {
        case paragraph
        case heading
        /// A paragraph inside a list item (the item's text).
        case listItem
        /// A paragraph or heading inside a block quote.
        case blockQuote
        case codeBlock
        case htmlBlock
    }

    public var kind: Kind
    /// 1–6 for a heading (also inside a block quote), 0 otherwise.
    public var headingLevel: Int
    /// The text without markup. Line breaks become single spaces; code spans
    /// and image descriptions are kept, and marked in `segments`.
    public var text: String
    /// The file lines the block covers.
    public var lines: ClosedRange<Int>
    /// The block's first character in the file (1-based, columns in characters).
    public var location: SourceLocation
    /// Where each piece of `text` came from, to find a word's column in the file.
    public var segments: [ProseSegment]

    /// UTF-8 ranges of `text` written as code (`` `like this` ``): not prose.
    public var codeRanges: [Range<Int>] { segments.filter { $0.kind == .code }.map(\.range) }
}

/// A piece of a block's text that cmark gave one position: a run of text,
/// a code span or an image description.
public struct ProseSegment: Sendable {
    public enum Kind: Sendable {
        case text, code, imageDescription
    }

    public var kind: Kind
    /// UTF-8 offsets in the block's `text`.
    public var range: Range<Int>
    /// File line where cmark says the piece starts.
    public var line: Int
    /// 1-based byte column in that line where the piece starts (0 when unknown).
    public var byteColumn: Int
}

/// An image in a body with its text description (the `alt` text).
public struct MarkdownImage: Sendable {
    public var url: String
    public var alt: String
    public var location: SourceLocation
}

/// A problem found while reading a body (a suppression comment that cannot be
/// used). Turned into a diagnostic once the file is known.
public struct MarkdownProblem: Sendable {
    public var rule: RuleID
    public var location: SourceLocation
    public var message: String
    public var hint: String
}

extension RenderedMarkdown {
    public var images: [MarkdownImage] {
        links.filter(\.isImage).map { MarkdownImage(url: $0.url, alt: $0.text, location: $0.location) }
    }

    /// The problems found in this body (DATA014), as diagnostics of `file`.
    public func problemDiagnostics(in file: SourceFile) -> [Diagnostic] {
        problems.map { file.diagnostic($0.rule, at: $0.location, $0.message, hint: $0.hint) }
    }

    /// The file position of the character at UTF-8 `offset` of `block.text`:
    /// the exact line and column of a word a check found.
    ///
    /// cmark gives each run of text its starting line and byte column. Inside
    /// the run, text and source are usually the same bytes; when they differ
    /// (an `&amp;` entity or a `\*` escape before the word), the word is found
    /// by counting: the n-th "suffering" in the run is the n-th whole word
    /// "suffering" on the source line from the run's start.
    public func location(ofOffset offset: Int, in block: ProseBlock) -> SourceLocation {
        guard let segment = block.segments.last(where: { $0.range.lowerBound <= offset }), segment.byteColumn > 0,
            segment.line >= firstLine, segment.line - firstLine < sourceLines.count,
            segment.range.upperBound <= block.text.utf8.count, offset <= segment.range.upperBound
        else { return block.location }
        var text = block.text
        return text.withUTF8 { textBytes -> SourceLocation in
            var line = String(sourceLines[segment.line - firstLine])
            let start = segment.byteColumn - 1
            let textStart = segment.range.lowerBound
            let length = segment.range.count
            // Fast path: the run is written in the file exactly as it reads.
            let exact: Int? = line.withUTF8 { lineBytes in
                guard start + length <= lineBytes.count,
                    (0..<length).allSatisfy({ lineBytes[start + $0] == textBytes[textStart + $0] })
                else { return nil }
                return start + (offset - textStart)
            }
            if let exact { return SourceLocation(line: segment.line, column: line.characterColumn(ofByte: exact)) }
            guard let (word, before) = Words.wordAndOccurrence(at: offset, in: textBytes, from: textStart) else {
                return SourceLocation(line: segment.line, column: line.characterColumn(ofByte: start))
            }
            // The n-th occurrence on the run's line, from where the run starts.
            if let found = line.withUTF8({ Words.offset(ofWord: word, occurrence: before, in: $0, from: start) }) {
                return SourceLocation(line: segment.line, column: line.characterColumn(ofByte: found))
            }
            // cmark 0.30 sometimes gives a run after a hard line break, a lazy
            // continuation line or a link reference definition the line before
            // its own: look on the block's following lines, then anywhere on this one.
            var number = segment.line + 1
            while number <= block.lines.upperBound, number - firstLine < sourceLines.count {
                var next = String(sourceLines[number - firstLine])
                if let found = next.withUTF8({ Words.offset(ofWord: word, occurrence: 0, in: $0, from: 0) }) {
                    return SourceLocation(line: number, column: next.characterColumn(ofByte: found))
                }
                number += 1
            }
            let anywhere = line.withUTF8 { Words.offset(ofWord: word, occurrence: 0, in: $0, from: 0) }
            return SourceLocation(line: segment.line, column: line.characterColumn(ofByte: anywhere ?? start))
        }
    }

    /// A cmark position (1-based byte column in a body line) as a file position
    /// with the column counted in characters, as editors and the caret display count.
    func characterLocation(line: Int, byteColumn: Int) -> SourceLocation {
        guard line >= firstLine, line - firstLine < sourceLines.count else {
            return SourceLocation(line: line, column: byteColumn)
        }
        let text = String(sourceLines[line - firstLine])
        return SourceLocation(line: line, column: text.characterColumn(ofByte: byteColumn - 1))
    }
}

/// Collects one paragraph or heading while cmark walks its inline nodes.
struct BlockBuilder {
    var block: ProseBlock

    mutating func append(_ literal: String, kind: ProseSegment.Kind, line: Int, byteColumn: Int) {
        let start = block.text.utf8.count
        block.text += literal
        block.segments.append(
            ProseSegment(kind: kind, range: start..<block.text.utf8.count, line: line, byteColumn: max(0, byteColumn)))
    }
}
