import Foundation

/// The text form of RFC 5545 (iCalendar): escaping, content lines and folding.
///
/// Everything here works on octets, as the RFC does: a line is at most 75
/// octets long, not 75 characters, and a fold never falls inside a UTF-8
/// multi-byte sequence.
enum ICalendarText {
    /// The most octets on one line, not counting the CRLF that ends it (RFC 5545 §3.1).
    static let maxLineOctets = 75

    /// A TEXT value escaped per RFC 5545 §3.3.11: backslash, semicolon and comma
    /// are preceded by a backslash and every line break becomes `\n`; `<` and
    /// `>` become `‹` and `›`. Control
    /// characters TEXT does not allow (everything below U+0020 but tab, and
    /// DEL) are dropped.
    ///
    /// Done on bytes: every character it changes is ASCII, which never occurs
    /// inside a multi-byte character, and text with none of them (a title,
    /// usually) is returned as it is. Scalar by scalar, the calendars' text
    /// was a twentieth of a build (`escapeScalarByScalar` is that version,
    /// kept for the test that compares them).
    static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard bytes.contains(where: { changesInText($0) }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case 0x5C, 0x3B, 0x2C: out += [0x5C, byte]  // \ ; ,
                case 0x0A: out += [0x5C, 0x6E]  // line feed: \n
                // TEXT has no markup, but some calendar apps show DESCRIPTION as
                // HTML: angle brackets become the look-alike single guillemets, so
                // text from a course file can never become a tag there.
                case 0x3C: out += [0xE2, 0x80, 0xB9]  // < → ‹
                case 0x3E: out += [0xE2, 0x80, 0xBA]  // > → ›
                case 0x0D:
                    // CRLF and a lone CR are both one line break.
                    if index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
                    out += [0x5C, 0x6E]
                case 0x09: out.append(byte)
                default:
                    if byte >= 0x20 && byte != 0x7F { out.append(byte) }
                }
                index += 1
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    @inline(__always)
    static func changesInText(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x5C, 0x3B, 0x2C, 0x0A, 0x0D, 0x3C, 0x3E, 0x7F: true
        case 0x09: false
        default: byte < 0x20
        }
    }

    /// `escape` as it was first written, scalar by scalar: the reference the
    /// byte version is tested against.
    static func escapeScalarByScalar(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n": result += "\\n"
            case "<": result += "\u{2039}"
            case ">": result += "\u{203A}"
            case "\r":
                if pending == "\n" { pending = scalars.next() }
                result += "\\n"
            case "\t": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A parameter value (`TZID=...`), quoted when it holds `:`, `;` or `,`.
    /// Double quotes and control characters cannot appear in one at all and are dropped.
    static func parameterValue(_ text: String) -> String {
        let clean = dropping(text) { $0 == 0x22 || $0 < 0x20 || $0 == 0x7F }
        return clean.utf8.contains(where: { $0 == 0x3A || $0 == 0x3B || $0 == 0x2C }) ? "\"" + clean + "\"" : clean
    }

    /// A value that is not TEXT (a URI, a date): line breaks and control
    /// characters would break the content line, so they are dropped.
    static func plainValue(_ text: String) -> String {
        dropping(text) { $0 < 0x20 || $0 == 0x7F }
    }

    /// The text without the ASCII bytes `drop` names (never part of a
    /// multi-byte character); the text itself when it has none.
    static func dropping(_ text: String, _ drop: (UInt8) -> Bool) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard bytes.contains(where: drop) else { return nil }
            return String(decoding: bytes.filter { !drop($0) }, as: UTF8.self)
        } ?? text
    }

    /// One content line folded into physical lines of at most 75 octets, each
    /// ended by CRLF; every continuation line starts with a single space (which
    /// counts towards its 75 octets). Folds fall only between Unicode scalars,
    /// so a multi-byte UTF-8 sequence is never split.
    static func fold(_ line: String) -> String {
        var line = line
        // Most lines are short: no fold at all, no work beyond the count.
        if line.utf8.count <= maxLineOctets { return line + "\r\n" }
        // Longer ones are folded on bytes: a scalar starts at any byte that is
        // not a UTF-8 continuation byte (10xxxxxx), so a fold placed before
        // such a byte never splits one.
        return line.withUTF8 { bytes -> String in
            var out = [UInt8]()
            out.reserveCapacity(bytes.count + bytes.count / 24 + 4)
            var used = 0
            var index = 0
            while index < bytes.count {
                var end = index + 1
                while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
                let width = end - index
                if used + width > maxLineOctets {
                    out += [0x0D, 0x0A, 0x20]
                    used = 1
                }
                out += bytes[index..<end]
                used += width
                index = end
            }
            out += [0x0D, 0x0A]
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// A calendar as a person reads it: folds removed and TEXT escapes undone
    /// (`\n` becomes a line break), in one pass over bytes: what the privacy scan
    /// reads of every calendar, so it has to be quick on a big site. Escapes
    /// and folds are ASCII, so working on octets changes no other character.
    static func unfoldAndUnescape(_ data: Data) -> Data {
        // Written straight into the Data it returns (never longer than the
        // input): a copy from an array doubled the site calendar's 25 MB at
        // 10,000 courses, the last peak of a build's memory.
        var out = Data(count: data.count)
        let written = out.withUnsafeMutableBytes { (target: UnsafeMutableRawBufferPointer) -> Int in
            data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int in
                let bytes = raw.bindMemory(to: UInt8.self)
                let count = bytes.count
                var written = 0
                var i = 0
                var escaping = false
                while i < count {
                    let byte = bytes[i]
                    if byte == 0x0D, i + 2 < count, bytes[i + 1] == 0x0A, bytes[i + 2] == 0x20 || bytes[i + 2] == 0x09 {
                        i += 3  // a fold: CRLF and one space or tab
                        continue
                    }
                    if escaping {
                        target[written] = byte == 0x6E || byte == 0x4E ? 0x0A : byte  // \n or \N is a line break
                        written += 1
                        escaping = false
                    } else if byte == 0x5C {
                        escaping = true
                    } else {
                        target[written] = byte
                        written += 1
                    }
                    i += 1
                }
                // A backslash ending the file is kept; it was not written yet, so there is room.
                if escaping {
                    target[written] = 0x5C
                    written += 1
                }
                return written
            }
        }
        out.count = written
        return out
    }

    /// The first place at or after `target` where a content line starts (the
    /// end of the file at the latest): after a CRLF not followed by a space or
    /// tab, which would fold the line. Unfolding and unescaping the pieces of
    /// a calendar cut at such places gives the pieces of its whole view, since
    /// a fold or an escape never spans a cut.
    static func lineStart(in bytes: UnsafeBufferPointer<UInt8>, atOrAfter target: Int) -> Int {
        var position = max(target, 2)
        while position < bytes.count {
            if bytes[position - 2] == 0x0D, bytes[position - 1] == 0x0A, bytes[position] != 0x20, bytes[position] != 0x09 {
                return position
            }
            position += 1
        }
        return bytes.count
    }

    /// `+HHMM` (or `+HHMMSS` when there are seconds): a UTC offset. Zero is
    /// `+0000`, since RFC 5545 forbids `-0000`.
    static func offset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let magnitude = abs(seconds)
        let text = sign + pad(magnitude / 3600) + pad(magnitude % 3600 / 60)
        return magnitude % 60 == 0 ? text : text + pad(magnitude % 60)
    }

    /// `YYYYMMDD`.
    static func date(_ date: CalendarDate) -> String {
        pad(date.year, 4) + pad(date.month) + pad(date.day)
    }

    /// `YYYYMMDDTHHMMSS`: a local ("floating" or TZID-qualified) date-time.
    static func localDateTime(_ date: CalendarDate, _ time: TimeOfDay) -> String {
        self.date(date) + "T" + pad(time.hour) + pad(time.minute) + "00"
    }

    /// `YYYYMMDDTHHMMSS` for a count of seconds since 1970-01-01T00:00:00 on
    /// some clock (UTC, or a local clock when the offset is already added).
    static func dateTime(secondsSinceEpoch seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400)
        let rest = seconds - days * 86400
        return date(CalendarDate.fromDaysSinceEpoch(days)) + "T" + pad(rest / 3600) + pad(rest % 3600 / 60)
            + pad(rest % 60)
    }

    static func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

/// The content lines of one iCalendar object, built in order and written folded with CRLF.
struct ContentLines {
    private(set) var lines: [String] = []

    mutating func begin(_ component: String) { lines.append("BEGIN:" + component) }
    mutating func end(_ component: String) { lines.append("END:" + component) }

    /// A property whose value is already in its final form (a date, a URI, a code).
    mutating func raw(_ name: String, _ value: String) {
        lines.append(name + ":" + ICalendarText.plainValue(value))
    }

    /// A TEXT property, escaped.
    mutating func text(_ name: String, _ value: String) {
        lines.append(name + ":" + ICalendarText.escape(value))
    }

    /// The whole object: every content line folded, each physical line ending in CRLF.
    var rendered: String {
        lines.map(ICalendarText.fold).joined()
    }
}
