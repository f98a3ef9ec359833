/// `<!-- prospectus-ignore LANG002: a quotation from a 1950s newspaper -->`
///
/// A coordinator writes this on its own line just before a paragraph, heading
/// or list to say "this finding is deliberate here". One rule per comment (write
/// several comments for several rules); a reason is always required, so the
/// next coordinator knows why.
enum SuppressionComment: Equatable {
    case ignore(RuleID, reason: String)
    case problem(message: String, hint: String)

    static let keyword = "prospectus-ignore"
    static let howTo =
        "write `<!-- prospectus-ignore LANG002: why this wording is right here -->` on its own line, just before the paragraph, heading or list it is about"

    /// Nil when the text is not a `prospectus-ignore` comment at all.
    static func parse(_ html: String) -> SuppressionComment? {
        var text = Substring(html).drop { $0.isWhitespace }
        guard text.hasPrefix("<!--") else { return nil }
        text = text.dropFirst(4)
        if let close = text.range(of: "-->") { text = text[..<close.lowerBound] }
        text = text.drop { $0.isWhitespace }
        guard text.lowercased().hasPrefix(keyword) else { return nil }
        let rest = text.dropFirst(keyword.count)
        // "prospectus-ignored" or "prospectus-ignore-all" is some other comment.
        if let next = rest.first, !(next.isWhitespace || next == ":") { return nil }
        let body = rest.drop { $0.isWhitespace || $0 == ":" }
        let token = body.prefix { !($0.isWhitespace || $0 == ":") }
        guard !token.isEmpty else {
            return .problem(message: "the `prospectus-ignore` comment does not say which rule to ignore", hint: howTo)
        }
        if token.contains(where: { $0 == "," || $0 == ";" }) {
            return .problem(
                message: "the `prospectus-ignore` comment names more than one rule (\(token))",
                hint: "write one comment for each rule, e.g. `<!-- prospectus-ignore LANG002: reason -->`")
        }
        let rule = RuleID(rawValue: token.uppercased())
        guard let info = rule.info else {
            let suggestion = closest(to: token.uppercased(), among: Rule.all.map(\.id.rawValue))
            return .problem(
                message: "the `prospectus-ignore` comment names \(token), but there is no rule with that id",
                hint: (suggestion.map { "did you mean \($0)? " } ?? "") + "docs/rules.md lists every rule; " + howTo)
        }
        // Rules about unreadable files, unsafe links or privacy guard the published
        // site itself; the college cannot switch them off, so neither can a comment.
        guard info.overridable else {
            return .problem(
                message: "\(rule) cannot be ignored: it protects the published site",
                hint: "fix the problem \(rule) reports instead; docs/rules.md explains how")
        }
        let afterToken = body.dropFirst(token.count).drop { $0 == " " || $0 == "\t" }
        let reason =
            afterToken.first == ":"
            ? afterToken.dropFirst().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") : ""
        guard !reason.isEmpty else {
            return .problem(
                message: "the `prospectus-ignore` comment for \(rule) gives no reason",
                hint: "say why after a colon, e.g. `<!-- prospectus-ignore \(rule): a quotation we keep as written -->`, so the next coordinator knows why")
        }
        return .ignore(rule, reason: reason)
    }
}
