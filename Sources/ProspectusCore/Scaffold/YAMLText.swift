/// Writing values from a site (audience names, group names, links) into the
/// YAML of a new file so they read back exactly as they were.
///
/// A value is written plain when that is unambiguous, which keeps the file easy
/// for a coordinator to edit; anything else is double-quoted with escapes, so a
/// colon, a comma in a `[list]`, a `#` or a quote cannot change its meaning.
enum YAMLText {
    /// A scalar, plain when safe in both block and flow (`[a, b]`) context.
    static func scalar(_ text: String) -> String {
        isPlainSafe(text) ? text : quoted(text)
    }

    /// A scalar on its own line (`summary: ...`), where commas, a few more
    /// marks and a colon not followed by a space are safe plain, so sentences
    /// and web addresses stay unquoted.
    static func line(_ text: String) -> String {
        guard !text.contains(": "), !text.hasSuffix(":"), !",!?;:".contains(text.prefix(1)) else { return quoted(text) }
        var rest = text
        for mark in [",", "!", "?", ";", ":"] { rest = rest.replacingOccurrences(of: mark, with: "") }
        return !rest.isEmpty && isPlainSafe(rest) ? text : quoted(text)
    }

    /// `[a, b, c]`, each item quoted when needed.
    static func list(_ items: [String]) -> String {
        "[" + items.map(scalar).joined(separator: ", ") + "]"
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Letters, digits, spaces and a few harmless marks, not starting or ending
    /// with a space, and not a word YAML reads as something other than text.
    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
            first != " ", last != " ", first != "-", first != "'"
        else { return false }
        let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"]
        guard !reserved.contains(text.lowercased()) else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", " ", "-", "_", ".", "'", "(", ")", "/": true
            default: scalar.value >= 0x80 && scalar.properties.isAlphabetic
            }
        }
    }
}

/// Comment lines (`# ...`) holding `text`, wrapped at about 80 columns so a
/// long list of ids (categories, partners) stays readable in any editor.
func commentLines(_ text: String, indent: String = "", width: Int = 80) -> [String] {
    let prefix = indent + "# "
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
        if !current.isEmpty && prefix.count + current.count + 1 + word.count > width {
            lines.append(prefix + current)
            current = ""
        }
        current += (current.isEmpty ? "" : " ") + word
    }
    if !current.isEmpty { lines.append(prefix + current) }
    return lines
}
