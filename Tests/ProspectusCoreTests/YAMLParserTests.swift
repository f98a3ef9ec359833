import Foundation
import Testing
import Yams

@testable import ProspectusCore

@Suite("YAML parser (stage 2b)")
struct YAMLParserTests {
    let path = "content/courses/x.md"

    /// Parses `yaml` as front matter starting on file line `firstLine`.
    func parse(_ yaml: String, firstLine: Int = 2) -> Result<YAMLDocument?, Diagnostic> {
        // The file text is the YAML inside fences, so diagnostics can show the source line.
        let fileText = "---\n" + yaml + (yaml.hasSuffix("\n") ? "" : "\n") + "---\n"
        return YAMLParser.parse(yaml, firstLine: firstLine, file: SourceFile(path: path, text: fileText))
    }

    /// The document parsed from `yaml`; fails the test when there is none.
    func document(_ result: Result<YAMLDocument?, Diagnostic>, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> YAMLDocument {
        let parsed = try #require(result.successValue, sourceLocation: sourceLocation)
        return try #require(parsed, sourceLocation: sourceLocation)
    }

    func failure(_ yaml: String, firstLine: Int = 2, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Diagnostic {
        try #require(parse(yaml, firstLine: firstLine).failureValue, sourceLocation: sourceLocation)
    }

    // MARK: good input

    @Test("a mapping parses, and node positions are file positions (the YAML's first line added)")
    func nodePositions() throws {
        let document = try document(parse("title: A\nplaces: 16\n", firstLine: 5))
        let mapping = try #require(document.root.mapping)
        let places = try #require(mapping["places"])
        #expect(document.location(places) == position(6, 9))
        #expect(document.location(document.root) == position(5, 1))
    }

    @Test("empty YAML, or only comments, is no document rather than an error")
    func emptyDocument() throws {
        #expect(try #require(parse("").successValue) == nil)
        #expect(try #require(parse("# just a comment\n").successValue) == nil)
    }

    @Test("YAML 1.1 words and numbers are kept as the text written: `no` is \"no\", `010` is \"010\"")
    func valuesKeptAsText() throws {
        let document = try document(parse("title: no\nplaces: 010\nratio: 1.10\nwhen: 2026-10-05\n"))
        let mapping = try #require(document.root.mapping)
        #expect(mapping["title"]?.scalar?.string == "no")
        #expect(mapping["places"]?.scalar?.string == "010")
        #expect(mapping["ratio"]?.scalar?.string == "1.10")
        #expect(mapping["when"]?.scalar?.string == "2026-10-05")
    }

    @Test("an anchor and alias used normally still parse")
    func simpleAlias() throws {
        let document = try document(parse("a: &x hello\nb: *x\n"))
        #expect(document.root.mapping?["b"]?.scalar?.string == "hello")
    }

    // MARK: syntax errors

    @Test("a syntax error is reported at its file line: the YAML's first line is added")
    func syntaxErrorFileLine() throws {
        let diagnostic = try failure("title: A\nsummary: Time: 2 hours\n", firstLine: 2)
        #expect(diagnostic.rule == .yamlSyntax)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.file == path)
        #expect(diagnostic.location?.line == 3)
        #expect(diagnostic.sourceLine == "summary: Time: 2 hours")
        #expect(diagnostic.hint?.contains("quotes") == true)
    }

    @Test("the same syntax error moves with the front matter's first line")
    func syntaxErrorOffset() throws {
        let yaml = "title: A\nformat: course\nsummary: Time: 2 hours\n"
        #expect(try failure(yaml, firstLine: 2).location?.line == 4)
        #expect(try failure(yaml, firstLine: 10).location?.line == 12)
    }

    @Test("a tab used for indentation is YAML001 on the tab's line")
    func tabIndentation() throws {
        let diagnostic = try failure("title: A\nconsent:\n\tname: true\n")
        #expect(diagnostic.rule == .yamlSyntax)
        #expect(diagnostic.location?.line == 4)
    }

    @Test("a value starting with a backtick or @ is YAML001 on that line")
    func reservedIndicator() throws {
        let diagnostic = try failure("title: A\nsummary: `code`\n")
        #expect(diagnostic.rule == .yamlSyntax)
        #expect(diagnostic.location?.line == 3)
        #expect(diagnostic.hint?.contains("quotes") == true)
    }

    @Test("bad indentation is YAML001 at a line of the mapping, not line 1")
    func badIndentation() throws {
        let diagnostic = try failure("title: A\nconsent:\n  name: true\n profile: true\n")
        #expect(diagnostic.rule == .yamlSyntax)
        #expect((4...5).contains(diagnostic.location?.line ?? 0))
    }

    @Test("an unclosed flow list is YAML001 with a hint about the bracket")
    func unclosedFlowList() throws {
        let diagnostic = try failure("title: A\naudience: [staff, students\nterm: autumn\n")
        #expect(diagnostic.rule == .yamlSyntax)
        #expect((3...5).contains(diagnostic.location?.line ?? 0))
    }

    @Test("an unclosed quote is YAML001")
    func unclosedQuote() throws {
        let diagnostic = try failure("title: \"A\nsummary: b\n")
        #expect(diagnostic.rule == .yamlSyntax)
    }

    @Test("an undefined alias is YAML001, not a crash")
    func undefinedAlias() throws {
        let diagnostic = try failure("title: *nothing\n")
        #expect(diagnostic.rule == .yamlSyntax)
        #expect(diagnostic.location?.line == 2)
    }

    @Test("a control character is YAML001, not a crash")
    func controlCharacter() throws {
        let diagnostic = try failure("title: a\u{7}b\n")
        #expect(diagnostic.rule == .yamlSyntax)
    }

    // MARK: duplicate keys

    @Test("a duplicate top-level key is reported at the duplicate's own line")
    func duplicateTopLevel() throws {
        let diagnostic = try failure("title: A\nsummary: B\ntitle: C\n")
        #expect(diagnostic.rule == .yamlDuplicateKey)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location == position(4, 1))
        #expect(diagnostic.sourceLine == "title: C")
        #expect(diagnostic.message.contains("`title`"))
        #expect(diagnostic.message.contains("first on line 2"))
    }

    @Test("a duplicate key that is not the mapping's first key is still reported at the duplicate")
    func duplicateNotFirstKey() throws {
        let diagnostic = try failure("format: course\ntitle: A\nsummary: B\ntitle: C\n")
        #expect(diagnostic.rule == .yamlDuplicateKey)
        #expect(diagnostic.location == position(5, 1))
        #expect(diagnostic.message.contains("first on line 3"))
    }

    @Test("a duplicate key in a nested mapping is reported at the duplicate's own line and column")
    func duplicateNested() throws {
        let yaml = "name: Jo\nconsent:\n  name: true\n  profile: true\n  name: false\nroles: [peer-trainer]\n"
        let diagnostic = try failure(yaml)
        #expect(diagnostic.rule == .yamlDuplicateKey)
        #expect(diagnostic.location == position(6, 3))
        #expect(diagnostic.sourceLine == "  name: false")
    }

    @Test("keys are compared as the text written: `true:` and `\"true\":` are the same key")
    func keysComparedAsText() throws {
        let diagnostic = try failure("title: A\ntrue: x\n\"true\": y\n")
        #expect(diagnostic.rule == .yamlDuplicateKey)
    }

    @Test("a nested key with the same name as a top-level key is not a duplicate")
    func sameNameDifferentMapping() throws {
        let document = try document(parse("name: Jo\nconsent:\n  name: true\n"))
        #expect(document.root.mapping?["name"]?.scalar?.string == "Jo")
    }

    @Test("a duplicate key inside a list item is reported at the duplicate's own line")
    func duplicateInListItem() throws {
        let yaml = """
            title: A
            sessions:
              - date: 2026-10-05
                start: "10:00"
              - date: 2026-10-12
                start: "10:00"
                end: "12:00"
                date: 2026-10-19
            """
        let diagnostic = try failure(yaml)
        #expect(diagnostic.rule == .yamlDuplicateKey)
        #expect(diagnostic.location == position(9, 5))
        #expect(diagnostic.sourceLine == "    date: 2026-10-19")
    }

    @Test("a duplicate in a flow mapping is reported on that line")
    func duplicateInFlowMapping() throws {
        let diagnostic = try failure("title: A\nbooking: {url: 'https://a.org/', url: 'https://b.org/'}\n")
        #expect(diagnostic.rule == .yamlDuplicateKey)
        #expect(diagnostic.location?.line == 3)
    }

    @Test("a duplicate written once plain and once quoted is still found at the duplicate")
    func duplicateQuoted() throws {
        let diagnostic = try failure("title: A\nsummary: B\n\"title\": C\n")
        #expect(diagnostic.rule == .yamlDuplicateKey)
        #expect(diagnostic.location == position(4, 1))
    }

    @Test("a duplicate key's line skips a deeper key of the same name in between")
    func duplicateSkipsDeeperKey() throws {
        let yaml = "title: A\nbooking:\n  title: nested\ntitle: B\n"
        let diagnostic = try failure(yaml)
        #expect(diagnostic.rule == .yamlDuplicateKey)
        #expect(diagnostic.location == position(5, 1))
    }

    @Test("a duplicate key is found at its own line even when a quoted text in between spans lines")
    func duplicateAfterMultiLineQuotedText() throws {
        let yaml = "title: A\nsummary: \"first line\ntitle: inside the quotes\"\ntitle: B\n"
        let diagnostic = try failure(yaml)
        #expect(diagnostic.rule == .yamlDuplicateKey)
        #expect(diagnostic.location == position(5, 1))
    }

    @Test(
        "a duplicate key's line skips quoted texts over several lines, with escaped and doubled quotes, and in lists",
        arguments: [
            ("title: A\nsummary: 'it''s\ntitle: no'\ntitle: B\n", 5),
            ("title: A\nsummary: \"say \\\"hi\nti\\\"\ntitle: no\"\ntitle: B\n", 6),
            ("title: A\nlist:\n  - \"one\ntitle: no\"\ntitle: B\n", 6),
            ("title: \"A\ntitle: no\"\ntitle: B\n", 4),
            ("title: A\nsummary: \"closed\" # and a \" in a comment\ntitle: B\n", 4),
            ("title: A\nsummary: Jo's course, and 'more\ntitle: B\n", 4),
            ("title: A\nsummary: |\n  \"a quote in a block of text\n  title: no\ntitle: B\n", 6),
            ("title: A\nlist:\n  - >-\n    'a quote\ntitle: B\n", 6),
            ("title: \"A\" # was: \"B\nid: y\ntitle: C\n", 4),
            ("title: A\nsummary:\t\"one\ntitle: no\"\ntitle: B\n", 5),
            ("title: A\nsummary: &s \"one\ntitle: no\"\ntitle: B\n", 5),
        ])
    func duplicateAfterQuotedTexts(yaml: String, line: Int) throws {
        let diagnostic = try failure(yaml)
        #expect(diagnostic.rule == .yamlDuplicateKey)
        #expect(diagnostic.location == position(line, 1))
    }

    @Test(
        "a duplicate key in a list item whose first value is a block of text is found",
        arguments: [
            ("sessions:\n  - notes: |\n      text\n    notes: again\n", 5, 5),
            ("- notes: |\n    text\n  notes: again\n", 4, 3),
        ])
    func duplicateInListItemAfterBlock(yaml: String, line: Int, column: Int) throws {
        let diagnostic = try failure(yaml)
        #expect(diagnostic.rule == .yamlDuplicateKey)
        #expect(diagnostic.location == position(line, column))
    }

    // MARK: non-scalar keys

    @Test(
        "a list or mapping used as a key is YAML002, without crashing",
        arguments: ["[a]: b\n", "{x: 1}: y\n", "? [a, b]\n: c\n", "? {x: 1}\n: c\n"]
    )
    func nonScalarKey(yaml: String) throws {
        let diagnostic = try failure(yaml)
        #expect(diagnostic.rule == .yamlNonScalarKey)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location?.line == 2)
    }

    @Test("a non-scalar key in a nested mapping is YAML002 at its own line")
    func nonScalarKeyNested() throws {
        let diagnostic = try failure("title: A\nbooking:\n  url: https://a.org/\n  [a]: b\n")
        #expect(diagnostic.rule == .yamlNonScalarKey)
        #expect(diagnostic.location == position(5, 3))
    }

    @Test("a non-scalar key inside a list item is YAML002")
    func nonScalarKeyInList() throws {
        let diagnostic = try failure("sessions:\n  - {date: 2026-10-05, [x]: y}\n")
        #expect(diagnostic.rule == .yamlNonScalarKey)
        #expect(diagnostic.location?.line == 3)
    }

    // MARK: alias bombs

    /// The "billion laughs": nine levels, each nine aliases of the one before.
    static func billionLaughs(levels: Int = 9) -> String {
        var yaml = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...levels {
            let items = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            yaml += "a\(level): &a\(level) [\(items)]\n"
        }
        return yaml
    }

    @Test("an alias bomb (billion laughs) is rejected with YAML006 instead of expanding", .timeLimit(.minutes(1)))
    func billionLaughs() throws {
        let diagnostic = try failure(Self.billionLaughs())
        #expect(diagnostic.rule == .yamlAlias)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.file == path)
        #expect(diagnostic.location != nil)
    }

    @Test("an alias bomb under a nested key is rejected with YAML006 too", .timeLimit(.minutes(1)))
    func nestedBomb() throws {
        let yaml = "private:\n" + Self.billionLaughs().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
        #expect(try failure(yaml).rule == .yamlAlias)
    }

    @Test("a file with a few hundred ordinary values is well inside the node budget")
    func ordinaryFileWithinBudget() throws {
        let yaml = "items:\n" + (1...500).map { "  - {id: item-\($0), name: Item \($0)}" }.joined(separator: "\n") + "\n"
        #expect(try #require(parse(yaml).successValue) != nil)
    }

    // Yams hashes every mapping key in full while composing, so an aliased key
    // would take exponential time; YAMLParser refuses alias keys before composing.
    @Test("an alias bomb used as a mapping key is rejected quickly", .timeLimit(.minutes(1)))
    func bombAsKey() throws {
        let yaml = Self.billionLaughs() + "? *a9\n: boom\n"
        let rule = try failure(yaml).rule
        #expect(rule == .yamlAlias || rule == .yamlNonScalarKey)
    }
}
