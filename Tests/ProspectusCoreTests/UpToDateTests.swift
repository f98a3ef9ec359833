import Foundation
import Testing

@testable import ProspectusCore

@Suite("The record of the last build (UpToDate)")
struct UpToDateTests {
    func record() -> UpToDate.Record {
        UpToDate.Record(
            inputs: 0xDEAD_BEEF_0000_0001, timezone: "Europe/London", day: 20_775, pages: 3, courses: 2,
            outputs: [("", 4096, 1), ("courses/", 4096, 2), ("courses/a/index.html", 812, UInt64.max)],
            images: [("/site/content/images/logo.png", -1, 0)],
            diagnostics: [
                Diagnostic(
                    rule: .fileEmpty, file: "content/courses/a.md", location: SourceLocation(line: 3, column: 7),
                    message: "the file is empty — “quoted”", hint: nil, sourceLine: "line text"),
                Diagnostic(rule: .fileMissing, severity: .warning, file: nil, location: nil, message: "m", hint: "h"),
            ])
    }

    @Test("a record reads back as it was written")
    func roundTrip() throws {
        let (table, body) = UpToDate.encode(record())
        var reader = try #require(RecordReader(bytes: table + body))
        #expect(reader.string() == UpToDate.header)
        #expect(reader.string() == BuildCache.programIdentity())
        let back = try #require(UpToDate.decode(&reader))
        let original = record()
        #expect(back.inputs == original.inputs && back.timezone == original.timezone && back.day == original.day)
        #expect(back.pages == 3 && back.courses == 2)
        #expect(back.outputs.map { "\($0.path) \($0.size) \($0.stamp)" } == original.outputs.map { "\($0.path) \($0.size) \($0.stamp)" })
        #expect(back.images.map(\.path) == original.images.map(\.path) && back.images.map(\.size) == [-1])
        #expect(back.diagnostics == original.diagnostics)
    }

    @Test("a record cut short anywhere, or with bytes after its end, is refused without a crash")
    func damagedRecords() throws {
        let (table, body) = UpToDate.encode(record())
        let bytes = table + body
        for length in 0..<bytes.count {
            guard var reader = RecordReader(bytes: Array(bytes.prefix(length))) else { continue }
            let header = reader.string()
            let program = reader.string()
            if header == UpToDate.header, program == BuildCache.programIdentity() {
                #expect(UpToDate.decode(&reader) == nil, "cut at \(length) of \(bytes.count)")
            }
        }
        var longer = try #require(RecordReader(bytes: bytes + [0]))
        _ = longer.string()
        _ = longer.string()
        #expect(UpToDate.decode(&longer) == nil)
        // A huge length must not be believed.
        #expect(RecordReader(bytes: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x41]) == nil)
        #expect(RecordReader(bytes: [1, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x41]) == nil)
    }
}

@Suite("The body cache (BodyCache)")
struct BodyCacheUnitTests {
    func entries() -> [(key: String, value: MarkdownMemo.Entry)] {
        var plain = RenderedMarkdown(html: "<p>Plain — “quoted”</p>\n")
        plain.suppressions = [
            Suppression(rule: .fileEmpty, reason: "why", location: SourceLocation(line: 4, column: 1), lines: 5...7),
            Suppression(rule: .fileMissing, reason: "whole file", location: nil, lines: nil),
        ]
        let finding = Diagnostic(
            rule: .fileEmpty, file: "content/courses/a.md", location: SourceLocation(line: 9, column: 2), message: "m",
            hint: "h", sourceLine: "s")
        return [
            (key: "content/courses/a.md", value: (hash: 1, basePath: "/", result: (plain, [finding, finding]))),
            (key: "content/courses/b.md", value: (hash: UInt64.max, basePath: "/sub/", result: (RenderedMarkdown(html: ""), []))),
        ]
    }

    @Test("bodies read back as they were written: HTML, suppressions and findings")
    func roundTrip() throws {
        let part = BodyCache.encodePart(entries()[...])
        let back = try #require(BodyCache.decodePart((part.table() + part.body)[...]))
        #expect(back.count == 2)
        for ((path, entry), (expectedPath, expected)) in zip(back, entries()) {
            #expect(path == expectedPath && entry.hash == expected.hash && entry.basePath == expected.basePath)
            #expect(entry.result.0.html == expected.result.0.html)
            #expect(entry.result.0.suppressions.map { "\($0.rule) \($0.reason) \(String(describing: $0.location)) \(String(describing: $0.lines))" }
                == expected.result.0.suppressions.map { "\($0.rule) \($0.reason) \(String(describing: $0.location)) \(String(describing: $0.lines))" })
            #expect(entry.result.1 == expected.result.1)
        }
    }

    @Test("a part cut short anywhere is refused without a crash, and so is a file whose lengths do not fit")
    func damaged() {
        let part = BodyCache.encodePart(entries()[...])
        let bytes = part.table() + part.body
        for length in 0..<bytes.count {
            #expect(BodyCache.decodePart(bytes.prefix(length)) == nil, "cut at \(length)")
        }
        #expect(BodyCache.parts(of: [200, 0, 0, 0, 0, 0, 0, 0, 1, 2]) == nil)
        #expect(BodyCache.parts(of: [1, 2, 3]) == nil)
        #expect(BodyCache.parts(of: [2, 0, 0, 0, 0, 0, 0, 0, 1, 2])?.count == 1)
    }
}
