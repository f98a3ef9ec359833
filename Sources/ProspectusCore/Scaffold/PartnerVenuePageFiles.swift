/// The text of a community partner file.
struct PartnerFile: Sendable {
    var name: String
    var kind: PartnerKind? = .community
    var website: String?
    var body: String

    var text: String {
        [
            "---",
            "# A community partner: an organisation that helps design, deliver or host",
            "# courses. Lines starting with # are notes for you: they are never published.",
            "",
            "# Required. The organisation's name.",
            "name: \(YAMLText.line(name))",
            "# What kind of organisation it is: voluntary, statutory, community,",
            "# user-led or education.",
            "kind:" + (kind.map { " \($0.rawValue)" } ?? ""),
            "# Their website, starting with https://. Leave it empty if there is none.",
            "website:" + (website.map { " \(YAMLText.line($0))" } ?? ""),
            "# Their logo, if they are happy for you to show it. Put the picture in",
            "# content/images/ and describe it, e.g. {src: images/logo.png, alt: Their logo}",
            "logo:",
            "---",
        ].joined(separator: "\n") + "\n" + body
    }
}

/// The text of a venue file: a building, or an online room.
struct VenueFile: Sendable {
    var name: String
    var online: Bool
    var address: String?
    var postcode: String?
    /// Access facts; nil leaves the answer empty until someone has checked.
    var stepFree: Bool?
    var accessibleToilet: Bool?
    var hearingLoop: Bool?
    var quietSpace: Bool?
    var platform: String?
    var howToJoin: String?
    var techHelp: String?
    var body: String

    var text: String {
        func value(_ text: String?) -> String { text.map { " " + YAMLText.line($0) } ?? "" }
        func flag(_ value: Bool?) -> String { value.map { " \($0)" } ?? "" }
        return [
            "---",
            "# A place where courses happen, or an online room. Lines starting with #",
            "# are notes for you: they are never published.",
            "",
            "# Required. The name students will look for.",
            "name: \(YAMLText.line(name))",
            "# true for an online room, false for a building.",
            "online: \(online)",
            "# For a building: the street address and the postcode.",
            "address:" + value(address),
            "postcode:" + value(postcode),
            "# For a building: true or false for each. Leave one empty until you have",
            "# checked it: the site shows only what you fill in.",
            "access:",
            "  step_free:" + flag(stepFree),
            "  accessible_toilet:" + flag(accessibleToilet),
            "  hearing_loop:" + flag(hearingLoop),
            "  quiet_space:" + flag(quietSpace),
            "# For an online room: the app you use, how students join, and who helps",
            "# if the technology goes wrong. Every online session needs the last two.",
            "online_info:",
            "  platform:" + value(platform),
            "  how_to_join:" + value(howToJoin),
            "  tech_help:" + value(techHelp),
            "---",
        ].joined(separator: "\n") + "\n" + body
    }
}

/// The text of a free page, such as "How to enrol".
struct PageFile: Sendable {
    var title: String
    var order: Int
    var body: String

    var text: String {
        [
            "---",
            "# A page of the site, such as \"How to enrol\". Lines starting with # are",
            "# notes for you: they are never published.",
            "",
            "# Required. The page's title, also used in the menu.",
            "title: \(YAMLText.line(title))",
            "# Its place in the menu: 1 comes first.",
            "order: \(order)",
            "---",
        ].joined(separator: "\n") + "\n" + body
    }
}
