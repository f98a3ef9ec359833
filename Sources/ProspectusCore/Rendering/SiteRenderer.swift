import CPlatform
import Foundation

/// A file the build will write, relative to the output folder.
public struct OutputFile: Sendable {
    public var path: String
    public var contents: Data

    /// Unchanged since the previous build: the staging folder gets a link to
    /// the previous output's file, and `contents` is empty.
    var fromPreviousOutput = false

    /// For the privacy scan only: search this calendar as a reader's calendar
    /// app shows it (unfolded, unescaped), made a piece at a time rather than
    /// as a second whole file (see PrivacyScan.Scanner).
    var scanAsCalendarView = false

    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Data(text.utf8))
    }
}

/// Stage 6: every page of the site, rendered through the theme.
///
/// Each page is made from a context (PageContexts) and a template, unless the
/// memo of the last render holds the same page made from the same inputs
/// (same fingerprint, RenderKeys): then its bytes are reused. A course card and
/// a course's section of the printed prospectus are rendered once and pasted
/// into every page that lists the course.
struct SiteRenderer {
    let contexts: PageContexts
    let theme: Theme
    let keys: RenderKeys
    let memo: RenderMemo
    var site: Site { contexts.site }
    var root: String { contexts.root }

    /// The files being made, handed to the collector batch by batch, and what
    /// to remember for next time.
    struct Rendered {
        let collector: OutputCollector
        /// Made or reused since the last `flush`.
        var pending: [OutputFile] = []
        var pendingBytes = 0
        var made: [String: RenderMemo.Made] = [:]
        var fragments: [String: (key: UInt64, html: String)] = [:]
        var diagnostics: [Diagnostic] = []
        /// Paths whose bytes were made by this render rather than reused.
        var fresh: Set<String> = []
        /// Pages that list every course, served as they were during a quick pass.
        var deferred: Set<String> = []
        /// Where each printed section sits in prospectus.html, for the build
        /// cache: the next build copies unchanged sections from there.
        var spans: [String: RenderMemo.Span] = [:]
        /// How many printed sections, and courses' calendar events, were copied
        /// from the previous build's prospectus.html and calendar.ics.
        var copiedSections = 0
        var copiedEvents = 0

        init(collector: OutputCollector) { self.collector = collector }

        /// Whether to note where fragments sit (`spans`): only for a build that
        /// writes the output folder, the one the next build's cache reads.
        var recordsSpans: Bool {
            if case .staging = collector.destination { return true }
            return false
        }

        /// Adds a file, reused or made now; false when `make` could not make it.
        @discardableResult
        mutating func add(_ path: String, key: UInt64, reused: RenderMemo.Reuse?, make: () -> String?) -> Bool {
            addBytes(path, key: key, reused: reused) { make().map { Data($0.utf8) } }
        }

        /// `add` for a file made straight as bytes (see Splice).
        @discardableResult
        mutating func addBytes(_ path: String, key: UInt64, reused: RenderMemo.Reuse?, make: () -> Data?) -> Bool {
            var file: OutputFile
            switch reused {
            case .bytes(let data)?: file = OutputFile(path: path, contents: data)
            case .previousOutput?:
                // Linked from the previous output when written; never read here.
                file = OutputFile(path: path, contents: Data())
                file.fromPreviousOutput = true
            case nil:
                guard let bytes = make() else { return false }
                file = OutputFile(path: path, contents: bytes)
                fresh.insert(path)
            }
            pending.append(file)
            pendingBytes += file.contents.count
            made[path] = RenderMemo.Made(key: key, data: collector.keepsBytes ? file.contents : nil)
            return true
        }

        /// Adds a page that lists every course (see RenderMemo.reuseShared).
        @discardableResult
        mutating func addShared(_ path: String, key: UInt64, memo: RenderMemo, make: () -> String?) -> Bool {
            add(path, shared: memo.reuseShared(path, key: key), make: make)
        }

        /// Adds a page that lists every course, as `reuseShared` decided; a stale
        /// one is named in `deferred`, for the pass that makes it again.
        @discardableResult
        mutating func add(_ path: String, shared: RenderMemo.SharedReuse, make: () -> String?) -> Bool {
            addBytes(path, shared: shared) { make().map { Data($0.utf8) } }
        }

        @discardableResult
        mutating func addBytes(_ path: String, shared: RenderMemo.SharedReuse, make: () -> Data?) -> Bool {
            if shared.stale { deferred.insert(path) }
            return addBytes(path, key: shared.key, reused: shared.reused, make: make)
        }

        /// Flushes once the pages waiting add up to 16 MB: listing pages of a big
        /// site are megabytes each, and holding them all was a fifth of its heap.
        mutating func flushIfLarge() {
            if pendingBytes >= 16 << 20 { flush() }
        }

        /// Notes where a fragment sits in a file this build writes, for the
        /// next build's cache (only a build that writes the output folder).
        mutating func noteSpan(_ name: String, key: UInt64, in file: String, at offset: Int, length: Int, hash: UInt64) {
            guard recordsSpans else { return }
            spans[name] = RenderMemo.Span(file: file, key: key, offset: offset, length: length, hash: hash)
        }

        /// A file reused whole: its fragments are where the last build noted them.
        mutating func carrySpan(_ name: String, key: UInt64, memo: RenderMemo) {
            if let span = memo.previousSpan(name, key: key) { spans[name] = span }
        }

        /// Keeps a fragment (a card, a printed section, a course's events) for
        /// the next render; only a session that renders again keeps them.
        mutating func remember(_ name: String, key: UInt64, html: String) {
            if collector.keepsBytes { fragments[name] = (key, html) }
        }

        /// Hands what was made so far to the collector (scan, then keep or write).
        mutating func flush() {
            var keys: [String: UInt64] = [:]
            for file in pending { keys[file.path] = made[file.path]?.key }
            collector.take(pending, keys: keys, fresh: fresh)
            pending = []
            pendingBytes = 0
        }
    }

    func renderAll(into collector: OutputCollector) -> Rendered {
        var out = Rendered(collector: collector)
        // Between stages, memory freed by the last one is given back before the
        // next takes more: otherwise the peak resident size of a big build is
        // the sum of the stages' high-water marks (see CPlatform). A few
        // milliseconds each; not in a preview, which keeps its pages and wants
        // each save shown at once.
        func giveBackFreedMemory() {
            if !collector.keepsBytes { prospectus_return_free_memory() }
        }
        func missing(_ template: String) -> Diagnostic { Self.missing(template) }
        // Pages that paste course cards also depend on the card's template.
        let cardsKey = theme.key(of: "partials/course-card")
        // `shared`: a page that lists every course (or every trainer, partner or
        // venue), which a preview's quick pass leaves for the pass after it.
        func page(_ template: String, _ path: String, key inputs: UInt64, shared: Bool = false, _ context: () -> [String: Any]) {
            let key = keys.combine(inputs, theme.key(of: template))
            let ok =
                shared
                ? out.addShared(path, key: key, memo: memo) { theme.render(template, context()) }
                : out.add(path, key: key, reused: memo.reuse(path, key: key)) { theme.render(template, context()) }
            if !ok { out.diagnostics.append(missing(template)) }
            out.flushIfLarge()
        }

        let global = keys.global
        let everything = keys.combine(global, keys.allCourses, keys.allVenues, keys.allTrainers, keys.allPartners)
        StageTimes.measure("printed prospectus") {
            let printedKey = keys.combine(everything, theme.key(of: "partials/prospectus-course"))
            // Asked once: the branch taken and the bytes added must agree.
            let pageKey = keys.combine(printedKey, theme.key(of: "prospectus"))
            let printed = memo.reuseShared("prospectus.html", key: pageKey)
            if printed.reused == nil {
                var page: Data? = StageTimes.measure("printed sections and page") { printedProspectusBytes(into: &out) }
                let made = out.addBytes("prospectus.html", shared: printed) { page.take() }
                if !made { out.diagnostics.append(missing("prospectus")) }
            } else {
                // Reused whole (or, in a quick pass, as it was): keep the sections
                // for the next time a course changes.
                for course in contexts.ordered {
                    let name = "section/" + course.id
                    let key = sectionKey(course)
                    if let kept = memo.fragment(name, key: key) { out.remember(name, key: key, html: kept) }
                    out.carrySpan(name, key: key, memo: memo)
                }
                out.add("prospectus.html", shared: printed) { nil }
            }
            out.flush()
        }
        // Cards: once per course, on every core.
        let cards = StageTimes.measure("cards") { renderCards(into: &out) }

        StageTimes.measure("home") {
            page("home", "index.html", key: keys.combine(global, keys.allCourses, keys.browse, cardsKey), shared: true) { home(cards) }
        }
        // Course pages are most of the work and independent of each other: render
        // them on every core, a batch at a time so a big site is written as it
        // goes rather than held in memory; results keep the courses' order.
        StageTimes.measure("course pages") {
            for batch in stride(from: 0, to: contexts.ordered.count, by: 512) {
                let courses = Array(contexts.ordered[batch..<min(batch + 512, contexts.ordered.count)])
                let coursePages = parallelMap(courses) { [self] course -> (String, UInt64, RenderMemo.Reuse?, String?) in
                    let path = "courses/\(course.id)/index.html"
                    let key = keys.combine(keys.course[course.id] ?? 0, theme.key(of: "course"))
                    if let reused = memo.reuse(path, key: key) { return (path, key, reused, nil) }
                    return (path, key, nil, theme.render("course", contexts.coursePage(course)))
                }
                for (path, key, reused, html) in coursePages {
                    if !out.add(path, key: key, reused: reused, make: { html }) { out.diagnostics.append(missing("course")) }
                }
                out.flush()
            }
        }
        // The course pages' memory is free now; the listings take as much again.
        giveBackFreedMemory()
        StageTimes.measure("listings") {
            for listing in listings() {
                page(
                    "listing", listing.path + "index.html", key: keys.combine(global, keys.list(listing.courses), keys.browse, cardsKey),
                    shared: true
                ) {
                    listingContext(listing, cards)
                }
            }
        }
        StageTimes.measure("people, partners, venues, pages") {
            page("trainers", "trainers/index.html", key: keys.combine(global, keys.allTrainers), shared: true) { trainerDirectory() }
            addProfiles(
                site.trainers.compactMap { trainer in
                    guard let person = contexts.people[trainer.id], person.hasProfile else { return nil }
                    return .trainer(trainer, person, contexts.index.byTrainer[trainer.id] ?? [])
                }, cards: cards, into: &out)
            page("partners", "partners/index.html", key: keys.combine(global, keys.allPartners), shared: true) { partnerIndex() }
            addProfiles(site.partners.map { .partner($0, contexts.index.byPartner[$0.id] ?? []) }, cards: cards, into: &out)
            page("venues", "venues/index.html", key: keys.combine(global, keys.allVenues), shared: true) { venueIndex() }
            addProfiles(site.venues.map { .venue($0, contexts.index.byVenue[$0.id] ?? []) }, cards: cards, into: &out)
            addProfiles(site.pages.map { .page($0) }, cards: cards, into: &out)
            out.flush()
        }
        // The pages that list every course are freed by now.
        giveBackFreedMemory()
        // The report is worked out only when one of its two files must be made again.
        var report: CoproductionReport?
        func theReport() -> CoproductionReport {
            if let report { return report }
            let made = StageTimes.measure("coproduction figures") { CoproductionReport(site: site, today: contexts.today) }
            report = made
            return made
        }
        StageTimes.measure("coproduction report") {
            page("coproduction", "coproduction/index.html", key: everything, shared: true) { coproductionPage(theReport()) }
            out.addShared("coproduction.json", key: everything, memo: memo) {
                theReport().render(.json, publicLabels: true)
            }
            out.flush()
        }
        page("404", "404.html", key: global) {
            var notFound = contexts.base(title: "Page not found", description: "This page could not be found.", path: "404.html")
            notFound["courses_url"] = root
            return notFound
        }
        // Machine-readable companions of the prospectus: sitemap, Atom feed, robots.txt, the filter's index.
        out.flush()
        let pages = collector.paths
        out.add("sitemap.xml", key: 0, reused: nil) { Sitemap.xml(baseURL: site.college.baseURLWithSlash, pages: pages) }
        let ordered = contexts.prospectusOrder()
        out.addShared(Feeds.feedPath, key: everything, memo: memo) {
            Feeds.atom(contexts: contexts, courses: ordered)
        }
        out.add(Feeds.robotsPath, key: global, reused: memo.reuse(Feeds.robotsPath, key: global)) { Feeds.robots(college: site.college) }
        // Out before the search index is made: each is megabytes at 10,000 courses.
        out.flush()
        StageTimes.measure("feed, search index, sitemap") {
            out.addShared(SearchIndex.path, key: everything, memo: memo) {
                SearchIndex.json(contexts: contexts, courses: ordered)
            }
            out.flush()
        }
        // Before the calendars, which come next (Pipeline.render).
        giveBackFreedMemory()
        return out
    }

    /// A page template the theme lacks (which Theme.load rules out for the default pages).
    static func missing(_ template: String) -> Diagnostic {
        Diagnostic(
            rule: .templateMissing, file: nil, location: nil, message: "the template \(template) is missing",
            hint: "add \(template).mustache to the theme")
    }

    /// A page of its own for one trainer, partner, venue or information page.
    enum Profile: Sendable {
        case trainer(Trainer, PublicTrainer, [Course])
        case partner(Partner, [Course])
        case venue(Venue, [Course])
        case page(Page)
    }

    /// Profile pages: a thousand small pages at 10,000 courses, independent of
    /// each other, so made on every core a batch at a time and added in order.
    func addProfiles(_ profiles: [Profile], cards: [String: TemplateContext], into out: inout Rendered) {
        let global = keys.global
        let cardsKey = theme.key(of: "partials/course-card")
        for batch in stride(from: 0, to: profiles.count, by: 128) {
            let part = Array(profiles[batch..<min(batch + 128, profiles.count)])
            let made = parallelMap(part) { [self] profile -> (path: String, key: UInt64, reused: RenderMemo.Reuse?, html: String?, template: String) in
                let template: String, path: String, inputs: UInt64
                switch profile {
                case .trainer(let trainer, _, let courses):
                    (template, path) = ("trainer", "trainers/\(trainer.id)/index.html")
                    inputs = keys.combine(global, trainer.file.hash, keys.list(courses), cardsKey)
                case .partner(let partner, let courses):
                    (template, path) = ("partner", "partners/\(partner.id)/index.html")
                    inputs = keys.combine(global, partner.file.hash, keys.list(courses), cardsKey)
                case .venue(let venue, let courses):
                    (template, path) = ("venue", "venues/\(venue.id)/index.html")
                    inputs = keys.combine(global, venue.file.hash, keys.list(courses), cardsKey)
                case .page(let item):
                    (template, path) = ("page", "pages/\(item.id)/index.html")
                    inputs = keys.combine(global, item.file.hash)
                }
                let key = keys.combine(inputs, theme.key(of: template))
                if let reused = memo.reuse(path, key: key) { return (path, key, reused, nil, template) }
                return (path, key, nil, theme.render(template, profileContext(profile, cards: cards)), template)
            }
            for page in made where !out.add(page.path, key: page.key, reused: page.reused, make: { page.html }) {
                out.diagnostics.append(Self.missing(page.template))
            }
            out.flushIfLarge()
        }
    }

    func profileContext(_ profile: Profile, cards: [String: TemplateContext]) -> [String: Any] {
        switch profile {
        case .trainer(let trainer, let person, let courses): return trainerPage(trainer, person, courses, cards)
        case .partner(let partner, let courses): return partnerPage(partner, courses, cards)
        case .venue(let venue, let courses): return venuePage(venue, courses, cards)
        case .page(let item):
            var context = contexts.base(
                title: item.title, description: "\(item.title) — \(site.college.name)", path: "pages/\(item.id)/",
                current: "pages/\(item.id)/")
            context["page"] = ["title": item.title, "body_html": contexts.html(item.body, in: item.file)]
            return context
        }
    }

    /// Each published course's card (its context, with the card's HTML as
    /// `card_html`), rendered once and reused by every page that lists the
    /// course, on whichever thread makes that page.
    func renderCards(into out: inout Rendered) -> [String: TemplateContext] {
        let made = parallelMap(contexts.ordered) { [self] course -> (String, UInt64, TemplateContext, String?) in
            let key = keys.combine(keys.course[course.id] ?? 0, theme.key(of: "partials/course-card"))
            var card = contexts.card(course)
            let name = "card/" + course.id
            let html = memo.fragment(name, key: key) ?? theme.render("partials/course-card", card)
            card["card_html"] = html ?? ""
            return (course.id, key, TemplateContext(card), html)
        }
        var cards: [String: TemplateContext] = [:]
        for (id, key, card, html) in made {
            cards[id] = card
            if let html { out.remember("card/" + id, key: key, html: html) }
        }
        return cards
    }

    func cardList(_ courses: [Course], _ cards: [String: TemplateContext]) -> [[String: Any]] {
        courses.compactMap { cards[$0.id]?.value }
    }

    // MARK: home and listings

    func home(_ cards: [String: TemplateContext]) -> [String: Any] {
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
                "url": root + "categories/\(category.id)/", "courses": cardList(courses, cards),
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
        var title: String
        var intro: String?
        var courses: [Course]
    }

    /// Groups of links to the static filter pages, which work without JavaScript.
    func browseGroups() -> [[String: Any]] {
        func group(_ title: String, _ items: [(String, String, Int)]) -> [String: Any] {
            ["title": title, "items": items.filter { $0.2 > 0 }.map { ["name": $0.0, "url": $0.1, "count": $0.2] }]
        }
        let college = site.college
        let index = contexts.index
        return [
            group("By term", college.terms.map { term in
                (term.name, root + "terms/\(term.id)/", index.byTerm.count(term.id))
            }),
            group("By format", CourseFormat.allCases.map { format in
                (format.label, root + "formats/\(format.rawValue)/", index.byFormat.count(format))
            }),
            group("By who it is for", college.audiences.map { audience in
                (audience.prefix(1).uppercased() + audience.dropFirst(), root + "audiences/\(Slug.make(from: audience))/",
                 index.byAudience.count(audience))
            }),
        ]
    }

    func listings() -> [Listing] {
        var result: [Listing] = []
        let index = contexts.index
        for category in site.college.categories {
            result.append(
                Listing(path: "categories/\(category.id)/", title: category.name, intro: category.description,
                        courses: index.byCategory[category.id] ?? []))
        }
        for term in site.college.terms {
            result.append(
                Listing(path: "terms/\(term.id)/", title: term.name,
                        intro: "From \(Format.longDate(term.start)) to \(Format.longDate(term.end)).",
                        courses: index.byTerm[term.id] ?? []))
        }
        for format in CourseFormat.allCases {
            guard let courses = index.byFormat[format], !courses.isEmpty else { continue }
            result.append(Listing(path: "formats/\(format.rawValue)/", title: format.plural, intro: nil, courses: courses))
        }
        for audience in site.college.audiences {
            result.append(
                Listing(path: "audiences/\(Slug.make(from: audience))/", title: "For " + audience, intro: nil,
                        courses: index.byAudience[audience] ?? []))
        }
        return result
    }

    func listingContext(_ listing: Listing, _ cards: [String: TemplateContext]) -> [String: Any] {
        let title = listing.title
        var context = contexts.base(title: title, description: "\(title): courses at \(site.college.name).", path: listing.path)
        let count = listing.courses.count
        context["listing"] = [
            "title": title, "intro": listing.intro ?? "", "courses": cardList(listing.courses, cards),
            "count": count, "count_label": count == 1 ? "1 course" : "\(count) courses",
        ]
        context["browse"] = browseGroups()
        return context
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

    func trainerPage(_ trainer: Trainer, _ person: PublicTrainer, _ courses: [Course], _ cards: [String: TemplateContext]) -> [String: Any] {
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
        data["courses"] = cardList(courses, cards)
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

    func partnerPage(_ partner: Partner, _ courses: [Course], _ cards: [String: TemplateContext]) -> [String: Any] {
        var context = contexts.base(
            title: partner.name, description: "\(partner.name), a partner of \(site.college.name).",
            path: "partners/\(partner.id)/", current: "partners/")
        var data: [String: Any] = [
            "name": partner.name,
            "kind": partner.kind?.label ?? "",
            "body_html": contexts.html(partner.body, in: partner.file),
            "courses": cardList(courses, cards),
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

    func venuePage(_ venue: Venue, _ courses: [Course], _ cards: [String: TemplateContext]) -> [String: Any] {
        var context = contexts.base(
            title: venue.name, description: "\(venue.name): how to get there and access details.",
            path: "venues/\(venue.id)/", current: "venues/")
        var data: [String: Any] = [
            "name": venue.name,
            "online": venue.online,
            "access": contexts.accessItems(venue.access),
            "body_html": contexts.html(venue.body, in: venue.file),
            "courses": cardList(courses, cards),
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
        // Two marks, shared by every cell: the table has 70,000 of them at
        // 10,000 courses, and a dictionary each was 30 MB while it rendered.
        // `class` spares the template two sections on `holds` per cell (a
        // fifth of the page's time); `holds` stays for themes that use it.
        let yes: [String: Any] = ["holds": true, "label": "Yes", "class": "yes"]
        let no: [String: Any] = ["holds": false, "label": "No", "class": "no"]
        func mark(_ holds: Bool) -> [String: Any] { holds ? yes : no }
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

/// A template context handed from the thread that built it to the one that
/// renders the page. Its values are strings, numbers, booleans and arrays or
/// dictionaries of them, all value types, and it is never changed after it is
/// built, so crossing threads is safe even though `Any` is not `Sendable`.
struct TemplateContext: @unchecked Sendable {
    let value: [String: Any]
    init(_ value: [String: Any]) { self.value = value }
}

/// Holds only the immutable page contexts and the parsed theme (see PageContexts).
extension SiteRenderer: @unchecked Sendable {}
