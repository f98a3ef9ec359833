import Yams

public enum NameDisplay: String, Sendable, CaseIterable {
    case roleOnly = "role-only"
    case firstName = "first-name"
    case fullName = "full-name"
}

/// What a trainer has agreed may be published. Explicit, dated and
/// withdrawable: past `review_by` every consent counts as withdrawn.
public struct Consent: Sendable {
    public var name = false
    public var profile = false
    public var photo = false
    public var livedExperienceStatement = false
    public var recordedOn: Located<CalendarDate>?
    public var reviewBy: Located<CalendarDate>?

    /// Consent is in force on `today` only when it was recorded and is not past review.
    public func isCurrent(on today: CalendarDate) -> Bool {
        guard recordedOn != nil, let reviewBy else { return false }
        return today <= reviewBy.value
    }

    static let fields = ["name", "profile", "photo", "lived_experience_statement", "recorded_on", "review_by"]
}

public struct Image: Sendable {
    public var src: String
    public var alt: String?
}

public struct Trainer: Sendable {
    public var id: String
    public var file: SourceFile
    public var name: String
    public var roles: [String]
    public var display: NameDisplay
    public var consent: Consent
    public var skills: [String]
    public var interests: [String]
    public var photo: Image?
    /// Every text under `private:`. Used by checks and the final output scan; never rendered.
    public var privateValues: [String]
    public var body: MarkdownSource
    public var location: SourceLocation?
    public var ignores: [Suppression] = []
    /// Where `display`, `photo` and `roles` are written, for consent findings.
    public var keyLocations: [String: SourceLocation] = [:]
    /// Where each role is written (its first mention), for findings about one role.
    public var roleLocations: [String: SourceLocation] = [:]

    static let fields = ["name", "roles", "display", "consent", "skills", "interests", "photo", "private", "ignore"]
}

public struct Partner: Sendable {
    public var id: String
    public var file: SourceFile
    public var name: String
    public var kind: PartnerKind?
    public var website: String?
    public var logo: Image?
    public var body: MarkdownSource
    public var ignores: [Suppression] = []
    public var logoLocation: SourceLocation?

    static let fields = ["name", "kind", "website", "logo", "ignore"]
}

public enum PartnerKind: String, Sendable, CaseIterable {
    case voluntary, statutory, community
    case userLed = "user-led"
    case education

    public var label: String {
        switch self {
        case .voluntary: "Voluntary organisation"
        case .statutory: "Public service"
        case .community: "Community group"
        case .userLed: "User-led organisation"
        case .education: "Education provider"
        }
    }
}

public struct VenueAccess: Sendable {
    public var stepFree: Bool?
    public var accessibleToilet: Bool?
    public var hearingLoop: Bool?
    public var quietSpace: Bool?

    static let fields = ["step_free", "accessible_toilet", "hearing_loop", "quiet_space"]
}

public struct OnlineInfo: Sendable {
    public var platform: String?
    public var howToJoin: String?
    public var techHelp: String?
}

public struct Venue: Sendable {
    public var id: String
    public var file: SourceFile
    public var name: String
    public var online: Bool
    public var address: String?
    public var postcode: String?
    public var access: VenueAccess?
    public var onlineInfo: OnlineInfo?
    public var body: MarkdownSource
    public var ignores: [Suppression] = []
    public var location: SourceLocation?

    static let fields = ["name", "online", "address", "postcode", "access", "online_info", "ignore"]
}

public struct Page: Sendable {
    public var id: String
    public var file: SourceFile
    public var title: String
    public var order: Int?
    public var body: MarkdownSource
    public var ignores: [Suppression] = []
    public var texts: [FieldText] = []

    static let fields = ["title", "order", "ignore"]
}

extension Trainer {
    static func decode(_ document: YAMLDocument, body: MarkdownSource, id: String, bag: DiagnosticBag) -> Trainer? {
        guard let r = FieldReader(document.root, in: document, what: "trainer", known: fields, bag: bag) else {
            return nil
        }
        let name = r.string("name", required: true, example: "Jo Bloggs")
        let roles = r.strings("roles", required: true, example: "[peer-trainer]") ?? []
        let display = r.choice("display", NameDisplay.self)?.value ?? .roleOnly
        var consent = Consent()
        if let c = r.nested("consent", what: "consent", known: Consent.fields) {
            consent.name = c.bool("name")?.value ?? false
            consent.profile = c.bool("profile")?.value ?? false
            consent.photo = c.bool("photo")?.value ?? false
            consent.livedExperienceStatement = c.bool("lived_experience_statement")?.value ?? false
            consent.recordedOn = c.date("recorded_on", required: true)
            consent.reviewBy = c.date("review_by", required: true)
            c.finish()
        }
        let photo = decodeImage(r, key: "photo")
        let privateValues = r.value("private").map { collectScalars($0) } ?? []
        let skills = r.strings("skills")?.map(\.value) ?? []
        let interests = r.strings("interests")?.map(\.value) ?? []
        let ignores = decodeIgnores(r)
        r.finish()
        guard let name else { return nil }
        var trainer = Trainer(
            id: id, file: document.file, name: name.value, roles: roles.map(\.value), display: display,
            consent: consent, skills: skills, interests: interests, photo: photo, privateValues: privateValues,
            body: body, location: r.here)
        trainer.ignores = ignores
        for role in roles where trainer.roleLocations[role.value] == nil { trainer.roleLocations[role.value] = role.location }
        for (key, _) in r.mapping {
            if let keyName = key.scalar?.string, let at = document.location(key) { trainer.keyLocations[keyName] = at }
        }
        return trainer
    }
}

extension Partner {
    static func decode(_ document: YAMLDocument, body: MarkdownSource, id: String, bag: DiagnosticBag) -> Partner? {
        guard let r = FieldReader(document.root, in: document, what: "partner", known: fields, bag: bag) else {
            return nil
        }
        let name = r.string("name", required: true, example: "Riverside Mind")
        let kind = r.choice("kind", PartnerKind.self)?.value
        let website = r.url("website")?.value
        let logo = decodeImage(r, key: "logo")
        let ignores = decodeIgnores(r)
        r.finish()
        guard let name else { return nil }
        var partner = Partner(id: id, file: document.file, name: name.value, kind: kind, website: website, logo: logo, body: body)
        partner.ignores = ignores
        partner.logoLocation = r.keyNode("logo").flatMap { document.location($0) }
        return partner
    }
}

extension Venue {
    static func decode(_ document: YAMLDocument, body: MarkdownSource, id: String, bag: DiagnosticBag) -> Venue? {
        guard let r = FieldReader(document.root, in: document, what: "venue", known: fields, bag: bag) else {
            return nil
        }
        let name = r.string("name", required: true, example: "Riverside Hub")
        let online = r.bool("online")?.value ?? false
        var access: VenueAccess?
        if let a = r.nested("access", what: "access details", known: VenueAccess.fields) {
            access = VenueAccess(
                stepFree: a.bool("step_free")?.value, accessibleToilet: a.bool("accessible_toilet")?.value,
                hearingLoop: a.bool("hearing_loop")?.value, quietSpace: a.bool("quiet_space")?.value)
            a.finish()
        }
        var onlineInfo: OnlineInfo?
        if let o = r.nested("online_info", what: "online joining details", known: ["platform", "how_to_join", "tech_help"]) {
            onlineInfo = OnlineInfo(
                platform: o.string("platform")?.value, howToJoin: o.string("how_to_join")?.value,
                techHelp: o.string("tech_help")?.value)
            o.finish()
        }
        var venue = Venue(
            id: id, file: document.file, name: name?.value ?? "", online: online,
            address: r.string("address")?.value, postcode: r.string("postcode")?.value, access: access,
            onlineInfo: onlineInfo, body: body)
        venue.ignores = decodeIgnores(r)
        venue.location = r.here
        r.finish()
        return name == nil ? nil : venue
    }
}

extension Page {
    static func decode(_ document: YAMLDocument, body: MarkdownSource, id: String, bag: DiagnosticBag) -> Page? {
        guard let r = FieldReader(document.root, in: document, what: "page", known: fields, bag: bag) else {
            return nil
        }
        let title = r.string("title", required: true, example: "How to enrol")
        let order = r.int("order", example: "2")?.value
        let ignores = decodeIgnores(r)
        r.finish()
        guard let title else { return nil }
        var page = Page(id: id, file: document.file, title: title.value, order: order, body: body)
        page.ignores = ignores
        page.texts = [FieldText("title", title)]
        return page
    }
}

/// Reads `{src, alt}` and refuses a path that could leave the content folder.
func decodeImage(_ r: FieldReader, key: String) -> Image? {
    guard let i = r.nested(key, what: "image", known: ["src", "alt"]) else { return nil }
    let src = i.string("src", required: true, example: "images/jo.jpg")
    let alt = i.string("alt")
    i.finish()
    guard let src else { return nil }
    guard AssetPath.isSafe(src.value) else {
        r.bag.add(
            r.document.file.diagnostic(
                .dataAssetPath, at: src.location,
                "`\(key).src`: \"\(src.value)\" leads outside the content folder",
                hint: "put the image in content/images/ and write its path from there, e.g. images/photo.jpg"))
        return nil
    }
    return Image(src: src.value, alt: alt?.value)
}

/// Asset paths are relative to `content/` and must stay inside it.
public enum AssetPath {
    public static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0"),
            !path.contains(":")
        else { return false }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return !parts.contains { $0 == ".." || $0.isEmpty }
    }
}

/// Every text value below a node, for the private-value scan. Bounded by the
/// parser's node budget, so it cannot run away on aliases.
func collectScalars(_ node: Node) -> [String] {
    switch node {
    case .scalar(let scalar): return [scalar.string]
    case .sequence(let sequence): return sequence.flatMap { collectScalars($0) }
    case .mapping(let mapping): return mapping.flatMap { collectScalars($0.value) }
    case .alias: return []
    }
}
