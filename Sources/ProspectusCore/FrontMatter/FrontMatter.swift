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
        let text = file.text
        let firstBreak = text.firstIndex(of: "\n") ?? text.endIndex
        guard isFence(text[text.startIndex..<firstBreak]) else {
            return .success(SplitFile(yaml: nil, yamlFirstLine: 1, body: text[...], bodyFirstLine: 1))
        }
        guard firstBreak < text.endIndex else {
            return .failure(unclosed(file))
        }
        let yamlStart = text.index(after: firstBreak)
        var lineStart = yamlStart
        var line = 2
        while lineStart <= text.endIndex {
            let lineEnd = text[lineStart...].firstIndex(of: "\n") ?? text.endIndex
            if isFence(text[lineStart..<lineEnd]) {
                let yaml = String(text[yamlStart..<lineStart])
                let bodyStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
                return .success(
                    SplitFile(
                        yaml: yaml, yamlFirstLine: 2, body: text[bodyStart...],
                        bodyFirstLine: line + 1))
            }
            if lineEnd == text.endIndex { break }
            lineStart = text.index(after: lineEnd)
            line += 1
        }
        return .failure(unclosed(file))
    }

    static func isFence(_ line: Substring) -> Bool {
        guard line.hasPrefix("---") else { return false }
        return line.dropFirst(3).allSatisfy { $0 == " " || $0 == "\t" }
    }

    static func unclosed(_ file: SourceFile) -> Diagnostic {
        file.diagnostic(
            .yamlUnclosedFrontMatter, at: SourceLocation(line: 1, column: 1),
            "the front matter starts with `---` on line 1 but has no closing `---` line",
            hint: "add a line with just `---` after the last field, before the text of the page")
    }
}
