import Yams

/// A published text from front matter (a title, a summary, a learning outcome),
/// with where it starts, so language and readability checks can point at it.
public struct FieldText: Sendable {
    public var field: String
    public var text: String
    public var location: SourceLocation?

    public init(field: String, text: String, location: SourceLocation?) {
        self.field = field
        self.text = text
        self.location = location
    }

    init(_ field: String, _ value: Located<String>) {
        self.init(field: field, text: value.value, location: value.location)
    }
}

/// "This finding is deliberate": a rule switched off for one file (front
/// matter `ignore:`) or for one block of text (`<!-- prospectus-ignore RULE: reason -->`).
/// A reason is always required, so the next coordinator knows why.
public struct Suppression: Sendable {
    public var rule: RuleID
    public var reason: String
    public var location: SourceLocation?
    /// File lines the suppression covers; nil means the whole file.
    public var lines: ClosedRange<Int>?

    public init(rule: RuleID, reason: String, location: SourceLocation?, lines: ClosedRange<Int>? = nil) {
        self.rule = rule
        self.reason = reason
        self.location = location
        self.lines = lines
    }

    public func covers(_ diagnostic: Diagnostic) -> Bool {
        guard diagnostic.rule == rule else { return false }
        guard let lines else { return true }
        guard let line = diagnostic.location?.line else { return false }
        return lines.contains(line)
    }
}

/// Reads `ignore: [{rule: LANG002, reason: ...}]` from any content file.
func decodeIgnores(_ r: FieldReader) -> [Suppression] {
    var result: [Suppression] = []
    for item in r.list("ignore", example: "[{rule: LANG002, reason: a quotation from a 1950s newspaper}]") ?? [] {
        guard let i = FieldReader(item, in: r.document, what: "ignore entry", known: ["rule", "reason"], bag: r.bag) else {
            continue
        }
        let rule = i.string("rule", required: true, example: "LANG002")
        let reason = i.string("reason", required: true, example: "why this finding is right here")
        i.finish()
        guard let rule, let reason else { continue }
        let id = RuleID(rawValue: rule.value)
        guard id.info != nil else {
            let suggestion = closest(to: rule.value, among: Rule.all.map(\.id.rawValue))
            r.bag.add(
                r.document.file.diagnostic(
                    .schemaUnknown, at: rule.location, "`ignore`: there is no rule called \(rule.value)",
                    hint: (suggestion.map { "did you mean \($0)? " } ?? "") + "docs/rules.md lists every rule"))
            continue
        }
        guard id.info?.overridable ?? false else {
            var diagnostic = r.document.file.diagnostic(
                .schemaEnum, at: rule.location, "`ignore`: \(rule.value) cannot be silenced: the build cannot go on without it fixed",
                hint: "fix the problem \(rule.value) reports, and remove this entry")
            diagnostic.severity = .warning
            r.bag.add(diagnostic)
            continue
        }
        result.append(Suppression(rule: id, reason: reason.value, location: rule.location))
    }
    return result
}
