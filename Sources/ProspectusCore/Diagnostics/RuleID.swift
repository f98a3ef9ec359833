/// A stable rule identifier such as `SCHEMA002`. The ids never change meaning
/// once published: coordinators silence them by id in `college.yml` `checks:`
/// and CI systems match on them. Every rule is documented in `docs/rules.md`.
public struct RuleID: Sendable, Hashable, Codable, RawRepresentable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public var info: Rule? { Rule.catalog[self] }
    public var defaultSeverity: Severity { info?.defaultSeverity ?? .error }
}

/// What a rule is, for documentation, `--format json` consumers and severity overrides.
public struct Rule: Sendable {
    public let id: RuleID
    public let defaultSeverity: Severity
    /// Structural problems (the file could not be read or understood) cannot be
    /// switched off: the build has nothing sound to publish without them fixed.
    public let overridable: Bool
    public let title: String

    public static let catalog: [RuleID: Rule] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.id, $0) })

    public static let all: [Rule] = [
        // Files
        Rule(.fileUnreadable, .error, false, "The file cannot be read"),
        Rule(.fileEmpty, .error, false, "The file is empty"),
        Rule(.fileNotUTF8, .error, false, "The file is not UTF-8 text"),
        Rule(.fileBinary, .error, false, "The file looks like a binary file, not text"),
        Rule(.fileOutsideContent, .error, false, "A link or path leads outside the content folder"),
        Rule(.fileTooLarge, .error, false, "The file is larger than the limit"),
        Rule(.fileMissing, .error, false, "A required file or folder is missing"),
        // YAML
        Rule(.yamlSyntax, .error, false, "The YAML cannot be read"),
        Rule(.yamlNonScalarKey, .error, false, "A key is a list or mapping, not a plain name"),
        Rule(.yamlDuplicateKey, .error, false, "The same key appears twice"),
        Rule(.yamlNotMapping, .error, false, "The front matter is not a set of `key: value` lines"),
        Rule(.yamlUnclosedFrontMatter, .error, false, "The front matter has no closing `---` line"),
        Rule(.yamlAlias, .error, false, "YAML anchors and aliases are not supported"),
        // Schema
        Rule(.schemaMissing, .error, false, "A required field is missing"),
        Rule(.schemaUnknown, .warning, true, "A field that Prospectus does not know"),
        Rule(.schemaType, .error, false, "A field has the wrong kind of value"),
        Rule(.schemaEnum, .error, false, "A value is not one of the allowed choices"),
        Rule(.schemaTooLong, .warning, true, "A text is longer than the content model allows"),
        // Data
        Rule(.dataReference, .error, false, "A reference to something that does not exist"),
        Rule(.dataID, .error, false, "An id is not a valid slug"),
        Rule(.dataDuplicateID, .error, false, "Two files have the same id"),
        Rule(.dataRoleNotHeld, .error, true, "A trainer is given a role they do not hold"),
        Rule(.dataDate, .error, false, "A date or time that does not exist"),
        Rule(.dataSessionOrder, .error, true, "A session ends before it starts"),
        Rule(.dataSessionOutsideTerm, .error, true, "A session falls outside its term"),
        Rule(.dataURL, .error, false, "A link that is not http(s), mailto or tel"),
        Rule(.dataAssetPath, .error, false, "An asset path leaves the content folder"),
        Rule(.dataNoSessions, .error, true, "A course has no sessions"),
        // Privacy
        Rule(.privConsentLapsed, .warning, true, "A trainer's consent is past its review date"),
        Rule(.privLeak, .error, false, "A private value or an unconsented name is in the output"),
        // Templates
        Rule(.templateSyntax, .error, false, "A template cannot be read"),
        Rule(.templateMissing, .error, false, "A template or partial is missing"),
    ]

    init(_ id: RuleID, _ severity: Severity, _ overridable: Bool, _ title: String) {
        self.id = id
        self.defaultSeverity = severity
        self.overridable = overridable
        self.title = title
    }
}

extension RuleID {
    public static let fileUnreadable = RuleID(rawValue: "FILE001")
    public static let fileEmpty = RuleID(rawValue: "FILE002")
    public static let fileNotUTF8 = RuleID(rawValue: "FILE003")
    public static let fileBinary = RuleID(rawValue: "FILE004")
    public static let fileOutsideContent = RuleID(rawValue: "FILE005")
    public static let fileTooLarge = RuleID(rawValue: "FILE006")
    public static let fileMissing = RuleID(rawValue: "FILE007")

    public static let yamlSyntax = RuleID(rawValue: "YAML001")
    public static let yamlNonScalarKey = RuleID(rawValue: "YAML002")
    public static let yamlDuplicateKey = RuleID(rawValue: "YAML003")
    public static let yamlNotMapping = RuleID(rawValue: "YAML004")
    public static let yamlUnclosedFrontMatter = RuleID(rawValue: "YAML005")
    public static let yamlAlias = RuleID(rawValue: "YAML006")

    public static let schemaMissing = RuleID(rawValue: "SCHEMA001")
    public static let schemaUnknown = RuleID(rawValue: "SCHEMA002")
    public static let schemaType = RuleID(rawValue: "SCHEMA003")
    public static let schemaEnum = RuleID(rawValue: "SCHEMA004")
    public static let schemaTooLong = RuleID(rawValue: "SCHEMA005")

    public static let dataReference = RuleID(rawValue: "DATA001")
    public static let dataID = RuleID(rawValue: "DATA002")
    public static let dataDuplicateID = RuleID(rawValue: "DATA003")
    public static let dataRoleNotHeld = RuleID(rawValue: "DATA004")
    public static let dataDate = RuleID(rawValue: "DATA005")
    public static let dataSessionOrder = RuleID(rawValue: "DATA006")
    public static let dataSessionOutsideTerm = RuleID(rawValue: "DATA007")
    public static let dataURL = RuleID(rawValue: "DATA008")
    public static let dataAssetPath = RuleID(rawValue: "DATA009")
    public static let dataNoSessions = RuleID(rawValue: "DATA010")

    public static let privConsentLapsed = RuleID(rawValue: "PRIV003")
    public static let privLeak = RuleID(rawValue: "PRIV002")

    public static let templateSyntax = RuleID(rawValue: "TEMPLATE001")
    public static let templateMissing = RuleID(rawValue: "TEMPLATE002")
}
