import Foundation

/// The ways diagnostics are shown: for people, for programs, for GitHub Actions.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case text, json, github
}

public enum DiagnosticFormatter {
    /// Writes the diagnostics in `format` a piece at a time (one diagnostic,
    /// or the JSON's opening and closing): printing 25,000 findings of a big
    /// site then never holds them all as one String, which was the last peak
    /// of a build's memory.
    public static func write(
        _ diagnostics: [Diagnostic], as format: DiagnosticFormat, color: Bool = false, to sink: (String) -> Void
    ) {
        switch format {
        case .text: text(diagnostics, color: color, to: sink)
        case .json: json(diagnostics, to: sink)
        case .github: github(diagnostics, to: sink)
        }
    }

    /// `file:line:col: severity[RULE]: message`, the line with a caret, then the hint.
    public static func text(_ diagnostics: [Diagnostic], color: Bool = false) -> String {
        var out = ""
        text(diagnostics, color: color) { out += $0 }
        return out
    }

    static func text(_ diagnostics: [Diagnostic], color: Bool, to sink: (String) -> Void) {
        inChunks(diagnostics.sortedForDisplay(), to: sink) { _, d in
            var place = d.file ?? "(site)"
            if let location = d.location { place += ":\(location.line):\(location.column)" }
            let severity = d.severity.rawValue
            let label = color ? paint(severity, d.severity) : severity
            var out = "\(printable(place)): \(label)[\(d.rule)]: \(printable(d.message))\n"
            if let location = d.location, let line = d.sourceLine {
                let number = String(location.line)
                let gutter = String(repeating: " ", count: number.count)
                let shown = printable(line.replacingOccurrences(of: "\t", with: " "))
                // The caret sits under the column, counted in characters as editors do.
                let caretPad = String(repeating: " ", count: max(0, min(location.column - 1, shown.count)))
                out += "    \(number) | \(shown)\n"
                out += "    \(gutter) | \(caretPad)^\n"
            }
            if let hint = d.hint { out += "  hint: \(printable(hint))\n" }
            return out
        }
    }

    /// Each diagnostic's text (`piece`, given its position and the diagnostic),
    /// made on every core a chunk at a time and handed to `sink` in order: one
    /// core took a quarter of a second over the 25,000 findings of a big site.
    /// Only a few chunks are held at once, so the whole text never is.
    static func inChunks(_ sorted: [Diagnostic], to sink: (String) -> Void, _ piece: @Sendable (Int, Diagnostic) -> String) {
        let size = 512
        let perRound = size * 8
        for round in stride(from: 0, to: sorted.count, by: perRound) {
            let starts = Array(stride(from: round, to: min(round + perRound, sorted.count), by: size))
            let texts = parallelMap(starts) { start in
                var out = ""
                for index in start..<min(start + size, sorted.count) { out += piece(index, sorted[index]) }
                return out
            }
            for text in texts { sink(text) }
        }
    }

    /// Text from content files, made safe for a terminal: control characters
    /// (which could clear the screen or fake a clean result) and bidi overrides
    /// (which could reorder what is shown) become U+FFFD.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            out.append(isUnsafe(scalar) ? "\u{FFFD}" : scalar)
        }
        return String(out)
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x08, 0x0A...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// "2 errors, 1 warning" (infos are counted only when present).
    public static func summary(_ diagnostics: [Diagnostic]) -> String {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var parts = [count(diagnostics.errorCount, "error"), count(diagnostics.warningCount, "warning")]
        if diagnostics.infoCount > 0 { parts.append(count(diagnostics.infoCount, "note")) }
        return parts.joined(separator: ", ")
    }

    public static func json(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        json(diagnostics) { out += $0 }
        return out
    }

    static func json(_ diagnostics: [Diagnostic], to sink: (String) -> Void) {
        sink("{\n  \"diagnostics\": ")
        inChunks(diagnostics.sortedForDisplay(), to: sink) { index, d in
            var fields = ["\"rule\": \(quote(d.rule.rawValue))", "\"severity\": \(quote(d.severity.rawValue))"]
            if let file = d.file { fields.append("\"file\": \(quote(file))") }
            if let location = d.location {
                fields.append("\"line\": \(location.line)")
                fields.append("\"column\": \(location.column)")
            }
            fields.append("\"message\": \(quote(d.message))")
            if let hint = d.hint { fields.append("\"hint\": \(quote(hint))") }
            return (index == 0 ? "[\n" : ",\n") + "    {" + fields.joined(separator: ", ") + "}"
        }
        sink(diagnostics.isEmpty ? "[]" : "\n  ]")
        sink(",\n  \"errors\": \(diagnostics.errorCount),\n  \"warnings\": \(diagnostics.warningCount)\n}\n")
    }

    /// GitHub Actions workflow commands, so findings show on the changed lines of a pull request.
    public static func github(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        github(diagnostics) { out += $0 }
        return out
    }

    static func github(_ diagnostics: [Diagnostic], to sink: (String) -> Void) {
        inChunks(diagnostics.sortedForDisplay(), to: sink) { _, d in
            let command = d.severity == .error ? "error" : d.severity == .warning ? "warning" : "notice"
            var properties: [String] = []
            if let file = d.file { properties.append("file=\(escapeProperty(file))") }
            if let location = d.location {
                properties.append("line=\(location.line)")
                properties.append("col=\(location.column)")
            }
            properties.append("title=\(escapeProperty(d.rule.rawValue))")
            var message = d.message
            if let hint = d.hint { message += " (hint: \(hint))" }
            return "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))\n"
        }
    }

    static func quote(_ text: String) -> String {
        // Most text has nothing to escape: then it is copied whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let s where s.value < 0x20:
                let hex = String(s.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    static func paint(_ text: String, _ severity: Severity) -> String {
        let code = severity == .error ? "31" : severity == .warning ? "33" : "36"
        return "\u{1B}[1;\(code)m\(text)\u{1B}[0m"
    }
}
