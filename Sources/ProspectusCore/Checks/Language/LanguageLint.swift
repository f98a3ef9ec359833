import Foundation

/// The recovery-language lint (LANG001–003) and therapy framing in course
/// text (COP009).
///
/// Every published text is read: each course's title, summary, learning
/// outcomes and accessibility notes; every Markdown body (courses, trainers,
/// partners, venues, pages); page titles; and the college's own texts. Not read:
/// code, block quotes and text in quotation marks (someone else's words, or a
/// word being discussed), and web or email addresses.
///
/// Each finding points at the first letter of the term in the file, says what
/// to write instead, and gives the reason and its source in the hint.
public enum LanguageLint {
    public static func run(_ site: Site, bodies: [String: RenderedMarkdown]) -> [Diagnostic] {
        run(site, bodies: bodies, list: LanguageList.bundled)
    }

    static func run(_ site: Site, bodies: [String: RenderedMarkdown], memo: CheckMemo?) -> [Diagnostic] {
        run(site, bodies: bodies, list: LanguageList.bundled, memo: memo)
    }

    /// The lint with a given term list (tests pass their own, or a failure).
    static func run(
        _ site: Site, bodies: [String: RenderedMarkdown], list: Result<[LanguageTerm], LanguageListUnavailable>,
        memo: CheckMemo? = nil
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var bundled: [LanguageTerm] = []
        switch list {
        case .success(let terms): bundled = terms
        case .failure(let problem):
            // Never fatal: the site can still be built, and the college's own
            // terms and the therapy-framing check still run.
            diagnostics.append(
                Diagnostic(
                    rule: .langWarning, severity: .warning, file: nil, location: nil,
                    message: "the recovery-language list is missing, so its language checks were skipped",
                    hint: "\(problem.description); reinstall Prospectus so that the Prospectus_ProspectusCore.resources folder is beside the prospectus program"))
        }
        let checker = LanguageChecker(college: site.college, bundled: bundled)

        // The college's own terms (college.yml) change what is found in every file.
        let lists = site.collegeFile?.hash ?? 0
        for course in site.courses {
            diagnostics += memo.findings("language", course.file, extra: lists) {
                var found: [Diagnostic] = []
                checker.check(course.texts, in: course.file, therapy: true, into: &found)
                if let body = bodies[course.file.path] { checker.check(body, in: course.file, therapy: true, into: &found) }
                return found
            }
        }
        var others: [SourceFile] = site.trainers.map(\.file)
        others += site.partners.map(\.file)
        others += site.venues.map(\.file)
        for file in others {
            guard let body = bodies[file.path] else { continue }
            diagnostics += memo.findings("language", file, extra: lists) {
                var found: [Diagnostic] = []
                checker.check(body, in: file, therapy: false, into: &found)
                return found
            }
        }
        for page in site.pages {
            diagnostics += memo.findings("language", page.file, extra: lists) {
                var found: [Diagnostic] = []
                checker.check(page.texts, in: page.file, therapy: false, into: &found)
                if let body = bodies[page.file.path] { checker.check(body, in: page.file, therapy: false, into: &found) }
                return found
            }
        }
        if !site.college.texts.isEmpty {
            let file =
                site.files.first(where: { $0.key == "college.yml" || $0.key.hasSuffix("/college.yml") })?.value
                ?? SourceFile(path: "content/college.yml", text: "")
            checker.check(site.college.texts, in: file, therapy: false, into: &diagnostics)
        }
        return diagnostics
    }
}

/// The term lists of one site compiled into matchers, once per run.
struct LanguageChecker: Sendable {
    struct Entry {
        var rule: RuleID
        var suggestion: String?
        var advice: String?
        var hint: String
    }

    let entries: [Entry]
    let matcher: TermMatcher
    let therapyEntries: [Entry]
    let therapyMatcher: TermMatcher

    init(college: College, bundled: [LanguageTerm]) {
        // A term the college accepts is dropped: all its forms when the
        // headword is allowed, otherwise just the allowed form.
        let allowed = Set(college.languageAllow.map(LanguageChecker.key))
        var entries: [Entry] = []
        var phrases: [(phrase: String, payload: Int)] = []
        for term in bundled where !allowed.contains(LanguageChecker.key(term.term)) {
            var hint = term.reason ?? "This wording can stigmatise."
            if !term.sources.isEmpty { hint += " Source: \(term.sources.joined(separator: "; "))." }
            entries.append(Entry(rule: term.rule, suggestion: term.suggestion, advice: term.advice, hint: hint))
            for form in term.forms where !allowed.contains(LanguageChecker.key(form)) {
                phrases.append((form, entries.count - 1))
            }
        }
        // The college's own terms, each at the level it chose.
        for custom in college.languageTerms {
            let rule: RuleID =
                switch custom.severity {
                case .error: .langError
                case .warning: .langWarning
                case .info: .langInfo
                }
            let reason = custom.reason.map { $0.hasSuffix(".") ? $0 : $0 + "." }
            let hint = (reason.map { $0 + " " } ?? "") + "Your college lists this term in college.yml (`language: terms`)."
            entries.append(Entry(rule: rule, suggestion: custom.suggestion, advice: nil, hint: hint))
            phrases.append((custom.term, entries.count - 1))
        }
        self.entries = entries
        self.matcher = TermMatcher(phrases)

        // COP009: a Recovery College offers education, not treatment.
        let students = college.studentNoun.isEmpty ? "students" : college.studentNoun + "s"
        let student = college.studentNoun.isEmpty ? "student" : college.studentNoun
        let therapyHint =
            "A Recovery College offers education, not treatment: say what people will learn, and call them \(students)."
        let therapy: [(forms: [String], suggestion: String)] = [
            (["treatment", "treatments"], "learning"),
            (["therapy"], "course"),
            (["therapies"], "courses"),
            // "patient" alone is also the adjective ("be patient with yourself"),
            // so only its noun uses are matched.
            (["a patient", "the patient", "our patient", "your patient"], "a " + student),
            (["patients"], students),
        ]
        var therapyEntries: [Entry] = []
        var therapyPhrases: [(phrase: String, payload: Int)] = []
        for (forms, suggestion) in therapy {
            therapyEntries.append(Entry(rule: .copTherapyFraming, suggestion: suggestion, advice: nil, hint: therapyHint))
            for form in forms where !allowed.contains(LanguageChecker.key(form)) {
                therapyPhrases.append((form, therapyEntries.count - 1))
            }
        }
        self.therapyEntries = therapyEntries
        self.therapyMatcher = TermMatcher(therapyPhrases)
    }

    /// How a phrase is compared with an allowed one: its words, normalised.
    static func key(_ phrase: String) -> [UInt64] {
        Words.normalisedWords(phrase).map { Words.hash($0) }
    }

    /// Front-matter texts of one file.
    func check(_ texts: [FieldText], in file: SourceFile, therapy: Bool, into diagnostics: inout [Diagnostic]) {
        for field in texts where !field.text.isEmpty {
            var value = field.text
            let code = value.withUTF8 { Words.backtickRanges($0) }
            let locate = { (offset: Int) in
                FieldLocator.location(ofOffset: offset, in: field.text, startingAt: field.location, file: file)
            }
            let found = TermMatcher.matches(in: field.text, skipping: code, therapy ? [matcher, therapyMatcher] : [matcher])
            report(found[0], entries, field.text, file, locate, &diagnostics)
            if therapy { report(found[1], therapyEntries, field.text, file, locate, &diagnostics) }
        }
    }

    /// A Markdown body: its paragraphs, headings and list items.
    func check(_ body: RenderedMarkdown, in file: SourceFile, therapy: Bool, into diagnostics: inout [Diagnostic]) {
        for block in body.blocks where block.kind == .paragraph || block.kind == .heading || block.kind == .listItem {
            let code = block.codeRanges
            let locate = { (offset: Int) in body.location(ofOffset: offset, in: block) }
            let found = TermMatcher.matches(in: block.text, skipping: code, therapy ? [matcher, therapyMatcher] : [matcher])
            report(found[0], entries, block.text, file, locate, &diagnostics)
            if therapy { report(found[1], therapyEntries, block.text, file, locate, &diagnostics) }
        }
    }

    func report(
        _ matches: [TermMatcher.Match], _ entries: [Entry], _ text: String, _ file: SourceFile,
        _ locate: (Int) -> SourceLocation?, _ diagnostics: inout [Diagnostic]
    ) {
        guard !matches.isEmpty else { return }
        let bytes = Array(text.utf8)
        for match in matches where entries.indices.contains(match.payload) {
            let entry = entries[match.payload]
            let written = String(decoding: bytes[match.range], as: UTF8.self)
                .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            let message: String
            if let suggestion = entry.suggestion {
                // "has, or living with" reads as two choices: say "has" or "living with".
                let choices = suggestion.components(separatedBy: ", or ").map { "\"\($0)\"" }
                message = "\"\(written)\": say \(choices.joined(separator: " or ")) instead"
            } else if let advice = entry.advice {
                message = "\"\(written)\": \(advice)"
            } else {
                message = "\"\(written)\": consider other wording"
            }
            diagnostics.append(file.diagnostic(entry.rule, at: locate(match.range.lowerBound), message, hint: entry.hint))
        }
    }
}
