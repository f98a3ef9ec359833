/// A Markdown file split into its YAML front matter and its CommonMark body.
public struct SplitFile: Sendable {
    /// The YAML between the fences, or nil when the file has no front matter.
    public var yaml: String?
    /// The file line on which the YAML's first line sits (2 when it opens the file).
    public var yamlFirstLine: Int
    /// A slice of the file's text, not a copy: the file's text is kept anyway
    /// (for diagnostics), and a second copy of every body was about a tenth of
    /// a big site's heap.
    public var body: Substring
    /// The file line on which the body's first line sits.
    public var bodyFirstLine: Int
}

/// Stage 2: split a file on whole `---` lines.
///
/// Only a line that is exactly `---` (trailing spaces allowed) opens or closes
/// the front matter, so a `---` inside a YAML string or a Markdown thematic
/// break later in the body is never mistaken for a fence.
public enum FrontMatterSplitter {
    public static func split(_ file: SourceFile) -> Result<SplitFile, Diagnostic> {
        // Lines are found on the UTF-8 bytes: a search by Character breaks the
        // whole front matter into grapheme clusters, and that was 5% of `check`.
        // A newline is one byte and never inside a character, so every index
        // found is a valid index of the text.
        let text = file.text
        let bytes = text.utf8
        let newline = UInt8(ascii: "\n")
        let firstBreak = bytes.firstIndex(of: newline) ?? bytes.endIndex
        guard isFence(bytes[bytes.startIndex..<firstBreak]) else {
            return .success(SplitFile(yaml: nil, yamlFirstLine: 1, body: text[...], bodyFirstLine: 1))
        }
        guard firstBreak < bytes.endIndex else {
            return .failure(unclosed(file))
        }
        let yamlStart = bytes.index(after: firstBreak)
        var lineStart = yamlStart
        var line = 2
        while lineStart <= bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: newline) ?? bytes.endIndex
            if isFence(bytes[lineStart..<lineEnd]) {
                let yaml = String(text[yamlStart..<lineStart])
                let bodyStart = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : bytes.endIndex
                return .success(
                    SplitFile(
                        yaml: yaml, yamlFirstLine: 2, body: text[bodyStart...],
                        bodyFirstLine: line + 1))
            }
            if lineEnd == bytes.endIndex { break }
            lineStart = bytes.index(after: lineEnd)
            line += 1
        }
        return .failure(unclosed(file))
    }

    /// `---`, then nothing but spaces and tabs.
    static func isFence(_ line: Substring.UTF8View) -> Bool {
        let dash = UInt8(ascii: "-")
        guard line.count >= 3, line.prefix(3).allSatisfy({ $0 == dash }) else { return false }
        return line.dropFirst(3).allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    static func unclosed(_ file: SourceFile) -> Diagnostic {
        file.diagnostic(
            .yamlUnclosedFrontMatter, at: SourceLocation(line: 1, column: 1),
            "the front matter starts with `---` on line 1 but has no closing `---` line",
            hint: "add a line with just `---` after the last field, before the text of the page")
    }
}
