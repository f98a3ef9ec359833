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
        Rule(.dataNoBookingRoute, .error, true, "An open course has no way to book"),
        Rule(.dataOnlineInfo, .warning, true, "Online sessions without joining or technology help"),
        Rule(.dataVenueOverlap, .warning, true, "Two sessions at the same place at the same time"),
        Rule(.dataDuplicateIgnore, .error, false, "A suppression without a rule id or a reason"),
        // Coproduction
        Rule(.copLivedExperience, .error, true, "No trainer with lived experience"),
        Rule(.copPair, .error, true, "No trainer in another role beside the lived-experience trainer"),
        Rule(.copDesignedWith, .warning, true, "No group named as having designed the course"),
        Rule(.copReview, .warning, true, "The course has not been reviewed recently"),
        Rule(.copNoPartner, .info, true, "No community partner"),
        Rule(.copPartnerShare, .warning, true, "Too few courses with a community partner"),
        Rule(.copOutcomes, .warning, true, "No learning outcomes"),
        Rule(.copAccessibility, .warning, true, "No accessibility information"),
        Rule(.copTherapyFraming, .info, true, "Treatment language in an education course"),
        Rule(.copStatement, .warning, true, "No coproduction statement"),
        // Privacy
        Rule(.privConsentMismatch, .error, true, "A lived-experience trainer would be named or pictured without consent"),
        Rule(.privDiagnosisInBio, .warning, true, "A bio mentions a diagnosis without consent to a lived-experience statement"),
        Rule(.privConsentLapsed, .warning, true, "A trainer's consent is past its review date"),
        Rule(.privLeak, .error, false, "A private value or an unconsented name is in the output"),
        // Language
        Rule(.langError, .error, true, "Language that harms: always change it"),
        Rule(.langWarning, .warning, true, "Language that can stigmatise: change it"),
        Rule(.langInfo, .info, true, "Language worth reconsidering"),
        // Readability
        Rule(.readSentence, .info, true, "A long sentence"),
        Rule(.readParagraph, .info, true, "A long paragraph"),
        Rule(.readSMOG, .warning, true, "Text that is hard to read"),
        // Accessibility of content
        Rule(.a11yImageAlt, .error, true, "An image without a text description"),
        Rule(.a11yHeadingOrder, .warning, true, "A heading level is skipped"),
        Rule(.a11yLinkText, .warning, true, "Link text that does not say where it goes"),
        // Pages
        Rule(.pageRequired, .warning, true, "A required page is missing"),
        Rule(.pageAccessibilityStatement, .error, true, "No accessibility statement"),
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

    public static let dataNoBookingRoute = RuleID(rawValue: "DATA011")
    public static let dataOnlineInfo = RuleID(rawValue: "DATA012")
    public static let dataVenueOverlap = RuleID(rawValue: "DATA013")
    public static let dataDuplicateIgnore = RuleID(rawValue: "DATA014")

    public static let copLivedExperience = RuleID(rawValue: "COP001")
    public static let copPair = RuleID(rawValue: "COP002")
    public static let copDesignedWith = RuleID(rawValue: "COP003")
    public static let copReview = RuleID(rawValue: "COP004")
    public static let copNoPartner = RuleID(rawValue: "COP005")
    public static let copPartnerShare = RuleID(rawValue: "COP006")
    public static let copOutcomes = RuleID(rawValue: "COP007")
    public static let copAccessibility = RuleID(rawValue: "COP008")
    public static let copTherapyFraming = RuleID(rawValue: "COP009")
    public static let copStatement = RuleID(rawValue: "COP010")

    public static let privConsentMismatch = RuleID(rawValue: "PRIV001")
    public static let privDiagnosisInBio = RuleID(rawValue: "PRIV004")
    public static let privConsentLapsed = RuleID(rawValue: "PRIV003")

    public static let langError = RuleID(rawValue: "LANG001")
    public static let langWarning = RuleID(rawValue: "LANG002")
    public static let langInfo = RuleID(rawValue: "LANG003")

    public static let readSentence = RuleID(rawValue: "READ001")
    public static let readParagraph = RuleID(rawValue: "READ002")
    public static let readSMOG = RuleID(rawValue: "READ003")

    public static let a11yImageAlt = RuleID(rawValue: "A11Y001")
    public static let a11yHeadingOrder = RuleID(rawValue: "A11Y002")
    public static let a11yLinkText = RuleID(rawValue: "A11Y003")

    public static let pageRequired = RuleID(rawValue: "PAGE001")
    public static let pageAccessibilityStatement = RuleID(rawValue: "PAGE002")
    public static let privLeak = RuleID(rawValue: "PRIV002")

    public static let templateSyntax = RuleID(rawValue: "TEMPLATE001")
    public static let templateMissing = RuleID(rawValue: "TEMPLATE002")
}
