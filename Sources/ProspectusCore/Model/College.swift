import Yams

/// A term of the edition: autumn, spring, summer.
public struct Term: Sendable, Hashable {
    public var id: String
    public var name: String
    public var start: CalendarDate
    public var end: CalendarDate
}

/// A course category (a section of the prospectus).
public struct Category: Sendable, Hashable {
    public var id: String
    public var name: String
    public var description: String?
}

/// How the college wants coproduction checked and credited.
public struct CoproductionPolicy: Sendable {
    /// Markdown: how people with lived experience shaped this prospectus.
    public var statement: String?
    public var livedExperienceRoles: [String] = ["peer-trainer", "family-carer-trainer"]
    public var otherRoles: [String] = ["practitioner-trainer", "subject-expert", "community-trainer"]
    public var requirePair = true
    public var partnerShareTarget = 0.25
    public var reviewWithinMonths = 12
    public var roleLabels: [String: String] = [:]

    public var allRoles: [String] { livedExperienceRoles + otherRoles }

    /// "peer-trainer" becomes "Peer trainer" unless the college names it.
    public func label(for role: String) -> String {
        if let label = roleLabels[role] { return label }
        let words = role.split(separator: "-").joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    public func isLivedExperience(_ role: String) -> Bool { livedExperienceRoles.contains(role) }
}

/// How to enrol, shown on every course page.
public struct Enrolment: Sendable {
    public var how: String
    public var url: String?
    public var phone: String?
    public var email: String?
}

/// `college.yml`: the college, the edition and its policy.
public struct College: Sendable {
    public var name: String
    public var edition: String
    public var baseURL: String
    public var timezone: String
    public var locale: String = "en-GB"
    public var publicSector = false
    public var studentNoun = "student"
    public var enrolment: Enrolment?
    public var support: String
    public var terms: [Term] = []
    public var categories: [Category] = []
    public var audiences: [String] = []
    public var requiredPages: [String] = []
    public var coproduction = CoproductionPolicy()
    /// Severity overrides by rule; nil means "off".
    public var checks: [RuleID: Severity?] = [:]
    public var languageAllow: [String] = []
    /// The college's own additions to the recovery-language list.
    public var languageTerms: [CustomTerm] = []
    /// Published texts in college.yml (statement, enrolment, support), for language checks.
    public var texts: [FieldText] = []
    /// Where each top-level key is written; `""` is the start of the file.
    public var keyLocations: [String: SourceLocation] = [:]

    /// Where each term, category and audience was declared, for references.
    public var termIDs: Set<String> { Set(terms.map(\.id)) }

    /// The path part of `base_url`, always ending in `/`: links are root-relative to it.
    public var basePath: String {
        guard let schemeEnd = baseURL.range(of: "://") else { return "/" }
        let afterHost = baseURL[schemeEnd.upperBound...].drop { $0 != "/" }
        var path = afterHost.isEmpty ? "/" : String(afterHost)
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<query]) }
        return path.hasSuffix("/") ? path : path + "/"
    }

    /// `base_url` with exactly one trailing slash.
    public var baseURLWithSlash: String { baseURL.hasSuffix("/") ? baseURL : baseURL + "/" }

    public static let fields = [
        "name", "edition", "base_url", "timezone", "locale", "public_sector", "student_noun", "enrolment",
        "support", "terms", "categories", "audiences", "required_pages", "coproduction", "checks", "language",
    ]
}

extension College {
    static func decode(_ document: YAMLDocument, bag: DiagnosticBag) -> College? {
        guard let reader = FieldReader(document.root, in: document, what: "college", known: fields, bag: bag) else {
            return nil
        }
        let name = reader.string("name", required: true, example: "Riverside Recovery College")
        let edition = reader.string("edition", required: true, example: "\"2026-27\"")
        let baseURL = reader.string("base_url", required: true, example: "https://recovery.example.org/")
        if let baseURL, !(baseURL.value.hasPrefix("https://") || baseURL.value.hasPrefix("http://"))
            || !SafeURL.isAllowed(baseURL.value)
        {
            bag.add(
                document.file.diagnostic(
                    .dataURL, at: baseURL.location, "`base_url` must be a full web address",
                    hint: "write the address the site will be published at, e.g. https://recovery.example.org/"))
        }
        let timezone = reader.string("timezone", required: true, example: "Europe/London")
        if let timezone, TimeZone(identifier: timezone.value) == nil {
            bag.add(
                document.file.diagnostic(
                    .schemaEnum, at: timezone.location, "`timezone`: \"\(timezone.value)\" is not a known time zone",
                    hint: "use an IANA time zone name such as Europe/London"))
        }
        let support = reader.string("support", required: true, example: "\"If you need help now, call NHS 111.\"")
        var college = College(
            name: name?.value ?? "", edition: edition?.value ?? "", baseURL: baseURL?.value ?? "/",
            timezone: timezone?.value ?? "UTC", support: support?.value ?? "")
        if let locale = reader.string("locale") { college.locale = locale.value }
        if let value = reader.bool("public_sector") { college.publicSector = value.value }
        if let noun = reader.string("student_noun") { college.studentNoun = noun.value }
        if let enrolment = reader.nested(
            "enrolment", what: "enrolment", known: ["how", "url", "phone", "email"], required: true)
        {
            let how = enrolment.string("how", required: true)
            if let how { college.texts.append(FieldText("enrolment.how", how)) }
            college.enrolment = Enrolment(
                how: how?.value ?? "", url: enrolment.url("url")?.value, phone: enrolment.string("phone")?.value,
                email: enrolment.string("email")?.value)
            enrolment.finish()
        }
        college.terms = decodeTerms(reader, bag: bag)
        college.categories = decodeCategories(reader, bag: bag)
        college.audiences = reader.strings("audiences")?.map(\.value) ?? []
        college.requiredPages = reader.strings("required_pages")?.map(\.value) ?? []
        college.coproduction = decodePolicy(reader, bag: bag)
        college.checks = decodeChecks(reader, bag: bag)
        if let language = reader.nested("language", what: "language settings", known: ["allow", "terms"]) {
            college.languageAllow = language.strings("allow")?.map(\.value) ?? []
            college.languageTerms = decodeCustomTerms(language, bag: bag)
            language.finish()
        }
        if let support { college.texts.append(FieldText("support", support)) }
        if let statement = reader.value("coproduction")?.mapping?.first(where: { $0.key.scalar?.string == "statement" }),
            let text = statement.value.scalar?.string
        {
            college.texts.append(FieldText(field: "coproduction.statement", text: text, location: document.location(statement.value)))
        }
        college.keyLocations[""] = reader.here
        for (key, _) in reader.mapping {
            if let name = key.scalar?.string, let at = document.location(key) { college.keyLocations[name] = at }
        }
        if let section = reader.value("coproduction")?.mapping {
            for (key, _) in section {
                if let name = key.scalar?.string, let at = document.location(key) {
                    college.keyLocations["coproduction." + name] = at
                }
            }
        }
        reader.finish()
        guard name != nil, edition != nil, baseURL != nil, timezone != nil, support != nil else { return nil }
        return college
    }

    static func decodeTerms(_ reader: FieldReader, bag: DiagnosticBag) -> [Term] {
        guard
            let items = reader.list(
                "terms", required: true, example: "[{id: autumn, name: Autumn term, start: 2026-09-01, end: 2026-12-18}]")
        else { return [] }
        var terms: [Term] = []
        for item in items {
            guard
                let term = FieldReader(
                    item, in: reader.document, what: "term", known: ["id", "name", "start", "end"], bag: bag)
            else { continue }
            let id = term.string("id", required: true, example: "autumn")
            let name = term.string("name", required: true, example: "Autumn term")
            let start = term.date("start", required: true)
            let end = term.date("end", required: true)
            term.finish()
            if let id { checkSlug(id, what: "term id", file: reader.document.file, bag: bag) }
            if let start, let end, end.value < start.value {
                bag.add(
                    reader.document.file.diagnostic(
                        .dataSessionOrder, at: end.location, "the term ends (\(end.value)) before it starts (\(start.value))",
                        hint: "check the start and end dates of the term"))
            }
            if let id, isRepeated(id, in: terms.map(\.id), what: "term", file: reader.document.file, bag: bag) { continue }
            if let id, let name, let start, let end {
                terms.append(Term(id: id.value, name: name.value, start: start.value, end: end.value))
            }
        }
        return terms
    }

    static func decodeCategories(_ reader: FieldReader, bag: DiagnosticBag) -> [Category] {
        guard
            let items = reader.list(
                "categories", required: true, example: "[{id: living-well, name: Living well, description: ...}]")
        else { return [] }
        var categories: [Category] = []
        for item in items {
            guard
                let category = FieldReader(
                    item, in: reader.document, what: "category", known: ["id", "name", "description"], bag: bag)
            else { continue }
            let id = category.string("id", required: true, example: "living-well")
            let name = category.string("name", required: true, example: "Living well")
            let description = category.string("description")
            category.finish()
            if let id { checkSlug(id, what: "category id", file: reader.document.file, bag: bag) }
            if let id, isRepeated(id, in: categories.map(\.id), what: "category", file: reader.document.file, bag: bag) {
                continue
            }
            if let id, let name {
                categories.append(Category(id: id.value, name: name.value, description: description?.value))
            }
        }
        return categories
    }

    static func decodePolicy(_ reader: FieldReader, bag: DiagnosticBag) -> CoproductionPolicy {
        var policy = CoproductionPolicy()
        guard
            let section = reader.nested(
                "coproduction", what: "coproduction policy",
                known: [
                    "statement", "lived_experience_roles", "other_roles", "require_pair", "partner_share_target",
                    "review_within_months", "role_labels",
                ])
        else { return policy }
        policy.statement = section.string("statement")?.value
        if let roles = section.strings("lived_experience_roles") { policy.livedExperienceRoles = roles.map(\.value) }
        if let roles = section.strings("other_roles") { policy.otherRoles = roles.map(\.value) }
        if let pair = section.bool("require_pair") { policy.requirePair = pair.value }
        if let share = section.number("partner_share_target") { policy.partnerShareTarget = share.value }
        if let months = section.int("review_within_months", example: "12") { policy.reviewWithinMonths = months.value }
        if let labels = section.value("role_labels") {
            if let mapping = labels.mapping {
                for (key, value) in mapping {
                    if let role = key.scalar?.string, let label = value.scalar?.string { policy.roleLabels[role] = label }
                }
            } else {
                section.wrongType("role_labels", labels, expected: "a set of role: label pairs", example: "{peer-trainer: Peer trainer}")
            }
        }
        section.finish()
        return policy
    }

    static func decodeChecks(_ reader: FieldReader, bag: DiagnosticBag) -> [RuleID: Severity?] {
        guard let node = reader.value("checks") else { return [:] }
        guard let mapping = node.mapping else {
            reader.wrongType("checks", node, expected: "a set of RULE: severity pairs", example: "{COP005: off}")
            return [:]
        }
        var result: [RuleID: Severity?] = [:]
        for (key, value) in mapping {
            guard let id = key.scalar?.string else { continue }
            let rule = RuleID(rawValue: id)
            let text = value.scalar?.string.lowercased() ?? ""
            let level: Severity??
            switch text {
            case "off": level = .some(nil)
            case "error": level = .some(.error)
            case "warning": level = .some(.warning)
            case "info": level = .some(.info)
            default: level = nil
            }
            guard let known = rule.info else {
                let suggestion = closest(to: id, among: Rule.all.map(\.id.rawValue))
                bag.add(
                    reader.document.diagnostic(
                        .schemaUnknown, at: key, "`checks`: there is no rule called \(id)",
                        hint: (suggestion.map { "did you mean \($0)? " } ?? "") + "docs/rules.md lists every rule"))
                continue
            }
            guard let level else {
                bag.add(
                    reader.document.diagnostic(
                        .schemaEnum, at: value, "`checks`: \(id) must be set to error, warning, info or off",
                        hint: "write e.g. \(id): warning"))
                continue
            }
            if !known.overridable {
                bag.add(
                    reader.document.diagnostic(
                        .schemaEnum, severity: .warning, at: key,
                        "`checks`: \(id) cannot be changed: the build cannot go on without it fixed",
                        hint: "remove \(id) from `checks`"))
                continue
            }
            result[rule] = level
        }
        return result
    }
}

/// Reports an id already used by an earlier term or category (DATA003).
func isRepeated(_ id: Located<String>, in earlier: [String], what: String, file: SourceFile, bag: DiagnosticBag) -> Bool {
    guard earlier.contains(id.value) else { return false }
    bag.add(
        file.diagnostic(
            .dataDuplicateID, at: id.location, "there is already a \(what) with the id \"\(id.value)\"",
            hint: "give each \(what) its own id"))
    return true
}

func checkSlug(_ id: Located<String>, what: String, file: SourceFile, bag: DiagnosticBag) {
    guard !Slug.isValid(id.value) else { return }
    let suggestion = Slug.make(from: id.value)
    bag.add(
        file.diagnostic(
            .dataID, at: id.location,
            "the \(what) \"\(id.value)\" is not valid: ids use only lowercase letters, digits and single hyphens (at most \(Slug.maxLength) characters)",
            hint: suggestion.isEmpty ? "choose an id such as `living-well`" : "use `\(suggestion)` instead"))
}

extension YAMLDocument {
    func diagnostic(_ rule: RuleID, severity: Severity, at node: Node?, _ message: String, hint: String? = nil)
        -> Diagnostic
    {
        var diagnostic = self.diagnostic(rule, at: node, message, hint: hint)
        diagnostic.severity = severity
        return diagnostic
    }
}

import Foundation

/// A term a college adds to the recovery-language list in `language.terms`.
public struct CustomTerm: Sendable {
    public var term: String
    public var suggestion: String?
    public var severity: Severity
    public var reason: String?
    public var location: SourceLocation?
}

func decodeCustomTerms(_ language: FieldReader, bag: DiagnosticBag) -> [CustomTerm] {
    let example = "[{term: service user, suggest: student, level: warning, reason: we say students}]"
    var terms: [CustomTerm] = []
    for item in language.list("terms", example: example) ?? [] {
        guard
            let t = FieldReader(
                item, in: language.document, what: "language term", known: ["term", "suggest", "level", "reason"],
                bag: bag)
        else { continue }
        let term = t.string("term", required: true, example: "service user")
        let suggest = t.string("suggest")
        let level = t.choice("level", Severity.self)?.value ?? .warning
        let reason = t.string("reason")
        t.finish()
        if let term {
            terms.append(
                CustomTerm(term: term.value, suggestion: suggest?.value, severity: level, reason: reason?.value, location: term.location))
        }
    }
    return terms
}
