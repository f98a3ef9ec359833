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
