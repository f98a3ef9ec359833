import Foundation
import Testing

/// The limits in docs/limits.md, each shown here on generated input. The tests
/// run the debug `prospectus`, several times slower than the release build the
/// figures in docs/limits.md were measured with, so the time bounds are generous;
/// what they guard against is a limit that stops holding (a crash, a hang, or
/// time growing much faster than the input).
@Suite("limits: the largest file, the most courses, the deepest nesting")
struct LimitsTests {
    /// A page of exactly `bytes` bytes: front matter, ordinary lines, padding.
    static func page(bytes: Int) -> String {
        let head = "---\ntitle: Big page\norder: 3\n---\n"
        let line = "A line of ordinary words in a page that is long but still allowed.\n"
        var text = head + String(repeating: line, count: (bytes - head.utf8.count) / line.utf8.count)
        text += String(repeating: "x", count: bytes - text.utf8.count)
        return text
    }

    /// The largest resident size of any child process so far, in MiB (Linux reports KiB).
    static func childPeakMiB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }

    @Test("the largest file: 1 MiB (1,048,576 bytes) is read, one byte more is FILE006; --max-file-size raises it")
    func largestFile() throws {
        let site = try TestSite()
        defer { site.remove() }
        let limit = 1 << 20
        try site.write("content/pages/big.md", Self.page(bytes: limit))
        let started = Date()
        let atLimit = try site.run(["build", "--format", "json"])
        #expect(atLimit.exitCode == 0, "\(atLimit.stderr)")
        #expect(!(try findings(atLimit.stdout)).contains { $0.rule == "FILE006" })
        #expect(site.exists("output/pages/big/index.html"))
        #expect(Date().timeIntervalSince(started) < 30)

        try site.write("content/pages/big.md", Self.page(bytes: limit + 1))
        let over = try site.run(["check", "--format", "json"])
        #expect(over.exitCode == 1)
        let finding = try #require(try findings(over.stdout).first { $0.rule == "FILE006" })
        #expect(finding.file == "content/pages/big.md" && finding.severity == "error")
        #expect(finding.message.contains("1024 KiB"), "\(finding.message)")
        #expect(try site.run(["check", "--max-file-size", "1025"]).exitCode == 0)
    }

    @Test("many courses: 300 generated courses build well within the time and memory budget")
    func manyCourses() throws {
        // docs/limits.md: 3,000 courses, measured with the release build. Set
        // PROSPECTUS_LIMITS_COURSES=3000 to run this test at that size (about a
        // minute with the debug build).
        let count = ProcessInfo.processInfo.environment["PROSPECTUS_LIMITS_COURSES"].flatMap(Int.init) ?? 300
        let site = try TestSite()
        defer { site.remove() }
        let template = try site.read("content/courses/getting-involved-workshop.md")
        for index in 0..<count {
            try site.write(
                String(format: "content/courses/generated-%05d.md", index),
                template.replacingOccurrences(of: "title: Getting Involved", with: "title: Generated course \(index)"))
        }
        let started = Date()
        let result = try site.run(["build"])
        let seconds = Date().timeIntervalSince(started)
        #expect(result.exitCode == 0, "\(result.stderr.suffix(500))")
        #expect(result.stderr.contains("(\(count + 2) courses)"), "\(result.stderr.suffix(200))")
        // About 15 ms a course in a debug build on this machine, 2 ms in release.
        #expect(seconds < 0.1 * Double(count) + 10, "\(count) courses took \(seconds) s")
        #expect(Self.childPeakMiB() < 2048, "peak \(Self.childPeakMiB()) MiB")
        #expect(site.exists(String(format: "output/courses/generated-%05d/index.html", count - 1)))
    }

    @Test("the deepest Markdown: nesting is bounded only by the file size (500,000 block quotes in 1 MiB)")
    func deepestMarkdown() throws {
        let site = try TestSite()
        defer { site.remove() }
        let head = "---\ntitle: Deep page\norder: 3\n---\n"
        let depth = ((1 << 20) - head.utf8.count - 6) / 2
        try site.write("content/pages/deep.md", head + String(repeating: "> ", count: depth) + "deep\n")
        let started = Date()
        let result = try site.run(["build"])
        #expect(result.exitCode == 0, "\(result.stderr.suffix(300))")
        #expect(Date().timeIntervalSince(started) < 30)
        let html = try site.read("output/pages/deep/index.html")
        #expect(html.components(separatedBy: "<blockquote>").count - 1 == depth)
    }

    @Test("the deepest YAML: 999 nested mappings are read, 1,000 are YAML001")
    func deepestYAML() throws {
        let site = try TestSite()
        defer { site.remove() }
        func nested(_ depth: Int) -> String {
            var yaml = "---\ntitle: Deep\norder: 3\n"
            for level in 0..<depth { yaml += String(repeating: "  ", count: level) + "k\(level):\n" }
            return yaml + String(repeating: "  ", count: depth) + "leaf\n---\nBody.\n"
        }
        try site.write("content/pages/deep.md", nested(999))
        let accepted = try site.run(["check", "--format", "json"])
        #expect(accepted.exitCode == 0, "\(accepted.stdout.prefix(500))")
        #expect(!(try findings(accepted.stdout)).contains { $0.rule.hasPrefix("YAML") })
        try site.write("content/pages/deep.md", nested(1000))
        let refused = try site.run(["check", "--format", "json"])
        #expect(refused.exitCode == 1)
        #expect(try findings(refused.stdout).contains { $0.rule == "YAML001" && $0.file == "content/pages/deep.md" })
    }

    /// Front matter with `title`, `order` and a list of `items` values: 1 root
    /// mapping + 3 values + the items = the nodes YAMLParser counts.
    static func listPage(items: Int) -> String {
        "---\ntitle: Many values\norder: 3\nx: [" + Array(repeating: "1", count: items).joined(separator: ",") + "]\n---\nBody.\n"
    }

    @Test("the YAML node budget: 20,000 values in one file (YAMLParser.maxNodes) are read, one more is YAML006")
    func yamlNodeBudget() throws {
        let site = try TestSite()
        defer { site.remove() }
        // root + title + order + x = 4 nodes, so 19,996 items make exactly 20,000.
        try site.write("content/pages/many.md", Self.listPage(items: 19_996))
        let atBudget = try site.run(["check", "--format", "json"])
        #expect(!(try findings(atBudget.stdout)).contains { $0.rule == "YAML006" }, "\(atBudget.stdout.prefix(400))")
        try site.write("content/pages/many.md", Self.listPage(items: 19_997))
        let over = try site.run(["check", "--format", "json"])
        #expect(over.exitCode == 1)
        #expect(try findings(over.stdout).contains { $0.rule == "YAML006" && $0.file == "content/pages/many.md" })
    }

    @Test("an alias bomb (ten billion values in 600 bytes) stops at the node budget in bounded time and memory")
    func aliasBomb() throws {
        let site = try TestSite()
        defer { site.remove() }
        var yaml = "---\ntitle: Bomb\na0: &a0 [x,x,x,x,x,x,x,x,x,x]\n"
        for level in 1...9 {
            yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",") + "]\n"
        }
        try site.write("content/pages/bomb.md", yaml + "---\nBody.\n")
        let started = Date()
        let result = try site.run(["check", "--format", "json"])
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(result.exitCode == 1)
        #expect(try findings(result.stdout).contains { $0.rule == "YAML006" && $0.file == "content/pages/bomb.md" })
        #expect(Self.childPeakMiB() < 2048)
    }
}
