import Yams

/// A parsed YAML document that remembers which file and line it came from, so
/// positions reported from its nodes are positions in the file itself.
public struct YAMLDocument {
    public let file: SourceFile
    /// The file line of the YAML's first line.
    public let firstLine: Int
    public let root: Node

    /// Converts a Yams mark (relative to the YAML text) into a file position.
    public func location(_ node: Node) -> SourceLocation? {
        node.mark.map { location($0) }
    }

    public func location(_ mark: Mark) -> SourceLocation {
        SourceLocation(line: firstLine + mark.line - 1, column: mark.column)
    }

    public func diagnostic(_ rule: RuleID, at node: Node?, _ message: String, hint: String? = nil) -> Diagnostic {
        file.diagnostic(rule, at: node.flatMap { location($0) }, message, hint: hint)
    }
}

/// Stage 2b: YAML text into a node tree with positions.
///
/// We use `Yams.compose`, never `Yams.load`: `load` builds Swift dictionaries
/// and traps (kills the process) on keys such as `[a]: b`, and it types values
/// by YAML 1.1 rules (`no` becomes false). The node tree keeps every value as
/// the text the coordinator wrote; our model decides what type it must be.
public enum YAMLParser {
    /// The most values one file may hold. Real files have a few hundred; the
    /// bound stops YAML alias "bombs" that expand to billions of values.
    public static let maxNodes = 20_000

    public static func parse(_ yaml: String, firstLine: Int, file: SourceFile) -> Result<YAMLDocument?, Diagnostic> {
        if let line = aliasKeyLine(yaml) {
            return .failure(
                file.diagnostic(
                    .yamlAlias, at: SourceLocation(line: firstLine + line - 1, column: 1),
                    "a key here is a YAML alias (*name); Prospectus does not accept aliases as keys",
                    hint: "write the key out as a plain name followed by `:`"))
        }
        let root: Node?
        do {
            // No tag resolution rules: our model reads every value as the text
            // written, so Yams need not run its YAML 1.1 regular expressions on
            // every scalar (it does so to hash each key while checking for
            // duplicates; that was a third of decoding). Keys are then
            // compared as text: `1:` and `"1":` are the same key, as they are
            // to our model.
            // UTF-8 named here: Yams's default reads the whole process
            // environment (YAMS_DEFAULT_ENCODING) for every document, which
            // was a twentieth of `check` at 10,000 courses.
            root = try Yams.compose(yaml: yaml, Resolver.basic, .default, .utf8)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, yaml: yaml, firstLine: firstLine, file: file))
        } catch {
            return .failure(
                file.diagnostic(
                    .yamlSyntax, at: SourceLocation(line: firstLine, column: 1),
                    "the YAML cannot be read", hint: "check the front matter for a typing mistake"))
        }
        guard let root else { return .success(YAMLDocument?.none) }
        let document = YAMLDocument(file: file, firstLine: firstLine, root: root)
        var budget = maxNodes
        if let problem = checkKeys(root, document: document, budget: &budget) {
            return .failure(problem)
        }
        return .success(document)
    }

    /// The 1-based line of the first alias used as a mapping key (`? *a` or
    /// `*a : x`), if any. Yams hashes every key in full while composing, so an
    /// aliased key that expands to a huge tree would hang before our node
    /// budget could stop it; such keys are refused before parsing.
    static func aliasKeyLine(_ yaml: String) -> Int? {
        // A byte test: String.contains(String) goes through NSString on Linux.
        guard yaml.utf8.contains(UInt8(ascii: "*")) else { return nil }
        var number = 0
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let trimmed = line.drop { $0 == " " || $0 == "-" }
            if trimmed.hasPrefix("?") && trimmed.dropFirst().drop(while: { $0 == " " }).hasPrefix("*") { return number }
            var rest = line[...]
            while let star = rest.firstIndex(of: "*") {
                let before = star == line.startIndex ? " " : line[line.index(before: star)]
                let name = line[line.index(after: star)...].prefix { !" ,:[]{}".contains($0) }
                let after = line[line.index(after: star)...].dropFirst(name.count).drop { $0 == " " }
                if " {,?[".contains(before), !name.isEmpty, after.hasPrefix(":"),
                    after.dropFirst().first.map({ $0 == " " }) ?? true
                {
                    return number
                }
                rest = line[line.index(after: star)...]
            }
        }
        return nil
    }

    /// Rejects keys that are lists or mappings, and documents that expand past
    /// the node budget, walking in document order so the first problem is reported.
    static func checkKeys(_ node: Node, document: YAMLDocument, budget: inout Int) -> Diagnostic? {
        budget -= 1
        if budget < 0 {
            return document.diagnostic(
                .yamlAlias, at: node,
                "this YAML holds more than \(maxNodes) values, usually because anchors (&) and aliases (*) repeat each other",
                hint: "write the values out in full; Prospectus files do not need anchors or aliases")
        }
        switch node {
        case .scalar, .alias:
            return nil
        case .sequence(let sequence):
            for item in sequence {
                if let problem = checkKeys(item, document: document, budget: &budget) { return problem }
            }
            return nil
        case .mapping(let mapping):
            for (key, value) in mapping {
                if key.scalar == nil {
                    return document.diagnostic(
                        .yamlNonScalarKey, at: key,
                        "a key here is a list or a mapping; keys must be plain names such as `title`",
                        hint: "write the key as a plain word followed by `:`, e.g. `title: My course`")
                }
                if let problem = checkKeys(value, document: document, budget: &budget) { return problem }
            }
            return nil
        }
    }

    static func diagnostic(for error: YamlError, yaml: String, firstLine: Int, file: SourceFile) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(line: firstLine + mark.line - 1, column: mark.column)
        }
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            let (message, hint) = explain(problem)
            return file.diagnostic(.yamlSyntax, at: at(mark), message, hint: hint)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let location = duplicateLocation(key: key, firstMark: context.mark, yaml: yaml, firstLine: firstLine)
            let first = firstLine + context.mark.line - 1
            return file.diagnostic(
                .yamlDuplicateKey, at: location,
                "`\(key)` is given twice in the same place (first on line \(first))",
                hint: "keep one `\(key):` line and delete the other")
        case .reader(let problem, _, _, _):
            return file.diagnostic(
                .yamlSyntax, at: SourceLocation(line: firstLine, column: 1),
                "the YAML cannot be read: \(problem)",
                hint: "remove control characters or unusual invisible characters from the front matter")
        default:
            return file.diagnostic(
                .yamlSyntax, at: SourceLocation(line: firstLine, column: 1),
                "the YAML cannot be read", hint: "check the front matter for a typing mistake")
        }
    }

    /// libyaml's messages, put in words a coordinator can act on.
    static func explain(_ problem: String) -> (String, String) {
        let base = "the YAML cannot be read: \(problem)"
        switch problem {
        case let p where p.contains("mapping values are not allowed"):
            return (base, "a value that contains `: ` must be put in quotes, e.g. summary: \"Time: 2 hours\"")
        case let p where p.lowercased().contains("tab"):
            return (base, "YAML does not allow tab characters for indentation: replace the tabs with spaces")
        case let p where p.contains("cannot start any token"):
            return (base, "YAML does not allow tab characters for indentation, or a value cannot start with this character (such as ` or @); use spaces, or put the value in quotes")
        case let p where p.contains("did not find expected ',' or ']'"):
            return (base, "a list in square brackets is not closed: check for a missing `]` or an unquoted comma")
        case let p where p.contains("did not find expected ',' or '}'"):
            return (base, "a mapping in curly brackets is not closed: check for a missing `}`")
        case let p where p.contains("found unexpected end of stream") || p.contains("end of stream"):
            return (base, "a quote or bracket is opened but never closed")
        case let p where p.contains("did not find expected key") || p.contains("block end"):
            return (base, "check the indentation: fields at the same level must start in the same column")
        case let p where p.contains("could not find expected ':'"):
            return (base, "a line is missing its `:`, or a quote is not closed")
        case let p where p.contains("undefined alias"):
            return (base, "a value starts with `*`, which YAML reads as an alias; put the value in quotes")
        case let p where p.contains("did not find expected '-' indicator"):
            return (base, "check the indentation of the list items: every `- ` must start in the same column")
        default:
            return (base, "check this line and the one before it for a missing quote, colon or bracket")
        }
    }

    /// Yams reports where the *first* of two duplicate keys is; the coordinator
    /// needs the second one. Look for the key again at the same indentation
    /// after the first occurrence, skipping the lines inside a quoted text
    /// that spans lines (they may start with anything, even the key).
    static func duplicateLocation(key: String, firstMark: Mark, yaml: String, firstLine: Int) -> SourceLocation {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let column = firstMark.column
        let candidates = [key + ":", "\"" + key + "\":", "'" + key + "':"]
        // The first key's own value may open a quoted text or a block of text.
        let first = firstMark.line - 1 < lines.count ? lines[firstMark.line - 1] : ""
        var quote = openQuote(after: first)
        // The indentation of the line whose value is a block (`|` or `>`): the
        // more indented lines after it are its text, whatever they hold.
        var block = quote == nil && startsBlock(first) ? keyIndent(first) : nil
        var index = firstMark.line  // 0-based index of the line after the first key
        while index < lines.count {
            let line = lines[index]
            index += 1
            if let open = quote {
                // Inside a quoted text: only its closing quote matters on this line.
                if let end = closingQuote(open, in: line[...]) { quote = openQuote(afterClosing: line[end...]) }
                continue
            }
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            if let blockIndent = block {
                if rest.isEmpty || indent > blockIndent { continue }
                block = nil
            }
            if rest.isEmpty || rest.hasPrefix("#") { continue }
            // Less indented: the mapping ended, or the next list item began.
            if indent + 1 < column { break }
            if indent + 1 == column {
                let trimmed = rest.replacingOccurrences(of: " :", with: ":")
                if candidates.contains(where: { trimmed.hasPrefix($0) }) {
                    return SourceLocation(line: firstLine + index - 1, column: column)
                }
            }
            quote = openQuote(after: line)
            if quote == nil && startsBlock(line) { block = keyIndent(line) }
        }
        return SourceLocation(line: firstLine + firstMark.line - 1, column: firstMark.column)
    }

    /// The value written on this line: after any `- ` of list items, after
    /// the key's `: ` and after an anchor (`&a`) or tag (`!t`); nil when the
    /// line is a key with nothing after it.
    static func value(on line: Substring) -> Substring? {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        var value = line.drop(while: blank)
        while value.hasPrefix("- ") || value.hasPrefix("-\t") { value = value.dropFirst(2).drop(while: blank) }
        if value.first != "\"" && value.first != "'" && value.first != "|" && value.first != ">" {
            // `key: value`: the value starts after the first colon followed by a
            // space or tab (a plain key has no quotes; `http://x` is not a key).
            guard let colon = value.indices.first(where: { index in
                let next = value.index(after: index)
                return value[index] == ":" && next < value.endIndex && blank(value[next])
            }) else { return nil }
            value = value[value.index(after: colon)...].drop(while: blank)
        }
        while let first = value.first, first == "&" || first == "!" {
            value = value.drop { !blank($0) }.drop(while: blank)
        }
        return value
    }

    /// The column (from 0) of what holds the block value on this line: the
    /// key, after any `- ` of list items, or the last `-` when the list item
    /// is the block itself. The text of the block is more indented than it.
    static func keyIndent(_ line: Substring) -> Int {
        var indent = line.prefix { $0 == " " }.count
        var parent = indent
        var rest = line.dropFirst(indent)
        while rest.hasPrefix("- ") {
            parent = indent
            let spaces = rest.dropFirst(2).prefix { $0 == " " }.count
            indent += 2 + spaces
            rest = rest.dropFirst(2 + spaces)
        }
        return rest.first == "|" || rest.first == ">" ? parent : indent
    }

    /// Whether the value on this line starts a block of text (`|`, `>-`, `|2`…).
    static func startsBlock(_ line: Substring) -> Bool {
        guard let value = value(on: line), let indicator = value.first, indicator == "|" || indicator == ">" else {
            return false
        }
        let rest = value.dropFirst().prefix { $0 != "#" }
        return rest.allSatisfy { $0 == "+" || $0 == "-" || $0.isNumber || $0 == " " }
    }

    /// The quote character of a quoted value that starts on this line and is
    /// not closed on it (`summary: "first line`), or nil.
    static func openQuote(after line: Substring) -> Character? {
        guard let value = value(on: line), let open = value.first, open == "\"" || open == "'" else { return nil }
        let afterOpen = value.dropFirst()
        guard let end = closingQuote(open, in: afterOpen) else { return open }
        return openQuote(afterClosing: afterOpen[end...])
    }

    /// What follows a closed quoted value on the same line: a comment, or
    /// `: "…"` when the quoted text was a key.
    static func openQuote(afterClosing rest: Substring) -> Character? {
        let trimmed = rest.drop { $0 == " " || $0 == "\t" }
        if trimmed.hasPrefix("#") { return nil }
        return openQuote(after: trimmed)
    }

    /// Where the text after a closing `quote` starts in `text` (the text within
    /// the quotes), or nil if it is not closed there. `\"` escapes a double
    /// quote; `''` is a single quote inside single quotes.
    static func closingQuote(_ quote: Character, in text: Substring) -> Substring.Index? {
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if quote == "\"" && character == "\\" {
                index = next < text.endIndex ? text.index(after: next) : next
                continue
            }
            if character == quote {
                if quote == "'" && next < text.endIndex && text[next] == "'" {
                    index = text.index(after: next)
                    continue
                }
                return next
            }
            index = next
        }
        return nil
    }
}
