import Foundation
import Testing

@testable import ProspectusCore

@Suite("Recovery-language lint (LANG001–003) and therapy framing (COP009)")
struct LanguageLintTests {
    static let coursePath = SiteFixture.path(.courses, "understanding-recovery")
    static let pagePath = SiteFixture.path(.pages, "how-to-enrol")

    /// Decodes the fixture site with changes, renders its bodies and runs the lint.
    func lint(
        _ change: (inout SiteFixture) -> Void = { _ in },
        list: Result<[LanguageTerm], LanguageListUnavailable> = LanguageList.bundled,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> [Diagnostic] {
        var fixture = SiteFixture()
        change(&fixture)
        let (site, decoding) = fixture.decode()
        guard let site else {
            Issue.record("the fixture did not decode: \(DiagnosticFormatter.text(decoding))", sourceLocation: sourceLocation)
            return []
        }
        let (bodies, _) = MarkdownStage.run(site)
        return LanguageLint.run(site, bodies: bodies, list: list)
    }

    /// The fixture with the main course's body extended by `extra`.
    func lint(courseBody extra: String) -> (text: String, diagnostics: [Diagnostic]) {
        let text = Fixture.course + extra
        return (text, lint { $0[.courses, "understanding-recovery"] = text })
    }

    var languageRules: Set<RuleID> { [.langError, .langWarning, .langInfo, .copTherapyFraming] }

    // MARK: the bundled list

    @Test("the bundled list loads from the resource folder beside the test program, with about 30–35 complete entries")
    func bundledListLoads() throws {
        let terms = try LanguageList.bundled.get()
        #expect((30...36).contains(terms.count))
        let knownSources: Set<String> = [
            "NHS service manual (Inclusive content; A to Z of NHS health writing)", "Shift media handbook",
            "Mindframe media guidelines", "Mental Health Foundation terminology", "Samaritans media guidelines",
            "Mind media guidelines", "Nottinghamshire Healthcare NHS FT, Recovery-oriented language",
            "UofL Health, The power of language", "Mental Health Media Guide",
        ]
        for term in terms {
            #expect(term.suggestion != nil || term.advice != nil, "\(term.term) has no suggestion")
            #expect(term.reason?.isEmpty == false, "\(term.term) has no reason")
            #expect(!term.sources.isEmpty && term.sources.allSatisfy(knownSources.contains), "\(term.term): \(term.sources)")
        }
        for severity in Severity.allCases {
            #expect(terms.contains { $0.severity == severity }, "no \(severity) terms")
        }
    }

    @Test(
        "the list holds the issue's examples at their levels",
        arguments: [
            ("committed suicide", Severity.error, "died by suicide"),
            ("suffering from", .warning, "living with"),
            ("the mentally ill", .warning, "people with mental health problems"),
            ("a schizophrenic", .warning, "a person with a diagnosis of schizophrenia"),
            ("psycho", .error, nil),
            ("non-compliant", .warning, nil),
            ("attention seeking", .warning, nil),
            ("manipulative", .warning, nil),
            ("frequent flyer", .warning, nil),
            ("service user", .info, nil),
        ] as [(String, Severity, String?)]
    )
    func issueExamples(term: String, severity: Severity, suggestion: String?) throws {
        let terms = try LanguageList.bundled.get()
        let entry = try #require(terms.first { $0.forms.contains(term) })
        #expect(entry.severity == severity)
        if let suggestion { #expect(entry.suggestion == suggestion) }
    }

    @Test("\"committed suicide\" has its inflections as variants")
    func inflections() throws {
        let entry = try #require(try LanguageList.bundled.get().first { $0.term == "committed suicide" })
        for form in ["commit suicide", "commits suicide", "committing suicide"] { #expect(entry.forms.contains(form)) }
    }

    @Test("a list that cannot be read gives one warning with no file, and the college's own terms still run")
    func missingList() throws {
        let diagnostics = lint(
            { fixture in
                fixture.college = Fixture.college + "language:\n  terms: [{term: enrol now, suggest: join us, level: info}]\n"
                fixture[.courses, "understanding-recovery"] = Fixture.course + "\nPlease enrol now. He committed suicide.\n"
            }, list: .failure(LanguageListUnavailable(description: "not found")))
        let missing = diagnostics.filter { $0.file == nil }
        #expect(missing.count == 1)
        #expect(missing.first?.rule == .langWarning)
        #expect(missing.first?.severity == .warning)
        #expect(missing.first?.message.contains("missing") == true)
        #expect(diagnostics.with(.langInfo).count == 1)
        #expect(diagnostics.with(.langError).isEmpty)
    }

    @Test("a list file that is missing, not YAML, or has no terms is reported as unusable rather than crashing")
    func brokenListFile() {
        #expect(throws: LanguageListUnavailable.self) {
            try LanguageList.load(URL(fileURLWithPath: "/nonexistent-prospectus/recovery-language.yml")).get()
        }
        #expect(throws: LanguageListUnavailable.self) { try LanguageList.parse("terms: [unclosed").get() }
        #expect(throws: LanguageListUnavailable.self) { try LanguageList.parse("other: 1").get() }
        #expect(throws: LanguageListUnavailable.self) { try LanguageList.parse("terms: [{term: x}]").get() }
    }

    // MARK: each tier fires, at the exact word

    @Test("LANG001: \"committed suicide\" in a course body is an error at the first word, with the kinder wording and the source")
    func errorTierInBody() throws {
        let (text, diagnostics) = lint(courseBody: "\nWe remember everyone who committed suicide last year.\n")
        let finding = try #require(diagnostics.with(.langError).first)
        #expect(diagnostics.with(.langError).count == 1)
        #expect(finding.rule.rawValue == "LANG001")
        #expect(finding.severity == .error)
        #expect(finding.file == Self.coursePath)
        #expect(finding.location == position(text.line(of: "committed suicide"), text.column(of: "committed suicide")))
        #expect(finding.message == "\"committed suicide\": say \"died by suicide\" instead")
        #expect(finding.hint?.contains("Samaritans media guidelines") == true)
        #expect(finding.sourceLine == "We remember everyone who committed suicide last year.")
    }

    @Test("LANG002: \"suffering from\" in a course summary is a warning at its column in the front matter")
    func warningTierInSummary() throws {
        let text = Fixture.course.swapping(
            "summary: What recovery means and how we each find our own way.",
            "summary: For anyone suffering from low mood.")
        let diagnostics = lint { $0[.courses, "understanding-recovery"] = text }
        let finding = try #require(diagnostics.with(.langWarning).first)
        #expect(diagnostics.with(.langWarning).count == 1)
        #expect(finding.severity == .warning)
        #expect(finding.file == Self.coursePath)
        #expect(finding.location == position(text.line(of: "suffering from"), text.column(of: "suffering from")))
        #expect(finding.message == "\"suffering from\": say \"living with\" instead")
    }

    @Test("LANG003: \"service user\" in a page body is a note at its column")
    func infoTierInPage() throws {
        let text = Fixture.page + "\nAsk any é service user about us.\n"
        let diagnostics = lint { $0[.pages, "how-to-enrol"] = text }
        let finding = try #require(diagnostics.with(.langInfo).first)
        #expect(finding.severity == .info)
        #expect(finding.file == Self.pagePath)
        #expect(finding.location == position(text.line(of: "service user"), text.column(of: "service user")))
    }

    @Test("clean text gives no language findings: the fixture site passes")
    func cleanSite() {
        let diagnostics = lint()
        #expect(diagnostics.filter { languageRules.contains($0.rule) }.isEmpty, "\(DiagnosticFormatter.text(diagnostics))")
    }

    // MARK: how terms are matched

    @Test("a phrase split over two lines is found, at its first word")
    func phraseAcrossLines() throws {
        let (text, diagnostics) = lint(courseBody: "\nFor people suffering\nfrom anxiety.\n")
        let finding = try #require(diagnostics.with(.langWarning).first)
        #expect(finding.location == position(text.line(of: "people suffering"), text.column(of: "suffering")))
        #expect(finding.message.hasPrefix("\"suffering from\""))
    }

    @Test("matching ignores case and keeps the words as written in the message")
    func caseInsensitive() throws {
        let (_, diagnostics) = lint(courseBody: "\n## Suffering From Stress\n")
        #expect(diagnostics.with(.langWarning).first?.message.hasPrefix("\"Suffering From\"") == true)
    }

    @Test(
        "only whole words match: no finding inside a longer word or an address",
        arguments: [
            "Psychology and psychotherapy are different.",
            "A psycho-education session.",
            "We are unmanipulative and resourceful.",
            "Read https://example.org/psycho for more.",
            "Email psycho@example.org today.",
            "We talk about suffering, from time to time.",
        ]
    )
    func wholeWordsOnly(sentence: String) {
        let (_, diagnostics) = lint(courseBody: "\n\(sentence)\n")
        #expect(diagnostics.filter { [.langError, .langWarning].contains($0.rule) }.isEmpty, "\(diagnostics.map(\.message))")
    }

    @Test("the longest phrase wins: \"the mentally ill\" is one finding, not two")
    func longestPhrase() throws {
        let (_, diagnostics) = lint(courseBody: "\nServices for the mentally ill.\n")
        #expect(diagnostics.with(.langWarning).map(\.message) == [
            "\"the mentally ill\": say \"people with mental health problems\" instead"
        ])
    }

    @Test("a noun use such as \"a schizophrenic\" is matched as a phrase; the diagnosis named as a condition is not")
    func nounUse() throws {
        let (_, noun) = lint(courseBody: "\nHe was treated as a schizophrenic.\n")
        #expect(noun.with(.langWarning).count == 1)
        let (_, condition) = lint(courseBody: "\nLearn about schizophrenia and bipolar disorder.\n")
        #expect(condition.filter { [.langError, .langWarning].contains($0.rule) }.isEmpty)
    }

    @Test("a possessive form is matched: \"nutter's\"")
    func possessive() {
        let (_, diagnostics) = lint(courseBody: "\nNo nutter's jokes here.\n")
        #expect(diagnostics.with(.langError).count == 1)
    }

    // MARK: what is skipped

    @Test(
        "code spans, code blocks, block quotes and text in quotation marks are not checked",
        arguments: [
            "Type `psycho` into the box.",
            "```\npsycho\n```",
            "    psycho in indented code",
            "> She said the ward was full of psychos.",
            "People used to say \"committed suicide\"; we do not.",
            "The phrase “suffering from” is one we avoid.",
        ]
    )
    func skipped(markdown: String) {
        let (_, diagnostics) = lint(courseBody: "\n\(markdown)\n")
        #expect(diagnostics.filter { [.langError, .langWarning].contains($0.rule) }.isEmpty, "\(diagnostics.map(\.message))")
    }

    @Test("a term after a closed quotation is still found")
    func afterQuotation() {
        let (_, diagnostics) = lint(courseBody: "\n\"Hope\" matters to people suffering from stress.\n")
        #expect(diagnostics.with(.langWarning).count == 1)
    }

    @Test("a stray quotation mark does not hide the rest of the paragraph")
    func strayQuote() {
        let (_, diagnostics) = lint(courseBody: "\nA 12\" screen for people suffering from stress.\n")
        #expect(diagnostics.with(.langWarning).count == 1)
    }

    // MARK: the college's settings

    @Test("a term the college allows is dropped, with all its forms")
    func allowList() {
        let diagnostics = lint { fixture in
            fixture.college = Fixture.college + "language:\n  allow: [Service User]\n"
            fixture[.pages, "how-to-enrol"] = Fixture.page + "\nAsk a service user, or other service users.\n"
        }
        #expect(diagnostics.with(.langInfo).isEmpty)
    }

    @Test("allowing one form keeps the term's other forms")
    func allowOneForm() {
        let diagnostics = lint { fixture in
            fixture.college = Fixture.college + "language:\n  allow: [service users]\n"
            fixture[.pages, "how-to-enrol"] = Fixture.page + "\nAsk a service user, or other service users.\n"
        }
        #expect(diagnostics.with(.langInfo).count == 1)
    }

    @Test(
        "a college's own term is reported at its own level: error LANG001, warning LANG002, info LANG003",
        arguments: [("error", RuleID.langError), ("warning", .langWarning), ("info", .langInfo)]
    )
    func customTerms(level: String, rule: RuleID) throws {
        let text = Fixture.page + "\nEvery client is welcome.\n"
        let diagnostics = lint { fixture in
            fixture.college =
                Fixture.college
                + "language:\n  terms: [{term: client, suggest: student, level: \(level), reason: We say students.}]\n"
            fixture[.pages, "how-to-enrol"] = text
        }
        let finding = try #require(diagnostics.with(rule).first)
        #expect(diagnostics.filter { languageRules.contains($0.rule) }.count == 1)
        #expect(finding.message == "\"client\": say \"student\" instead")
        #expect(finding.hint?.hasPrefix("We say students.") == true)
        #expect(finding.location == position(text.line(of: "client"), text.column(of: "client")))
    }

    // MARK: where the lint reads

    @Test("the college's texts are read, and the finding points into college.yml")
    func collegeTexts() throws {
        let college = Fixture.college.swapping(
            "statement: People with lived experience wrote this prospectus with us.",
            "statement: |\n    People with lived experience wrote this prospectus.\n    Nobody here is a victim of their diagnosis.")
        let diagnostics = lint { $0.college = college }
        let finding = try #require(diagnostics.with(.langInfo).first)
        #expect(finding.file == SiteFixture.collegePath)
        #expect(finding.location == position(college.line(of: "victim of"), college.column(of: "victim of")))
    }

    @Test("a learning outcome in a flow list and a folded summary line are found at their columns")
    func fieldPositions() throws {
        let text = Fixture.course
            .swapping(
                "summary: What recovery means and how we each find our own way.",
                "summary: What recovery means\n  for people who are\n  suffering from stress.")
            .swapping("  - Describe what personal recovery means to you", "  - \"Talk about being non-compliant\"")
        let diagnostics = lint { $0[.courses, "understanding-recovery"] = text }
        let findings = diagnostics.with(.langWarning).sorted(by: { ($0.location?.line ?? 0) < ($1.location?.line ?? 0) })
        #expect(findings.map(\.location) == [
            position(text.line(of: "suffering from"), text.column(of: "suffering from")),
            position(text.line(of: "non-compliant"), text.column(of: "non-compliant")),
        ])
    }

    @Test("trainer, partner and venue bodies are read too")
    func otherBodies() {
        let diagnostics = lint { fixture in
            fixture[.trainers, "jo-bloggs"] = Fixture.jo + "\nJo is not a psycho.\n"
            fixture[.partners, "riverside-mind"] = Fixture.partner + "\nNo psycho talk.\n"
            fixture[.venues, "riverside-hub"] = Fixture.venue + "\nNo psycho talk.\n"
        }
        #expect(Set(diagnostics.with(.langError).compactMap(\.file)) == [
            SiteFixture.path(.trainers, "jo-bloggs"), SiteFixture.path(.partners, "riverside-mind"),
            SiteFixture.path(.venues, "riverside-hub"),
        ])
    }

    // MARK: COP009

    @Test("COP009: \"patients\" in a course body is a note suggesting students, at the word")
    func therapyFramingInCourse() throws {
        let (text, diagnostics) = lint(courseBody: "\nThis course is for patients and carers.\n")
        let finding = try #require(diagnostics.with(.copTherapyFraming).first)
        #expect(diagnostics.with(.copTherapyFraming).count == 1)
        #expect(finding.severity == .info)
        #expect(finding.file == Self.coursePath)
        #expect(finding.location == position(text.line(of: "for patients"), text.column(of: "patients")))
        #expect(finding.message == "\"patients\": say \"students\" instead")
        #expect(finding.hint?.contains("education, not treatment") == true)
    }

    @Test("COP009 reads course titles and outcomes too, but not other files")
    func therapyFramingOnlyInCourses() {
        let diagnostics = lint { fixture in
            fixture[.courses, "understanding-recovery"] = Fixture.course.swapping(
                "title: Understanding Recovery", "title: Recovery Therapy")
            fixture[.pages, "how-to-enrol"] = Fixture.page + "\nThis is not treatment.\n"
        }
        #expect(diagnostics.with(.copTherapyFraming).map(\.file) == [Self.coursePath])
    }

    @Test("COP009 does not fire on course text about learning")
    func therapyFramingClean() {
        let (_, diagnostics) = lint(courseBody: "\nAn occupational therapist and a peer trainer lead it.\n")
        #expect(diagnostics.with(.copTherapyFraming).isEmpty)
    }

    // MARK: the sample prospectus

    @Test("the sample prospectus in content/ has no LANG001 or LANG002 findings")
    func sampleContent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let options = BuildOptions(siteRoot: root)
        let loaded = ContentLoader(siteRoot: options.siteRoot, contentDir: options.contentDir, limits: options.limits).load()
        let site = try #require(SiteDecoder.decode(loaded).site)
        let (bodies, _) = MarkdownStage.run(site)
        let diagnostics = LanguageLint.run(site, bodies: bodies)
        let serious = diagnostics.filter { $0.rule == .langError || $0.rule == .langWarning }
        #expect(serious.isEmpty, "\(DiagnosticFormatter.text(serious))")
    }
}
