import Foundation

/// Plain-language advice (READ001–003), after the NHS service manual's
/// "How we write": sentences of 20 words or fewer, paragraphs of 3 sentences
/// or fewer, and (from its 2019 guidance) looking again at text whose SMOG
/// grade is over 14.
///
/// All of it is advisory. A formula cannot tell whether people understand a
/// text (the NHS removed its readability page in 2021 for that reason), so
/// these findings are notes and one warning, never errors, and a college can
/// turn any of them off in college.yml.
///
/// What is read: the paragraphs and list items of every Markdown body and each
/// course's summary. Headings, code, block quotes (someone else's words) and
/// HTML are not.
public enum Readability {
    static let maxSentenceWords = 20
    static let maxParagraphSentences = 3
    static let maxSMOG = 14.0
    /// SMOG is defined over sentences; on fewer than 3 it says nothing useful.
    static let minSMOGSentences = 3

    public static func run(_ site: Site, bodies: [String: RenderedMarkdown]) -> [Diagnostic] {
        run(site, bodies: bodies, memo: nil)
    }

    static func run(_ site: Site, bodies: [String: RenderedMarkdown], memo: CheckMemo?) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var files: [SourceFile] = site.courses.map(\.file)
        files += site.trainers.map(\.file)
        files += site.partners.map(\.file)
        files += site.venues.map(\.file)
        files += site.pages.map(\.file)
        var summaries: [String: FieldText] = [:]
        for course in site.courses {
            if let summary = course.texts.first(where: { $0.field == "summary" }) { summaries[course.file.path] = summary }
        }
        for file in files {
            diagnostics += memo.findings("readability", file) {
                var found: [Diagnostic] = []
                if let summary = summaries[file.path] { check(summary: summary, in: file, into: &found) }
                if let body = bodies[file.path] { check(body: body, in: file, into: &found) }
                return found
            }
        }
        return diagnostics
    }

    static func check(summary: FieldText, in file: SourceFile, into diagnostics: inout [Diagnostic]) {
        let sentences = Sentences.split(summary.text)
        let locate = { (offset: Int) in
            FieldLocator.location(ofOffset: offset, in: summary.text, startingAt: summary.location, file: file)
        }
        for sentence in sentences where sentence.words > maxSentenceWords {
            diagnostics.append(longSentence(sentence, file, locate(sentence.start)))
        }
        if let first = sentences.first, let grade = smog(sentences), grade > maxSMOG {
            diagnostics.append(hardToRead("the summary", grade, file, locate(first.start)))
        }
    }

    static func check(body: RenderedMarkdown, in file: SourceFile, into diagnostics: inout [Diagnostic]) {
        var paragraphSentences: [Sentence] = []
        var firstParagraph: SourceLocation?
        for block in body.blocks where block.kind == .paragraph || block.kind == .listItem {
            let sentences = Sentences.split(block.text)
            guard let first = sentences.first else { continue }
            for sentence in sentences where sentence.words > maxSentenceWords {
                diagnostics.append(longSentence(sentence, file, body.location(ofOffset: sentence.start, in: block)))
            }
            // A list item is a point, not a run of sentences: only paragraphs
            // count for paragraph length and the SMOG grade.
            guard block.kind == .paragraph else { continue }
            let start = body.location(ofOffset: first.start, in: block)
            if firstParagraph == nil { firstParagraph = start }
            paragraphSentences += sentences
            if sentences.count > maxParagraphSentences {
                diagnostics.append(
                    file.diagnostic(
                        .readParagraph, at: start,
                        "this paragraph has \(sentences.count) sentences; aim for \(maxParagraphSentences) or fewer",
                        hint: "split it into shorter paragraphs, or make a list of the points; short paragraphs are easier to take in (NHS service manual, How we write)"))
            }
        }
        if let grade = smog(paragraphSentences), grade > maxSMOG {
            diagnostics.append(hardToRead("this text", grade, file, firstParagraph))
        }
    }

    static func longSentence(_ sentence: Sentence, _ file: SourceFile, _ at: SourceLocation?) -> Diagnostic {
        file.diagnostic(
            .readSentence, at: at, "this sentence has \(sentence.words) words; aim for \(maxSentenceWords) or fewer",
            hint: "split it into two shorter sentences; short sentences help everyone, including people who are unwell, tired or reading in a second language (NHS service manual, How we write)")
    }

    static func hardToRead(_ what: String, _ grade: Double, _ file: SourceFile, _ at: SourceLocation?) -> Diagnostic {
        file.diagnostic(
            .readSMOG, at: at,
            "\(what) may be hard to read: its SMOG grade is \(String(format: "%.1f", grade)); aim for \(Int(maxSMOG)) or lower",
            hint: "use shorter sentences and everyday words; this is advice only, because a formula cannot tell whether readers understand, so try the text with students")
    }

    /// The SMOG grade (McLaughlin 1969): 1.0430 × √(polysyllables × 30 / sentences) + 3.1291,
    /// where polysyllables are words of three or more syllables. Nil below 3 sentences.
    static func smog(_ sentences: [Sentence]) -> Double? {
        guard sentences.count >= minSMOGSentences else { return nil }
        let polysyllables = sentences.reduce(0) { $0 + $1.polysyllables }
        return 1.0430 * (Double(polysyllables) * 30 / Double(sentences.count)).squareRoot() + 3.1291
    }
}

/// One sentence of a text.
struct Sentence: Equatable {
    /// UTF-8 offset of its first word.
    var start: Int
    var words: Int
    /// Words of three syllables or more.
    var polysyllables: Int
}

/// Splits text into sentences in one pass over its bytes.
///
/// A sentence ends at a word ending in `.`, `!`, `?` or `…` (closing quotes
/// and brackets after it allowed), except common abbreviations ("e.g.", "Dr.")
/// and initials ("J."), and at the end of the text. A word is a run of
/// non-space characters with at least one letter or digit, so a lone dash is
/// not a word.
enum Sentences {
    static let abbreviations: Set<String> = [
        "e.g.", "eg.", "i.e.", "ie.", "etc.", "dr.", "mr.", "mrs.", "ms.", "mx.", "st.", "no.", "vs.", "approx.",
        "cf.", "a.m.", "p.m.", "inc.", "ltd.", "prof.",
    ]

    static func split(_ text: String) -> [Sentence] {
        var text = text
        return text.withUTF8 { bytes in
            var sentences: [Sentence] = []
            var current: Sentence?
            var i = 0
            var letters: [UInt8] = []
            letters.reserveCapacity(32)
            while i < bytes.count {
                while i < bytes.count, isSpace(bytes, i) { i += spaceLength(bytes, i) }
                guard i < bytes.count else { break }
                let start = i
                var hasWord = false
                letters.removeAll(keepingCapacity: true)
                while i < bytes.count, !isSpace(bytes, i) {
                    let (scalar, length) = Words.decode(bytes, i)
                    if Words.classify(scalar) == .word {
                        hasWord = true
                        if scalar < 0x80, let lower = asciiLowerLetter(UInt8(scalar)) { letters.append(lower) }
                    }
                    i += length
                }
                guard hasWord else { continue }
                if current == nil { current = Sentence(start: start, words: 0, polysyllables: 0) }
                current?.words += 1
                if Syllables.count(letters) >= 3 { current?.polysyllables += 1 }
                if endsSentence(bytes, start, i), let done = current {
                    sentences.append(done)
                    current = nil
                }
            }
            if let done = current { sentences.append(done) }
            return sentences
        }
    }

    @inline(__always)
    static func isSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let b = bytes[i]
        if b < 0x80 { return b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }
        return Words.classify(Words.decode(bytes, i).scalar) == .space
    }

    @inline(__always)
    static func spaceLength(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        bytes[i] < 0x80 ? 1 : Words.decode(bytes, i).length
    }

    @inline(__always)
    static func asciiLowerLetter(_ b: UInt8) -> UInt8? {
        let lower = b | 0x20
        return lower >= 0x61 && lower <= 0x7A && (b >= 0x41) ? lower : nil
    }

    /// Whether the word `bytes[start..<end]` ends a sentence.
    static func endsSentence(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var last = end
        // Step back over closing quotes, brackets and emphasis left in the text.
        while last > start {
            let b = bytes[last - 1]
            if b == 0x22 || b == 0x27 || b == 0x29 || b == 0x5D || b == 0x2A || b == 0x5F {
                last -= 1
            } else if last - start >= 3, bytes[last - 3] == 0xE2, bytes[last - 2] == 0x80,
                bytes[last - 1] == 0x9D || bytes[last - 1] == 0x99
            {
                last -= 3  // ” or ’
            } else {
                break
            }
        }
        guard last > start else { return false }
        let b = bytes[last - 1]
        if b == 0x21 || b == 0x3F { return true }  // ! ?
        if last - start >= 3, bytes[last - 3] == 0xE2, bytes[last - 2] == 0x80, bytes[last - 1] == 0xA6 { return true }  // …
        guard b == 0x2E else { return false }
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<last]), as: UTF8.self).lowercased()
        if abbreviations.contains(word) { return false }
        // An initial such as "J." in "J. Smith".
        if word.count == 2, word.first?.isLetter == true { return false }
        return true
    }
}

/// Syllables by the usual heuristic for English (good enough for SMOG, which
/// only asks "three or more?"): count groups of vowels (a, e, i, o, u, and y
/// when not the first letter), then drop one for a silent final "e" ("hope",
/// but not "table"), a silent "-ed" ("helped", but not "wanted") and a silent
/// "-es" ("hopes", but not "courses"). Every word has at least one.
enum Syllables {
    static func count(_ word: [UInt8]) -> Int {
        let n = word.count
        guard n > 0 else { return 0 }
        func vowel(_ i: Int) -> Bool {
            switch word[i] {
            case 0x61, 0x65, 0x69, 0x6F, 0x75: return true  // a e i o u
            case 0x79: return i > 0  // y
            default: return false
            }
        }
        var count = 0
        var previous = false
        for i in 0..<n {
            let v = vowel(i)
            if v && !previous { count += 1 }
            previous = v
        }
        let e: UInt8 = 0x65
        if n > 2, word[n - 1] == e, !vowel(n - 2), !(word[n - 2] == 0x6C && !vowel(n - 3)) {
            count -= 1  // silent e, but "-le" after a consonant is spoken: ta-ble
        } else if n > 3, word[n - 2] == e, word[n - 1] == 0x64, !vowel(n - 3), word[n - 3] != 0x74, word[n - 3] != 0x64 {
            count -= 1  // -ed after a consonant other than t or d: helped
        } else if n > 3, word[n - 2] == e, word[n - 1] == 0x73, !vowel(n - 3),
            ![0x73, 0x78, 0x7A, 0x63, 0x67].contains(word[n - 3]), !(word[n - 3] == 0x68 && [0x63, 0x73].contains(word[n - 4]))
        {
            count -= 1  // -es after a consonant that does not add a syllable: hopes
        }
        return max(1, count)
    }
}
