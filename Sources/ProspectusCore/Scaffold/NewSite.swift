import Foundation

/// `prospectus init [DIR]`: a new site that builds with no errors and no
/// warnings: college.yml, one course delivered by a peer trainer and a
/// practitioner with a community partner, one venue, the pages the checks ask
/// for, and the default theme.
public enum NewSite {
    public struct Created: Sendable {
        /// Every file written, relative to the new site's folder, sorted.
        public var files: [String]
        /// True when a `.gitignore` was already there and `output/` was added to it.
        public var extendedGitignore: Bool
    }

    /// Every file of a new site made on `today`, sorted by path. Deterministic.
    public static func files(today: CalendarDate) -> [(path: String, contents: Data)] {
        var files = content(today: today).map { ("content/" + $0.path, Data($0.text.utf8)) }
        files += DefaultTheme.files.map { ("templates/" + $0.path, $0.contents) }
        files.append((".gitignore", Data(gitignore.utf8)))
        return files.sorted { $0.0 < $1.0 }
    }

    static let gitignore = """
        # Made by prospectus init. Every build makes output/ again from content/
        # and templates/, so it does not belong in git.
        output/
        # The build's working folders and lock, beside output/.
        .output.*

        """

    static let peerID = "alex-example"
    static let practitionerID = "sam-sample"
    static let partnerID = "example-peer-network"
    static let venueID = "example-community-centre"
    static let courseID = "understanding-recovery"

    static func content(today: CalendarDate) -> [(path: String, text: String)] {
        let college = StarterCollege(today: today)
        var files: [(String, String)] = [("college.yml", college.text)]
        files.append(("courses/\(courseID).md", course(college).text))
        files += trainers(college).map { ("trainers/\($0.0).md", $0.1.text) }
        files.append(("partners/\(partnerID).md", partner.text))
        files.append(("venues/\(venueID).md", venue.text))
        for (index, page) in StarterPages.all.enumerated() {
            files.append(("pages/\(page.id).md", PageFile(title: page.title, order: index + 1, body: page.body(college.contact)).text))
        }
        return files
    }

    static func course(_ college: StarterCollege) -> CourseFile {
        let policy = CoproductionPolicy()
        let term = SiteFacts.currentTerm(college.terms, today: college.today) ?? college.terms[0]
        let day = SiteFacts.weekdays(in: term, from: college.today)[0]
        let slot = SiteFacts.slots[0]
        return CourseFile(
            title: "Understanding recovery",
            summary: "What recovery can mean, and how people find their own way. A good first course if you are new to the college.",
            category: StarterCollege.categories[0].id, audience: ["people using services", "family and friends", "staff", "community"],
            term: term.id,
            outcomes: [
                "Describe what personal recovery means to you",
                "Name three things that support hope, control and opportunity",
                "Set one small goal of your own",
            ],
            session: (day, slot.start, slot.end, venueID, .onsite),
            booking: "{url: \"\(StarterCollege.enrolURL)\", first_session_required: true}",
            accessibilityNotes: "Large-print handouts are available. Tell us about anything else you need when you enrol.",
            materials: ["large-print"], nextPartners: [partnerID],
            trainers: [.init(id: peerID, role: "peer-trainer"), .init(id: practitionerID, role: "practitioner-trainer")],
            partners: [(partnerID, .coDesigned)], designedWith: ["Student forum", "Peer trainers' network"],
            lastReviewed: college.today,
            body: """
                Recovery means different things to different people. On this course we explore what it could mean for you, at your own pace.

                ## What we will cover

                - Ideas about recovery, and where they came from
                - Hope, control and opportunity
                - The people, places and activities that help us

                ## What to expect

                The session lasts two hours, with a tea break in the middle. We learn through short talks and small-group chats. You never have to share anything you do not want to.

                ## Who it suits

                Anyone curious about recovery is welcome. You do not need a referral.

                """,
            choices: .init(
                collegeName: StarterCollege.name, categories: StarterCollege.categories.map(\.id),
                audiences: ["people using services", "family and friends", "staff", "community"], terms: college.terms,
                livedExperienceRoles: policy.livedExperienceRoles, otherRoles: policy.otherRoles, partnerIDs: [partnerID]))
    }

    /// A peer trainer shown by role only (no consent to more, the default), and
    /// a practitioner who has agreed to be named and to have a page: one of
    /// each side of the pair, and both ways consent can go.
    static func trainers(_ college: StarterCollege) -> [(String, TrainerFile)] {
        let policy = CoproductionPolicy()
        let today = college.today
        let peer = TrainerFile(
            name: "Alex Example", roles: ["peer-trainer"], recordedOn: today, reviewBy: today.nextYear,
            skills: ["group facilitation", "peer support"], interests: ["creative writing"],
            privateLines: ["  phone: \"07700 900001\""],
            bio: """
                Alex joined the college as a student, and now co-delivers courses about recovery.

                Alex has not agreed to a page of their own yet, so this text is not published.

                """,
            livedExperienceRoles: policy.livedExperienceRoles, otherRoles: policy.otherRoles)
        var practitioner = TrainerFile(
            name: "Sam Sample", roles: ["practitioner-trainer"], recordedOn: today, reviewBy: today.nextYear,
            skills: ["goal setting", "co-production with teams"], interests: ["everyday routines"],
            privateLines: ["  phone: \"07700 900002\""],
            bio: """
                Sam is an occupational therapist who co-delivers courses on recovery. Sam is interested in how everyday activities help us feel well.

                """,
            livedExperienceRoles: policy.livedExperienceRoles, otherRoles: policy.otherRoles)
        practitioner.display = .fullName
        practitioner.consentName = true
        practitioner.consentProfile = true
        return [(peerID, peer), (practitionerID, practitioner)]
    }

    static let partner = PartnerFile(
        name: "Example Peer Support Network", kind: .userLed, website: "https://example.org/",
        body: """
            Example Peer Support Network is a user-led group, run by and for people with lived experience.

            ## How we work together

            - Members helped design our course on understanding recovery
            - The network runs weekly peer support groups that students can join after a course

            """)

    static let venue = VenueFile(
        name: "Example Community Centre", online: false, address: "1 Example Street, Exampletown", stepFree: true,
        accessibleToilet: true, hearingLoop: true, quietSpace: true,
        body: """
            Example Community Centre is a friendly neighbourhood centre, five minutes' walk from the bus station.

            ## Inside the building

            - Level access through the main entrance
            - An accessible toilet next to the hall
            - A quiet room you can use at any time

            """)

    /// Writes the new site into `folder`, creating it when it is missing. A
    /// folder that holds anything but hidden files (such as `.git`) is refused
    /// and left untouched.
    public static func create(at folder: URL, now: Date) -> Result<Created, ScaffoldError> {
        let fm = FileManager.default
        let root = folder.standardizedFileURL
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: root.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                return .failure(ScaffoldError("\(root.path) is a file, not a folder", hint: "choose a folder name for the new site"))
            }
            guard let names = try? fm.contentsOfDirectory(atPath: root.path) else {
                return .failure(ScaffoldError("\(root.path) cannot be read"))
            }
            let visible = names.filter { !$0.hasPrefix(".") }.sorted()
            if !visible.isEmpty {
                let shown = visible.prefix(3).joined(separator: ", ") + (visible.count > 3 ? ", ..." : "")
                return .failure(
                    ScaffoldError(
                        "\(root.path) is not empty (it holds \(shown)); nothing was written",
                        hint: "give a new folder name, e.g. `prospectus init my-college`, or empty this one; hidden files such as .git may stay"))
            }
        }
        let today = Pipeline.today(now, timezone: StarterCollege.timezone)
        var written: [String] = []
        var extended = false
        do {
            try fm.createDirectory(at: root, withIntermediateDirectories: true)
            for (path, contents) in files(today: today) {
                let target = root.appendingPathComponent(path)
                if path == ".gitignore", fm.fileExists(atPath: target.path) {
                    extended = try addOutput(toGitignore: target)
                    if extended { written.append(path) }
                    continue
                }
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try contents.write(to: target, options: .withoutOverwriting)
                written.append(path)
            }
        } catch {
            let done = written.isEmpty ? "" : " (\(written.count) files were written before it stopped)"
            return .failure(ScaffoldError("the new site could not be written in \(root.path): \(error.localizedDescription)\(done)"))
        }
        return .success(Created(files: written, extendedGitignore: extended))
    }

    /// Adds `output/` to a `.gitignore` that does not already ignore it.
    static func addOutput(toGitignore url: URL) throws -> Bool {
        let existing = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        let lines = existing.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !lines.contains(where: { ["output", "output/", "/output", "/output/"].contains($0) }) else { return false }
        let separator = existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n"
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((separator + gitignore).utf8))
        return true
    }
}
