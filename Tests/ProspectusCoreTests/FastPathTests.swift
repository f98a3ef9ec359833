import Foundation
import Mustache
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

extension FastPathTests {
    @Test(
        "a VTIMEZONE cut from a site-wide table equals one looked up for its own span",
        arguments: ["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC", "Not/AZone"])
    func timeZoneTable(_ zone: String) throws {
        let table = TimeZoneTable(
            identifier: zone, from: try #require(CalendarDate(year: 2020, month: 1, day: 1)),
            to: try #require(CalendarDate(year: 2031, month: 12, day: 31)), locale: "en-GB")
        for (from, to) in [((2025, 3, 1), (2026, 2, 1)), ((2024, 10, 27), (2024, 10, 27)), ((2021, 1, 1), (2030, 12, 31))] {
            let first = try #require(CalendarDate(year: from.0, month: from.1, day: from.2))
            let last = try #require(CalendarDate(year: to.0, month: to.1, day: to.2))
            let direct = TimeZoneComponent(identifier: zone, from: first, to: last, locale: "en-GB")
            #expect(table.component(from: first, to: last) == direct, "\(zone) \(first)–\(last)")
        }
    }
}

/// `{{name}}` is escaped by our byte-level escaper (Rendering/HTMLEscaping.swift),
/// selected by a pragma line Theme puts before each template.
@Suite("HTML escaping in templates")
struct HTMLEscapingTests {
    @Test(
        "the byte-level escaper makes the same five replacements as the plain one",
        arguments: ["", "plain words", "Fish & chips", "<b>\"quoted\" 'single'</b>", "Café — naïve ☕️ 👩🏽‍🏫", "&amp; stays escaped once more", "a>b<c"])
    func sameAsPlain(_ text: String) {
        #expect(HTMLText.escape(text) == PrivacyScan.htmlEscaped(text))
    }

    @Test("a quote followed by a combining accent is still escaped, so it cannot end an attribute value")
    func combiningAccentAfterQuote() throws {
        _ = ProspectusHTML.register
        let template = try MustacheTemplate(string: ProspectusHTML.pragma + "<a title=\"{{t}}\">{{t}}</a>")
        let html = template.render(["t": "x\"\u{301} onmouseover=alert(1) <\u{301}"])
        #expect(html == "<a title=\"x&quot;\u{301} onmouseover=alert(1) &lt;\u{301}\">x&quot;\u{301} onmouseover=alert(1) &lt;\u{301}</a>")
    }

    @Test("text and numbers render as they did before they described themselves to swift-mustache")
    func selfRenderingValues() throws {
        _ = ProspectusHTML.register
        let template = try MustacheTemplate(
            string: ProspectusHTML.pragma + "{{s}}|{{{s}}}|{{n}}|{{#s}}yes{{/s}}|{{^s}}no{{/s}}|{{#e}}[{{e}}]{{/e}}|{{^missing}}none{{/missing}}|{{#list}}{{.}};{{/list}}")
        let html = template.render(["s": "a<b", "n": 42, "e": "", "list": ["x&y", "2"]] as [String: Any])
        #expect(html == "a&lt;b|a<b|42|yes||[]|none|x&amp;y;2;")
    }

    @Test("the pragma line leaves no trace in the page, even before a standalone section tag")
    func pragmaLeavesNoTrace() throws {
        _ = ProspectusHTML.register
        let text = "{{#items}}\n<li>{{.}}</li>\n{{/items}}\n{{^none}}\nend\n{{/none}}\n"
        let plain = try MustacheTemplate(string: text).render(["items": ["a&b", "c"]])
        let ours = try MustacheTemplate(string: ProspectusHTML.pragma + text).render(["items": ["a&b", "c"]])
        #expect(ours == plain)
        #expect(ours == "<li>a&amp;b</li>\n<li>c</li>\nend\n")
    }
}

/// The privacy scan's two fast parts: the needle filter and the reading view.
@Suite("Privacy scan building blocks")
struct PrivacyScanPartsTests {
    @Test("the needle filter finds exactly the needles a plain search finds, short ones included")
    func needleSetAgreesWithPlainSearch() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcAB &;<>é".utf8)
        for _ in 0..<200 {
            let haystack = (0..<Int.random(in: 0...300, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? 0x61 }
            var needles: [[UInt8]] = (0..<Int.random(in: 1...30, using: &generator)).map { _ in
                (0..<Int.random(in: 1...7, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? 0x61 }
            }
            if haystack.count > 8 {  // and some that surely occur, at the very start and end
                needles.append(Array(haystack[0..<5]))
                needles.append(Array(haystack[(haystack.count - 4)...]))
                needles.append(Array(haystack[(haystack.count - 2)...]))
            }
            let expected = Set(
                needles.indices.filter { index in
                    let needle = needles[index]
                    return needle.count <= haystack.count
                        && (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
                })
            #expect(NeedleSet(needles).matches(in: Data(haystack)) == expected, "\(String(decoding: haystack, as: UTF8.self))")
        }
    }

    @Test("a big buffer searched in overlapping pieces finds what one search finds, across every piece boundary")
    func piecesAgreeWithWhole() {
        let piece = 1 << 20
        var haystack = [UInt8](repeating: UInt8(ascii: "x"), count: 5 * piece + 123)
        let needles: [[UInt8]] = [Array("Jo Bloggs".utf8), Array("07700 900123".utf8), Array("abc".utf8), Array("never here".utf8)]
        // Each needle straddles a different piece boundary; the short one sits at the very end.
        for (offset, needle) in [(piece - 4, needles[0]), (3 * piece - 11, needles[1]), (haystack.count - 3, needles[2])] {
            haystack.replaceSubrange(offset..<(offset + needle.count), with: needle)
        }
        let set = NeedleSet(needles + [needles[0]])
        let whole = haystack.withUnsafeBufferPointer { set.matches(in: $0) }
        let pieces = haystack.withUnsafeBufferPointer { set.matchesInParallel(in: $0) }
        #expect(whole == [0, 1, 2, 4])
        #expect(pieces == whole)
    }

    @Test(
        "the reading view strips tags, decodes entities and JSON escapes, folds space and case",
        arguments: [
            ("<p>Jo  <em>Bloggs</em></p>", "jo bloggs"),
            ("Jo&nbsp;Blo&shy;ggs &amp; O&#39;Neil O&#x27;Neil O&#X27;Neil", "jo bloggs & o'neil o'neil o'neil"),
            ("\"O\\u0027Neil\" \\u00e9 \\uZZZZ", "\"o'neil\" é \\uzzzz"),
            ("Jo\u{200B}Bl\u{00AD}oggs\u{00A0}X", "jobloggs x"),
            ("a &bogus; b &#xZZ; c &#; d & e", "a &bogus; b &#xzz; c &#; d & e"),
            ("&lt;b&gt; &quot;x&quot; &apos;y&apos; &zwj;&zwnj;", "<b> \"x\" 'y' "),
            ("&#128512; &#x1F600; &#99999999; &#xD800;", "😀 😀 "),
            ("unclosed <tag and text", "unclosed <tag and text"),
        ])
    func readingView(_ input: String, _ expected: String) {
        #expect(String(decoding: ReadingView.bytes(of: Data(input.utf8)), as: UTF8.self) == expected)
        #expect(ReadingView.of(Data(input.utf8)) == Data(expected.utf8))
    }
}

@Suite("JSON strings")
struct JSONStringFastPathTests {
    /// The plain rule, one scalar at a time: what the fast writer must produce.
    static func plain(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\u0022"
            case "'": out += "\\u0027"
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    @Test("copying runs of safe bytes gives the same JSON as escaping scalar by scalar")
    func sameAsPlain() {
        let pieces = ["a", "Café", "\"", "'", "\\", "\n", "\r", "\t", "<", ">", "&", "\u{2028}", "\u{2029}", "\u{1}", "\u{7F}", "–", "’", "😀", " ", "\u{E000}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "a" }.joined()
            var fast = ""
            JSONValue.writeString(text, to: &fast)
            #expect(fast == Self.plain(text), "\(text.debugDescription)")
        }
    }
}

@Suite("Trimming without Foundation")
struct TrimmingTests {
    @Test("trimmed and trimmedSpaces remove what Foundation's trimmingCharacters removes, for every space-like character")
    func sameAsFoundation() {
        var scalars: [Unicode.Scalar] = (0...0x3100).compactMap(Unicode.Scalar.init)
        scalars += ["\u{FEFF}", "\u{200B}", "\u{E000}", "é", "😀"]
        for scalar in scalars {
            let text = "\(scalar)\(scalar)a \(scalar) b\(scalar)"
            #expect(text.trimmed == text.trimmingCharacters(in: .whitespacesAndNewlines), "U+\(String(scalar.value, radix: 16))")
            #expect(text.trimmedSpaces == text.trimmingCharacters(in: .whitespaces), "U+\(String(scalar.value, radix: 16))")
        }
        for text in ["", " ", "\n\t", "plain", " a ", "\u{3000}x\u{3000}"] {
            #expect(text.trimmed == text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}

@Suite("Reading files fast")
struct ReadingFastTests {
    /// A fixed-seed generator, so a failure can be run again.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("the standard library's UTF-8 validation and the walk that finds the bad byte agree on every file")
    func validationAgrees() {
        var random = SplitMix(state: 7)
        // Mostly text with a few bytes that are, or are near, UTF-8 lead and
        // continuation bytes: overlong forms, surrogates, cut-off sequences.
        let awkward: [UInt8] = [0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0xA0, 0x9F, 0x8F, 0x90]
        var invalid = 0
        for _ in 0..<5_000 {
            let count = Int.random(in: 0...12, using: &random)
            let bytes: [UInt8] = (0..<count).map { _ in
                Bool.random(using: &random) ? awkward.randomElement(using: &random) ?? 0x41 : UInt8.random(in: 0x20...0x7E, using: &random)
            }
            let standard = String(validating: bytes, as: UTF8.self) != nil
            let walk = TextDecoding.firstInvalidUTF8(bytes[...]) == nil
            #expect(standard == walk, "\(bytes.map { String($0, radix: 16) })")
            if !walk { invalid += 1 }
        }
        #expect(invalid > 1_000)
    }

    @Test("changing any one bit of a text, or adding a zero byte to it, changes its fingerprint")
    func fingerprintSeesEveryBit() {
        let text = Array("A course about hope, recovery and wellbeing — for everyone.".utf8)
        func fingerprint(_ bytes: [UInt8]) -> UInt64 {
            var fingerprint = Fingerprint()
            bytes.withUnsafeBufferPointer { fingerprint.add(bytes: $0) }
            return fingerprint.value
        }
        var seen: Set<UInt64> = [fingerprint(text)]
        for index in text.indices {
            for bit in 0..<8 {
                var changed = text
                changed[index] ^= 1 << bit
                #expect(seen.insert(fingerprint(changed)).inserted, "byte \(index), bit \(bit)")
            }
        }
        for zeros in 1...9 {
            #expect(seen.insert(fingerprint(text + Array(repeating: 0, count: zeros))).inserted, "\(zeros) zero bytes")
        }
    }

    @Test("a file is read whole whatever its size, and cut one byte past the limit")
    func readsWholeFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for size in [0, 1, 4095, 4096, 70_000] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 % 251) }
            let path = folder.appendingPathComponent("\(size).md").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(ContentLoader.readBytes(atPath: path, upTo: 1 << 20) == bytes)
            #expect(ContentLoader.readBytes(atPath: path, upTo: 100) == Array(bytes.prefix(100)))
        }
        #expect(ContentLoader.readBytes(atPath: folder.appendingPathComponent("gone.md").path, upTo: 10) == nil)
    }
}

@Suite("Calendar text on bytes")
struct CalendarTextFastTests {
    static let samples = [
        "", "Plain title", "Jo, Sam; and \\ friends", "line one\nline two\r\nthree\rfour", "a < b > c",
        "tab\there", "bell\u{07}del\u{7F}nul\u{0}", "Café — “quoted” ‹already›", ",\u{301} comma with an accent",
        "\r\n", "\r", "\r\r\n\n", "emoji 😀, flags 🇬🇧; done",
    ]

    @Test("escaping on bytes gives what escaping scalar by scalar gives", arguments: samples)
    func escapeAgrees(_ text: String) {
        #expect(ICalendarText.escape(text) == ICalendarText.escapeScalarByScalar(text))
    }

    @Test("escaping on bytes agrees on random text of awkward characters")
    func escapeAgreesOnRandomText() {
        var random = ReadingFastTests.SplitMix(state: 11)
        let pieces = ["\\", ";", ",", "\n", "\r", "\t", "<", ">", "\u{1}", "\u{7F}", "a", " ", "é", "—", "😀", "\u{301}"]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
            #expect(ICalendarText.escape(text) == ICalendarText.escapeScalarByScalar(text), "\(Array(text.unicodeScalars))")
        }
    }

    @Test("plain values lose their control characters and nothing else", arguments: samples)
    func plainValues(_ text: String) {
        var expected = ""
        for scalar in text.unicodeScalars where scalar.value >= 0x20 && scalar.value != 0x7F { expected.unicodeScalars.append(scalar) }
        #expect(ICalendarText.plainValue(text) == expected)
    }
}
