import Foundation
import Testing

@testable import ProspectusCore

/// Behaviours added after the issue-3 documentation review.
@Suite("content rules: follow-ups from the rules review")
struct ReviewFollowUpTests {
    @Test("root-relative links in a body move under the base path of a site in a subfolder")
    func linksFollowBasePath() {
        let source = MarkdownSource(text: "[enrol](/pages/how-to-enrol/) ![map](/images/map.png) [web](https://x.example/) [near](page/)", firstLine: 1)
        let html = Markdown.render(source, basePath: "/college/").html
        #expect(html.contains("href=\"/college/pages/how-to-enrol/\""))
        #expect(html.contains("src=\"/college/images/map.png\""))
        #expect(html.contains("href=\"https://x.example/\""))
        #expect(html.contains("href=\"page/\""))
        // At the root of a domain nothing changes: the body is exactly cmark's HTML.
        #expect(Markdown.render(source).html == Markdown.html(String(source.text)))
    }

    @Test("a session at an online venue is checked for joining details even without a mode")
    func onlineVenueWithoutMode() {
        var fixture = SiteFixture()
        fixture[.venues, "online-room"] = "---\nname: Online room\nonline: true\n---\nJoin from home.\n"
        fixture[.courses, "understanding-recovery"] = Fixture.course.swapping(
            "{date: 2026-10-12, start: \"10:00\", end: \"12:00\", venue: riverside-hub, mode: onsite}",
            "{date: 2026-10-12, start: \"10:00\", end: \"12:00\", venue: online-room}")
        guard let site = fixture.decode().site else {
            Issue.record("the fixture did not decode")
            return
        }
        #expect(DeliveryChecks.run(site).with(.dataOnlineInfo).count == 1)
    }

    @Test("a missing accessibility statement is reported once, by PAGE002, not also by PAGE001")
    func accessibilityStatementOnce() {
        var fixture = SiteFixture()
        fixture.college = Fixture.college + "required_pages: [accessibility-statement]\npublic_sector: true\n"
        let site = fixture.decode().site
        let findings = site.map { PageChecks.run($0) } ?? []
        #expect(findings.with(.pageAccessibilityStatement).count == 1)
        #expect(findings.with(.pageRequired).isEmpty)
    }

    @Test("ignore: for a rule that cannot be silenced is a warning, and does nothing")
    func ignoreStructuralRule() {
        let course = Fixture.course.swapping("title:", "ignore: [{rule: DATA001, reason: testing}]\ntitle:")
        let (_, diagnostics) = decodeCourse(course)
        #expect(diagnostics.with(.schemaEnum).contains { $0.severity == .warning && $0.message.contains("DATA001 cannot be silenced") })
    }

    @Test("a partner logo without alt text is A11Y001 at the logo line")
    func logoWithoutAlt() {
        var fixture = SiteFixture()
        let partner = Fixture.partner.swapping("logo: {src: images/mind.png, alt: Riverside Mind logo}", "logo: {src: images/mind.png}")
        fixture[.partners, "riverside-mind"] = partner
        guard let site = fixture.decode().site else {
            Issue.record("the fixture did not decode")
            return
        }
        let found = ContentAccessibility.run(site, bodies: [:]).with(.a11yImageAlt)
        #expect(found.count == 1)
        #expect(found.first?.location?.line == partner.line(of: "logo:"))
    }

    @Test("a practitioner whose display asks for a name without consent is a PRIV001 warning, not an error")
    func practitionerNameWithoutConsent() {
        var fixture = SiteFixture()
        let sam = Fixture.sam.swapping("roles: [practitioner-trainer, subject-expert]", "roles: [practitioner-trainer, subject-expert]\ndisplay: full-name")
        fixture[.trainers, "sam-patel"] = sam
        guard let site = fixture.decode().site else {
            Issue.record("the fixture did not decode")
            return
        }
        let found = PrivacyChecks.run(site, today: Fixture.today).with(.privConsentMismatch, in: "content/trainers/sam-patel.md")
        #expect(found.count == 1)
        #expect(found.first?.severity == .warning)
    }

    @Test("a private value is matched as written, so a course title differing only in case is not a leak; names are matched as a reader sees them")
    func privateValuesMatchedAsWritten() {
        let file = SourceFile(path: "content/trainers/x.md", text: "---\nname: Quentin Marwood\n---\n")
        let secrets = [
            PrivacyScan.Secret(text: "Sharing your story safely", what: "a private value of x", file: file, location: nil),
            PrivacyScan.Secret(text: "Quentin Marwood", what: "the full name of x", file: file, location: nil, isName: true),
        ]
        let title = OutputFile(path: "courses/a/index.html", text: "<h1>Sharing Your Story Safely</h1>")
        #expect(PrivacyScan.scan([title], secrets: secrets).isEmpty)
        let name = OutputFile(path: "courses/b/index.html", text: "<p>Led by <strong>QUENTIN</strong>\nMarwood.</p>")
        #expect(PrivacyScan.scan([name], secrets: secrets).count == 1)
    }
}
