import Foundation
import Testing

/// One folder of `Tests/Fixtures/bad/`.
struct BadInputCase: CustomTestStringConvertible, Sendable {
    let name: String
    var testDescription: String { name }
    var folder: URL { Repo.fixtures.appendingPathComponent("bad").appendingPathComponent(name) }

    static let all: [BadInputCase] = {
        let folder = Repo.fixtures.appendingPathComponent("bad")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasSuffix(".md") }.sorted().map { BadInputCase(name: $0) }
    }()

    struct Expectation {
        var exitCode: Int32
        var findings: [(file: String, line: Int?, rule: String)]
    }

    func expectation() throws -> Expectation {
        let text = try String(contentsOf: folder.appendingPathComponent("expect.txt"), encoding: .utf8)
        var exitCode: Int32 = 1
        var findings: [(String, Int?, String)] = []
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.first == "exit", let code = parts.last.flatMap({ Int32($0) }) {
                exitCode = code
            } else if parts.count >= 2, let colon = parts.dropLast().joined(separator: " ").lastIndex(of: ":") {
                let place = parts.dropLast().joined(separator: " ")
                findings.append((String(place[..<colon]), Int(place[place.index(after: colon)...]), String(parts.last ?? "")))
            }
        }
        return Expectation(exitCode: exitCode, findings: findings)
    }

    /// Lays the case's files over a copy of the minimal site.
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
            try fm.copyItem(at: source, to: target)
        }
    }
}

@Suite("bad input: a clear diagnostic at the right place, no crash, old output kept")
struct BadInputTests {
    @Test("the bad-input corpus has cases")
    func corpusExists() {
        #expect(BadInputCase.all.count >= 30)
    }

    @Test("each bad input is reported at its file and line", arguments: BadInputCase.all)
    func reported(_ badCase: BadInputCase) throws {
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
        for want in expected.findings {
            let match = found.contains { $0.rule == want.rule && $0.file == want.file && $0.line == want.line }
            #expect(match, "expected \(want.file):\(want.line.map(String.init) ?? "-") \(want.rule); got:\n\(found.map(\.description).joined(separator: "\n"))")
        }
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
