/// A list of words and phrases compiled once into a lookup by first word, then
/// run over any number of texts in one pass each.
///
/// A regular expression per term per paragraph would cost terms × texts scans;
/// here each word of a text costs one hash lookup, and only words that start a
/// listed phrase look further. Matching is by whole words and ignores case
/// (ASCII); the words of a phrase may be separated by any white space,
/// including a line end, but not by punctuation. When phrases overlap, the
/// longest one starting at a word wins ("the mentally ill" over "mentally ill").
struct TermMatcher: Sendable {
    struct Phrase: Sendable {
        var words: [UInt64]
        /// What the caller attached to the phrase (an index into its own list).
        var payload: Int
    }

    struct Match: Sendable, Equatable {
        var payload: Int
        /// UTF-8 offsets of the matched words in the text.
        var range: Range<Int>
    }

    private let phrases: [Phrase]
    /// Indices into `phrases` by the hash of their first word, longest phrase first.
    private let byFirstWord: [UInt64: [Int]]

    init(_ list: [(phrase: String, payload: Int)]) {
        var phrases: [Phrase] = []
        for (text, payload) in list {
            let words = Words.normalisedWords(text).map { Words.hash($0) }
            if !words.isEmpty { phrases.append(Phrase(words: words, payload: payload)) }
        }
        var index: [UInt64: [Int]] = [:]
        for (i, phrase) in phrases.enumerated() { index[phrase.words[0], default: []].append(i) }
        for key in index.keys {
            index[key]?.sort { phrases[$0].words.count > phrases[$1].words.count }
        }
        self.phrases = phrases
        self.byFirstWord = index
    }

    var isEmpty: Bool { phrases.isEmpty }

    /// Every listed phrase in `text`, in order, not overlapping.
    ///
    /// Words inside `skipping` (code) or inside quotation marks are not read:
    /// a quotation is someone's own words and a course may discuss a word by
    /// quoting it. Words that are part of a web or email address are not read either.
    func matches(in text: String, skipping: [Range<Int>] = []) -> [Match] {
        TermMatcher.matches(in: text, skipping: skipping, [self])[0]
    }

    /// The matches of several matchers over one text, reading its words once.
    static func matches(in text: String, skipping: [Range<Int>] = [], _ matchers: [TermMatcher]) -> [[Match]] {
        guard matchers.contains(where: { !$0.isEmpty }) else { return matchers.map { _ in [] } }
        var text = text
        return text.withUTF8 { bytes in
            let tokens = Words.tokens(bytes)
            guard !tokens.isEmpty else { return matchers.map { _ in [] } }
            let skipped = skippedTokens(tokens, bytes, skipping)
            return matchers.map { $0.match(tokens, skipped, bytes) }
        }
    }

    /// Which words are in code or in a quotation.
    static func skippedTokens(_ tokens: [WordToken], _ bytes: UnsafeBufferPointer<UInt8>, _ skipping: [Range<Int>])
        -> [Bool]
    {
        var skipped = [Bool](repeating: false, count: tokens.count)
        let quotes = Words.quotationRanges(bytes)
        guard !quotes.isEmpty || !skipping.isEmpty else { return skipped }
        let ranges = (quotes + skipping).sorted { $0.lowerBound < $1.lowerBound }
        var r = 0
        for (t, token) in tokens.enumerated() {
            while r < ranges.count, ranges[r].upperBound <= token.start { r += 1 }
            // Ranges may overlap (a quote inside code); check the few that start before the word.
            var k = r
            while k < ranges.count, ranges[k].lowerBound <= token.start {
                if ranges[k].contains(token.start) {
                    skipped[t] = true
                    break
                }
                k += 1
            }
        }
        return skipped
    }

    private func match(_ tokens: [WordToken], _ skipped: [Bool], _ bytes: UnsafeBufferPointer<UInt8>) -> [Match] {
        guard !phrases.isEmpty else { return [] }
        var found: [Match] = []
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            guard !skipped[i],
                let candidates = byFirstWord[token.hash] ?? token.stemHash.flatMap({ byFirstWord[$0] })
            else {
                i += 1
                continue
            }
            var matched: (Phrase, Int)?
            for candidate in candidates {
                let phrase = phrases[candidate]
                let count = phrase.words.count
                guard i + count <= tokens.count else { continue }
                var ok = true
                for w in 0..<count {
                    let t = tokens[i + w]
                    let last = w == count - 1
                    let sameWord = t.hash == phrase.words[w] || (last && t.stemHash == phrase.words[w])
                    if !sameWord || skipped[i + w] || (w > 0 && !t.joined) {
                        ok = false
                        break
                    }
                }
                if ok {
                    matched = (phrase, count)
                    break
                }
            }
            guard let (phrase, count) = matched else {
                i += 1
                continue
            }
            let range = token.start..<tokens[i + count - 1].end
            if !Words.isInAddress(bytes, range.lowerBound, range.upperBound) {
                found.append(Match(payload: phrase.payload, range: range))
            }
            i += count
        }
        return found
    }
}
