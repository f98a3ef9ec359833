import Foundation
import HTMLOracle
import Testing

/// Hostile inputs that a fixture folder in Tests/Fixtures/bad/ cannot express:
/// generated files (huge, deeply nested), symbolic links, whole sites full of
/// script, and leak attempts checked output type by output type. The cases that
/// can be a folder are in Tests/Fixtures/bad/ and run by BadInputTests.
@Suite("hostile corpus: no crash, no hang, nothing hostile or private published")
struct HostileCorpusTests {
    // MARK: script and markup injection in every rendered field

    /// A payload that is harmless only when escaped: a script element, an
    /// image with an error handler, an attribute break-out, an SVG with a load
    /// handler, and CDATA, comment and Mustache delimiters.
    static func payload(_ tag: String) -> String {
        #""<script>alert('\#(tag)')</script><img src=x onerror=alert('\#(tag)')>\"'><svg onload=alert('\#(tag)')> ]]> --> }} {{ \#(tag)""#
    }

    /// What would run if a payload reached a file unescaped.
    static let markers = ["<script>alert(", "<img src=x onerror", "<svg onload", "\"'><svg"]

    /// The minimal site with a payload in every text field that is published:
    /// college.yml (name, edition, enrolment, support, term, category, audience,
    /// statement, role label), a course (title, summary, audience, outcomes,
    /// accessibility notes and materials, designed_with, booking phone and email),
    /// a trainer (name, skills, interests, bio), a partner (name, body), venues
    /// (name, address, postcode, online joining texts) and a page (title, body).
    static func injectedSite() throws -> TestSite {
        let site = try TestSite()
        func edit(_ path: String, _ changes: [(String, String)], append: String = "") throws {
            var text = try site.read(path)
            for (old, new) in changes {
                #expect(text.contains(old), "the fixture changed: \(old) is not in \(path)")
                text = text.replacingOccurrences(of: old, with: new)
            }
            try site.write(path, text + append)
        }
        let x = payload
        try edit(
            "content/college.yml",
            [
                ("name: Testbrook Recovery College", "name: \(x("college-name"))"),
                ("edition: \"2026-27\"", "edition: \(x("edition"))"),
                ("how: Enrol online or by phone. All courses are free.", "how: \(x("enrolment-how"))"),
                ("phone: \"01632 960000\"", "phone: \(x("enrolment-phone"))"),
                ("email: hello@testbrook.example.org", "email: \(x("enrolment-email"))"),
                ("support: |\n  If you need help now, call NHS 111 and choose the mental health option.", "support: \(x("support"))"),
                ("name: Autumn term", "name: \(x("term-name"))"),
                ("name: Living well, description: Everyday wellbeing.", "name: \(x("category-name")), description: \(x("category-description"))"),
                ("statement: Written with our student forum.", "statement: \(x("statement"))"),
                ("peer-trainer: Peer trainer,", "peer-trainer: \(x("role-label")),"),
                ("audiences: [people using services, family and friends, staff]", "audiences: [people using services, family and friends, staff, \(x("audience"))]"),
            ])
        try edit(
            "content/courses/hope-and-recovery.md",
            [
                ("title: Hope and Recovery", "title: \(x("course-title"))"),
                ("summary: What recovery can mean, and how to find your own way.", "summary: \(x("course-summary"))"),
                ("  - Describe what recovery means to you", "  - \(x("outcome"))"),
                ("accessibility: {notes: Large print on request., materials: [large-print]}", "accessibility: {notes: \(x("access-notes")), materials: [\(x("material"))]}"),
                ("audience: [people using services, family and friends]", "audience: [people using services, \(x("audience"))]"),
                ("designed_with: [Student forum]", "designed_with: [\(x("designed-with"))]"),
                (
                    "booking: {url: \"https://testbrook.example.org/enrol?course=hope-and-recovery\"}",
                    "booking: {url: \"https://testbrook.example.org/enrol?x=\\\"><script>alert('booking-url')</script>\", phone: \(x("booking-phone")), email: \(x("booking-email"))}"
                ),
            ],
            append: """

                <script>alert('body')</script>

                <img src=x onerror=alert('body-img')> <svg onload=alert('body-svg')>

                [a link](https://example.org/"onmouseover="alert('link')) and ![an "image"](/assets/x.png "t\\" onload=\\"alert('title')")

                """)
        try edit(
            "content/trainers/practitioner-named.md",
            [
                ("name: Harriet Okonkwo-Bell", "name: \(x("trainer-name"))"),
                ("roles: [practitioner-trainer]", "roles: [practitioner-trainer]\nskills: [\(x("skill"))]\ninterests: [\(x("interest"))]"),
            ],
            append: "\n<script>alert('bio')</script> <iframe src=javascript:alert('bio')></iframe>\n")
        try edit(
            "content/partners/riverside-group.md",
            [
                ("name: Riverside Group", "name: \(x("partner-name"))"),
                ("website: https://riverside.example.org/", "website: \"https://riverside.example.org/\\\"><script>alert('website')</script>\""),
            ],
            append: "\n<script>alert('partner-body')</script>\n")
        try edit(
            "content/venues/the-hub.md",
            [
                ("name: The Hub", "name: \(x("venue-name"))"), ("address: 1 High Street, Testbrook", "address: \(x("address"))"),
                ("postcode: TB1 1AA", "postcode: \(x("postcode"))"),
            ])
        try edit(
            "content/venues/online-room.md",
            [
                (
                    "online_info: {platform: Zoom, how_to_join: We email a link., tech_help: Call us to practise.}",
                    "online_info: {platform: \(x("platform")), how_to_join: \(x("how-to-join")), tech_help: \(x("tech-help"))}"
                )
            ])
        try edit("content/pages/how-to-enrol.md", [("title: How to enrol", "title: \(x("page-title"))")], append: "\n<script>alert('page-body')</script>\n")
        return site
    }

    /// ICS lines are folded at 75 octets; unfold before searching.
    static func unfolded(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n ", with: "").replacingOccurrences(of: "\r\n\t", with: "")
    }

    @Test("script in every rendered field of every file reaches no output file unescaped")
    func injectionInEveryField() throws {
        let site = try Self.injectedSite()
        defer { site.remove() }
        let result = try site.run(["build"])
        try #require(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        let files = TestSite.snapshot(site.output)
        var byType: [String: [String]] = [:]
        var seen: Set<String> = []
        for (path, data) in files {
            let text = String(decoding: data, as: UTF8.self)
            let type = (path as NSString).pathExtension
            seen.insert(type)
            let searched = type == "ics" ? Self.unfolded(text) : text
            for marker in Self.markers where searched.contains(marker) {
                byType[type, default: []].append("\(path): \(marker)")
            }
            guard type == "html" else { continue }
            // Only the theme's own scripts (the filter script and JSON-LD), no event
            // handler on any tag, no unsafe address in any link, image or form.
            for tag in HTMLTags.startTags(text) {
                if tag.name == "script" {
                    let type = tag.attributes.first { $0.name == "type" }?.value
                    let src = tag.attributes.first { $0.name == "src" }?.value ?? ""
                    if type != "application/ld+json" && !src.hasSuffix("assets/filter.js") {
                        byType["html", default: []].append("\(path): a <script \(tag.attributes)>")
                    }
                }
                for (name, value) in tag.attributes {
                    if name.hasPrefix("on") { byType["html", default: []].append("\(path): <\(tag.name) \(name)=...>") }
                    if ["href", "src", "action", "formaction"].contains(name) && HTMLTags.isUnsafeAddress(value) {
                        byType["html", default: []].append("\(path): <\(tag.name) \(name)=\(value)>")
                    }
                }
            }
            // JSON-LD never holds a raw `<` (so never `</script>`) and is valid JSON.
            var scan = text[...]
            while let open = scan.range(of: "<script type=\"application/ld+json\">"),
                let close = scan[open.upperBound...].range(of: "</script>")
            {
                let json = scan[open.upperBound..<close.lowerBound]
                if json.contains("<") { byType["json-ld", default: []].append("\(path): `<` inside JSON-LD") }
                if (try? JSONSerialization.jsonObject(with: Data(json.utf8))) == nil {
                    byType["json-ld", default: []].append("\(path): JSON-LD is not valid JSON")
                }
                scan = scan[close.upperBound...]
            }
        }
        #expect(seen.isSuperset(of: ["html", "json", "ics", "xml"]), "\(seen)")
        // The published pages, the feed, the sitemap, JSON-LD and the search index.
        #expect(byType["html"] == nil, "\(byType["html"] ?? [])")
        #expect(byType["json-ld"] == nil, "\(byType["json-ld"] ?? [])")
        #expect(byType["xml"] == nil, "\(byType["xml"] ?? [])")
        let searchIndex = (byType["json"] ?? []).filter { $0.hasPrefix("search-index.json") }
        #expect(searchIndex.isEmpty, "\(searchIndex)")
        let report = (byType["json"] ?? []).filter { !$0.hasPrefix("search-index.json") }
        #expect(report.isEmpty, "\(report)")
        // Calendars: `<` and `>` become look-alike guillemets, for calendar apps that show DESCRIPTION as HTML.
        #expect(byType["ics"] == nil, "\(byType["ics"] ?? [])")
    }

    @Test("a line break in a title cannot add a property to a calendar")
    func calendarPropertyInjection() throws {
        let site = try TestSite()
        defer { site.remove() }
        let path = "content/courses/hope-and-recovery.md"
        try site.write(
            path,
            try site.read(path).replacingOccurrences(
                of: "title: Hope and Recovery", with: #"title: "Hope\r\nATTACH:https://evil.example/x\nEND:VEVENT\rX-INJECTED:1""#))
        #expect(try site.run(["build"]).exitCode == 0)
        for name in ["output/calendar.ics", "output/courses/hope-and-recovery/course.ics"] {
            let lines = Self.unfolded(try site.read(name)).components(separatedBy: "\r\n")
            #expect(!lines.contains { $0.hasPrefix("ATTACH") || $0.hasPrefix("X-INJECTED") }, "\(name)")
            #expect(lines.filter { $0 == "END:VEVENT" }.count == lines.filter { $0 == "BEGIN:VEVENT" }.count, "\(name)")
        }
    }

    // MARK: unsafe addresses

    /// Spellings of unsafe addresses, each tried in the booking address of a course.
    static let unsafeURLs = [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "  javascript:alert(1)", "\\tjavascript:alert(1)",
        "javascript&colon;alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd", "//evil.example/enrol", "https:evil.example", "ftp://evil.example/",
    ]

    @Test("every spelling of an unsafe address is refused in a URL field", arguments: unsafeURLs)
    func unsafeURLField(_ url: String) throws {
        let site = try TestSite()
        defer { site.remove() }
        let path = "content/courses/hope-and-recovery.md"
        try site.write(
            path,
            try site.read(path).replacingOccurrences(
                of: "booking: {url: \"https://testbrook.example.org/enrol?course=hope-and-recovery\"}", with: "booking: {url: \"\(url)\"}"))
        let result = try site.run(["check", "--format", "json"])
        #expect(result.exitCode == 1)
        #expect(try findings(result.stdout).contains { $0.rule == "DATA008" && $0.file == path && $0.line == 15 }, "\(result.stdout)")
    }

    @Test("an address that looks local but leads to another site is refused", arguments: ["/\\\\evil.example/enrol", "/\\t/evil.example/enrol"])
    func offSiteLocalLookalike(_ url: String) throws {
        let site = try TestSite()
        defer { site.remove() }
        let path = "content/courses/hope-and-recovery.md"
        try site.write(
            path,
            try site.read(path).replacingOccurrences(
                of: "booking: {url: \"https://testbrook.example.org/enrol?course=hope-and-recovery\"}", with: "booking: {url: \"\(url)\"}"))
        let result = try site.run(["check", "--format", "json"])
        let found = try findings(result.stdout)
        #expect(found.contains { $0.rule == "DATA008" && $0.file == path }, "\(result.stdout)")
    }

    @Test("a javascript: link in a Markdown text of college.yml is refused with an error, as in every other file")
    func unsafeLinkInCollegeText() throws {
        let site = try TestSite()
        defer { site.remove() }
        let college = try site.read("content/college.yml")
        try site.write(
            "content/college.yml",
            college.replacingOccurrences(
                of: "statement: Written with our student forum.", with: "statement: \"Written [with us](javascript:alert(1)).\""))
        let result = try site.run(["build", "--format", "json"])
        let found = try findings(result.stdout)
        // cmark's safe mode already empties the address, so nothing can run...
        if result.exitCode == 0 {
            let home = try site.read("output/index.html")
            #expect(!home.lowercased().contains("javascript:"))
        }
        // ...and the coordinator is told, at college.yml, with DATA008.
        #expect(found.contains { $0.rule == "DATA008" && $0.file == "content/college.yml" }, "\(found)")
    }

    // MARK: size and depth

    @Test("a file one byte over the default limit (1 MiB) gets FILE006 and publishes nothing")
    func fileOverDefaultLimit() throws {
        let site = try TestSite()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        let before = TestSite.snapshot(site.output)
        let head = "---\ntitle: Big\n---\n"
        let line = "A line of ordinary words for a page that is far too long.\n"
        var text = head + String(repeating: line, count: (1 << 20) / line.utf8.count)
        text += String(repeating: "x", count: (1 << 20) + 1 - text.utf8.count)
        #expect(text.utf8.count == (1 << 20) + 1)
        try site.write("content/pages/big.md", text)
        let started = Date()
        let result = try site.run(["build", "--format", "json"])
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(result.exitCode == 1)
        #expect(try findings(result.stdout).contains { $0.rule == "FILE006" && $0.file == "content/pages/big.md" })
        #expect(TestSite.snapshot(site.output) == before)
    }

    /// Deeply nested Markdown in a course body, ten thousand levels deep.
    static let deepBodies: [(String, String)] = [
        ("block quotes", String(repeating: "> ", count: 10_000) + "deep\n"),
        ("list items", String(repeating: "- ", count: 10_000) + "deep\n"),
        ("ordered lists", String(repeating: "1. ", count: 10_000) + "deep\n"),
        ("emphasis", String(repeating: "*", count: 10_000) + "deep" + String(repeating: "*", count: 10_000) + "\n"),
        ("link brackets", String(repeating: "[", count: 10_000) + "deep" + String(repeating: "](/a/)", count: 10_000) + "\n"),
        ("quotes and lists", String(repeating: "> - ", count: 5_000) + "deep\n"),
    ]

    @Test("ten thousand levels of nested Markdown build in bounded time", arguments: deepBodies.map(\.0))
    func deepMarkdown(_ kind: String) throws {
        let body = try #require(Self.deepBodies.first { $0.0 == kind }?.1)
        let site = try TestSite()
        defer { site.remove() }
        let path = "content/courses/hope-and-recovery.md"
        try site.write(path, try site.read(path) + "\n" + body)
        let started = Date()
        let result = try site.run(["build"])
        let seconds = Date().timeIntervalSince(started)
        #expect(!result.stderr.contains("Fatal error") && result.exitCode != 132 && result.exitCode != 139, "\(result.stderr)")
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        #expect(seconds < 20, "\(kind): \(seconds) s")
        #expect(site.exists("output/courses/hope-and-recovery/index.html"))
    }

    @Test("deeply nested YAML is refused with a clear finding, not a crash", arguments: [2_000, 100_000])
    func deepYAML(_ depth: Int) throws {
        let site = try TestSite()
        defer { site.remove() }
        let yaml = "x: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        try site.write("content/pages/deep.md", "---\ntitle: Deep\n\(yaml)\n---\nBody.\n")
        let result = try site.run(["check", "--format", "json"])
        #expect(result.exitCode == 1, "\(result.stderr)")
        #expect(try findings(result.stdout).contains { $0.rule == "YAML001" && $0.file == "content/pages/deep.md" && $0.line == 3 })
    }

    // MARK: links in content/ and unsafe --output

    @Test("a folder link back to content/ and a link to itself do not make the walk loop")
    func symlinkLoops() throws {
        let site = try TestSite()
        defer { site.remove() }
        let fm = FileManager.default
        try fm.createSymbolicLink(at: site.url("content/courses/again"), withDestinationURL: site.url("content"))
        try fm.createSymbolicLink(atPath: site.url("content/pages/self.md").path, withDestinationPath: "self.md")
        try fm.createSymbolicLink(atPath: site.url("content/pages/gone.md").path, withDestinationPath: "missing.md")
        let started = Date()
        let result = try site.run(["check", "--format", "json"])
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(result.exitCode == 1, "\(result.stderr)")
        let found = try findings(result.stdout)
        #expect(found.contains { $0.file == "content/pages/self.md" && $0.rule.hasPrefix("FILE") }, "\(found)")
        #expect(found.contains { $0.file == "content/pages/gone.md" && $0.rule.hasPrefix("FILE") }, "\(found)")
    }

    @Test("an --output that is a link to content/, or to someone else's folder, is refused and nothing is touched")
    func symlinkedOutput() throws {
        let site = try TestSite()
        defer { site.remove() }
        let fm = FileManager.default
        try fm.createSymbolicLink(at: site.url("to-content"), withDestinationURL: site.url("content"))
        try site.write("elsewhere/notes.txt", "precious")
        try fm.createSymbolicLink(at: site.url("to-elsewhere"), withDestinationURL: site.url("elsewhere"))
        let before = TestSite.snapshot(site.root)
        for output in ["to-content", "to-content/courses", "to-elsewhere", "to-content/../templates"] {
            let result = try site.run(["build", "--output", output])
            #expect(result.exitCode == 2, "\(output): \(result.stderr)")
            #expect(result.stderr.contains("refusing to build into"), "\(output): \(result.stderr)")
        }
        #expect(TestSite.snapshot(site.root) == before)
    }

    @Test("a huge --max-file-size is a usage error (exit 2), not a crash")
    func hugeMaxFileSize() throws {
        let site = try TestSite()
        defer { site.remove() }
        let result = try site.run(["check", "--max-file-size", "9223372036854775807"], environment: ["SWIFT_BACKTRACE": "enable=no"])
        #expect(result.exitCode == 2, "exit \(result.exitCode): \(result.stderr.prefix(300))")
        #expect(try site.run(["check", "--max-file-size", "-5"]).exitCode != 132)
    }

    @Test("control characters in a file never reach the terminal through the text report")
    func terminalEscapes() throws {
        let site = try TestSite()
        defer { site.remove() }
        // An ESC sequence that would clear the screen and fake a clean result.
        try site.write("content/pages/esc.md", "---\ntitle: \u{1B}[2J\u{1B}[1;1HAll good\u{07}\norder: 1\n---\nBody.\n")
        let result = try site.run(["check"])
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("content/pages/esc.md:2"))
        #expect(!result.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "raw control characters in the text report")
    }

    // MARK: privacy proof: leaks through each output type

    /// Builds with one change and returns the output files PRIV002 names for `trainer`.
    static func leakedInto(_ site: TestSite, trainer: String) throws -> (exitCode: Int32, files: Set<String>) {
        let result = try site.run(["build", "--format", "json"])
        var files: Set<String> = []
        for finding in try findings(result.stdout) where finding.rule == "PRIV002" && finding.file == "content/trainers/\(trainer).md" {
            #expect(finding.severity == "error")
            if let range = finding.message.range(of: " would be published in "),
                let end = finding.message.range(of: "; nothing was published")
            {
                files.insert(String(finding.message[range.upperBound..<end.lowerBound]))
            }
        }
        return (result.exitCode, files)
    }

    static func editCourse(_ site: TestSite, _ old: String, _ new: String) throws {
        let path = "content/courses/hope-and-recovery.md"
        let text = try site.read(path)
        #expect(text.contains(old))
        try site.write(path, text.replacingOccurrences(of: old, with: new))
    }

    @Test("a private value in a course body is caught in the course page; nothing is published")
    func leakBodyIntoHTML() throws {
        let site = try TestSite()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        let before = TestSite.snapshot(site.output)
        try Self.editCourse(site, "Short talks and small-group discussion.", "Short talks. Questions to 07700 900111.")
        let (code, files) = try Self.leakedInto(site, trainer: "peer-one")
        #expect(code == 1)
        #expect(files.contains("courses/hope-and-recovery/index.html"), "\(files)")
        #expect(TestSite.snapshot(site.output) == before)
    }

    @Test("an unconsented full name in a course title is caught in every output type that carries the title")
    func leakTitleEverywhere() throws {
        let site = try TestSite()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        let before = TestSite.snapshot(site.output)
        try Self.editCourse(site, "title: Hope and Recovery", "title: Hope and Recovery with Quentin Marwood")
        let (code, files) = try Self.leakedInto(site, trainer: "peer-one")
        #expect(code == 1)
        // HTML page (with its JSON-LD), search index, feed, both calendars, printed prospectus, report page and data.
        for path in [
            "courses/hope-and-recovery/index.html", "index.html", "search-index.json", "feed.xml", "calendar.ics",
            "courses/hope-and-recovery/course.ics", "prospectus.html", "coproduction/index.html", "coproduction.json",
        ] {
            #expect(files.contains(path), "PRIV002 does not name \(path): \(files.sorted())")
        }
        #expect(TestSite.snapshot(site.output) == before)
    }

    @Test("a name in a venue address is caught in the calendars' LOCATION, even across a line fold")
    func leakVenueIntoCalendarLocation() throws {
        let site = try TestSite()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        let before = TestSite.snapshot(site.output)
        let path = "content/venues/the-hub.md"
        // Long enough that the LOCATION line folds inside the name (75 octets a line).
        let address = "Back entrance, ask at the desk for the room booked by Cornelius Fairweather, 1 High Street, Testbrook"
        try site.write(path, try site.read(path).replacingOccurrences(of: "address: 1 High Street, Testbrook", with: "address: \"\(address)\""))
        let (code, files) = try Self.leakedInto(site, trainer: "lapsed-peer")
        #expect(code == 1)
        #expect(files.contains("calendar.ics") && files.contains("courses/hope-and-recovery/course.ics"), "\(files.sorted())")
        #expect(TestSite.snapshot(site.output) == before)
    }

    @Test("a private value with commas is caught in the calendars, where commas are escaped")
    func leakEscapedIntoCalendar() throws {
        let site = try TestSite()
        defer { site.remove() }
        let trainer = "content/trainers/peer-one.md"
        try site.write(trainer, try site.read(trainer).replacingOccurrences(of: "  phone: \"07700 900111\"", with: "  phone: \"07700 900111\"\n  home: \"Flat 2, Mill Yard, Testbrook\""))
        #expect(try site.run(["build"]).exitCode == 0)
        let before = TestSite.snapshot(site.output)
        try Self.editCourse(site, "title: Hope and Recovery", "title: \"Hope and Recovery at Flat 2, Mill Yard, Testbrook\"")
        let (code, files) = try Self.leakedInto(site, trainer: "peer-one")
        #expect(code == 1)
        #expect(files.contains("calendar.ics"), "\(files.sorted())")
        #expect(TestSite.snapshot(site.output) == before)
    }

    /// Ways of writing an unconsented full name that a reader still reads as the name.
    static let disguisedNames: [(String, String)] = [
        ("split over two lines", "Led by Quentin\nMarwood."),
        ("two spaces", "Led by Quentin  Marwood."),
        ("a non-breaking space", "Led by Quentin&nbsp;Marwood."),
        ("a soft hyphen", "Led by Quentin Mar&shy;wood."),
        ("emphasis inside", "Led by **Quentin** Marwood."),
        ("capitals", "Led by QUENTIN MARWOOD."),
    ]

    @Test("an unconsented name written so it looks the same on the page is still caught", arguments: disguisedNames.map(\.0))
    func disguisedName(_ how: String) throws {
        let text = try #require(Self.disguisedNames.first { $0.0 == how }?.1)
        let site = try TestSite()
        defer { site.remove() }
        try Self.editCourse(site, "Short talks and small-group discussion.", text)
        let (code, files) = try Self.leakedInto(site, trainer: "peer-one")
        #expect(code == 1 && files.contains("courses/hope-and-recovery/index.html"), "published: exit \(code), \(files)")
    }

    @Test("a name with an apostrophe is caught in JSON and in the feed, which escape it differently")
    func apostropheName() throws {
        let site = try TestSite()
        defer { site.remove() }
        let trainer = "content/trainers/peer-one.md"
        try site.write(trainer, try site.read(trainer).replacingOccurrences(of: "name: Quentin Marwood", with: "name: \"Siobhan O'Neill\""))
        try Self.editCourse(site, "title: Hope and Recovery", "title: \"Hope and Recovery with Siobhan O'Neill\"")
        let (code, files) = try Self.leakedInto(site, trainer: "peer-one")
        #expect(code == 1)
        #expect(files.contains("courses/hope-and-recovery/index.html") && files.contains("calendar.ics"), "\(files.sorted())")
        #expect(files.contains("search-index.json") && files.contains("feed.xml"), "\(files.sorted())")
    }
}
