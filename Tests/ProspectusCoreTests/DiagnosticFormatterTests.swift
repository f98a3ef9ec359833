import Foundation
import Testing

@testable import ProspectusCore

@Suite("Diagnostic formatter")
struct DiagnosticFormatterTests {
    static let unknownField = Diagnostic(
        rule: .schemaUnknown, file: "content/courses/x.md", location: FilePosition(line: 14, column: 5),
        message: "`titel`: unknown field, did you mean `title`?", hint: "rename it to `title`",
        sourceLine: "    titel: Understanding")

    static let missingCollege = Diagnostic(
        rule: .fileMissing, file: "content/college.yml", location: nil,
        message: "there is no college.yml", hint: "create content/college.yml")

    static let siteWide = Diagnostic(rule: .templateMissing, file: nil, location: nil, message: "no layout template")

    // MARK: text

    @Test("text format: `file:line:col: severity[RULE]: message`, the line with a caret under the column, then the hint")
    func textFormat() {
        let text = DiagnosticFormatter.text([Self.unknownField])
        let expected = """
            content/courses/x.md:14:5: warning[SCHEMA002]: `titel`: unknown field, did you mean `title`?
                14 |     titel: Understanding
                   |     ^
              hint: rename it to `title`

            """
        #expect(text == expected)
    }

    @Test("the caret sits under the column, counted in characters")
    func caretColumn() throws {
        let d = Diagnostic(
            rule: .dataReference, file: "f.md", location: FilePosition(line: 3, column: 7), message: "m",
            sourceLine: "café: [jo-blogs]")
        let lines = DiagnosticFormatter.text([d]).split(separator: "\n", omittingEmptySubsequences: false)
        let source = String(lines[1]), caret = String(lines[2])
        #expect(source == "    3 | café: [jo-blogs]")
        let caretIndex = try #require(caret.firstIndex(of: "^"))
        let sourceColumn = source.index(source.startIndex, offsetBy: caret.distance(from: caret.startIndex, to: caretIndex))
        #expect(source[sourceColumn] == "[")
    }

    @Test("a tab in the source line is shown as a space so the caret still lines up")
    func tabsInSourceLine() {
        let d = Diagnostic(
            rule: .yamlSyntax, file: "f.md", location: FilePosition(line: 2, column: 2), message: "m",
            sourceLine: "\tname: true")
        let text = DiagnosticFormatter.text([d])
        #expect(text.contains("    2 |  name: true\n      |  ^\n"))
    }

    @Test("a diagnostic without a position has no line numbers and no caret")
    func withoutLocation() {
        let text = DiagnosticFormatter.text([Self.missingCollege])
        #expect(text == "content/college.yml: error[FILE007]: there is no college.yml\n  hint: create content/college.yml\n")
    }

    @Test("a site-wide diagnostic is shown as (site) and has no hint line when there is no hint")
    func siteWideText() {
        #expect(DiagnosticFormatter.text([Self.siteWide]) == "(site): error[TEMPLATE002]: no layout template\n")
    }

    @Test("a position without a source line prints the position but no caret")
    func locationWithoutSourceLine() {
        let d = Diagnostic(rule: .dataID, file: "f.md", location: FilePosition(line: 7, column: 1), message: "m")
        #expect(DiagnosticFormatter.text([d]) == "f.md:7:1: error[DATA002]: m\n")
    }

    @Test("colour codes appear only when asked for")
    func colour() {
        #expect(!DiagnosticFormatter.text([Self.unknownField]).contains("\u{1B}["))
        let coloured = DiagnosticFormatter.text([Self.unknownField], color: true)
        #expect(coloured.contains("\u{1B}[1;33mwarning\u{1B}[0m[SCHEMA002]"))
    }

    @Test("the summary counts errors and warnings, with plurals, and notes only when present")
    func summary() {
        let error = Self.missingCollege
        #expect(DiagnosticFormatter.summary([]) == "0 errors, 0 warnings")
        #expect(DiagnosticFormatter.summary([error, Self.unknownField]) == "1 error, 1 warning")
        #expect(DiagnosticFormatter.summary([error, error, Self.unknownField, Self.unknownField]) == "2 errors, 2 warnings")
        var note = error
        note.severity = .info
        #expect(DiagnosticFormatter.summary([note]) == "0 errors, 0 warnings, 1 note")
    }

    // MARK: sorting

    @Test("diagnostics are sorted by file, then line, then column, then rule")
    func sorting() {
        func d(_ file: String?, _ line: Int?, _ column: Int = 1, _ rule: RuleID = .dataReference) -> Diagnostic {
            Diagnostic(rule: rule, file: file, location: line.map { FilePosition(line: $0, column: column) }, message: "m")
        }
        let shuffled = [
            d("content/courses/b.md", 3), d("content/courses/a.md", 10), d("content/courses/a.md", 2, 7),
            d("content/college.yml", nil), d("content/courses/a.md", 2, 3, .schemaType), d("content/courses/a.md", 2, 3, .dataDate),
            d(nil, nil),
        ]
        let sorted = shuffled.sortedForDisplay()
        #expect(sorted.map { $0.file ?? "-" } == [
            "-", "content/college.yml", "content/courses/a.md", "content/courses/a.md", "content/courses/a.md",
            "content/courses/a.md", "content/courses/b.md",
        ])
        #expect(sorted.map { $0.location?.line ?? 0 } == [0, 0, 2, 2, 2, 10, 3])
        #expect(sorted[2...4].map(\.rule.rawValue) == ["DATA005", "SCHEMA003", "DATA001"])
        // The text output follows the same order.
        let text = DiagnosticFormatter.text(shuffled)
        let places = text.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(places == [
            "(site):", "content/college.yml:", "content/courses/a.md:2:3:", "content/courses/a.md:2:3:",
            "content/courses/a.md:2:7:", "content/courses/a.md:10:1:", "content/courses/b.md:3:1:",
        ])
    }

    // MARK: JSON

    func parseJSON(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }

    @Test("JSON output is valid JSON with rule, severity, file, line, column, message, hint and the counts")
    func json() throws {
        let root = try parseJSON(DiagnosticFormatter.json([Self.unknownField, Self.missingCollege]))
        #expect(root["errors"] as? Int == 1)
        #expect(root["warnings"] as? Int == 1)
        let items = try #require(root["diagnostics"] as? [[String: Any]])
        #expect(items.count == 2)
        // sorted: college.yml before courses/x.md
        let missing = items[0], unknown = items[1]
        #expect(missing["rule"] as? String == "FILE007")
        #expect(missing["severity"] as? String == "error")
        #expect(missing["file"] as? String == "content/college.yml")
        #expect(missing["line"] == nil && missing["column"] == nil)
        #expect(unknown["rule"] as? String == "SCHEMA002")
        #expect(unknown["severity"] as? String == "warning")
        #expect(unknown["file"] as? String == "content/courses/x.md")
        #expect(unknown["line"] as? Int == 14)
        #expect(unknown["column"] as? Int == 5)
        #expect(unknown["message"] as? String == Self.unknownField.message)
        #expect(unknown["hint"] as? String == "rename it to `title`")
    }

    /// Many findings, given out of order, each naming its place in the sorted order.
    static func many(_ count: Int) -> [Diagnostic] {
        (0..<count).reversed().map { index in
            Diagnostic(
                rule: .schemaUnknown, file: "content/courses/c\(String(format: "%05d", index)).md",
                location: FilePosition(line: 2, column: 1), message: "finding \(index)", hint: "hint \(index)",
                sourceLine: "line of \(index)")
        }
    }

    @Test("thousands of findings (formatted a chunk at a time on every core) come out whole, in sorted order, in every format")
    func manyFindingsInOrder() throws {
        let count = 5_000  // more than one round of chunks
        let diagnostics = Self.many(count)
        let items = try #require(try parseJSON(DiagnosticFormatter.json(diagnostics))["diagnostics"] as? [[String: Any]])
        #expect(items.map { $0["message"] as? String } == (0..<count).map { "finding \($0)" })

        let text = DiagnosticFormatter.text(diagnostics)
        let firstLines = text.split(separator: "\n").filter { $0.hasPrefix("content/") }.map(String.init)
        #expect(firstLines == (0..<count).map { "content/courses/c\(String(format: "%05d", $0)).md:2:1: warning[SCHEMA002]: finding \($0)" })
        // Each finding is its own four lines, none lost or doubled at a chunk's edge.
        #expect(text.split(separator: "\n").count == 4 * count)

        let github = DiagnosticFormatter.github(diagnostics).split(separator: "\n")
        #expect(github.count == count)
        #expect(github.first?.hasSuffix("::finding 0 (hint: hint 0)") == true)
        #expect(github.last?.hasSuffix("::finding \(count - 1) (hint: hint \(count - 1))") == true)
    }

    @Test("JSON with no diagnostics is still a valid document with zero counts")
    func emptyJSON() throws {
        let root = try parseJSON(DiagnosticFormatter.json([]))
        #expect((root["diagnostics"] as? [Any])?.isEmpty == true)
        #expect(root["errors"] as? Int == 0)
        #expect(root["warnings"] as? Int == 0)
    }

    @Test("JSON escapes quotes, backslashes, newlines, tabs and control characters, and keeps Unicode")
    func jsonEscaping() throws {
        let message = "a \"quoted\" C:\\path\nnew line\ttab \u{1}\u{1F} bell\u{7} café ☕ 🌱 \u{2028}"
        let d = Diagnostic(
            rule: .yamlSyntax, file: "content/courses/\"odd\" name.md", location: FilePosition(line: 1, column: 1),
            message: message, hint: "line1\r\nline2")
        let root = try parseJSON(DiagnosticFormatter.json([d]))
        let item = try #require((root["diagnostics"] as? [[String: Any]])?.first)
        #expect(item["message"] as? String == message)
        #expect(item["file"] as? String == "content/courses/\"odd\" name.md")
        #expect(item["hint"] as? String == "line1\r\nline2")
    }

    @Test("a site-wide diagnostic has no file key in JSON")
    func jsonSiteWide() throws {
        let root = try parseJSON(DiagnosticFormatter.json([Self.siteWide]))
        let item = try #require((root["diagnostics"] as? [[String: Any]])?.first)
        #expect(item["file"] == nil)
        #expect(item["rule"] as? String == "TEMPLATE002")
    }

    // MARK: GitHub

    @Test("github format: `::error file=...,line=..,col=..,title=RULE::message`")
    func githubFormat() {
        let d = Diagnostic(
            rule: .dataReference, file: "content/courses/x.md", location: FilePosition(line: 14, column: 5),
            message: "there is no trainer \"jo-blogs\"")
        #expect(DiagnosticFormatter.github([d]) == "::error file=content/courses/x.md,line=14,col=5,title=DATA001::there is no trainer \"jo-blogs\"\n")
    }

    @Test("github format uses ::warning and ::notice for warnings and infos, and adds the hint")
    func githubSeverities() {
        var info = Self.missingCollege
        info.severity = .info
        let out = DiagnosticFormatter.github([Self.unknownField, info]).split(separator: "\n").map(String.init)
        #expect(out.count == 2)
        #expect(out[0] == "::notice file=content/college.yml,title=FILE007::there is no college.yml (hint: create content/college.yml)")
        #expect(out[1].hasPrefix("::warning file=content/courses/x.md,line=14,col=5,title=SCHEMA002::"))
        #expect(out[1].hasSuffix("(hint: rename it to `title`)"))
    }

    @Test("github format escapes newlines and percent signs in messages, and commas and colons in properties")
    func githubEscaping() {
        let d = Diagnostic(
            rule: .yamlSyntax, file: "content/pages/a,b:c.md", location: FilePosition(line: 1, column: 1),
            message: "100% wrong\nsecond line\r")
        let out = DiagnosticFormatter.github([d])
        #expect(out == "::error file=content/pages/a%2Cb%3Ac.md,line=1,col=1,title=YAML001::100%25 wrong%0Asecond line%0D\n")
        #expect(out.filter { $0 == "\n" }.count == 1)
    }

    @Test("a site-wide diagnostic in github format has only a title")
    func githubSiteWide() {
        #expect(DiagnosticFormatter.github([Self.siteWide]) == "::error title=TEMPLATE002::no layout template\n")
    }

    // MARK: rule catalogue

    @Test("every rule id in the catalogue is unique and structural rules cannot be overridden")
    func ruleCatalogue() {
        let ids = Rule.all.map(\.id.rawValue)
        #expect(Set(ids).count == ids.count)
        #expect(Rule.catalog.count == ids.count)
        #expect(RuleID.yamlSyntax.info?.overridable == false)
        #expect(RuleID.schemaUnknown.defaultSeverity == .warning)
        #expect(RuleID.privConsentLapsed.defaultSeverity == .warning)
        #expect(RuleID(rawValue: "NOPE999").defaultSeverity == .error)
    }

    @Test("a diagnostic takes its rule's default severity unless told otherwise")
    func defaultSeverity() {
        #expect(Diagnostic(rule: .schemaUnknown, file: nil, location: nil, message: "m").severity == .warning)
        #expect(Diagnostic(rule: .schemaUnknown, severity: .error, file: nil, location: nil, message: "m").severity == .error)
    }

    @Test("a source location never goes below line 1, column 1")
    func locationClamped() {
        #expect(FilePosition(line: 0, column: -3) == position(1, 1))
    }

    @Test("SourceFile.line returns the text of a 1-based line, or nil past the end")
    func sourceFileLine() {
        let file = SourceFile(path: "content/courses/x.md", text: "one\ntwo\n\nfour")
        #expect(file.line(1) == "one")
        #expect(file.line(3) == "")
        #expect(file.line(4) == "four")
        #expect(file.line(5) == nil)
        #expect(file.line(0) == nil)
        #expect(file.stem == "x")
    }
}
