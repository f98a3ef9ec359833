import Foundation
import Testing

@Suite("prospectus check and its formats")
struct CheckTests {
    @Test("check on a clean site exits 0 and writes nothing")
    func cleanCheck() throws {
        let site = try TestSite()
        defer { site.remove() }
        let result = try site.run(["check"])
        #expect(result.exitCode == 0)
        #expect(!site.exists("output"))
        #expect(result.stderr.hasPrefix("0 errors, "))
    }

    @Test("text diagnostics show file:line:col, the source line with a caret, and a hint")
    func textFormat() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("content/courses/typo.md", "---\ntitel: Hello\nsummary: x\n---\n")
        let result = try site.run(["check"])
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("content/courses/typo.md:2:1: warning[SCHEMA002]: `titel`: unknown field, did you mean `title`?"))
        #expect(result.stdout.contains("    2 | titel: Hello\n      | ^\n  hint: rename it to `title`"))
    }

    @Test("json output is one document with counts")
    func jsonFormat() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("content/venues/bad.md", "---\nname: [a, b]\n---\n")
        let result = try site.run(["check", "--format", "json"])
        #expect(result.exitCode == 1)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let found = try findings(result.stdout)
        #expect(object?["errors"] as? Int == found.filter { $0.severity == "error" }.count)
        #expect(object?["warnings"] as? Int == found.filter { $0.severity == "warning" }.count)
        #expect(found.filter { $0.severity == "error" }.count == 1)
        #expect(found.contains { $0.rule == "SCHEMA003" && $0.file == "content/venues/bad.md" && $0.line == 2 })
    }

    @Test("github output is one workflow command per finding")
    func githubFormat() throws {
        let site = try TestSite()
        defer { site.remove() }
        let result = try site.run(["check", "--format", "github"])
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("::warning file=content/trainers/lapsed-peer.md,line=9,col=14,title=PRIV003::") })
        #expect(lines.contains { $0.hasPrefix("::notice file=content/courses/getting-involved-workshop.md,line=13,col=1,title=COP005::") })
        // Every line is a workflow command: ::error|warning|notice PROPERTIES::MESSAGE
        for line in lines {
            #expect(line.range(of: #"^::(error|warning|notice) file=[^,:]+(,line=\d+,col=\d+)?,title=[A-Z0-9]+::[^\n]+$"#, options: .regularExpression) != nil, "\(line)")
        }
    }

    @Test("check --strict fails on warnings")
    func strictCheck() throws {
        let site = try TestSite()
        defer { site.remove() }
        #expect(try site.run(["check", "--strict"]).exitCode == 1)
    }

    @Test("an unknown option exits 2")
    func badArguments() throws {
        let site = try TestSite()
        defer { site.remove() }
        #expect(try site.run(["build", "--no-such-flag"]).exitCode == 2)
    }
}
