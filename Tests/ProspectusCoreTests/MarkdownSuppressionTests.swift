import Foundation
import Testing

@testable import ProspectusCore

@Suite("Markdown facts for checks: blocks, positions and suppression comments")
struct MarkdownSuppressionTests {
    func render(_ text: String, firstLine: Int = 1) -> RenderedMarkdown {
        Markdown.render(MarkdownSource(text: text, firstLine: firstLine))
    }

    // MARK: HTML is unchanged

    @Test(
        "collecting facts does not change the HTML: a body renders exactly as cmark renders it",
        arguments: [
            "Plain *text* with `code` and a [link](https://a.example/).\n",
            "<!-- prospectus-ignore LANG002: quoted as written -->\nSuffering from.\n",
            "<!-- prospectus-ignore -->\n\n> quote\n\n```\ncode\n```\n",
            "# H1\n\n### H3\n\n- a\n- b ![](x.png)\n\nText <!-- prospectus-ignore LANG002: x --> more\n",
            "Entities &amp; escapes \\* and “curly” quotes, é, 日本語.\n",
        ]
    )
    func htmlUnchanged(markdown: String) {
        #expect(render(markdown, firstLine: 9).html == Markdown.html(markdown))
    }

    // MARK: blocks

    @Test("each block is collected with its kind and its file lines")
    func blockKindsAndLines() throws {
        let body = """
            Intro paragraph
            on two lines.

            ## A heading

            - first item
            - second item

            > A quotation
            > from someone.

            ```
            let code = 1
            ```

            <div>html</div>

            """
        let result = render(body, firstLine: 10)
        let summary = result.blocks.map { "\($0.kind.rawValue) \($0.lines.lowerBound)-\($0.lines.upperBound)" }
        #expect(
            summary == [
                "paragraph 10-11", "heading 13-13", "listItem 15-15", "listItem 16-16", "blockQuote 18-19",
                "codeBlock 21-23", "htmlBlock 25-25",
            ])
        #expect(result.blocks[0].text == "Intro paragraph on two lines.")
        #expect(result.blocks[0].location == position(10, 1))
        #expect(result.blocks[1].headingLevel == 2)
        #expect(result.blocks[2].location == position(15, 3))
        #expect(result.blocks[5].text == "let code = 1\n")
    }

    @Test("a code span is kept in the block's text and marked as code")
    func codeSpanMarked() throws {
        let result = render("Run `psycho --help` today.\n")
        let block = try #require(result.blocks.first)
        #expect(block.text == "Run psycho --help today.")
        let code = try #require(block.codeRanges.first)
        let bytes = Array(block.text.utf8)
        #expect(String(decoding: bytes[code], as: UTF8.self) == "psycho --help")
    }

    @Test("an image is collected with its alt text and its position in the file")
    func imagesWithAlt() throws {
        let result = render("Intro.\n\nSee é ![Jo *smiling*](jo.jpg) and ![](x.png)\n", firstLine: 4)
        #expect(result.images.map(\.alt) == ["Jo smiling", ""])
        #expect(result.images.map(\.url) == ["jo.jpg", "x.png"])
        // Columns count characters: "é" is two bytes but one column.
        #expect(result.images.map(\.location) == [position(6, 7), position(6, 35)])
    }

    @Test(
        "a word's file position is found exactly, on any line of a block and after entities or escapes",
        arguments: [
            ("Line one\nand a target word", "target", 2, 7),
            ("Fish &amp; chips then target", "target", 1, 23),
            ("An \\*escaped\\* star, then target", "target", 1, 27),
            ("- item\n- é target in a list", "target", 2, 5),
            ("Before *the target* emphasised", "target", 1, 13),
            ("target target second", "second", 1, 15),
        ]
    )
    func wordPositions(markdown: String, word: String, line: Int, column: Int) throws {
        let result = render(markdown + "\n", firstLine: 1)
        let block = try #require(result.blocks.first { $0.text.contains(word) })
        let text = block.text
        let range = try #require(text.range(of: word, options: .backwards))
        let offset = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
        #expect(result.location(ofOffset: offset, in: block) == position(line, column))
    }

    // MARK: suppression comments

    @Test("a suppression comment applies to the next block: its rule, reason, place and file lines")
    func suppressionParsed() throws {
        let body = """
            First paragraph.

            <!-- prospectus-ignore LANG002: a quotation from a 1950s newspaper -->
            Some old wording
            over two lines.

            Last paragraph.

            """
        let result = render(body, firstLine: 20)
        #expect(result.problems.isEmpty)
        let suppression = try #require(result.suppressions.first)
        #expect(result.suppressions.count == 1)
        #expect(suppression.rule == .langWarning)
        #expect(suppression.reason == "a quotation from a 1950s newspaper")
        #expect(suppression.location == position(22, 1))
        #expect(suppression.lines == 23...24)
    }

    @Test("two comments in a row both cover the list that follows them, all of it")
    func consecutiveCommentsCoverList() throws {
        let body = """
            <!-- prospectus-ignore LANG002: names of old wards -->
            <!-- prospectus-ignore LANG003: as the group wrote it -->

            - one
            - two
              continued

            After.

            """
        let result = render(body, firstLine: 5)
        #expect(result.problems.isEmpty)
        #expect(result.suppressions.map(\.rule) == [.langWarning, .langInfo])
        #expect(result.suppressions.map(\.lines) == [8...10, 8...10])
    }

    @Test("a suppression covers the block's lines, so it covers a finding there and not one in the next paragraph")
    func suppressionCoversOnlyNextBlock() throws {
        let result = render("<!-- prospectus-ignore LANG002: kept -->\nOne.\n\nTwo.\n", firstLine: 1)
        let suppression = try #require(result.suppressions.first)
        let inside = Diagnostic(rule: .langWarning, file: "x", location: position(2, 1), message: "")
        let outside = Diagnostic(rule: .langWarning, file: "x", location: position(4, 1), message: "")
        let otherRule = Diagnostic(rule: .langError, file: "x", location: position(2, 1), message: "")
        #expect(suppression.covers(inside))
        #expect(!suppression.covers(outside))
        #expect(!suppression.covers(otherRule))
    }

    @Test("an ordinary HTML comment is not a suppression and not a problem")
    func ordinaryComment() {
        let result = render("<!-- a note for editors -->\nText.\n\n<!-- prospectus-ignored -->\nMore.\n")
        #expect(result.suppressions.isEmpty)
        #expect(result.problems.isEmpty)
    }

    @Test("a suppression comment without a reason is DATA014 at the comment's line, with a hint showing how to write it")
    func missingReason() throws {
        let body = "Intro.\n\n<!-- prospectus-ignore LANG002 -->\nText.\n"
        let result = render(body, firstLine: 7)
        #expect(result.suppressions.isEmpty)
        let problem = try #require(result.problems.first)
        #expect(result.problems.count == 1)
        #expect(problem.rule == .dataDuplicateIgnore)
        #expect(problem.location == position(9, 1))
        #expect(problem.message.contains("no reason"))
        #expect(problem.hint.contains("<!-- prospectus-ignore LANG002: "))
        let file = SourceFile(path: "content/pages/x.md", text: "---\ntitle: X\n---\n\n\n\nIntro.\n\n<!-- prospectus-ignore LANG002 -->\nText.\n")
        let diagnostic = try #require(result.problemDiagnostics(in: file).first)
        #expect(diagnostic.rule.rawValue == "DATA014")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.file == "content/pages/x.md")
        #expect(diagnostic.location == position(9, 1))
        #expect(diagnostic.sourceLine == "<!-- prospectus-ignore LANG002 -->")
    }

    @Test(
        "an unusable suppression comment is DATA014",
        arguments: [
            ("<!-- prospectus-ignore LANG02: reason -->", "there is no rule", "did you mean LANG002?"),
            ("<!-- prospectus-ignore -->", "which rule", "prospectus-ignore LANG002:"),
            ("<!-- prospectus-ignore LANG002: -->", "no reason", "say why"),
            ("<!-- prospectus-ignore LANG002; LANG003: reason -->", "more than one rule", "one comment for each rule"),
            ("<!-- prospectus-ignore PRIV002: we checked -->", "cannot be ignored", "fix the problem"),
        ]
    )
    func unusableComments(comment: String, message: String, hint: String) throws {
        let result = render(comment + "\nText.\n")
        #expect(result.suppressions.isEmpty)
        let problem = try #require(result.problems.first)
        #expect(problem.rule == .dataDuplicateIgnore)
        #expect(problem.location == position(1, 1))
        #expect(problem.message.contains(message), "\(problem.message)")
        #expect(problem.hint.contains(hint), "\(problem.hint)")
    }

    @Test("a suppression comment inside a paragraph is DATA014: it must be on a line of its own")
    func inlineComment() throws {
        let result = render("Some text <!-- prospectus-ignore LANG002: reason --> more.\n", firstLine: 3)
        #expect(result.suppressions.isEmpty)
        let problem = try #require(result.problems.first)
        #expect(problem.location.line == 3)
        #expect(problem.message.contains("line of its own"))
    }

    @Test("suppression comments reach the rendered bodies of the Markdown stage, keyed by file")
    func suppressionThroughStage() throws {
        var fixture = SiteFixture()
        let text = Fixture.page + "\n<!-- prospectus-ignore LANG003: we quote the old name -->\nSee the service user forum.\n"
        fixture[.pages, "how-to-enrol"] = text
        let site = try #require(fixture.decode().site)
        let (bodies, _) = MarkdownStage.run(site)
        let body = try #require(bodies[SiteFixture.path(.pages, "how-to-enrol")])
        let suppression = try #require(body.suppressions.first)
        let line = text.line(of: "See the service user forum.")
        #expect(suppression.lines == line...line)
        #expect(suppression.location?.line == text.line(of: "prospectus-ignore"))
    }

    // MARK: robustness

    /// The CommonMark spec examples (beside the repository, as for the end-to-end test).
    static let examplesFile: URL? = {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidates: [String?] = [
            ProcessInfo.processInfo.environment["PROSPECTUS_COMMONMARK_EXAMPLES"],
            repo.deletingLastPathComponent().appendingPathComponent("shared/data/commonmark-0.30-examples.json").path,
        ]
        return candidates.compactMap { $0 }.map { URL(fileURLWithPath: $0) }
            .first { FileManager.default.fileExists(atPath: $0.path) }
    }()

    struct Example: Decodable {
        let markdown: String
    }

    @Test(
        "every word of every CommonMark example gets a file position, nearly always exactly on the word",
        .enabled(if: examplesFile != nil, "the CommonMark examples file is not beside the repository"))
    func positionsOnCommonMarkExamples() throws {
        let url = try #require(Self.examplesFile)
        let examples = try JSONDecoder().decode([Example].self, from: Data(contentsOf: url))
        var words = 0
        var exact = 0
        for example in examples {
            let result = render(example.markdown, firstLine: 5)
            let lines = example.markdown.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
            for block in result.blocks where block.kind != .codeBlock && block.kind != .htmlBlock {
                var text = block.text
                let tokens = text.withUTF8 { Words.tokens($0) }
                let bytes = Array(block.text.utf8)
                for token in tokens {
                    let at = result.location(ofOffset: token.start, in: block)
                    let word = Array(String(decoding: bytes[token.start..<token.end], as: UTF8.self))
                    words += 1
                    guard lines.indices.contains(at.line - 5) else { continue }
                    let line = lines[at.line - 5]
                    let from = at.column - 1
                    if from + word.count <= line.count, Array(line[from..<(from + word.count)]) == word { exact += 1 }
                }
            }
        }
        // The rest are mostly words split by markup ("foo*bar*" reads "foobar"):
        // their position is still the start of the word.
        #expect(words > 1000)
        #expect(Double(exact) / Double(words) > 0.95, "\(exact) of \(words)")
    }
}
