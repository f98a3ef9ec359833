import Foundation

@testable import ProspectusCore

// Plain, scalar-by-scalar versions of the iCalendar text functions. The
// program uses byte-level versions written for speed (`fold`,
// `unfoldAndUnescape`); these are the oracles the tests read calendars with
// and hold the fast versions equal to.
extension ICalendarText {
    /// The original text of an escaped TEXT value (the inverse of `escape`).
    static func unescape(_ text: String) -> String {
        var result = ""
        var escaping = false
        for scalar in text.unicodeScalars {
            if escaping {
                switch scalar {
                case "n", "N": result += "\n"
                default: result.unicodeScalars.append(scalar)
                }
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        if escaping { result += "\\" }
        return result
    }

    /// The plain version of `fold`, scalar by scalar; the tests hold the two equal.
    static func foldScalars(_ line: String) -> String {
        var result = ""
        result.reserveCapacity(line.utf8.count + line.utf8.count / 24 + 2)
        var used = 0
        for scalar in line.unicodeScalars {
            let width = UTF8.width(scalar)
            if used + width > maxLineOctets {
                result += "\r\n "
                used = 1
            }
            result.unicodeScalars.append(scalar)
            used += width
        }
        return result + "\r\n"
    }

    /// Folded text back to one logical line per content line (RFC 5545 §3.1):
    /// every CRLF followed by a space or tab is removed.
    static func unfold(_ text: String) -> String {
        var result = ""
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if scalars[index] == "\r", index + 2 < scalars.count, scalars[index + 1] == "\n",
                scalars[index + 2] == " " || scalars[index + 2] == "\t"
            {
                index += 3
                continue
            }
            result.unicodeScalars.append(scalars[index])
            index += 1
        }
        return result
    }
}
