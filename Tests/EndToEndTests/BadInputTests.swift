import Foundation
import Testing

/// One folder of `Tests/Fixtures/bad/` or `Tests/Fixtures/rules/`: files laid
/// over the minimal site, and `expect.txt` saying what must (and must not) be reported.
struct FixtureCase: CustomTestStringConvertible, Sendable {
    let group: String
    let name: String
    var testDescription: String { name }
    var folder: URL { Repo.fixtures.appendingPathComponent(group).appendingPathComponent(name) }

    static func all(in group: String) -> [FixtureCase] {
        let folder = Repo.fixtures.appendingPathComponent(group)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasSuffix(".md") }.sorted().map { FixtureCase(group: group, name: $0) }
    }

    struct Wanted {
        var file: String
        var line: Int?
        var rule: String
        var severity: String?
    }

    struct Expectation {
        var exitCode: Int32
        var findings: [Wanted]
        /// (file, rule) pairs that must not be reported.
        var absent: [(file: String, rule: String)]
    }

    /// Lines: `exit N`; `FILE:LINE RULE [SEVERITY]` (LINE `-` for none) must be
    /// reported; `! FILE RULE` must not be reported for that file.
    func expectation() throws -> Expectation {
        let text = try String(contentsOf: folder.appendingPathComponent("expect.txt"), encoding: .utf8)
        var result = Expectation(exitCode: 1, findings: [], absent: [])
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            var parts = line.split(separator: " ").map(String.init)
            if parts.first == "exit", let code = parts.last.flatMap({ Int32($0) }) {
                result.exitCode = code
            } else if parts.first == "!", parts.count >= 3 {
                result.absent.append((parts[1...].dropLast().joined(separator: " "), parts[parts.count - 1]))
            } else if parts.count >= 2 {
                var severity: String?
                if let last = parts.last, ["error", "warning", "info"].contains(last) {
                    severity = last
                    parts.removeLast()
                }
                let rule = parts.removeLast()
                let place = parts.joined(separator: " ")
                guard let colon = place.lastIndex(of: ":") else { continue }
                result.findings.append(
                    Wanted(file: String(place[..<colon]), line: Int(place[place.index(after: colon)...]), rule: rule, severity: severity))
            }
        }
        return result
    }

    /// Lays the case's files over a copy of the minimal site. A file containing
    /// only `DELETE` removes that file from the site.
    func apply(to site: TestSite) throws {
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(atPath: folder.path) else { return }
        for case let path as String in enumerator where path != "expect.txt" {
            let source = folder.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: source.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let target = site.url(path)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? fm.removeItem(at: target)
            if fm.contents(atPath: source.path) == Data("DELETE\n".utf8) { continue }
            try fm.copyItem(at: source, to: target)
        }
    }
}

/// Every wanted finding is there (rule, file, line and, when given, severity);
/// every absent one is not.
func checkFindings(_ found: [Finding], against expected: FixtureCase.Expectation) {
    let listing = found.map(\.description).joined(separator: "\n")
    for want in expected.findings {
        let match = found.contains {
            $0.rule == want.rule && $0.file == want.file && $0.line == want.line
                && (want.severity == nil || $0.severity == want.severity)
        }
        #expect(match, "expected \(want.file):\(want.line.map(String.init) ?? "-") \(want.rule) \(want.severity ?? ""); got:\n\(listing)")
    }
    for absent in expected.absent {
        #expect(!found.contains { $0.rule == absent.rule && $0.file == absent.file }, "\(absent.rule) must not be reported for \(absent.file); got:\n\(listing)")
    }
}

@Suite("bad input: a clear diagnostic at the right place, no crash, old output kept")
struct BadInputTests {
    @Test("the bad-input corpus has cases")
    func corpusExists() {
        #expect(FixtureCase.all(in: "bad").count >= 30)
    }

    @Test("each bad input is reported at its file and line", arguments: FixtureCase.all(in: "bad"))
    func reported(_ badCase: FixtureCase) throws {
        let site = try TestSite()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        let before = TestSite.snapshot(site.output)
        try badCase.apply(to: site)
        let expected = try badCase.expectation()

        let check = try site.run(["check", "--format", "json"])
        #expect(check.exitCode == expected.exitCode, "\(check.stdout)\(check.stderr)")
        #expect(!check.stderr.contains("Fatal error"), "crashed: \(check.stderr)")
        let found = try findings(check.stdout)
        checkFindings(found, against: expected)
        for finding in found where finding.severity == "error" {
            #expect(!finding.message.isEmpty)
        }

        let build = try site.run(["build"])
        #expect(build.exitCode == expected.exitCode)
        #expect(build.stderr.contains("nothing published"))
        #expect(TestSite.snapshot(site.output) == before, "the previous output changed")
    }

    @Test("a link that leads out of the content folder is refused")
    func symlinkOutsideContent() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("outside/secret.md", "---\ntitle: Secret\n---\nprivate\n")
        try FileManager.default.createSymbolicLink(
            at: site.url("content/pages/secret.md"), withDestinationURL: site.url("outside/secret.md"))
        let result = try site.run(["check", "--format", "json"])
        #expect(result.exitCode == 1)
        #expect(try findings(result.stdout).contains { $0.rule == "FILE005" && $0.file == "content/pages/secret.md" })
    }

    @Test("a file over the size limit gets its own diagnostic, and the limit can be raised")
    func sizeLimit() throws {
        let site = try TestSite()
        defer { site.remove() }
        let big = "---\ntitle: Big\n---\n" + String(repeating: "Words and more words.\n", count: 3000)
        try site.write("content/pages/big.md", big)
        let result = try site.run(["check", "--format", "json", "--max-file-size", "32"])
        #expect(result.exitCode == 1)
        #expect(try findings(result.stdout).contains { $0.rule == "FILE006" && $0.file == "content/pages/big.md" })
        #expect(try site.run(["check", "--max-file-size", "1024"]).exitCode == 0)
    }

    @Test("positions stay right with a byte-order mark and CRLF line endings")
    func bomAndCRLF() throws {
        let site = try TestSite()
        defer { site.remove() }
        let text = "\u{FEFF}---\r\ntitle: Windows page\r\norder: first\r\n---\r\nBody.\r\n"
        try site.write("content/pages/windows.md", text)
        let result = try site.run(["check", "--format", "json"])
        #expect(try findings(result.stdout).contains { $0.rule == "SCHEMA003" && $0.file == "content/pages/windows.md" && $0.line == 3 })
    }
}
