import Yams

/// Collects diagnostics within one decoding task.
final class DiagnosticBag {
    var items: [Diagnostic] = []
    func add(_ diagnostic: Diagnostic) { items.append(diagnostic) }
}

/// Reads typed fields out of one YAML mapping, reporting each problem at the
/// line of the field (or of the mapping, for a missing field).
///
/// Every value is read from the text as written, never from YAML 1.1's guesses:
/// a title `no` is the text "no", a date must look like `2026-10-05`.
/// `finish()` reports fields the content model does not know, with the nearest
/// known name as a suggestion.
struct FieldReader {
    let document: YAMLDocument
    let node: Node
    let mapping: Node.Mapping
    /// What the mapping describes, for messages: "course", "session", "consent".
    let what: String
    let known: [String]
    let bag: DiagnosticBag
    /// The mapping's keys as text (nil for a key that is not text) and their
    /// values, in order, read out of the Yams tree once: looking a field up
    /// then compares short strings instead of walking and copying YAML nodes
    /// (a course is read field by field, two dozen lookups).
    private let keyTexts: [String?]
    private let keyNodes: [Node]
    private let valueNodes: [Node]

    /// Nil (with a diagnostic) when the node is not a mapping.
    init?(_ node: Node, in document: YAMLDocument, what: String, known: [String], bag: DiagnosticBag) {
        guard let mapping = node.mapping else {
            bag.add(
                document.diagnostic(
                    .schemaType, at: node,
                    "the \(what) should be a set of `key: value` fields, but here it is \(describe(node))",
                    hint: "write it as fields, e.g. `{\(known.prefix(2).map { "\($0): ..." }.joined(separator: ", "))}`"))
            return nil
        }
        self.document = document
        self.node = node
        self.mapping = mapping
        self.what = what
        self.known = known
        self.bag = bag
        var keyTexts: [String?] = []
        var keyNodes: [Node] = []
        var valueNodes: [Node] = []
        keyTexts.reserveCapacity(mapping.count)
        keyNodes.reserveCapacity(mapping.count)
        valueNodes.reserveCapacity(mapping.count)
        for (key, value) in mapping {
            keyTexts.append(key.scalar?.string)
            keyNodes.append(key)
            valueNodes.append(value)
        }
        self.keyTexts = keyTexts
        self.keyNodes = keyNodes
        self.valueNodes = valueNodes
    }

    func location(_ node: Node) -> SourceLocation? { document.location(node) }
    var here: SourceLocation? { document.location(node) }

    /// The value node for a key, or nil when absent or written as empty/null.
    func value(_ key: String) -> Node? {
        assert(known.contains(key), "\(key) is not declared as a known field of \(what)")
        guard let index = keyTexts.firstIndex(of: key) else { return nil }
        let value = valueNodes[index]
        if case .scalar(let scalar) = value, scalar.style == .plain {
            switch scalar.string {
            case "", "~", "null", "Null", "NULL": return nil
            default: break
            }
        }
        return value
    }

    func keyNode(_ key: String) -> Node? {
        keyTexts.firstIndex(of: key).map { keyNodes[$0] }
    }

    func missing(_ key: String, hint: String? = nil) {
        let at = keyNode(key) ?? node
        bag.add(
            document.diagnostic(
                .schemaMissing, at: at,
                "the \(what) has no `\(key)`, which is required",
                hint: hint ?? "add a line `\(key): ...`"))
    }

    func wrongType(_ key: String, _ node: Node, expected: String, example: String) {
        bag.add(
            document.diagnostic(
                .schemaType, at: node,
                "`\(key)` should be \(expected), but here it is \(describe(node))",
                hint: "write it like this: \(key): \(example)"))
    }

    // MARK: scalars

    func string(_ key: String, required: Bool = false, example: String = "some text") -> Located<String>? {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        guard let scalar = node.scalar else {
            wrongType(key, node, expected: "text", example: example)
            return nil
        }
        let text = scalar.string.trimmed
        if text.isEmpty {
            if required { missing(key) }
            return nil
        }
        return Located(text, at: location(node))
    }

    func bool(_ key: String, required: Bool = false) -> Located<Bool>? {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        guard let text = node.scalar?.string else {
            wrongType(key, node, expected: "true or false", example: "true")
            return nil
        }
        switch text.lowercased() {
        case "true", "yes", "on": return Located(true, at: location(node))
        case "false", "no", "off": return Located(false, at: location(node))
        default:
            wrongType(key, node, expected: "true or false", example: "true")
            return nil
        }
    }

    func int(_ key: String, required: Bool = false, example: String = "16") -> Located<Int>? {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        guard let text = node.scalar?.string, let number = Int(text.replacingOccurrences(of: "_", with: "")),
            number >= 0
        else {
            wrongType(key, node, expected: "a whole number", example: example)
            return nil
        }
        return Located(number, at: location(node))
    }

    func number(_ key: String, example: String = "0.25") -> Located<Double>? {
        guard let node = value(key) else { return nil }
        guard let text = node.scalar?.string, let number = Double(text), number.isFinite else {
            wrongType(key, node, expected: "a number", example: example)
            return nil
        }
        return Located(number, at: location(node))
    }

    func date(_ key: String, required: Bool = false) -> Located<CalendarDate>? {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        guard let text = node.scalar?.string else {
            wrongType(key, node, expected: "a date", example: "2026-10-05")
            return nil
        }
        switch CalendarDate.parse(text) {
        case .success(let date): return Located(date, at: location(node))
        case .failure(.notADate):
            wrongType(key, node, expected: "a date written year-month-day", example: "2026-10-05")
        case .failure(.impossible):
            bag.add(
                document.diagnostic(
                    .dataDate, at: node, "`\(key)`: \(text) is not a real date",
                    hint: "check the day and month: dates are written year-month-day, e.g. 2026-10-05"))
        }
        return nil
    }

    func time(_ key: String, required: Bool = false) -> Located<TimeOfDay>? {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        guard let text = node.scalar?.string else {
            wrongType(key, node, expected: "a time", example: "\"10:00\"")
            return nil
        }
        switch TimeOfDay.parse(text) {
        case .success(let time): return Located(time, at: location(node))
        case .failure(.notADate):
            wrongType(key, node, expected: "a time on the 24-hour clock", example: "\"14:30\"")
        case .failure(.impossible):
            bag.add(
                document.diagnostic(
                    .dataDate, at: node, "`\(key)`: \(text) is not a real time of day",
                    hint: "use the 24-hour clock from 00:00 to 23:59, e.g. \"14:30\""))
        }
        return nil
    }

    func choice<E: RawRepresentable & CaseIterable & Sendable>(
        _ key: String, _ type: E.Type, required: Bool = false
    ) -> Located<E>? where E.RawValue == String {
        guard let text = string(key, required: required, example: E.allCases.first?.rawValue ?? "") else {
            return nil
        }
        if let value = E(rawValue: text.value) { return Located(value, at: text.location) }
        let options = E.allCases.map(\.rawValue)
        let suggestion = closest(to: text.value, among: options).map { "did you mean `\($0)`? " } ?? ""
        bag.add(
            document.file.diagnostic(
                .schemaEnum, at: text.location,
                "`\(key)`: \"\(text.value)\" is not one of the choices",
                hint: "\(suggestion)use one of: \(options.joined(separator: ", "))"))
        return nil
    }

    func url(_ key: String, required: Bool = false) -> Located<String>? {
        guard let text = string(key, required: required, example: "https://example.org/") else { return nil }
        guard SafeURL.isAllowed(text.value) else {
            bag.add(
                document.file.diagnostic(
                    .dataURL, at: text.location,
                    "`\(key)`: \"\(text.value)\" is not a link Prospectus can publish",
                    hint: "use a full web address starting https:// (or mailto: for email, tel: for phone)"))
            return nil
        }
        return text
    }

    // MARK: lists and nested mappings

    /// A list of texts. A single text is accepted as a list of one.
    func strings(_ key: String, required: Bool = false, example: String = "[first, second]") -> [Located<String>]? {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        let items: [Node]
        switch node {
        case .sequence(let sequence): items = Array(sequence)
        case .scalar: items = [node]
        default:
            wrongType(key, node, expected: "a list", example: example)
            return nil
        }
        var result: [Located<String>] = []
        for item in items {
            guard let text = item.scalar?.string.trimmed else {
                wrongType(key, item, expected: "a list of texts", example: example)
                continue
            }
            if !text.isEmpty { result.append(Located(text, at: location(item))) }
        }
        if required && result.isEmpty { missing(key) }
        return result
    }

    /// The items of a list of mappings (sessions, trainers...).
    func list(_ key: String, required: Bool = false, example: String) -> [Node]? {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        guard case .sequence(let sequence) = node else {
            wrongType(key, node, expected: "a list", example: example)
            return nil
        }
        return Array(sequence)
    }

    func nested(_ key: String, what: String, known: [String], required: Bool = false) -> FieldReader? {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        return FieldReader(node, in: document, what: what, known: known, bag: bag)
    }

    /// Reports every field the content model does not know.
    func finish() {
        for (key, text) in zip(keyNodes, keyTexts) {
            guard let name = text, !known.contains(name) else { continue }
            let suggestion = closest(to: name, among: known)
            bag.add(
                document.diagnostic(
                    .schemaUnknown, at: key,
                    "`\(name)`: unknown field" + (suggestion.map { ", did you mean `\($0)`?" } ?? ""),
                    hint: suggestion.map { "rename it to `\($0)`" }
                        ?? "the fields a \(what) can have are: \(known.joined(separator: ", "))"))
        }
    }
}

/// A short description of what a node is, for "should be X, but here it is Y".
func describe(_ node: Node) -> String {
    switch node {
    case .scalar(let scalar): return "the text \"\(scalar.string.prefix(40))\""
    case .sequence: return "a list"
    case .mapping: return "a set of fields"
    case .alias: return "an alias"
    }
}

/// The known name nearest to a misspelt one, if it is close enough to be a typo.
func closest(to word: String, among options: [String]) -> String? {
    let lowered = word.lowercased()
    if let exact = options.first(where: { $0.lowercased() == lowered }) { return exact }
    var best: (String, Int)?
    for option in options {
        let distance = editDistance(lowered, option.lowercased())
        let allowed = max(1, min(3, option.count / 3))
        if distance <= allowed, best.map({ distance < $0.1 }) ?? true {
            best = (option, distance)
        }
    }
    return best?.0
}

/// Edit distance counting a swap of two neighbouring letters as one edit
/// ("titel" is one edit from "title"), the commonest typing slip.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { table[i][0] = i }
    for j in 0...b.count { table[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var best = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                best = min(best, table[i - 2][j - 2] + 1)
            }
            table[i][j] = best
        }
    }
    return table[a.count][b.count]
}
