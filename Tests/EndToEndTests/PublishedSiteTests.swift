import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// What the published site offers beyond its pages: JSON-LD, the Atom feed,
/// robots.txt, the search index and the filter script, on the minimal fixture.
@Suite("the published site's structured data, feed, index and filter")
struct PublishedSiteTests {
    static let published = ["getting-involved-workshop", "hope-and-recovery"]

    /// The JSON-LD blocks of an HTML page, parsed.
    func jsonLD(_ html: String) throws -> [[String: Any]] {
        var blocks: [[String: Any]] = []
        var rest = html[...]
        let open = "<script type=\"application/ld+json\">"
        while let start = rest.range(of: open) {
            let afterOpen = rest[start.upperBound...]
            let end = try #require(afterOpen.range(of: "</script>"))
            let json = String(afterOpen[..<end.lowerBound])
            let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8))
            blocks.append(try #require(parsed as? [String: Any]))
            rest = afterOpen[end.upperBound...]
        }
        return blocks
    }

    @Test("every course page has a Course JSON-LD block with provider, offers and hasCourseInstance")
    func courseJSONLD() throws {
        let site = try TestSite()
        defer { site.remove() }
        let result = try site.run(["build"])
        #expect(result.exitCode == 0, "\(result.stdout)")
        let coursePages = TestSite.snapshot(site.output).keys.filter { $0.hasPrefix("courses/") && $0.hasSuffix("/index.html") }
        #expect(coursePages.count == Self.published.count)
        for path in coursePages {
            let blocks = try jsonLD(try site.read("output/" + path))
            let course = try #require(blocks.first { $0["@type"] as? String == "Course" }, "\(path) has no Course")
            #expect(course["@context"] as? String == "https://schema.org")
            let provider = try #require(course["provider"] as? [String: Any])
            #expect(provider["name"] as? String == "Testbrook Recovery College")
            let offers = try #require(course["offers"] as? [String: Any])
            #expect(offers["price"] as? Int == 0)
            #expect(offers["priceCurrency"] as? String == "GBP")
            let instances = try #require(course["hasCourseInstance"] as? [[String: Any]])
            #expect(!instances.isEmpty)
            for instance in instances {
                #expect(instance["courseMode"] is String)
                #expect((instance["startDate"] as? String)?.count == 25, "\(path): \(instance["startDate"] ?? "none")")
            }
        }
        // Hope and Recovery: one session in the Hub, one online; a named practitioner, an unnamed peer.
        let hope = try #require(try jsonLD(try site.read("output/courses/hope-and-recovery/index.html")).first)
        let instances = try #require(hope["hasCourseInstance"] as? [[String: Any]])
        #expect(instances.map { $0["courseMode"] as? String } == ["onsite", "online"])
        #expect(instances.map { $0["startDate"] as? String } == ["2026-10-05T10:00:00+01:00", "2026-10-12T10:00:00+01:00"])
        #expect((instances[1]["location"] as? [String: Any])?["@type"] as? String == "VirtualLocation")
        let names = instances.flatMap { ($0["instructor"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String } }
        #expect(Set(names) == ["Harriet Okonkwo-Bell"])
        // The lapsed peer trainer and the peer trainer shown by role are never instructors.
        let involved = try #require(try jsonLD(try site.read("output/courses/getting-involved-workshop/index.html")).first)
        let involvedNames = (involved["hasCourseInstance"] as? [[String: Any]] ?? [])
            .flatMap { ($0["instructor"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String } }
        #expect(Set(involvedNames) == ["Beatrix", "Harriet Okonkwo-Bell"])
    }

    @Test("the home page has an ItemList, loads filter.js with defer, and each card has data-course-id")
    func homePage() throws {
        let site = try TestSite()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        let home = try site.read("output/index.html")
        #expect(home.contains("<script src=\"/assets/filter.js\" defer></script>"))
        #expect(home.contains("data-search-index=\"/search-index.json\""))
        for id in Self.published {
            #expect(home.contains("data-course-id=\"\(id)\""), "no card for \(id)")
        }
        let list = try #require(try jsonLD(home).first { $0["@type"] as? String == "ItemList" })
        let items = try #require(list["itemListElement"] as? [[String: Any]])
        #expect(items.map { $0["position"] as? Int } == [1, 2])
        #expect(Set(items.compactMap { $0["url"] as? String }) == Set(Self.published.map { "https://testbrook.example.org/courses/\($0)/" }))
        #expect(site.exists("output/assets/filter.js"))
        // Only the home page loads the script.
        #expect(!(try site.read("output/courses/hope-and-recovery/index.html")).contains("filter.js"))
        #expect(!(try site.read("output/categories/living-well/index.html")).contains("filter.js"))
        // Home and course pages: one h1.
        #expect(home.components(separatedBy: "<h1").count == 2)
    }

    @Test("course pages link to their calendar; a cancelled course does not")
    func calendarLink() throws {
        let site = try TestSite()
        defer { site.remove() }
        let path = "content/courses/getting-involved-workshop.md"
        try site.write(path, try site.read(path).replacingOccurrences(of: "status: open", with: "status: cancelled"))
        #expect(try site.run(["build"]).exitCode == 0)
        let hope = try site.read("output/courses/hope-and-recovery/index.html")
        #expect(hope.contains("href=\"/courses/hope-and-recovery/course.ics\""))
        let cancelled = try site.read("output/courses/getting-involved-workshop/index.html")
        #expect(!cancelled.contains("course.ics"))
        let blocks = try jsonLD(cancelled)
        let instances = try #require(blocks.first?["hasCourseInstance"] as? [[String: Any]])
        #expect(instances.allSatisfy { $0["eventStatus"] as? String == "https://schema.org/EventCancelled" })
        // Once the calendar stage writes course calendars, every link must find its file.
        if site.exists("output/calendar.ics") {
            #expect(site.exists("output/courses/hope-and-recovery/course.ics"))
        }
    }

    @Test("feed.xml is Atom with one entry per published course, dated by last_reviewed")
    func feed() throws {
        let site = try TestSite()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        let data = try #require(FileManager.default.contents(atPath: site.url("output/feed.xml").path))
        let reader = AtomReader()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = reader
        #expect(parser.parse(), "\(parser.parserError.map(String.init(describing:)) ?? "")")
        #expect(reader.root == "feed")
        #expect(reader.namespace == "http://www.w3.org/2005/Atom")
        #expect(reader.entries.count == Self.published.count)
        #expect(Set(reader.entries.map(\.id)) == Set(Self.published.map { "https://testbrook.example.org/courses/\($0)/" }))
        for entry in reader.entries {
            #expect(!entry.title.isEmpty && !entry.summary.isEmpty)
            #expect(entry.link == entry.id)
        }
        // Updated dates are the courses' last_reviewed, never the day of the build.
        let updated = Set(reader.entries.map(\.updated))
        #expect(updated == ["2026-06-01T00:00:00+01:00", "2026-05-01T00:00:00+01:00"])
        #expect(reader.feedUpdated == "2026-06-01T00:00:00+01:00")
        #expect(reader.authorName == "Testbrook Recovery College")
        // Drafts appear only with --drafts.
        #expect(try site.run(["build", "--drafts"]).exitCode == 0)
        #expect(try site.read("output/feed.xml").contains("courses/future-plans/"))
    }

    @Test("robots.txt allows everything and points at the sitemap; the sitemap lists every page but 404")
    func robotsAndSitemap() throws {
        let site = try TestSite()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        let robots = try site.read("output/robots.txt")
        #expect(robots.contains("User-agent: *\n"))
        #expect(robots.contains("Allow: /\n"))
        #expect(!robots.contains("Disallow: /"))
        #expect(robots.contains("Sitemap: https://testbrook.example.org/sitemap.xml\n"))
        let sitemap = try site.read("output/sitemap.xml")
        for page in TestSite.snapshot(site.output).keys where page.hasSuffix(".html") && page != "404.html" {
            let address = page.hasSuffix("index.html") ? String(page.dropLast("index.html".count)) : page
            #expect(sitemap.contains("<loc>https://testbrook.example.org/\(address)</loc>"), "\(page) is not in the sitemap")
        }
        #expect(sitemap.contains("<loc>https://testbrook.example.org/coproduction/</loc>"))
        #expect(!sitemap.contains("404"))
    }

    @Test("search-index.json parses, lists each published course, and names no trainer")
    func searchIndex() throws {
        let site = try TestSite()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        let text = try site.read("output/search-index.json")
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let index = try #require(parsed as? [String: Any])
        let courses = try #require(index["courses"] as? [[String: Any]])
        #expect(Set(courses.compactMap { $0["id"] as? String }) == Set(Self.published))
        for course in courses {
            for key in ["id", "url", "title", "summary", "category", "term", "format", "audience", "status", "venues", "modes", "first_date"] {
                #expect(course[key] != nil, "\(course["id"] ?? "?") has no \(key)")
            }
        }
        #expect((index["categories"] as? [[String: Any]])?.isEmpty == false)
        // No trainer at all: not the unconsented, and not even the consented names.
        for name in PrivacyTests.forbidden + ["Harriet", "Okonkwo", "Beatrix"] {
            #expect(!text.contains(name), "\(name) is in the search index")
        }
        // Compact: one line.
        #expect(text.split(separator: "\n").count == 1)
    }

    @Test("feed, index and JSON-LD are byte-identical from one build to the next")
    func deterministic() throws {
        let site = try TestSite()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        let first = TestSite.snapshot(site.output)
        #expect(try site.run(["build", "--output", "second"]).exitCode == 0)
        let second = TestSite.snapshot(site.url("second"))
        #expect(first.keys.sorted() == second.keys.sorted())
        for (path, data) in first { #expect(second[path] == data, "\(path) differs") }
        for path in ["feed.xml", "robots.txt", "search-index.json", "assets/filter.js"] {
            #expect(first[path] != nil, "\(path) was not written")
        }
    }
}

/// Just enough of an Atom reader for the tests.
final class AtomReader: NSObject, XMLParserDelegate {
    struct Entry {
        var id = "", title = "", summary = "", updated = "", link = ""
    }
    var root: String?
    var namespace: String?
    var entries: [Entry] = []
    var feedUpdated = ""
    var authorName = ""
    private var current: Entry?
    private var path: [String] = []
    private var text = ""

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if root == nil {
            root = name
            namespace = namespaceURI
        }
        path.append(name)
        text = ""
        if name == "entry" { current = Entry() }
        if name == "link", current != nil, attributes["rel"] == "alternate" { current?.link = attributes["href"] ?? "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let parent = path.dropLast().last
        if var entry = current {
            switch name {
            case "id": entry.id = text
            case "title": entry.title = text
            case "summary": entry.summary = text
            case "updated": entry.updated = text
            case "entry":
                entries.append(entry)
                current = nil
                path.removeLast()
                return
            default: break
            }
            current = entry
        } else if name == "updated" && parent == "feed" {
            feedUpdated = text
        } else if name == "name" && parent == "author" {
            authorName = text
        }
        path.removeLast()
    }
}
