import Foundation
import Testing

@testable import ProspectusCore

@Suite("Readability advice (READ001–003)")
struct ReadabilityTests {
    static let coursePath = SiteFixture.path(.courses, "understanding-recovery")

    func check(course text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic] {
        var fixture = SiteFixture()
        fixture[.courses, "understanding-recovery"] = text
        guard let site = fixture.decode().site else {
            Issue.record("the fixture did not decode", sourceLocation: sourceLocation)
            return []
        }
        let (bodies, _) = MarkdownStage.run(site)
        return Readability.run(site, bodies: bodies)
    }

    static let longSentence =
        "This sentence has far more words in it than anybody reading a prospectus on a small phone would ever want to read at once."
    static let shortSentence = "This one is short."

    // MARK: READ001

    @Test("READ001: a sentence over 20 words is a note pointing at its first word")
    func longSentenceFires() throws {
        let text = Fixture.course + "\n\(Self.shortSentence) \(Self.longSentence)\n"
        let diagnostics = check(course: text)
        let finding = try #require(diagnostics.with(.readSentence).first)
        #expect(diagnostics.with(.readSentence).count == 1)
        #expect(finding.rule.rawValue == "READ001")
        #expect(finding.severity == .info)
        #expect(finding.file == Self.coursePath)
        #expect(finding.location == position(text.line(of: Self.longSentence), text.column(of: "This sentence has")))
        #expect(finding.message.contains("24 words"))
    }

    @Test("READ001: a sentence of exactly 20 words is fine")
    func twentyWordsFine() {
        let twenty = "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty."
        #expect(check(course: Fixture.course + "\n\(twenty)\n").with(.readSentence).isEmpty)
    }

    @Test("READ001 reads a long course summary too, at the summary's first word")
    func longSummarySentence() throws {
        let text = Fixture.course.swapping(
            "summary: What recovery means and how we each find our own way.", "summary: \(Self.longSentence)")
        let finding = try #require(check(course: text).with(.readSentence).first)
        #expect(finding.location == position(text.line(of: "summary:"), text.column(of: "This sentence")))
    }

    // MARK: READ002

    @Test("READ002: a paragraph of 4 sentences is a note at the paragraph's first word")
    func longParagraphFires() throws {
        let text = Fixture.course + "\nOne idea here. Another idea. A third idea. A fourth idea.\n"
        let finding = try #require(check(course: text).with(.readParagraph).first)
        #expect(finding.severity == .info)
        #expect(finding.location == position(text.line(of: "One idea here."), 1))
        #expect(finding.message.contains("4 sentences"))
    }

    @Test("READ002: 3 sentences are fine, abbreviations do not end a sentence, and list items are not paragraphs")
    func shortParagraphFine() {
        let text = Fixture.course + """

            Bring a pen, e.g. a biro. Dr. Patel joins us. We finish at noon.

            - One point. Two points. Three points. Four points.

            """
        #expect(check(course: text).with(.readParagraph).isEmpty)
    }

    // MARK: READ003

    @Test("READ003: hard text (SMOG over 14) in a body is a warning")
    func hardTextFires() throws {
        let hard = """
            Psychological interventions necessitate considerable organisational commitment.
            Interdisciplinary collaboration facilitates individualised therapeutic opportunities.
            Comprehensive evaluation demonstrates considerable variability regarding implementation.
            """
        let text = Fixture.course + "\n\(hard)\n"
        let finding = try #require(check(course: text).with(.readSMOG).first)
        #expect(finding.rule.rawValue == "READ003")
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("SMOG grade"))
        // It points at the body's first paragraph.
        #expect(finding.location == position(text.line(of: "What recovery means, and how"), 1))
    }

    @Test("READ003: plain text, or fewer than 3 sentences, gives no SMOG finding")
    func plainTextFine() {
        let plain = Fixture.course + "\nWe meet on Mondays. You can bring a friend. Tea is free.\n"
        #expect(check(course: plain).with(.readSMOG).isEmpty)
        let short = Fixture.course.swapping(
            "What recovery means, and how we each find our own way.",
            "Psychological interventions necessitate considerable organisational commitment.")
        #expect(check(course: short).with(.readSMOG).isEmpty)
    }

    @Test("the SMOG grade follows the standard formula")
    func smogFormula() throws {
        let sentences = [
            Sentence(start: 0, words: 5, polysyllables: 1), Sentence(start: 0, words: 5, polysyllables: 1),
            Sentence(start: 0, words: 5, polysyllables: 1),
        ]
        let grade = try #require(Readability.smog(sentences))
        #expect(abs(grade - (1.0430 * 30.0.squareRoot() + 3.1291)) < 0.0001)
        #expect(Readability.smog(Array(sentences.prefix(2))) == nil)
    }

    @Test(
        "syllables are counted by the documented heuristic",
        arguments: [
            ("hope", 1), ("table", 2), ("helped", 1), ("wanted", 2), ("hopes", 1), ("courses", 2),
            ("recovery", 4), ("understanding", 4), ("yes", 1), ("the", 1), ("organisational", 6),
        ]
    )
    func syllables(word: String, expected: Int) {
        #expect(Syllables.count(Array(word.utf8)) == expected)
    }

    @Test("sentences are split on . ! ? and closing quotes, with word counts and first-word offsets")
    func sentenceSplitting() {
        let sentences = Sentences.split("Hello there! Is it \"done?\" Yes — it is, e.g. today.")
        #expect(sentences.map(\.words) == [2, 3, 5])
        #expect(sentences.map(\.start) == [0, 13, 27])
    }
}
