/// Words in a text, found in one pass over its UTF-8 bytes.
///
/// The language lint, the readability checks and the position finder all need
/// "the words of this text" and must agree on what a word is, so it is decided
/// here once:
///
/// - a word is a run of letters and digits (any script);
/// - an apostrophe (`'` or `’`) or a hyphen inside a word keeps it one word:
///   "people's", "co-production" and "psycho-education" are single words, so a
///   term such as "psycho" never matches part of "psycho-education";
/// - comparison ignores ASCII case and treats `’` as `'` and `‐`/`‑` as `-`.
///
/// Words are compared by a 64-bit FNV-1a hash of their normalised bytes, so
/// matching a word against a term list is one dictionary lookup and allocates
/// nothing. (Two different words sharing a 64-bit hash is not a practical concern.)
struct WordToken: Sendable {
    /// UTF-8 offsets of the word in the text.
    var start: Int
    var end: Int
    /// Hash of the normalised word.
    var hash: UInt64
    /// Hash without a trailing possessive `'s` ("nutter's" → "nutter"); nil otherwise.
    var stemHash: UInt64?
    /// True when only white space (spaces, tabs, line ends) separates this word
    /// from the previous one, so the two can be parts of one phrase.
    var joined: Bool
}

enum Words {
    enum CharacterClass {
        case word, joiner, space, other
    }

    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    /// The Unicode scalar starting at byte `i` and its length in bytes. Swift
    /// strings are valid UTF-8; a stray byte is read as U+FFFD, never trapped on.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> (scalar: UInt32, length: Int) {
        let b0 = bytes[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        let n = bytes.count
        if b0 & 0xE0 == 0xC0, i + 1 < n {
            return ((UInt32(b0 & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F), 2)
        }
        if b0 & 0xF0 == 0xE0, i + 2 < n {
            return ((UInt32(b0 & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F), 3)
        }
        if b0 & 0xF8 == 0xF0, i + 3 < n {
            return (
                (UInt32(b0 & 0x07) << 18) | (UInt32(bytes[i + 1] & 0x3F) << 12) | (UInt32(bytes[i + 2] & 0x3F) << 6)
                    | UInt32(bytes[i + 3] & 0x3F), 4
            )
        }
        return (0xFFFD, 1)
    }

    @inline(__always)
    static func classify(_ scalar: UInt32) -> CharacterClass {
        switch scalar {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return .word
        case 0x27, 0x2D, 0x2019, 0x2010, 0x2011: return .joiner
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xA0: return .space
        case 0..<0x80: return .other
        case 0x80..<0x3000: return commonClasses[Int(scalar) - 0x80]
        default: return classifyByProperties(scalar)
        }
    }

    /// What a scalar is, from its Unicode properties.
    static func classifyByProperties(_ scalar: UInt32) -> CharacterClass {
        guard let s = Unicode.Scalar(scalar) else { return .other }
        if s.properties.isAlphabetic || s.properties.numericType != nil { return .word }
        if s.properties.isWhitespace { return .space }
        return .other
    }

    /// `classifyByProperties` of U+0080 to U+2FFF, worked out once: the
    /// accented letters, dashes and curly quotes of everyday English text are
    /// all here, and looking up their properties each time was a visible part
    /// of checking a big site. (The joiners before this case win: ’ ‐ ‑.)
    static let commonClasses: [CharacterClass] = (UInt32(0x80)..<0x3000).map(classifyByProperties)

    /// Appends the normalised form of one scalar (lowercase ASCII, `'` for `’`, `-` for `‐`).
    @inline(__always)
    static func appendNormalised(
        _ scalar: UInt32, _ bytes: UnsafeBufferPointer<UInt8>, at i: Int, length: Int, into buffer: inout [UInt8]
    ) {
        switch scalar {
        case 0x41...0x5A: buffer.append(UInt8(scalar) | 0x20)
        case 0x2019: buffer.append(0x27)
        case 0x2010, 0x2011: buffer.append(0x2D)
        default:
            for k in 0..<length { buffer.append(bytes[i + k]) }
        }
    }

    @inline(__always)
    static func hash<C: Collection>(_ normalised: C) -> UInt64 where C.Element == UInt8 {
        var h = fnvOffset
        for byte in normalised {
            h ^= UInt64(byte)
            h = h &* fnvPrime
        }
        return h
    }

    /// Every word of `bytes[from..<upTo]`, in order.
    ///
    /// The hot path of every language check: one pass, no allocation per word.
    /// The hash is built as the word is read; the hash two bytes back is kept
    /// so a trailing possessive `'s` can be dropped without a second pass.
    static func tokens(_ bytes: UnsafeBufferPointer<UInt8>, from: Int = 0, upTo: Int? = nil) -> [WordToken] {
        let end = min(upTo ?? bytes.count, bytes.count)
        var result: [WordToken] = []
        var i = max(0, from)
        var gapIsSpace = false
        var seenWord = false
        while i < end {
            let byte = bytes[i]
            // ASCII fast path for the bytes between words.
            if byte < 0x80, !(byte >= 0x30 && byte <= 0x39) && !((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) {
                if !(byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D) { gapIsSpace = false }
                i += 1
                continue
            }
            let (scalar, length) = decode(bytes, i)
            let kind = classify(scalar)
            guard kind == .word else {
                if kind != .space { gapIsSpace = false }
                i += length
                continue
            }
            let start = i
            var hasher = WordHasher()
            hasher.add(scalar, bytes, at: i, length: length)
            i += length
            while i < end {
                let next = bytes[i]
                if next < 0x80 {
                    if (next >= 0x30 && next <= 0x39) || ((next | 0x20) >= 0x61 && (next | 0x20) <= 0x7A) {
                        hasher.add(UInt32(next), bytes, at: i, length: 1)
                        i += 1
                        continue
                    }
                    if next != 0x27 && next != 0x2D { break }
                }
                let (scalar, length) = decode(bytes, i)
                let kind = classify(scalar)
                if kind == .word {
                    hasher.add(scalar, bytes, at: i, length: length)
                    i += length
                } else if kind == .joiner, i + length < end, classify(decode(bytes, i + length).scalar) == .word {
                    // A joiner between two letters stays inside the word.
                    hasher.add(scalar, bytes, at: i, length: length)
                    i += length
                } else {
                    break
                }
            }
            result.append(
                WordToken(
                    start: start, end: i, hash: hasher.hash, stemHash: hasher.possessiveStem,
                    joined: seenWord && gapIsSpace))
            seenWord = true
            gapIsSpace = true
        }
        return result
    }

    /// Calls `body` with each word of `bytes[from..<upTo]` and its normalised
    /// bytes, until `body` returns false. For the rare callers that need the
    /// word itself (finding a word's position); checks use `tokens`.
    static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, from: Int = 0, upTo: Int? = nil,
        _ body: (WordToken, [UInt8]) -> Bool
    ) {
        for token in tokens(bytes, from: from, upTo: upTo) {
            var word: [UInt8] = []
            var i = token.start
            while i < token.end {
                let (scalar, length) = decode(bytes, i)
                appendNormalised(scalar, bytes, at: i, length: length, into: &word)
                i += length
            }
            if !body(token, word) { return }
        }
    }

    /// The normalised bytes of each word of a phrase ("Attention-seeking" → ["attention-seeking"]).
    static func normalisedWords(_ phrase: String) -> [[UInt8]] {
        var phrase = phrase
        return phrase.withUTF8 { bytes in
            var words: [[UInt8]] = []
            scan(bytes) { _, word in
                words.append(word)
                return true
            }
            return words
        }
    }

    /// Byte ranges of text inside double quotation marks: `"…"`, `“…”` and `«…»`.
    /// A quotation mark with no partner is ignored, so one stray mark never
    /// hides the rest of a paragraph from the checks.
    static func quotationRanges(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var open: Int?
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x22 {  // "
                if let start = open {
                    ranges.append(start..<i)
                    open = nil
                } else {
                    open = i + 1
                }
                i += 1
                continue
            }
            guard byte >= 0xC2 else {
                i += 1
                continue
            }
            let (scalar, length) = decode(bytes, i)
            switch scalar {
            case 0x201C, 0xAB:  // “ «
                if open == nil { open = i + length }
            case 0x201D, 0xBB:  // ” »
                if let start = open {
                    ranges.append(start..<i)
                    open = nil
                }
            default:
                break
            }
            i += length
        }
        return ranges
    }

    /// Byte ranges inside a pair of backticks, for code written in a plain field.
    static func backtickRanges(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var open: Int?
        for i in 0..<bytes.count where bytes[i] == 0x60 {
            if let start = open {
                ranges.append(start..<i)
                open = nil
            } else {
                open = i + 1
            }
        }
        return ranges
    }

    /// Whether the white-space-separated chunk around `start..<end` is a web or
    /// email address (or a site path), where a word is part of an address, not prose.
    static func isInAddress(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var first = start
        while first > 0, !isSpaceByte(bytes[first - 1]) { first -= 1 }
        var last = end
        while last < bytes.count, !isSpaceByte(bytes[last]) { last += 1 }
        if bytes[first] == 0x2F || bytes[first] == 0x40 { return true }  // "/path", "@handle"
        var i = first
        while i < last {
            let b = bytes[i]
            if b == 0x40 { return true }  // email
            if b == 0x3A, i + 2 < last, bytes[i + 1] == 0x2F, bytes[i + 2] == 0x2F { return true }  // ://
            if b == 0x77 || b == 0x57, i + 3 < last, i == first || !isLetterByte(bytes[i - 1]),
                bytes[i + 1] | 0x20 == 0x77, bytes[i + 2] | 0x20 == 0x77, bytes[i + 3] == 0x2E
            {
                return true  // www.
            }
            i += 1
        }
        return false
    }

    @inline(__always) static func isSpaceByte(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }
    @inline(__always) static func isLetterByte(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    /// The byte offset of the `occurrence`-th (0-based) whole word equal to
    /// `word` (normalised) in `bytes[from...]`, or nil.
    static func offset(ofWord word: [UInt8], occurrence: Int, in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let target = hash(word)
        var seen = 0
        var found: Int?
        scan(bytes, from: from) { token, _ in
            if token.hash == target || token.stemHash == target {
                if seen == occurrence {
                    found = token.start
                    return false
                }
                seen += 1
            }
            return true
        }
        return found
    }

    /// The normalised word starting at byte `offset` of `bytes`, and how many
    /// times the same word occurs in `bytes[from..<offset]`.
    static func wordAndOccurrence(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> ([UInt8], Int)? {
        var word: [UInt8]?
        var target: UInt64 = 0
        scan(bytes, from: offset) { token, normalised in
            if token.start == offset {
                word = normalised
                target = token.hash
            }
            return false
        }
        guard let word else { return nil }
        var count = 0
        scan(bytes, from: from, upTo: offset) { token, _ in
            if token.hash == target || token.stemHash == target { count += 1 }
            return true
        }
        return (word, count)
    }
}

/// FNV-1a over a word's normalised bytes, built one scalar at a time.
struct WordHasher {
    var hash = Words.fnvOffset
    /// The hash before the last two bytes, and those two bytes.
    var twoBack = Words.fnvOffset
    var oneBack = Words.fnvOffset
    var last: UInt8 = 0
    var beforeLast: UInt8 = 0
    var count = 0

    @inline(__always)
    mutating func add(_ scalar: UInt32, _ bytes: UnsafeBufferPointer<UInt8>, at i: Int, length: Int) {
        switch scalar {
        case 0x41...0x5A: add(UInt8(scalar) | 0x20)
        case 0x2019: add(0x27)
        case 0x2010, 0x2011: add(0x2D)
        default:
            for k in 0..<length { add(bytes[i + k]) }
        }
    }

    @inline(__always)
    mutating func add(_ byte: UInt8) {
        twoBack = oneBack
        oneBack = hash
        hash ^= UInt64(byte)
        hash = hash &* Words.fnvPrime
        beforeLast = last
        last = byte
        count += 1
    }

    /// The hash without a trailing `'s` ("nutter's" → "nutter"), if there is one.
    var possessiveStem: UInt64? {
        count > 2 && beforeLast == 0x27 && last == 0x73 ? twoBack : nil
    }
}

extension String {
    /// The 1-based column, in characters, of the UTF-8 byte `offset` of this line.
    func characterColumn(ofByte offset: Int) -> Int {
        let utf8 = self.utf8
        let clamped = max(0, min(offset, utf8.count))
        let index = utf8.index(utf8.startIndex, offsetBy: clamped)
        // Plain ASCII (most lines): one byte is one character.
        if utf8[..<index].allSatisfy({ $0 < 0x80 }) { return clamped + 1 }
        return self[..<index].count + 1
    }
}
