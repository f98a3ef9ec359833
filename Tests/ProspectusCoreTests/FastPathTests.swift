import Foundation
import Testing

@testable import ProspectusCore

/// Byte-level versions of text functions, written for speed, must agree with
/// the plain versions they replace.
@Suite("Fast paths agree with the plain versions")
struct FastPathTests {
    @Test(
        "unfolding and unescaping a calendar in one pass over bytes gives what unfold then unescape give",
        arguments: [
            "SUMMARY:Plain\r\n",
            "DESCRIPTION:Jo\\, Bloggs\\; a\\\\b\\nline two\\N three\r\n",
            "DESCRIPTION:a long line that is fold\r\n ed in the middle of a wo\r\n\trd\r\n",
            "DESCRIPTION:an escape split by a fold \\\r\n n and one at the end \\",
            "LOCATION:Café — “quoted”\r\n é\r\n",
            "\r\n \r\n\t\r\n",
            "",
        ])
    func unfoldAndUnescape(_ text: String) {
        let fast = ICalendarText.unfoldAndUnescape(Data(text.utf8))
        let plain = ICalendarText.unescape(ICalendarText.unfold(text))
        #expect(String(decoding: fast, as: UTF8.self) == plain)
    }

    @Test("every calendar of a site reads the same through the fast unfolding as through the plain one")
    func sampleCalendars() throws {
        var options = BuildOptions(siteRoot: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent())
        options.now = Date(timeIntervalSince1970: 1_795_000_000)
        let result = Pipeline.render(options)
        let calendars = result.files.filter { $0.path.hasSuffix(".ics") }
        #expect(calendars.count > 10)
        for file in calendars {
            let text = String(decoding: file.contents, as: UTF8.self)
            #expect(
                CalendarFeed.privacyScanView(of: file).contents == Data(ICalendarText.unescape(ICalendarText.unfold(text)).utf8),
                "\(file.path)")
        }
    }
}

extension FastPathTests {
    @Test(
        "folding content lines on bytes gives what folding scalar by scalar gives",
        arguments: [
            "", "SUMMARY:short", String(repeating: "a", count: 75), String(repeating: "a", count: 76),
            String(repeating: "é", count: 80), "DESCRIPTION:" + String(repeating: "Café “quoted” 😀 ", count: 20),
            String(repeating: "x", count: 74) + "é" + String(repeating: "y", count: 200),
        ])
    func fold(_ line: String) {
        #expect(ICalendarText.fold(line) == ICalendarText.foldScalars(line))
    }
}
