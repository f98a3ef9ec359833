import Foundation
import Testing

@testable import ProspectusCore

/// Changes made to lower a big site's peak memory must not change what is
/// found or what is written.
@Suite("Checking bodies as they are parsed, and pasting big files as bytes")
struct MemoryShapeTests {
    static let now = Date(timeIntervalSince1970: 1_782_907_200)

    /// Bodies with something for each family that reads bodies.
    static func fixture() -> SiteFixture {
        var fixture = SiteFixture()
        fixture[.courses, "understanding-recovery"] =
            Fixture.course
            + """

            Some people suffering from depression find that the therapy helps. [Click here](https://example.org) to read more.

            #### A heading that skips a level

            This sentence is made much longer than it needs to be so that the readability check has a long sentence to find in the body of the course, which it should report as too long.

            """
        fixture[.trainers, "jo-bloggs"] =
            Fixture.jo + "\nJo was a mental patient once and now helps others. ![](images/jo.jpg)\n"
        return fixture
    }

    static let bodyRules: Set<String> = ["COP009"]
    static func readsBodies(_ diagnostic: Diagnostic) -> Bool {
        let rule = diagnostic.rule.rawValue
        return rule.hasPrefix("LANG") || rule.hasPrefix("READ") || rule.hasPrefix("A11Y") || bodyRules.contains(rule)
    }

    static func described(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.filter(readsBodies).sortedForDisplay().map {
            "\($0.rule.rawValue) \($0.severity) \($0.file ?? "") \($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.message)"
        }
    }

    @Test("the pipeline, checking each body as it is parsed, finds exactly what the families find reading whole bodies")
    func bodyChecksAgreeWithFamilies() throws {
        let fixture = Self.fixture()
        let temp = try TemporaryFolder()
        defer { temp.remove() }
        if let college = fixture.college { try temp.write("content/college.yml", college) }
        for (kind, files) in fixture.files {
            for (id, text) in files { try temp.write("content/\(kind.rawValue)/\(id).md", text) }
        }
        let (checkedSite, bodies, diagnostics) = Pipeline.check(BuildOptions(siteRoot: temp.url, now: Self.now))
        let site = try #require(checkedSite)
        // What rendering reads is all that is kept of each body.
        for body in bodies.values {
            #expect(body.blocks.isEmpty && body.links.isEmpty && body.headings.isEmpty && body.paragraphs.isEmpty)
        }

        let (whole, _) = MarkdownStage.run(site)
        var expected = LanguageLint.run(site, bodies: whole)
        expected += Readability.run(site, bodies: whole)
        expected += ContentAccessibility.run(site, bodies: whole)
        let found = Self.described(diagnostics)
        #expect(found == Self.described(expected))
        // The fixture gives every family something to find in a body.
        for rule in ["LANG", "READ", "A11Y", "COP009"] {
            #expect(found.contains { $0.hasPrefix(rule) }, "nothing found for \(rule)")
        }
        #expect(found.contains { $0.contains("trainers/jo-bloggs.md") })
    }

    @Test("a file's kept body findings are used again only while college.yml is unchanged")
    func memoKeyFollowsCollege() throws {
        let fixture = Self.fixture()
        let (decoded, _) = fixture.decode()
        let site = try #require(decoded)
        let memo = MarkdownMemo()
        let checks = BodyChecks(site: site)
        let (_, first) = MarkdownStage.run(site, memo: memo, checks: checks)
        // The college now accepts the term: its findings must go.
        var changed = fixture
        changed.college = (fixture.college ?? "") + "language:\n  allow: [suffering from]\n"
        let (redecoded, _) = changed.decode()
        let site2 = try #require(redecoded)
        let (_, second) = MarkdownStage.run(site2, memo: memo, checks: BodyChecks(site: site2))
        #expect(first.contains { $0.message.contains("suffering from") })
        #expect(!second.contains { $0.message.contains("suffering from") })
    }
}

extension MemoryShapeTests {
    @Test("joining pieces as bytes gives the pieces' text and leaves nothing behind")
    func join() {
        var pieces = ["BEGIN\r\n", "", "café “quoted” 😀\r\n", String(repeating: "x", count: 100_000), "END\r\n"]
        let expected = pieces.joined()
        let bytes = Splice.join(&pieces)
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
        #expect(pieces.isEmpty)
    }

    static func layout(_ skeleton: String, _ markers: Splice.Markers, pieces: Int) -> [String]? {
        var text = skeleton
        guard let parts = text.withUTF8({ markers.parse($0, pieceCount: pieces) }) else { return nil }
        return text.withUTF8 { bytes in
            parts.map { part -> String in
                switch part {
                case .literal(let range): String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                case .piece(let index): "#\(index)"
                }
            }
        }
    }

    @Test("a skeleton is cut into its literal text and markers, in order, a piece used twice named twice")
    func parse() throws {
        let markers = Splice.Markers()
        let skeleton = "<main>" + markers.marker(1) + "\n" + markers.marker(0) + markers.marker(1) + "é</main>"
        #expect(Self.layout(skeleton, markers, pieces: 3) == ["<main>", "#1", "\n", "#0", "#1", "é</main>"])
        #expect(Self.layout("no markers", markers, pieces: 3) == ["no markers"])
    }

    @Test("a layout is accepted only when two renders with different markers agree")
    func agreedLayout() {
        let plain = Splice.Markers.agreedLayout(pieceCount: 2) { "<a>" + $0.marker(0) + "<b>" + $0.marker(1) + "</b>" }
        #expect(plain?.parts.count == 5)
        // Case transforms and reversal change the token, differently in each render.
        let transforms: [@Sendable (String) -> String] = [{ $0.uppercased() }, { $0.lowercased() }, { $0.capitalized }, { String($0.reversed()) }]
        for transform in transforms {
            #expect(Splice.Markers.agreedLayout(pieceCount: 1) { "<a>" + transform($0.marker(0)) + "</a>" } == nil)
        }
        #expect(Splice.Markers.agreedLayout(pieceCount: 1) { _ in nil } == nil)
    }

    @Test(
        "a skeleton whose markers a theme changed is declined",
        arguments: ["escaped", "cut", "unknown piece", "no digits"])
    func declines(_ change: String) {
        let markers = Splice.Markers()
        let marker = markers.marker(0)
        let skeleton: String =
            switch change {
            case "escaped": "<div>" + marker.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;") + "</div>"
            case "cut": "<div>" + String(marker.dropLast(2)) + "</div>"
            case "unknown piece": "<div>" + markers.marker(7) + "</div>"
            default: "<div>" + marker.replacingOccurrences(of: "-0", with: "-") + "</div>"
            }
        #expect(Self.layout(skeleton, markers, pieces: 1) == nil)
    }

    @Test("the printed prospectus made section by section into its bytes equals the page rendered whole, whatever the theme does to the sections")
    func printedProspectusBytes() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var options = BuildOptions(siteRoot: root)
        options.now = Self.now
        let checked = Pipeline.check(options)
        let site = try #require(checked.site)
        // The default theme, then themes that do something to the sections
        // (review of 29cbe2b: each of these once gave a different page).
        let indented = ("layout.mustache", "{{$main}}{{/main}}", "  {{$main}}{{/main}}")
        let noFinalLineBreak = ("partials/prospectus-course.mustache", "</article>\n", "</article>")
        let changes: [[(String, String, String)]] = [
            [],
            [("prospectus.mustache", "{{{section_html}}}", "<div>{{section_html}}</div>")],
            [("prospectus.mustache", "{{{section_html}}}", "{{{uppercased(section_html)}}}")],
            [("prospectus.mustache", "{{{section_html}}}", "{{{lowercased(section_html)}}}")],
            [("prospectus.mustache", "{{{section_html}}}", "{{{capitalized(section_html)}}}")],
            [("prospectus.mustache", "{{{section_html}}}", "{{{reversed(section_html)}}}")],
            [("prospectus.mustache", "{{{section_html}}}", "{{#empty(section_html)}}EMPTY{{/empty(section_html)}}{{{section_html}}}")],
            [("prospectus.mustache", "{{{section_html}}}", "{{#section_html}}[{{{.}}}]{{/section_html}}")],
            [indented], [noFinalLineBreak], [indented, noFinalLineBreak],
        ]
        for change in changes {
            let temp = try TemporaryFolder()
            defer { temp.remove() }
            try FileManager.default.copyItem(at: root.appendingPathComponent("templates"), to: temp.path("templates"))
            for (file, old, new) in change {
                let url = temp.path("templates/" + file)
                let text = try String(contentsOf: url, encoding: .utf8)
                try text.swapping(old, new).write(to: url, atomically: true, encoding: .utf8)
            }
            let (loaded, problems) = Theme.load(from: temp.path("templates"), siteRoot: temp.url)
            #expect(problems.isEmpty)
            let theme = try #require(loaded)
            let published = site.courses.filter { $0.status != .draft }
            let contexts = PageContexts(site: site, bodies: checked.bodies, published: published, today: Fixture.today)
            let renderer = SiteRenderer(
                contexts: contexts, theme: theme, keys: RenderKeys(contexts: contexts, includeDrafts: false), memo: RenderMemo())
            var out = SiteRenderer.Rendered(collector: OutputCollector(destination: .memory, secrets: [], memo: RenderMemo()))
            let sections = renderer.renderSections(into: &out)
            #expect(sections.count == published.count)
            let whole = try #require(theme.render("prospectus", renderer.printedProspectus { sections[$0] ?? "" }))
            let pasted = try #require(renderer.printedProspectusBytes(into: &out))
            #expect(String(decoding: pasted, as: UTF8.self) == whole, "\(change.map { "\($0.0): \($0.2)" })")
            #expect(whole.count > 10_000)
        }
    }
}

extension MemoryShapeTests {
    static let viewInputs: [String] = [
        "<p>Jo   Bloggs</p>\n<p>J<b>o</b> B&shy;loggs &amp; Sam&nbsp;Patel</p>",
        #"{"name":"Jo \u0027Bloggs\u0027","x":"&#74;o &#x42;loggs"}"#,
        String(repeating: "<li>Caf&eacute; \u{200B}Jo\t\tBLOGGS &lt;x&gt;</li>\r\n", count: 40),
        String(repeating: "a &#128512; b \\u00e9 c\u{00A0}d ", count: 60),
    ]

    @Test("the reading view made a few bytes at a time is the view made at once", arguments: [1, 9, 10, 33, 1000])
    func viewInPieces(_ room: Int) {
        for input in Self.viewInputs {
            let data = Data(input.utf8)
            let whole = ReadingView.bytes(of: data)
            var pieces: [UInt8] = []
            data.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                var cursor = ReadingView.Cursor()
                let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: room + ReadingView.longestStep)
                defer { buffer.deallocate() }
                repeat {
                    let written = ReadingView.write(bytes, from: &cursor, into: buffer)
                    pieces += buffer[0..<written]
                } while cursor.position < bytes.count
            }
            #expect(pieces == whole, "\(input.prefix(40))")
        }
    }

    @Test("searching a view piece by piece finds every needle the whole view holds, including ones across pieces")
    func viewSearchedInPieces() {
        for input in Self.viewInputs {
            let whole = ReadingView.bytes(of: Data(input.utf8))
            // Every slice of the view of a few lengths, plus needles that are not there.
            var needles: [[UInt8]] = [Array("not in it".utf8), Array("zz".utf8)]
            for length in [2, 3, 5, 11] where whole.count > length {
                for start in 0..<(whole.count - length) { needles.append(Array(whole[start..<(start + length)])) }
            }
            let set = NeedleSet(needles)
            let expected = whole.withUnsafeBufferPointer { set.matches(in: $0) }
            #expect(expected.count == needles.count - 2)
            for pieceSize in [16, 40, 1 << 20] {
                let found = Data(input.utf8).withUnsafeBytes {
                    ReadingView.matches(of: set, inViewOf: $0.bindMemory(to: UInt8.self), pieceSize: pieceSize)
                }
                #expect(found == expected, "piece size \(pieceSize): \(input.prefix(30))")
            }
        }
    }
}

extension MemoryShapeTests {
    static let pieceInputs: [String] = viewInputs + [
        // A tag longer than the look-ahead, an unclosed `<`, entities and spaces at every offset.
        "<p>" + String(repeating: "x", count: 2100) + "</p> Jo &amp;  Bloggs <b " + String(repeating: "y", count: 3000) + "> Sam &#80;atel",
        String(repeating: "Jo\u{00A0}\u{00A0}BLOGGS&shy; &lt; <i>Sam</i>  Patel\r\n ", count: 200),
    ]

    static func needles(of bytes: [UInt8]) -> [[UInt8]] {
        var needles: [[UInt8]] = [Array("not in it".utf8)]
        for length in [3, 7, 13] where bytes.count > length {
            for start in 0..<(bytes.count - length) { needles.append(Array(bytes[start..<(start + length)])) }
        }
        return needles
    }

    @Test("a file handed over in pieces is found to hold what the whole file holds, as written and as a reader sees it", arguments: [3, 64, 2500, 100_000])
    func pieceScanAgreesWithWholeFile(_ pieceSize: Int) {
        for input in Self.pieceInputs {
            let bytes = Array(input.utf8)
            let view = ReadingView.bytes(of: Data(bytes))
            // Needles from the file and from its view; a sample of them, to keep the test quick.
            let raw = NeedleSet(Self.needles(of: bytes).enumerated().filter { $0.offset % 5 == 0 }.map(\.element))
            let plain = NeedleSet(Self.needles(of: view).enumerated().filter { $0.offset % 3 == 0 }.map(\.element))
            let expectedRaw = bytes.withUnsafeBufferPointer { raw.matches(in: $0) }
            let expectedPlain = view.withUnsafeBufferPointer { plain.matches(in: $0) }
            var scan = PieceScan(raw: raw, plain: plain)
            bytes.withUnsafeBufferPointer { all in
                for start in stride(from: 0, to: all.count, by: pieceSize) {
                    scan.add(UnsafeBufferPointer(rebasing: all[start..<min(start + pieceSize, all.count)]))
                }
            }
            scan.finish()
            #expect(scan.rawFound == expectedRaw, "pieces of \(pieceSize): \(input.prefix(30))")
            #expect(scan.plainFound == expectedPlain, "pieces of \(pieceSize): \(input.prefix(30))")
            #expect(expectedPlain.count > 10)
        }
    }

    @Test("a big calendar's view searched a piece at a time finds what the whole view finds")
    func calendarViewInPieces() throws {
        // Names folded across lines and escaped, in many events.
        var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        for index in 0..<300 {
            text += "BEGIN:VEVENT\r\nUID:\(index)@example.org\r\n"
            text += ICalendarText.fold("DESCRIPTION:With Jo Bloggs\\, Sam Patel and guest \(index)\\nBring a pen\\; and Ma\\\\ry Smith. " + String(repeating: "More words here. ", count: index % 9)) + "\r\n"
            text += "END:VEVENT\r\n"
        }
        text += "END:VCALENDAR\r\n"
        let file = OutputFile(path: "calendar.ics", text: text)
        let secrets = ["Jo Bloggs", "Sam Patel", "Ma\\ry Smith", "guest 299", "Bring a pen;", "not there at all"].map {
            PrivacyScan.Secret(text: $0, what: "a test value", file: SourceFile(path: "content/trainers/x.md", text: ""), location: nil, isName: true)
        }
        let scanner = PrivacyScan.Scanner(secrets: secrets)
        let whole = scanner.matches(CalendarFeed.privacyScanView(of: file), inParallel: false)
        #expect(whole.count >= 5)
        for pieceSize in [1, 50, 333, 4096] {
            #expect(scanner.matchesInCalendarView(file.contents, pieceSize: pieceSize) == whole, "pieces of \(pieceSize)")
        }
    }
}
