import Foundation

/// A file the build will write, relative to the output folder.
public struct OutputFile: Sendable {
    public var path: String
    public var contents: Data

    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Data(text.utf8))
    }
}

/// Stage 6: every page of the site, rendered through the theme.
struct SiteRenderer {
    let contexts: PageContexts
    let theme: Theme
    var site: Site { contexts.site }
    var root: String { contexts.root }

    func renderAll() -> (files: [OutputFile], diagnostics: [Diagnostic]) {
        var files: [OutputFile] = []
        var diagnostics: [Diagnostic] = []
        func page(_ template: String, _ path: String, _ context: [String: Any]) {
            guard let html = theme.render(template, context) else {
                diagnostics.append(
                    Diagnostic(
                        rule: .templateMissing, file: nil, location: nil, message: "the template \(template) is missing",
                        hint: "add \(template).mustache to the theme"))
                return
            }
            files.append(OutputFile(path: path, text: html))
        }

        page("home", "index.html", home())
        // Course pages are most of the work and independent of each other: render
        // them on every core; results keep the courses' order.
        let coursePages = parallelMap(contexts.published) { [self] course -> OutputFile? in
            theme.render("course", contexts.coursePage(course)).map {
                OutputFile(path: "courses/\(course.id)/index.html", text: $0)
            }
        }
        files += coursePages.compactMap { $0 }
        for listing in listings() {
            page("listing", listing.path + "index.html", listing.context)
        }
        page("trainers", "trainers/index.html", trainerDirectory())
        for trainer in site.trainers {
            guard let person = contexts.people[trainer.id], person.hasProfile else { continue }
            page("trainer", "trainers/\(trainer.id)/index.html", trainerPage(trainer, person))
        }
        page("partners", "partners/index.html", partnerIndex())
        for partner in site.partners {
            page("partner", "partners/\(partner.id)/index.html", partnerPage(partner))
        }
        page("venues", "venues/index.html", venueIndex())
        for venue in site.venues {
            page("venue", "venues/\(venue.id)/index.html", venuePage(venue))
        }
        for item in site.pages {
            var context = contexts.base(
                title: item.title, description: "\(item.title) — \(site.college.name)", path: "pages/\(item.id)/",
                current: "pages/\(item.id)/")
            context["page"] = ["title": item.title, "body_html": contexts.html(item.body, in: item.file)]
            page("page", "pages/\(item.id)/index.html", context)
        }
        page("prospectus", "prospectus.html", printedProspectus())
        let report = CoproductionReport(site: site, today: contexts.today)
        page("coproduction", "coproduction/index.html", coproductionPage(report))
        files.append(OutputFile(path: "coproduction.json", text: report.render(.json, publicLabels: true)))
        var notFound = contexts.base(title: "Page not found", description: "This page could not be found.", path: "404.html")
        notFound["courses_url"] = root
        page("404", "404.html", notFound)
        files.append(OutputFile(path: "sitemap.xml", text: Sitemap.xml(baseURL: site.college.baseURLWithSlash, pages: files.map(\.path))))
        // Machine-readable companions of the prospectus: Atom feed, robots.txt, the filter's index.
        let ordered = contexts.prospectusOrder()
        files.append(OutputFile(path: Feeds.feedPath, text: Feeds.atom(contexts: contexts, courses: ordered)))
        files.append(OutputFile(path: Feeds.robotsPath, text: Feeds.robots(college: site.college)))
        files.append(OutputFile(path: SearchIndex.path, text: SearchIndex.json(contexts: contexts, courses: ordered)))
        return (files, diagnostics)
    }

    // MARK: home and listings

    func published(in predicate: (Course) -> Bool) -> [Course] {
        contexts.published.filter(predicate)
    }

    func sortedCourses(_ courses: [Course]) -> [Course] {
        let termOrder = Dictionary(site.college.terms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        return courses.sorted {
            let a = (termOrder[$0.term.value] ?? Int.max, $0.firstDate?.daysSinceEpoch ?? Int.max, $0.title)
            let b = (termOrder[$1.term.value] ?? Int.max, $1.firstDate?.daysSinceEpoch ?? Int.max, $1.title)
            return a < b
        }
    }

    func home() -> [String: Any] {
        let college = site.college
        var context = contexts.base(
            title: college.name, description: "The \(college.edition) prospectus of \(college.name): free courses about recovery and wellbeing.",
            path: "", current: "")
        context["is_home"] = true
        context["welcome_html"] = site.pagesByID["welcome"].map { contexts.html($0.body, in: $0.file) } ?? false
        // "What is a Recovery College?": the page's first paragraph and a link to the rest.
        context["what_is"] = site.pagesByID["what-is-a-recovery-college"].map { page -> [String: Any] in
            [
                "title": page.title, "url": root + "pages/\(page.id)/",
                "intro_html": PageContexts.firstParagraph(of: contexts.html(page.body, in: page.file)) ?? false,
            ]
        } ?? false
        context["coproduction_html"] = college.coproduction.statement.map { contexts.fieldHTML($0) } ?? false
        context["coproduction_url"] = root + "coproduction/"
        if let enrolment = college.enrolment {
            let how = contexts.fieldHTML(enrolment.how)
            let guide = site.pagesByID["how-to-enrol"]
            var guideURL: Any = false
            if let guide {
                let url = root + "pages/\(guide.id)/"
                if !how.contains("href=\"\(url)\"") { guideURL = url }
            }
            context["enrolment"] = [
                "how_html": how,
                "url": enrolment.url ?? false,
                "phone": enrolment.phone ?? false,
                "phone_link": enrolment.phone.map(contexts.telLink) ?? false,
                "email": enrolment.email ?? false,
                // The guide, unless the enrolment text already links to it.
                "guide_url": guideURL,
                "guide_title": guide?.title ?? false,
            ]
        } else {
            context["enrolment"] = false
        }
        let sections = contexts.categorySections()
        context["categories"] = sections.map { category, courses -> [String: Any] in
            [
                "id": category.id, "name": category.name, "description": category.description ?? false,
                "url": root + "categories/\(category.id)/", "courses": courses.map(contexts.card),
                "count": courses.count, "count_label": courses.count == 1 ? "1 course" : "\(courses.count) courses",
            ]
        }
        context["browse"] = browseGroups()
        let count = contexts.published.count
        context["course_count"] = count
        context["course_count_label"] = count == 1 ? "1 course" : "\(count) courses"
        context["search_index_url"] = root + SearchIndex.path
        context["filter_js"] = root + "assets/filter.js"
        context["json_ld"] = StructuredData.itemList(contexts.prospectusOrder(), contexts: contexts).compact
        return context
    }

    struct Listing {
        var path: String
        var context: [String: Any]
    }

    /// Groups of links to the static filter pages, which work without JavaScript.
    func browseGroups() -> [[String: Any]] {
        func group(_ title: String, _ items: [(String, String, Int)]) -> [String: Any] {
            ["title": title, "items": items.filter { $0.2 > 0 }.map { ["name": $0.0, "url": $0.1, "count": $0.2] }]
        }
        let college = site.college
        return [
            group("By term", college.terms.map { term in
                (term.name, root + "terms/\(term.id)/", published { $0.term.value == term.id }.count)
            }),
            group("By format", CourseFormat.allCases.map { format in
                (format.label, root + "formats/\(format.rawValue)/", published { $0.format == format }.count)
            }),
            group("By who it is for", college.audiences.map { audience in
                (audience.prefix(1).uppercased() + audience.dropFirst(), root + "audiences/\(Slug.make(from: audience))/",
                 published { $0.audience.contains { $0.value == audience } }.count)
            }),
        ]
    }

    func listings() -> [Listing] {
        var result: [Listing] = []
        func add(_ path: String, title: String, intro: String?, courses: [Course]) {
            var context = contexts.base(title: title, description: "\(title): courses at \(site.college.name).", path: path)
            context["listing"] = [
                "title": title, "intro": intro ?? "", "courses": sortedCourses(courses).map(contexts.card),
                "count": courses.count, "count_label": courses.count == 1 ? "1 course" : "\(courses.count) courses",
            ]
            context["browse"] = browseGroups()
            result.append(Listing(path: path, context: context))
        }
        for category in site.college.categories {
            add("categories/\(category.id)/", title: category.name, intro: category.description,
                courses: published { $0.category.value == category.id })
        }
        for term in site.college.terms {
            add("terms/\(term.id)/", title: term.name,
                intro: "From \(Format.longDate(term.start)) to \(Format.longDate(term.end)).",
                courses: published { $0.term.value == term.id })
        }
        for format in CourseFormat.allCases {
            let courses = published { $0.format == format }
            guard !courses.isEmpty else { continue }
            add("formats/\(format.rawValue)/", title: format.plural,
                intro: nil, courses: courses)
        }
        for audience in site.college.audiences {
            add("audiences/\(Slug.make(from: audience))/", title: "For " + audience, intro: nil,
                courses: published { $0.audience.contains { $0.value == audience } })
        }
        return result
    }

    // MARK: people, partners, venues

    func trainerDirectory() -> [String: Any] {
        let policy = site.college.coproduction
        var context = contexts.base(
            title: "Our trainers", description: "The trainers who co-deliver courses at \(site.college.name).",
            path: "trainers/", current: "trainers/")
        var listed: [[String: Any]] = []
        var unlisted = 0
        for trainer in site.trainers.sorted(by: { $0.id < $1.id }) {
            guard let person = contexts.people[trainer.id], person.hasProfile else {
                unlisted += 1
                continue
            }
            listed.append([
                "name": person.name ?? "",
                "has_name": person.name != nil,
                "roles": trainer.roles.map { policy.label(for: $0) }.joined(separator: ", "),
                "url": root + "trainers/\(trainer.id)/",
            ])
        }
        context["trainers"] = listed
        context["unlisted_count"] = unlisted
        context["has_unlisted"] = unlisted > 0
        return context
    }

    func trainerPage(_ trainer: Trainer, _ person: PublicTrainer) -> [String: Any] {
        let policy = site.college.coproduction
        let roles = trainer.roles.map { policy.label(for: $0) }
        let heading = person.name ?? Format.list(roles)
        var context = contexts.base(
            title: heading, description: "\(heading), \(roles.joined(separator: ", ")) at \(site.college.name).",
            path: "trainers/\(trainer.id)/", current: "trainers/")
        var data: [String: Any] = [
            "heading": heading,
            "roles": roles.joined(separator: ", "),
            "skills": trainer.skills,
            "interests": trainer.interests,
            "body_html": contexts.html(trainer.body, in: trainer.file),
        ]
        if person.showPhoto, let photo = trainer.photo {
            data["photo"] = ["src": root + photo.src, "alt": photo.alt ?? ""]
        }
        let courses = sortedCourses(published { $0.trainers.contains { $0.id.value == trainer.id } })
        data["courses"] = courses.map(contexts.card)
        context["trainer"] = data
        return context
    }

    func partnerIndex() -> [String: Any] {
        var context = contexts.base(
            title: "Our partners", description: "Community organisations that work with \(site.college.name).",
            path: "partners/", current: "partners/")
        context["partners"] = site.partners.sorted { $0.name < $1.name }.map { partner -> [String: Any] in
            ["name": partner.name, "url": root + "partners/\(partner.id)/", "kind": partner.kind?.label ?? ""]
        }
        return context
    }

    func partnerPage(_ partner: Partner) -> [String: Any] {
        var context = contexts.base(
            title: partner.name, description: "\(partner.name), a partner of \(site.college.name).",
            path: "partners/\(partner.id)/", current: "partners/")
        var data: [String: Any] = [
            "name": partner.name,
            "kind": partner.kind?.label ?? "",
            "body_html": contexts.html(partner.body, in: partner.file),
            "courses": sortedCourses(published { $0.partners.contains { $0.id.value == partner.id } }).map(contexts.card),
        ]
        if let website = partner.website { data["website"] = website }
        if let logo = partner.logo { data["logo"] = ["src": root + logo.src, "alt": logo.alt ?? ""] }
        context["partner"] = data
        return context
    }

    func venueIndex() -> [String: Any] {
        var context = contexts.base(
            title: "Venues", description: "Where courses at \(site.college.name) take place, with access details.",
            path: "venues/", current: "venues/")
        context["venues"] = site.venues.sorted { $0.name < $1.name }.map { venue -> [String: Any] in
            ["name": venue.name, "url": root + "venues/\(venue.id)/", "online": venue.online,
             "address": venue.address ?? ""]
        }
        return context
    }

    func venuePage(_ venue: Venue) -> [String: Any] {
        var context = contexts.base(
            title: venue.name, description: "\(venue.name): how to get there and access details.",
            path: "venues/\(venue.id)/", current: "venues/")
        var data: [String: Any] = [
            "name": venue.name,
            "online": venue.online,
            "access": contexts.accessItems(venue.access),
            "body_html": contexts.html(venue.body, in: venue.file),
            "courses": sortedCourses(published { $0.sessions.contains { $0.venue.value == venue.id } }).map(contexts.card),
        ]
        if let address = venue.address { data["address"] = address }
        if let postcode = venue.postcode { data["postcode"] = postcode }
        if let info = venue.onlineInfo {
            data["platform"] = info.platform
            data["how_to_join"] = info.howToJoin
            data["tech_help"] = info.techHelp
        }
        context["venue"] = data
        return context
    }

    // MARK: the accountability report

    func coproductionPage(_ report: CoproductionReport) -> [String: Any] {
        var context = contexts.base(
            title: "How our courses are co-produced",
            description: "The coproduction report of \(site.college.name)'s \(site.college.edition) prospectus.",
            path: "coproduction/")
        func share(_ name: String, _ share: CoproductionReport.Share, target: Double? = nil) -> [String: Any] {
            var entry: [String: Any] = [
                "name": name, "count": share.count, "total": share.total, "percent": share.percent,
                "target": false, "below_target": false,
            ]
            if let target {
                let targetPercent = Int((target * 100).rounded())
                entry["target"] = "\(targetPercent)%"
                entry["target_percent"] = targetPercent
                entry["below_target"] = share.fraction < target
            }
            return entry
        }
        func counts(_ list: [(String, Int)]) -> [[String: Any]] {
            let most = max(1, list.map(\.1).max() ?? 1)
            return list.map { ["name": $0.0, "count": $0.1, "percent": Int((Double($0.1) / Double(most) * 100).rounded())] }
        }
        func mark(_ holds: Bool) -> [String: Any] { ["holds": holds, "label": holds ? "Yes" : "No"] }
        context["report"] = [
            "course_count": report.courses.count,
            "shares": [
                share("Courses with a trainer who has lived experience", report.livedExperience),
                share("Courses co-delivered by a lived-experience trainer and another trainer", report.pair),
                share("Courses with a community partner", report.partner, target: report.partnerTarget),
                share("Courses reviewed in time", report.reviewedInTime),
            ],
            "courses": report.courses.map { row -> [String: Any] in
                [
                    "title": row.title, "url": contexts.courseURL(row.id), "status_label": row.status.label,
                    "checks": [
                        mark(row.livedExperience), mark(row.pair), mark(row.designedWith), mark(row.reviewedInTime),
                        mark(row.partner), mark(row.outcomes), mark(row.accessibility),
                    ],
                ]
            },
            "by_role": counts(report.byRole),
            "by_format": counts(report.byFormat),
            "by_category": counts(report.byCategory),
            "by_audience": counts(report.byAudience),
            "trainers": report.trainerLoad.map { ["label": $0.publicLabel, "roles": $0.roles.joined(separator: ", "), "courses": $0.courses, "sessions": $0.sessions] },
        ]
        return context
    }
}

/// Holds only the immutable page contexts and the parsed theme (see PageContexts).
extension SiteRenderer: @unchecked Sendable {}
