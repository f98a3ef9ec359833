import Foundation
import Testing

@Suite("consent and privacy in the published site")
struct PrivacyTests {
    /// Every private value and every name that consent does not allow, from the fixture.
    static let forbidden = [
        "07700 900111", "07700 900222", "07700 900333", "07700 900444", "Quiet private training record", "2025-02-11",
        "Quentin", "Marwood", "Yellowley", "Cornelius", "Fairweather",
        "A bio that must not be published",
    ]

    @Test("no private value or unconsented name appears in any output file")
    func nothingPrivatePublished() throws {
        let site = try TestSite()
        defer { site.remove() }
        let result = try site.run(["build", "--drafts"])
        #expect(result.exitCode == 0, "\(result.stdout)")
        let files = TestSite.snapshot(site.output)
        #expect(files.count > 10)
        for (path, data) in files {
            let text = String(decoding: data, as: UTF8.self)
            for secret in Self.forbidden {
                #expect(!text.contains(secret), "\(secret) leaked into \(path)")
            }
        }
    }

    @Test("trainers appear as consent allows: role only, first name, full name")
    func consentDisplay() throws {
        let site = try TestSite()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        let hope = try site.read("output/courses/hope-and-recovery/index.html")
        #expect(hope.contains("<li>Peer trainer</li>"))
        #expect(hope.contains("Harriet Okonkwo-Bell, Practitioner trainer"))
        let involved = try site.read("output/courses/getting-involved-workshop/index.html")
        #expect(involved.contains("Beatrix, Peer trainer"))
        // Profile pages only with current profile consent.
        #expect(site.exists("output/trainers/practitioner-named/index.html"))
        #expect(site.exists("output/trainers/peer-first/index.html"))
        #expect(!site.exists("output/trainers/peer-one/index.html"))
        #expect(!site.exists("output/trainers/lapsed-peer/index.html"))
    }

    @Test("a course text naming an unconsented trainer blocks publishing with PRIV002")
    func leakBlocked() throws {
        let site = try TestSite()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        let before = TestSite.snapshot(site.output)
        let path = "content/courses/hope-and-recovery.md"
        try site.write(path, try site.read(path) + "\nThis course is led by Quentin Marwood.\n")
        let result = try site.run(["build", "--format", "json"])
        #expect(result.exitCode == 1)
        let found = try findings(result.stdout)
        #expect(found.contains { $0.rule == "PRIV002" && $0.file == "content/trainers/peer-one.md" })
        #expect(TestSite.snapshot(site.output) == before)
    }

    @Test("hostile text in fields is escaped on every page")
    func hostileTextEscaped() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write(
            "content/courses/hostile.md",
            """
            ---
            title: "<script>alert('title')</script>"
            summary: "\\" onmouseover=\\"alert(1)"
            format: workshop
            category: living-well
            audience: [staff]
            term: autumn
            learning_outcomes: ["<img src=x onerror=alert(2)>"]
            sessions:
              - {date: 2026-11-02, start: "10:00", end: "11:00", venue: the-hub, mode: onsite}
            accessibility: {notes: "<b onclick=alert(3)>notes</b>"}
            booking: {url: "https://example.org/?a=<script>"}
            coproduction:
              trainers:
                - {id: peer-one, role: peer-trainer}
                - {id: practitioner-named, role: practitioner-trainer}
              last_reviewed: 2026-05-01
            ---
            <script>alert('body')</script>

            [link](javascript:alert(4)) <img src=x onerror=alert(5)>
            """)
        let result = try site.run(["build"])
        // The javascript: link is an error: nothing is published.
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("content/courses/hostile.md:21:1: error[DATA008]"))
        // Without the unsafe link, the page builds and every field is escaped.
        try site.write(
            "content/courses/hostile.md",
            try site.read("content/courses/hostile.md").replacingOccurrences(of: "[link](javascript:alert(4))", with: "[link](/x/)"))
        let second = try site.run(["build"])
        #expect(second.exitCode == 0, "\(second.stdout)")
        for (path, data) in TestSite.snapshot(site.output) where path.hasSuffix(".html") || path.hasSuffix(".xml") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("<script>"), "\(path)")
            #expect(!text.contains("<img src=x onerror"), "\(path)")
            #expect(!text.contains("<b onclick"), "\(path)")
            #expect(!text.contains("\" onmouseover"), "\(path)")
        }
        let page = try site.read("output/courses/hostile/index.html")
        #expect(page.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"))
    }
}
