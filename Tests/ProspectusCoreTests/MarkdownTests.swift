import Foundation
import Testing

@testable import ProspectusCore

@Suite("Markdown (stage 4)")
struct MarkdownTests {
    func render(_ text: String, firstLine: Int = 1) -> RenderedMarkdown {
        Markdown.render(MarkdownSource(text: text, firstLine: firstLine))
    }

    // MARK: safe HTML

    @Test("CommonMark is rendered to HTML")
    func rendersCommonMark() {
        let html = render("# Title\n\nSome *emphasis* and a [link](https://example.org/).\n").html
        #expect(html.contains("<h1>Title</h1>"))
        #expect(html.contains("<em>emphasis</em>"))
        #expect(html.contains("<a href=\"https://example.org/\">link</a>"))
    }

    @Test("a raw HTML <script> block is omitted from the output")
    func scriptBlockOmitted() {
        let html = render("Before\n\n<script>alert('x')</script>\n\nAfter\n").html
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("alert("))
        #expect(html.contains("raw HTML omitted"))
        #expect(html.contains("After"))
    }

    @Test(
        "inline raw HTML never reaches the output",
        arguments: [
            "Hello <script>alert(1)</script> world",
            "Hello <SCRIPT SRC=//evil.example/x.js></SCRIPT>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">click</a>",
            "<iframe src=\"https://evil.example/\"></iframe>",
            "<div onclick=\"alert(1)\">x</div>",
            "<style>body{display:none}</style>",
        ]
    )
    func inlineHTMLOmitted(markdown: String) {
        let html = render(markdown + "\n").html.lowercased()
        for bad in ["<script", "onerror", "<iframe", "onclick", "<style", "javascript:"] {
            #expect(!html.contains(bad), "\(bad) in \(html)")
        }
    }

    @Test(
        "links and images with an unsafe scheme lose their address",
        arguments: [
            "[click](javascript:alert(1))",
            "[click](JavaScript:alert(1))",
            "[click](vbscript:msgbox(1))",
            "[click](file:///etc/passwd)",
            "[click](data:text/html;base64,PHNjcmlwdD4=)",
            "[click](<javascript:alert(1)>)",
            "[click][ref]\n\n[ref]: javascript:alert(1)",
            "![pic](javascript:alert(1))",
            "<javascript:alert(1)>",
            "[click](javascript&colon;alert(1))",
            "[click](java&#115;cript:alert(1))",
        ]
    )
    func unsafeHrefEmptied(markdown: String) {
        let html = render(markdown + "\n").html
        #expect(html.contains("href=\"\"") || html.contains("src=\"\""), "\(html)")
        // No attribute starts with a dangerous scheme (the link text may still show it, harmlessly).
        let lowered = html.lowercased()
        for scheme in ["javascript", "java&#115;cript", "vbscript:", "file:", "data:"] {
            #expect(!lowered.contains("href=\"\(scheme)") && !lowered.contains("src=\"\(scheme)"), "\(html)")
        }
    }

    @Test("the short-field renderer (enrolment text) omits raw HTML too")
    func shortFieldRenderer() {
        let html = Markdown.html("Enrol <script>alert(1)</script> [here](javascript:alert(1)).")
        #expect(!html.contains("<script"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("Enrol"))
    }

    // MARK: facts with positions

    @Test("headings are collected with their file line: the body's first line is added")
    func headingLines() throws {
        let result = render("## What we cover\n\nText.\n\n### Who it suits\n", firstLine: 12)
        #expect(result.headings.map(\.level) == [2, 3])
        #expect(result.headings.map(\.text) == ["What we cover", "Who it suits"])
        #expect(result.headings.map(\.location) == [position(12, 1), position(16, 1)])
    }

    @Test("a link is collected with its URL, text and file line")
    func linkLines() throws {
        let result = render("Intro.\n\nSee [the *hub* page](https://example.org/hub) today.\n", firstLine: 7)
        let link = try #require(result.links.first)
        #expect(result.links.count == 1)
        #expect(link.url == "https://example.org/hub")
        #expect(link.text == "the hub page")
        #expect(!link.isImage)
        #expect(link.location.line == 9)
    }

    @Test("a link on the third line of a paragraph is reported on that line, at its column")
    func linkInsideParagraph() throws {
        let result = render("Line one\nline two\nline three [x](https://a.example/) end\n", firstLine: 10)
        let link = try #require(result.links.first)
        #expect(link.location == position(12, 12))
    }

    @Test("links in list items and block quotes keep their file line")
    func linksInContainers() throws {
        let result = render("- one\n- two [a](https://a.example/)\n\n> quote [b](https://b.example/)\n", firstLine: 20)
        #expect(result.links.map(\.url) == ["https://a.example/", "https://b.example/"])
        #expect(result.links.map(\.location.line) == [21, 23])
    }

    @Test("an unsafe link is still collected with its original URL, so checks can report it")
    func unsafeLinkCollected() throws {
        let result = render("Text\n\n[click](javascript:alert(1))\n", firstLine: 5)
        let link = try #require(result.links.first)
        #expect(link.url == "javascript:alert(1)")
        #expect(link.location.line == 7)
        #expect(!Markdown.isAllowedLink(link.url))
    }

    @Test("images are collected as images with their alt text")
    func imagesCollected() throws {
        let result = render("![Jo in the garden](images/jo.jpg)\n\n[a link](https://x.example/)\n", firstLine: 3)
        #expect(result.links.count == 2)
        let image = try #require(result.links.first { $0.isImage })
        #expect(image.url == "images/jo.jpg")
        #expect(image.text == "Jo in the garden")
        #expect(image.location.line == 3)
        #expect(result.links.filter { !$0.isImage }.map(\.url) == ["https://x.example/"])
    }

    @Test("paragraphs are collected as plain text with their file line")
    func paragraphsCollected() throws {
        let result = render("First *para*\ncontinues.\n\nSecond `code`.\n", firstLine: 4)
        #expect(result.paragraphs.map(\.text) == ["First para continues.", "Second code."])
        #expect(result.paragraphs.map(\.location.line) == [4, 7])
    }

    @Test("an empty body renders to empty HTML with no facts")
    func emptyBody() {
        let result = render("")
        #expect(result.html.isEmpty)
        #expect(result.links.isEmpty && result.headings.isEmpty && result.paragraphs.isEmpty)
    }

    // MARK: isAllowedLink

    @Test(
        "links within the site, web, email and phone links are allowed",
        arguments: [
            "other-page/", "../courses/x/", "images/jo.jpg", "#sessions", "?q=a:b", "/courses/x/",
            "courses/a:b", "https://example.org/", "http://example.org/x", "HTTPS://EXAMPLE.ORG/",
            "mailto:college@example.org", "tel:+441234567890", "",
        ]
    )
    func allowedLinks(url: String) {
        #expect(Markdown.isAllowedLink(url))
    }

    @Test(
        "script, data, file and other schemes are refused",
        arguments: [
            "javascript:alert(1)", "JAVASCRIPT:alert(1)", "jAvAsCrIpT:alert(1)", "data:text/html,<b>x</b>",
            "data:image/png;base64,iVBORw0KGgo=", "vbscript:msgbox(1)", "file:///etc/passwd", "ftp://example.org/",
            "chrome://settings", "java\tscript:alert(1)", "https:", "https://", "mailto:",
        ]
    )
    func refusedLinks(url: String) {
        #expect(!Markdown.isAllowedLink(url))
    }

    // MARK: the Markdown stage

    @Test("the Markdown stage reports an unsafe link in a body as DATA008 at its file line")
    func markdownStageReportsUnsafeLinks() throws {
        var fixture = SiteFixture()
        let text = Fixture.page + "\nMore: [enrol](javascript:alert(1))\n"
        fixture[.pages, "how-to-enrol"] = text
        let site = try #require(fixture.decode().site)
        let (bodies, diagnostics) = MarkdownStage.run(site)
        let bad = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(bad.rule == .dataURL)
        #expect(bad.file == SiteFixture.path(.pages, "how-to-enrol"))
        #expect(bad.location?.line == text.line(of: "javascript:"))
        #expect(bad.sourceLine == "More: [enrol](javascript:alert(1))")
        #expect(bodies[SiteFixture.path(.pages, "how-to-enrol")]?.html.contains("javascript") == false)
    }

    @Test("the Markdown stage renders every body of the fixture site without findings")
    func markdownStageClean() throws {
        let site = try #require(SiteFixture().decode().site)
        let (bodies, diagnostics) = MarkdownStage.run(site)
        #expect(diagnostics.isEmpty)
        #expect(bodies.count == 7)
        #expect(bodies[SiteFixture.path(.courses, "understanding-recovery")]?.headings.first?.location.line
            == Fixture.course.line(of: "## What we cover"))
    }
}
