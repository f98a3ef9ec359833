import Foundation
import Testing

@testable import ProspectusCore

@Suite("Accessibility of content (A11Y001–003)")
struct ContentAccessibilityTests {
    static let pagePath = SiteFixture.path(.pages, "how-to-enrol")

    /// Runs the check on the fixture site with extra Markdown in the page body.
    func check(pageBody extra: String, sourceLocation: Testing.SourceLocation = #_sourceLocation)
        -> (text: String, diagnostics: [Diagnostic])
    {
        let text = Fixture.page + extra
        var fixture = SiteFixture()
        fixture[.pages, "how-to-enrol"] = text
        guard let site = fixture.decode().site else {
            Issue.record("the fixture did not decode", sourceLocation: sourceLocation)
            return (text, [])
        }
        let (bodies, _) = MarkdownStage.run(site)
        return (text, ContentAccessibility.run(site, bodies: bodies))
    }

    @Test("the fixture site has no content accessibility findings")
    func fixtureClean() throws {
        let site = try #require(SiteFixture().decode().site)
        let (bodies, _) = MarkdownStage.run(site)
        #expect(ContentAccessibility.run(site, bodies: bodies).isEmpty)
    }

    // MARK: A11Y001

    @Test("A11Y001: an image with no alt text is an error at the image")
    func imageWithoutAlt() throws {
        let (text, diagnostics) = check(pageBody: "\nOur garden: ![](images/garden.jpg)\n")
        let finding = try #require(diagnostics.with(.a11yImageAlt).first)
        #expect(diagnostics.count == 1)
        #expect(finding.rule.rawValue == "A11Y001")
        #expect(finding.severity == .error)
        #expect(finding.file == Self.pagePath)
        #expect(finding.location == position(text.line(of: "![]("), text.column(of: "![](")))
        #expect(finding.message.contains("images/garden.jpg"))
    }

    @Test("A11Y001: alt text of spaces only counts as none; real alt text is fine")
    func imageAltText() {
        #expect(check(pageBody: "\n![   ](a.png)\n").diagnostics.with(.a11yImageAlt).count == 1)
        #expect(check(pageBody: "\n![Students planting seeds](a.png)\n").diagnostics.isEmpty)
    }

    // MARK: A11Y002

    @Test("A11Y002: a jump from h2 to h4 is a warning at the h4")
    func skippedHeading() throws {
        let (text, diagnostics) = check(pageBody: "\n## What to bring\n\nText.\n\n#### A pen\n")
        let finding = try #require(diagnostics.with(.a11yHeadingOrder).first)
        #expect(diagnostics.count == 1)
        #expect(finding.severity == .warning)
        #expect(finding.location == position(text.line(of: "#### A pen"), 1))
        #expect(finding.hint?.contains("###") == true)
    }

    @Test("A11Y002: a body may start at h2 or h3 and go down one level at a time, or back up any number")
    func headingOrderFine() {
        #expect(check(pageBody: "\n## A\n\n### B\n\n#### C\n\n## D\n").diagnostics.isEmpty)
        #expect(check(pageBody: "\n### Starts under the section heading\n\n#### Then one down\n").diagnostics.isEmpty)
    }

    @Test("A11Y002: a body whose first heading is h4 skips h3")
    func firstHeadingTooDeep() {
        #expect(check(pageBody: "\n#### Too deep\n").diagnostics.with(.a11yHeadingOrder).count == 1)
    }

    // MARK: A11Y003

    @Test(
        "A11Y003: vague link text is a warning at the link",
        arguments: ["click here", "Here", "more", "Read more…", "link", "this link", "This page", "more info"]
    )
    func vagueLink(linkText: String) throws {
        let (text, diagnostics) = check(pageBody: "\nTo enrol, [\(linkText)](https://recovery.example.org/enrol).\n")
        let finding = try #require(diagnostics.with(.a11yLinkText).first)
        #expect(diagnostics.count == 1)
        #expect(finding.severity == .warning)
        #expect(finding.location == position(text.line(of: "To enrol"), text.column(of: "[")))
    }

    @Test("A11Y003: link text that says where it goes is fine, even when it contains a vague word")
    func clearLink() {
        let (_, diagnostics) = check(
            pageBody: "\nRead [how to enrol](/pages/how-to-enrol/) or [more about the college](/pages/about/).\n")
        #expect(diagnostics.isEmpty)
    }
}
