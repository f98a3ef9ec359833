// A small HTML tokenizer: the oracle the fuzz target and the end-to-end tests
// read rendered pages with, to ask what a browser would see (which tags, which
// attributes, which addresses it would follow). It is test code, kept in its own
// target so both can use one copy; the program never depends on it.

/// Start tags as a browser's tokenizer reads them: a quoted attribute value may
/// hold anything, comments are skipped, script and style content is raw text.
public enum HTMLTags {
    public struct Tag {
        public var name: String
        public var attributes: [(name: String, value: String)]
    }

    public static func startTags(_ html: String) -> [Tag] {
        let s = Array(html.utf8)
        var tags: [Tag] = []
        var i = 0
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D }
        func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
        func text(_ range: Range<Int>) -> String { String(decoding: s[range], as: UTF8.self).lowercased() }
        func find(_ needle: String, from start: Int) -> Int {
            let n = Array(needle.utf8)
            var j = start
            while j + n.count <= s.count {
                if s[j] == n[0] && Array(s[j..<(j + n.count)]).map({ $0 | 0x20 }) == n.map({ $0 | 0x20 }) { return j }
                j += 1
            }
            return s.count
        }
        while i < s.count {
            guard s[i] == 0x3C else { i += 1; continue }  // <
            if s[i...].starts(with: Array("<!--".utf8)) {
                i = min(s.count, find("-->", from: i + 4) + 3)
                continue
            }
            i += 1
            guard i < s.count, isLetter(s[i]) else { continue }
            let nameStart = i
            while i < s.count, !isSpace(s[i]), s[i] != 0x2F, s[i] != 0x3E { i += 1 }
            var tag = Tag(name: text(nameStart..<i), attributes: [])
            while i < s.count {
                while i < s.count, isSpace(s[i]) || s[i] == 0x2F { i += 1 }
                guard i < s.count else { break }
                if s[i] == 0x3E { i += 1; break }  // >
                let attributeStart = i
                i += 1
                while i < s.count, !isSpace(s[i]), s[i] != 0x2F, s[i] != 0x3E, s[i] != 0x3D { i += 1 }
                let name = text(attributeStart..<i)
                while i < s.count, isSpace(s[i]) { i += 1 }
                var value = ""
                if i < s.count, s[i] == 0x3D {  // =
                    i += 1
                    while i < s.count, isSpace(s[i]) { i += 1 }
                    if i < s.count, s[i] == 0x22 || s[i] == 0x27 {
                        let quote = s[i]
                        let valueStart = i + 1
                        i = valueStart
                        while i < s.count, s[i] != quote { i += 1 }
                        value = String(decoding: s[valueStart..<min(i, s.count)], as: UTF8.self)
                        i += 1
                    } else {
                        let valueStart = i
                        while i < s.count, !isSpace(s[i]), s[i] != 0x3E { i += 1 }
                        value = String(decoding: s[valueStart..<i], as: UTF8.self)
                    }
                }
                tag.attributes.append((name, value))
            }
            tags.append(tag)
            if tag.name == "script" || tag.name == "style" { i = find("</" + tag.name, from: i) }
        }
        return tags
    }

    /// An address a browser would run or render as a document: after decoding
    /// character references and dropping what browsers drop (tabs and line
    /// breaks anywhere, control characters and spaces at the ends).
    public static func isUnsafeAddress(_ raw: String) -> Bool {
        var value = decodeReferences(raw)
        value.unicodeScalars.removeAll { $0 == "\t" || $0 == "\n" || $0 == "\r" }
        let trimmed = String(value.unicodeScalars.drop { $0.value <= 0x20 }).lowercased()
        return ["javascript:", "vbscript:", "data:text/html", "data:image/svg", "file:"].contains { trimmed.hasPrefix($0) }
    }

    public static func decodeReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = text[...]
        let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":", "tab": "\t", "newline": "\n"]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            let body = after.prefix { $0 != ";" && $0 != "&" && !$0.isWhitespace }.prefix(12)
            var replacement: String?
            if body.hasPrefix("#x") || body.hasPrefix("#X") {
                replacement = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
            } else if body.hasPrefix("#") {
                replacement = UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
            } else {
                replacement = named[body.lowercased()]
            }
            if let replacement {
                out += replacement
                rest = after.dropFirst(body.count)
                if rest.first == ";" { rest = rest.dropFirst() }
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }
}
