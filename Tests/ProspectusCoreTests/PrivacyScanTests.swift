import Foundation
import Testing

@testable import ProspectusCore

@Suite("Privacy scan (last gate before publishing)")
struct PrivacyScanTests {
    /// The fixture site with Jo's file replaced, and what consent lets us show.
    func secrets(jo: String = Fixture.jo, today: CalendarDate = Fixture.today) throws -> [PrivacyScan.Secret] {
        var fixture = SiteFixture()
        fixture[.trainers, "jo-bloggs"] = jo
        let (site, diagnostics) = fixture.decode()
        #expect(diagnostics.isEmpty, "\(diagnostics.rules)")
        let decoded = try #require(site)
        let people = Dictionary(uniqueKeysWithValues: decoded.trainers.map { ($0.id, PublicTrainer($0, today: today)) })
        return PrivacyScan.secrets(in: decoded, people: people)
    }

    func page(_ path: String, _ text: String) -> OutputFile { OutputFile(path: path, contents: Data(text.utf8)) }

    @Test("a private value found in any output file is PRIV002, naming the output file and pointing at the trainer's file")
    func privateValueLeak() throws {
        let found = PrivacyScan.scan(
            [page("index.html", "<p>Welcome</p>"), page("courses/x/index.html", "<p>Call Jo on 07700 900000</p>")],
            secrets: try secrets())
        let leak = try #require(found.first)
        #expect(found.count == 1)
        #expect(leak.rule == .privLeak)
        #expect(leak.severity == .error)
        #expect(leak.file == SiteFixture.path(.trainers, "jo-bloggs"))
        #expect(leak.message.contains("courses/x/index.html"))
    }

    @Test("nothing is reported when no output contains a secret")
    func cleanOutput() throws {
        let found = PrivacyScan.scan([page("index.html", "<p>Jo, a peer trainer</p>")], secrets: try secrets())
        #expect(found.isEmpty)
    }

    @Test("the full name of a trainer shown by first name only is a secret; the first name is not")
    func fullNameOfFirstNameTrainer() throws {
        let list = try secrets()
        #expect(list.contains { $0.text == "Jo Bloggs" })
        #expect(!list.contains { $0.text == "Jo" })
        #expect(PrivacyScan.scan([page("a.html", "Jo Bloggs")], secrets: list).rules == ["PRIV002"])
    }

    @Test("the full name of a trainer who consented to it is not a secret")
    func consentedFullName() throws {
        let list = try secrets(jo: Fixture.jo.swapping("display: first-name", "display: full-name"))
        #expect(!list.contains { $0.text == "Jo Bloggs" })
    }

    @Test("once consent lapses, the full name becomes a secret again")
    func lapsedFullName() throws {
        let list = try secrets(jo: Fixture.jo.swapping("display: first-name", "display: full-name"), today: CalendarDate(year: 2027, month: 6, day: 1)!)
        #expect(list.contains { $0.text == "Jo Bloggs" })
    }

    @Test("a secret is also found as HTML would escape it")
    func escapedForms() throws {
        let jo = Fixture.jo.swapping("phone: \"07700 900000\"", "address: \"Flat 2 & 3 <Mill's Yard>\"")
        let list = try secrets(jo: jo)
        let escaped = "Flat 2 &amp; 3 &lt;Mill&#39;s Yard&gt;"
        #expect(PrivacyScan.scan([page("a.html", "<p>\(escaped)</p>")], secrets: list).rules == ["PRIV002"])
        #expect(PrivacyScan.scan([page("a.html", "Flat 2 & 3 <Mill's Yard>")], secrets: list).rules == ["PRIV002"])
    }

    @Test("a private value is found however the page escaped it: before a combining mark, and in JSON")
    func escapedFormsBeforeCombiningMarkAndInJSON() throws {
        let value = "O'\u{301}Brien & Co 12"
        let jo = Fixture.jo.swapping("phone: \"07700 900000\"", "note: \"\(value)\"")
        let list = try secrets(jo: jo)
        // As a template prints it with {{name}}: the quote escaped although a mark follows it.
        #expect(PrivacyScan.scan([page("a.html", "<p>\(HTMLText.escape(value))</p>")], secrets: list).rules == ["PRIV002"])
        // As JSON-LD or the search index writes it.
        var json = ""
        JSONValue.writeString(value, to: &json)
        #expect(json.contains("\\u0026"))
        #expect(PrivacyScan.scan([page("search-index.json", "{\"t\":\(json)}")], secrets: list).rules == ["PRIV002"])
    }

    @Test("each secret is reported once per output file")
    func reportedOncePerFile() throws {
        let list = try secrets()
        let found = PrivacyScan.scan(
            [page("a.html", "07700 900000 and again 07700 900000"), page("b.html", "07700 900000")], secrets: list)
        #expect(found.count == 2)
    }

    @Test("values under private: in nested lists and mappings are all secrets")
    func nestedPrivateValues() throws {
        let jo = Fixture.jo.swapping(
            "  phone: \"07700 900000\"",
            "  phone: \"07700 900000\"\n  training:\n    - {course: Hearing voices course, date: 2025-03-01}\n  diagnosis: bipolar disorder")
        let texts = try secrets(jo: jo).map(\.text)
        #expect(texts.contains("Hearing voices course"))
        #expect(texts.contains("bipolar disorder"))
        // A date alone matches ordinary pages (a session that day) and is deliberately not searched for.
        #expect(!texts.contains("2025-03-01"))
    }

    @Test("short values, yes/no words and small numbers under private: are not searched for")
    func shortValuesIgnored() throws {
        let jo = Fixture.jo.swapping("  phone: \"07700 900000\"", "  phone: \"07700 900000\"\n  ok: yes\n  flag: \"true\"\n  count: 3\n  code: ab1")
        let texts = try secrets(jo: jo).map(\.text)
        for ignored in ["yes", "true", "3", "ab1"] {
            #expect(!texts.contains(ignored), "\(ignored)")
        }
    }

    @Test("a private phone number written without spaces is still searched for")
    func phoneWithoutSpaces() throws {
        let list = try secrets(jo: Fixture.jo.swapping("phone: \"07700 900000\"", "phone: \"07700900000\""))
        let found = PrivacyScan.scan([page("a.html", "<p>Ring 07700900000</p>")], secrets: list)
        #expect(found.rules == ["PRIV002"])
    }
}
