import Foundation
import ProspectusCore
import Testing

/// The CommonMark 0.30 spec's examples, kept beside the repository in
/// `../shared/data/` (or named by PROSPECTUS_COMMONMARK_EXAMPLES).
enum CommonMarkExamples {
    struct Example: Decodable {
        let markdown: String
        let html: String
        let example: Int
        let section: String
    }

    static let file: URL? = {
        let candidates: [String?] = [
            ProcessInfo.processInfo.environment["PROSPECTUS_COMMONMARK_EXAMPLES"],
            Repo.root.deletingLastPathComponent().appendingPathComponent("shared/data/commonmark-0.30-examples.json").path,
        ]
        return candidates.compactMap { $0 }.map { URL(fileURLWithPath: $0) }
            .first { FileManager.default.fileExists(atPath: $0.path) }
    }()

    static func load() throws -> [Example] {
        let url = try #require(file)
        return try JSONDecoder().decode([Example].self, from: Data(contentsOf: url))
    }
}

@Suite("CommonMark: a course body reaches its page exactly as cmark renders it")
struct CommonMarkTests {
    @Test(
        "every spec example used as a course body appears on its page byte-for-byte as cmark renders it",
        .enabled(if: CommonMarkExamples.file != nil, "the CommonMark examples file is not beside the repository"))
    func examplesReachThePage() throws {
        let examples = try CommonMarkExamples.load()
        #expect(examples.count == 652)
        let site = try TestSite()
        defer { site.remove() }
        let front = """
            ---
            title: Example
            summary: A CommonMark example.
            format: workshop
            category: living-well
            audience: [staff]
            term: autumn
            learning_outcomes: [Try it]
            sessions:
              - {date: 2026-10-20, start: "10:00", end: "12:00", venue: online-room, mode: online}
            coproduction:
              trainers:
                - {id: peer-one, role: peer-trainer}
                - {id: practitioner-named, role: practitioner-trainer}
              last_reviewed: 2026-05-01
            ---

            """
        // Examples with links Prospectus refuses to publish (javascript: and
        // the like) are kept out of the build; a separate test shows they are refused.
        let publishable = examples.filter { example in
            Markdown.render(MarkdownSource(text: example.markdown, firstLine: 1)).links.allSatisfy {
                Markdown.isAllowedLink($0.url)
            }
        }
        #expect(publishable.count > 600)
        // Spec examples are about syntax, not good practice: an image without
        // alt text is an A11Y001 error in a real prospectus, so switch it off here.
        let college = try site.read("content/college.yml").replacingOccurrences(of: "checks: {}", with: "checks: {A11Y001: off}")
        try site.write("content/college.yml", college)
        for example in publishable {
            try site.write("content/courses/example-\(example.example).md", front + example.markdown)
        }
        let result = try site.run(["build", "--format", "json"])
        let unpublished = try findings(result.stdout).filter { $0.severity == "error" }
        #expect(result.exitCode == 0, "\(unpublished.prefix(5).map(\.description))")
        var sameAsSpec = 0
        for example in publishable {
            let page = try site.read("output/courses/example-\(example.example)/index.html")
            let start = try #require(page.range(of: "<div class=\"course-body\">"))
            let end = try #require(page.range(of: "</div>\n  </section>", range: start.upperBound..<page.endIndex))
            let body = String(page[start.upperBound..<end.lowerBound])
            let expected = Markdown.html(example.markdown)
            #expect(body == expected, "example \(example.example) (\(example.section))")
            if body == example.html { sameAsSpec += 1 }
        }
        // Debian's cmark 0.30 in safe mode matches the spec on 581 examples; the
        // rest differ only where safe mode omits raw HTML or unsafe links.
        #expect(sameAsSpec >= 570, "only \(sameAsSpec) examples match the spec's HTML")
    }
}
