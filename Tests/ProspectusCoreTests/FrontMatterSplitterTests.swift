import Foundation
import Testing

@testable import ProspectusCore

@Suite("Front matter splitter (stage 2)")
struct FrontMatterSplitterTests {
    let path = "content/courses/x.md"

    func split(_ text: String) -> Result<SplitFile, Diagnostic> {
        FrontMatterSplitter.split(SourceFile(path: path, text: text))
    }

    @Test("front matter between two `---` lines is split from the body")
    func basicSplit() throws {
        let result = try #require(split("---\ntitle: A\nformat: course\n---\nThe body.\n").successValue)
        #expect(result.yaml == "title: A\nformat: course\n")
        #expect(result.yamlFirstLine == 2)
        #expect(result.body == "The body.\n")
        #expect(result.bodyFirstLine == 5)
    }

    @Test("the body's first line number is the line after the closing fence")
    func bodyFirstLine() throws {
        let yaml = (1...7).map { "field\($0): v" }.joined(separator: "\n")
        let result = try #require(split("---\n\(yaml)\n---\nfirst body line\n").successValue)
        // line 1 fence, lines 2-8 fields, line 9 fence, line 10 body
        #expect(result.bodyFirstLine == 10)
        #expect(result.body.hasPrefix("first body line"))
    }

    @Test("a file without front matter is all body, starting at line 1")
    func noFrontMatter() throws {
        let text = "# Just Markdown\n\nSome text.\n"
        let result = try #require(split(text).successValue)
        #expect(result.yaml == nil)
        #expect(result.body == text)
        #expect(result.bodyFirstLine == 1)
    }

    @Test("a blank line before the first `---` means there is no front matter")
    func blankLineBeforeFence() throws {
        let result = try #require(split("\n---\ntitle: A\n---\n").successValue)
        #expect(result.yaml == nil)
    }

    @Test("`----` (four dashes) is not a fence, so it does not open front matter")
    func fourDashesDoNotOpen() throws {
        let text = "----\ntitle: A\n----\nbody\n"
        let result = try #require(split(text).successValue)
        #expect(result.yaml == nil)
        #expect(result.body == text)
    }

    @Test("`--- x` (text after the dashes) is not a fence, so it does not open front matter")
    func textAfterDashesDoesNotOpen() throws {
        let result = try #require(split("--- x\ntitle: A\n---\n").successValue)
        #expect(result.yaml == nil)
    }

    @Test("`----` and `--- x` inside the front matter do not close it")
    func nonFencesDoNotClose() throws {
        let text = "---\ntitle: A\n----\n--- x\n---\nbody\n"
        let result = try #require(split(text).successValue)
        #expect(result.yaml == "title: A\n----\n--- x\n")
        #expect(result.bodyFirstLine == 6)
    }

    @Test("a `-- -` or ` ---` line is not a fence")
    func spacedDashesAreNotFences() throws {
        #expect(try #require(split(" ---\ntitle: A\n---\n").successValue).yaml == nil)
        #expect(try #require(split("-- -\ntitle: A\n---\n").successValue).yaml == nil)
    }

    @Test("trailing spaces and tabs are allowed on both fences")
    func trailingSpacesOnFences() throws {
        let result = try #require(split("---   \ntitle: A\n--- \t \nbody\n").successValue)
        #expect(result.yaml == "title: A\n")
        #expect(result.body == "body\n")
        #expect(result.bodyFirstLine == 4)
    }

    @Test("an opening fence with no closing fence is YAML005 at line 1, column 1")
    func unclosed() throws {
        let diagnostic = try #require(split("---\ntitle: A\nsummary: B\n\nBody text\n").failureValue)
        #expect(diagnostic.rule == .yamlUnclosedFrontMatter)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.file == path)
        #expect(diagnostic.location == position(1, 1))
        #expect(diagnostic.sourceLine == "---")
        #expect(diagnostic.hint != nil)
    }

    @Test("a file that is only `---` is unclosed front matter")
    func onlyFence() throws {
        #expect(try #require(split("---").failureValue).rule == .yamlUnclosedFrontMatter)
        #expect(try #require(split("---\n").failureValue).rule == .yamlUnclosedFrontMatter)
    }

    @Test("a closing `----` leaves the front matter unclosed")
    func fourDashesDoNotCloseAtAll() throws {
        #expect(try #require(split("---\ntitle: A\n----\nbody\n").failureValue).rule == .yamlUnclosedFrontMatter)
    }

    @Test("a `---` thematic break later in the body is not a fence")
    func thematicBreakInBody() throws {
        let text = "---\ntitle: A\n---\nIntro\n\n---\n\nMore text\n---\n"
        let result = try #require(split(text).successValue)
        #expect(result.yaml == "title: A\n")
        #expect(result.body == "Intro\n\n---\n\nMore text\n---\n")
        #expect(result.bodyFirstLine == 4)
    }

    @Test("a file without front matter may contain `---` thematic breaks anywhere after line 1")
    func thematicBreakWithoutFrontMatter() throws {
        let text = "Intro\n---\nMore\n---\n"
        let result = try #require(split(text).successValue)
        #expect(result.yaml == nil)
        #expect(result.body == text)
    }

    @Test("empty front matter (`---` then `---`) gives empty YAML and a body from line 3")
    func emptyFrontMatter() throws {
        let result = try #require(split("---\n---\nbody\n").successValue)
        #expect(result.yaml == "")
        #expect(result.bodyFirstLine == 3)
        #expect(result.body == "body\n")
    }

    @Test("a closing fence at the very end of the file, without a newline, gives an empty body")
    func closingFenceAtEOF() throws {
        let result = try #require(split("---\ntitle: A\n---").successValue)
        #expect(result.yaml == "title: A\n")
        #expect(result.body == "")
        #expect(result.bodyFirstLine == 4)
    }

    @Test("a CRLF file with a BOM splits at the same lines once decoded")
    func crlfAndBOMAfterDecoding() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: A\r\nformat: course\r\n---\r\nBody\r\n\r\n---\r\nEnd\r\n".utf8)
        let text = try #require(TextDecoding.decode(bytes).successValue)
        let result = try #require(split(text).successValue)
        #expect(result.yaml == "title: A\nformat: course\n")
        #expect(result.yamlFirstLine == 2)
        #expect(result.bodyFirstLine == 5)
        #expect(result.body == "Body\n\n---\nEnd\n")
    }

    @Test("positions in a decoded CRLF + BOM file are the editor's positions: a YAML error on line 3 is reported at line 3")
    func crlfPositionsUnchanged() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: A\r\nsummary: Time: 2 hours\r\n---\r\n".utf8)
        let file = SourceFile(path: path, text: try #require(TextDecoding.decode(bytes).successValue))
        let split = try #require(FrontMatterSplitter.split(file).successValue)
        let yaml = try #require(split.yaml)
        let diagnostic = try #require(YAMLParser.parse(yaml, firstLine: split.yamlFirstLine, file: file).failureValue)
        #expect(diagnostic.rule == .yamlSyntax)
        #expect(diagnostic.location?.line == 3)
        #expect(diagnostic.sourceLine == "summary: Time: 2 hours")
    }

    @Test("a CRLF + BOM file with an unclosed front matter is still YAML005 at line 1")
    func crlfUnclosed() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: A\r\n".utf8)
        let text = try #require(TextDecoding.decode(bytes).successValue)
        let diagnostic = try #require(split(text).failureValue)
        #expect(diagnostic.rule == .yamlUnclosedFrontMatter)
        #expect(diagnostic.location == position(1, 1))
    }
}
