import Foundation
import Testing

@testable import ProspectusCore

/// Decodes the fixture site with one file replaced; returns the site and the
/// diagnostics about that file only.
func decodeReplacing(_ kind: ContentKind, _ id: String, with text: String) -> (site: Site?, diagnostics: [Diagnostic]) {
    var fixture = SiteFixture()
    fixture[kind, id] = text
    let (site, diagnostics) = fixture.decode()
    return (site, diagnostics.filter { $0.file == SiteFixture.path(kind, id) })
}

/// Decodes the fixture site with a different college.yml; returns the college's diagnostics.
func decodeCollege(_ text: String) -> (site: Site?, diagnostics: [Diagnostic]) {
    var fixture = SiteFixture()
    fixture.college = text
    let (site, diagnostics) = fixture.decode()
    return (site, diagnostics.filter { $0.file == SiteFixture.collegePath })
}

func decodeCourse(_ text: String) -> (course: Course?, diagnostics: [Diagnostic]) {
    let (site, diagnostics) = decodeReplacing(.courses, "understanding-recovery", with: text)
    return (site?.coursesByID["understanding-recovery"], diagnostics)
}

@Suite("Model decoding (stage 3)")
struct ModelDecodingTests {
    let coursePath = SiteFixture.path(.courses, "understanding-recovery")

    // MARK: the fixture itself

    @Test("the fixture site decodes with no diagnostics at all")
    func fixtureIsClean() throws {
        let (site, diagnostics) = SiteFixture().decode()
        #expect(diagnostics.isEmpty, "\(DiagnosticFormatter.text(diagnostics))")
        let decoded = try #require(site)
        #expect(decoded.courses.count == 2)
        #expect(decoded.trainers.count == 2)
        #expect(decoded.partners.count == 1)
        #expect(decoded.venues.count == 1)
        #expect(decoded.pages.count == 1)
    }

    @Test("a course's fields are decoded into the typed model with their positions")
    func courseFields() throws {
        let (course, diagnostics) = decodeCourse(Fixture.course)
        #expect(diagnostics.isEmpty)
        let c = try #require(course)
        #expect(c.title == "Understanding Recovery")
        #expect(c.format == .course)
        #expect(c.status == .open)
        #expect(c.places == 16)
        #expect(c.category.value == "living-well")
        #expect(c.category.location == position(5, 11))
        #expect(c.audience.map(\.value) == ["people using services", "staff"])
        #expect(c.sessions.count == 2)
        #expect(c.sessions[0].date.value == CalendarDate(year: 2026, month: 10, day: 5))
        #expect(c.sessions[0].start.value == TimeOfDay(hour: 10, minute: 0))
        #expect(c.sessions[1].date.location?.line == Fixture.course.line(of: "2026-10-12"))
        #expect(c.trainers.map(\.id.value) == ["jo-bloggs", "sam-patel"])
        #expect(c.trainers[1].role.location?.line == Fixture.course.line(of: "sam-patel"))
        #expect(c.partners.first?.contribution == .coDelivers)
        #expect(c.nextCourses.map(\.value) == ["building-hope"])
        #expect(c.lastReviewed?.value == CalendarDate(year: 2026, month: 6, day: 1))
        #expect(c.body.firstLine == Fixture.course.line(of: "## What we cover"))
        #expect(c.body.text.hasPrefix("## What we cover"))
    }

    // MARK: required fields

    @Test(
        "a course missing a required top-level field gets SCHEMA001 at the start of its front matter",
        arguments: ["title", "summary", "format", "category", "audience", "term"]
    )
    func courseMissingField(field: String) throws {
        let (course, diagnostics) = decodeCourse(Fixture.course.removingLine(startingWith: "\(field):"))
        let missing = diagnostics.with(.schemaMissing)
        #expect(missing.count == 1, "\(diagnostics.rules)")
        let diagnostic = try #require(missing.first)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message.contains("`\(field)`"))
        #expect(diagnostic.location == position(2, 1))
        #expect(diagnostic.hint?.contains(field) == true)
        if field != "audience" { #expect(course == nil) }
    }

    @Test("a course without learning_outcomes still decodes: COP007 (a warning) reports it, not SCHEMA001")
    func courseMissingLearningOutcomes() throws {
        let text = Fixture.course.swapping("learning_outcomes:\n  - Describe what personal recovery means to you\n", "")
        let (_, diagnostics) = decodeCourse(text)
        #expect(!diagnostics.with(.schemaMissing).contains { $0.message.contains("`learning_outcomes`") })
    }

    @Test("a course without a coproduction section gets SCHEMA001 for `coproduction`")
    func courseMissingCoproduction() throws {
        var text = Fixture.course
        let start = try #require(text.range(of: "coproduction:\n"))
        let end = try #require(text.range(of: "---\n## What"))
        text.replaceSubrange(start.lowerBound..<end.lowerBound, with: "")
        let (_, diagnostics) = decodeCourse(text)
        let missing = try #require(diagnostics.with(.schemaMissing).first)
        #expect(missing.message.contains("`coproduction`"))
        #expect(missing.location == position(2, 1))
    }

    @Test("a coproduction section without trainers or last_reviewed gets SCHEMA001 inside that section")
    func coproductionMissingFields() throws {
        let text = Fixture.course
            .swapping("  trainers:\n    - {id: jo-bloggs, role: peer-trainer}\n    - {id: sam-patel, role: practitioner-trainer}\n", "")
            .removingLine(startingWith: "  last_reviewed:")
        let (_, diagnostics) = decodeCourse(text)
        let missing = diagnostics.with(.schemaMissing)
        #expect(Set(missing.compactMap { $0.message.split(separator: "`").dropFirst().first.map(String.init) }) == ["trainers", "last_reviewed"])
        let section = text.line(of: "coproduction:")...text.line(of: "## What") - 1
        for diagnostic in missing {
            #expect(section.contains(diagnostic.location?.line ?? 0), "\(diagnostic.message) at \(String(describing: diagnostic.location))")
        }
    }

    @Test("a session without a venue gets SCHEMA001 at the session's own line and column")
    func sessionMissingVenue() throws {
        let text = Fixture.course.swapping(
            "  - {date: 2026-10-05, start: \"10:00\", end: \"12:00\", venue: riverside-hub, mode: onsite}",
            "  - {date: 2026-10-05, start: \"10:00\", end: \"12:00\", mode: onsite}")
        let (course, diagnostics) = decodeCourse(text)
        let missing = try #require(diagnostics.with(.schemaMissing).first)
        #expect(missing.message.contains("`venue`"))
        #expect(missing.location == position(text.line(of: "2026-10-05"), 5))
        #expect(course?.sessions.count == 1)
    }

    @Test("an empty, null or blank required value counts as missing, reported at the key's own line")
    func emptyValueIsMissing() throws {
        for value in ["", " ~", " null", " \"\"", " \"   \""] {
            let text = Fixture.course.swapping("summary: What recovery means and how we each find our own way.", "summary:\(value)")
            let (_, diagnostics) = decodeCourse(text)
            let missing = try #require(diagnostics.with(.schemaMissing).first, "summary:\(value)")
            #expect(missing.location == position(3, 1), "summary:\(value)")
            #expect(missing.message.contains("`summary`"))
        }
    }

    @Test(
        "a trainer, partner, venue or page missing its required field gets SCHEMA001",
        arguments: [
            (ContentKind.trainers, "jo-bloggs", Fixture.jo, "name"),
            (ContentKind.trainers, "jo-bloggs", Fixture.jo, "roles"),
            (ContentKind.partners, "riverside-mind", Fixture.partner, "name"),
            (ContentKind.venues, "riverside-hub", Fixture.venue, "name"),
            (ContentKind.pages, "how-to-enrol", Fixture.page, "title"),
        ]
    )
    func otherMissingField(kind: ContentKind, id: String, text: String, field: String) throws {
        let (_, diagnostics) = decodeReplacing(kind, id, with: text.removingLine(startingWith: "\(field):"))
        let missing = try #require(diagnostics.with(.schemaMissing).first, "\(diagnostics.rules)")
        #expect(missing.message.contains("`\(field)`"))
        #expect(missing.location == position(2, 1))
    }

    @Test("consent without recorded_on or review_by gets SCHEMA001 inside the consent section")
    func consentMissingDates() throws {
        for field in ["recorded_on", "review_by"] {
            let text = Fixture.jo.removingLine(startingWith: "  \(field):")
            let (_, diagnostics) = decodeReplacing(.trainers, "jo-bloggs", with: text)
            let missing = try #require(diagnostics.with(.schemaMissing).first, "\(field)")
            #expect(missing.message.contains("`\(field)`"))
            #expect(missing.location?.line == text.line(of: "  name: true"))
        }
    }

    @Test(
        "college.yml missing a required field gets SCHEMA001 at line 1, and no site is built",
        arguments: ["name", "edition", "base_url", "timezone", "support", "terms", "categories", "enrolment"]
    )
    func collegeMissingField(field: String) throws {
        var text = Fixture.college.removingLine(startingWith: "\(field):")
        // Remove the indented lines of a block field too.
        if field == "terms" || field == "categories" || field == "enrolment" {
            let lines = Fixture.college.components(separatedBy: "\n")
            let start = try #require(lines.firstIndex { $0.hasPrefix("\(field):") })
            var end = start + 1
            while end < lines.count, lines[end].hasPrefix(" ") { end += 1 }
            text = (Array(lines[..<start]) + Array(lines[end...])).joined(separator: "\n")
        }
        let (site, diagnostics) = decodeCollege(text)
        let missing = try #require(diagnostics.with(.schemaMissing).first, "\(diagnostics.rules)")
        #expect(missing.message.contains("`\(field)`"))
        #expect(missing.location == position(1, 1))
        if ["name", "edition", "base_url", "timezone", "support"].contains(field) { #expect(site == nil) }
    }

    @Test("college.yml enrolment without `how` gets SCHEMA001")
    func enrolmentMissingHow() throws {
        let (_, diagnostics) = decodeCollege(Fixture.college.removingLine(startingWith: "  how:"))
        let missing = try #require(diagnostics.with(.schemaMissing).first)
        #expect(missing.message.contains("`how`"))
    }

    @Test("a missing college.yml means no site, and an empty one is YAML004")
    func noCollege() throws {
        var fixture = SiteFixture()
        fixture.college = nil
        #expect(fixture.decode().site == nil)
        let (site, diagnostics) = decodeCollege("# nothing yet\n")
        #expect(site == nil)
        #expect(diagnostics.rules == ["YAML004"])
    }

    // MARK: wrong types

    @Test(
        "a value of the wrong kind is SCHEMA003 at the value's line",
        arguments: [
            (ContentKind.courses, "understanding-recovery", Fixture.course, "title: Understanding Recovery", "title: [Understanding, Recovery]"),
            (.courses, "understanding-recovery", Fixture.course, "places: 16", "places: many"),
            (.courses, "understanding-recovery", Fixture.course, "places: 16", "places: -3"),
            (.courses, "understanding-recovery", Fixture.course, "places: 16", "places: 12.5"),
            (.courses, "understanding-recovery", Fixture.course, "audience: [people using services, staff]", "audience: {who: staff}"),
            (.courses, "understanding-recovery", Fixture.course, "  - Describe what personal recovery means to you", "  - Describe what personal recovery means to you\n  - [nested list]"),
            (.courses, "understanding-recovery", Fixture.course, "next_steps: {courses: [building-hope], partners: [riverside-mind]}", "next_steps: soon"),
            (.courses, "understanding-recovery", Fixture.course, "date: 2026-10-05", "date: 5 October 2026"),
            (.courses, "understanding-recovery", Fixture.course, "date: 2026-10-05", "date: 2026-10-5"),
            (.courses, "understanding-recovery", Fixture.course, "date: 2026-10-05, start: \"10:00\"", "date: 2026-10-05, start: 10am"),
            (.courses, "understanding-recovery", Fixture.course, "last_reviewed: 2026-06-01", "last_reviewed: [2026-06-01]"),
            (.trainers, "jo-bloggs", Fixture.jo, "  name: true", "  name: maybe"),
            (.trainers, "jo-bloggs", Fixture.jo, "roles: [peer-trainer]", "roles: {peer-trainer: yes}"),
            (.venues, "riverside-hub", Fixture.venue, "online: false", "online: sometimes"),
            (.pages, "how-to-enrol", Fixture.page, "order: 2", "order: second"),
        ]
    )
    func wrongType(kind: ContentKind, id: String, text: String, old: String, new: String) throws {
        let edited = text.swapping(old, new)
        let (_, diagnostics) = decodeReplacing(kind, id, with: edited)
        let wrong = try #require(diagnostics.with(.schemaType).first, "\(new): \(diagnostics.rules)")
        #expect(wrong.severity == .error)
        // The value is on the last line of the replacement text.
        let needle = new.components(separatedBy: "\n").last ?? new
        #expect(wrong.location?.line == edited.line(of: needle), "\(new)")
        #expect(wrong.hint != nil)
    }

    @Test("a list where a section should be (`coproduction: [a]`) is SCHEMA003 and the course is still reported, not crashed")
    func sectionOfWrongKind() throws {
        var text = Fixture.course
        let start = try #require(text.range(of: "coproduction:\n"))
        let end = try #require(text.range(of: "---\n## What"))
        text.replaceSubrange(start.lowerBound..<end.lowerBound, with: "coproduction: [jo-bloggs]\n")
        let (_, diagnostics) = decodeCourse(text)
        let wrong = try #require(diagnostics.with(.schemaType).first)
        #expect(wrong.location?.line == text.line(of: "coproduction: [jo-bloggs]"))
    }

    @Test("front matter that is a list or a single text is YAML004, not a crash")
    func frontMatterNotMapping() throws {
        for yaml in ["- a\n- b\n", "just some words\n"] {
            let (course, diagnostics) = decodeCourse("---\n\(yaml)---\nBody\n")
            #expect(course == nil)
            #expect(diagnostics.rules == ["YAML004"], "\(yaml)")
            #expect(diagnostics.first?.location?.line == 2)
        }
    }

    @Test("a file with no front matter, or empty front matter, is YAML004")
    func noFrontMatter() throws {
        #expect(decodeCourse("# Understanding recovery\n\nText.\n").diagnostics.rules == ["YAML004"])
        #expect(decodeCourse("---\n---\nText.\n").diagnostics.rules == ["YAML004"])
    }

    // MARK: unknown fields

    @Test("an unknown field is a SCHEMA002 warning at its own line, and the rest still decodes")
    func unknownField() throws {
        let text = Fixture.course.swapping("places: 16\n", "places: 16\ncolour: red\n")
        let (course, diagnostics) = decodeCourse(text)
        let unknown = try #require(diagnostics.with(.schemaUnknown).first)
        #expect(diagnostics.count == 1)
        #expect(unknown.severity == .warning)
        #expect(unknown.location == position(text.line(of: "colour:"), 1))
        #expect(unknown.message.contains("`colour`"))
        #expect(unknown.hint?.contains("title") == true)
        #expect(course?.title == "Understanding Recovery")
    }

    @Test("a misspelt `titel` is SCHEMA002 with \"did you mean `title`\"")
    func titelSuggestsTitle() throws {
        let text = Fixture.course.swapping("title: Understanding", "titel: Understanding")
        let (_, diagnostics) = decodeCourse(text)
        let unknown = try #require(diagnostics.with(.schemaUnknown).first)
        #expect(unknown.message.contains("did you mean `title`"))
        #expect(unknown.location == position(2, 1))
        #expect(unknown.hint?.contains("`title`") == true)
        // The real title is then missing.
        #expect(diagnostics.with(.schemaMissing).first?.message.contains("`title`") == true)
    }

    @Test("a field written with capitals (`Title`) suggests the lowercase name")
    func capitalisedField() throws {
        let (_, diagnostics) = decodeCourse(Fixture.course.swapping("title: Understanding", "Title: Understanding"))
        #expect(diagnostics.with(.schemaUnknown).first?.message.contains("did you mean `title`") == true)
    }

    @Test(
        "misspelt field names suggest the nearest known field, at every level",
        arguments: [
            (ContentKind.courses, "understanding-recovery", Fixture.course, "summary:", "sumary:", "summary"),
            (.courses, "understanding-recovery", Fixture.course, "learning_outcomes:", "learning_outcome:", "learning_outcomes"),
            (.courses, "understanding-recovery", Fixture.course, "venue: riverside-hub, mode: onsite}\n  - {date: 2026-10-12", "venu: riverside-hub, mode: onsite}\n  - {date: 2026-10-12", "venue"),
            (.courses, "understanding-recovery", Fixture.course, "  last_reviewed:", "  last_reveiwed:", "last_reviewed"),
            (.trainers, "jo-bloggs", Fixture.jo, "  photo: false", "  photos: false", "photo"),
            (.trainers, "jo-bloggs", Fixture.jo, "display:", "dispaly:", "display"),
            (.venues, "riverside-hub", Fixture.venue, "postcode:", "post_code:", "postcode"),
        ]
    )
    func misspeltFieldSuggestion(kind: ContentKind, id: String, text: String, old: String, new: String, expected: String) throws {
        let edited = text.swapping(old, new)
        let (_, diagnostics) = decodeReplacing(kind, id, with: edited)
        let unknown = try #require(diagnostics.with(.schemaUnknown).first, "\(new)")
        #expect(unknown.message.contains("did you mean `\(expected)`"), "\(unknown.message)")
        let typo = String(new.split(separator: ":").first!).trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: "{", with: "")
        #expect(unknown.location?.line == edited.line(of: typo + ":"))
    }

    // MARK: choices

    @Test(
        "a value outside a fixed set of choices is SCHEMA004 with the nearest choice suggested",
        arguments: [
            (ContentKind.courses, "understanding-recovery", Fixture.course, "format: course", "format: worksop", "workshop"),
            (.courses, "understanding-recovery", Fixture.course, "format: course", "format: dropin", "drop-in"),
            (.courses, "understanding-recovery", Fixture.course, "status: open", "status: opne", "open"),
            (.courses, "understanding-recovery", Fixture.course, "contribution: co-delivers", "contribution: co-deliver", "co-delivers"),
            (.trainers, "jo-bloggs", Fixture.jo, "display: first-name", "display: fullname", "full-name"),
            (.partners, "riverside-mind", Fixture.partner, "kind: voluntary", "kind: voluntry", "voluntary"),
        ]
    )
    func enumSuggestion(kind: ContentKind, id: String, text: String, old: String, new: String, expected: String) throws {
        let edited = text.swapping(old, new)
        let (_, diagnostics) = decodeReplacing(kind, id, with: edited)
        let wrong = try #require(diagnostics.with(.schemaEnum).first, "\(new): \(diagnostics.rules)")
        #expect(wrong.severity == .error)
        #expect(wrong.hint?.contains("did you mean `\(expected)`?") == true, "\(wrong.hint ?? "")")
        let value = String(new.split(separator: ":").last!).trimmingCharacters(in: .whitespaces)
        #expect(wrong.location == position(edited.line(of: new), edited.column(of: new) + new.count - value.count))
    }

    @Test("a choice with no near match lists every allowed value")
    func enumWithoutSuggestion() throws {
        let text = Fixture.course.swapping("venue: riverside-hub, mode: onsite}\n  - {date: 2026-10-12", "venue: riverside-hub, mode: in-person}\n  - {date: 2026-10-12")
        let (_, diagnostics) = decodeCourse(text)
        let wrong = try #require(diagnostics.with(.schemaEnum).first)
        #expect(wrong.message.contains("\"in-person\""))
        #expect(wrong.hint?.contains("onsite, online, blended") == true)
        #expect(wrong.hint?.contains("did you mean") == false)
    }

    // MARK: ids

    @Test(
        "a file name that is not a valid id is DATA002 with a suggested name, and the file is not decoded",
        arguments: [
            ("Understanding Recovery", "understanding-recovery"),
            ("Understanding_Recovery", "understanding-recovery"),
            ("UPPER", "upper"),
            ("-leading", "leading"),
            ("trailing-", "trailing"),
            ("double--hyphen", "double-hyphen"),
            ("café", "caf"),
            ("v1.2", "v1-2"),
        ]
    )
    func invalidFileNameID(name: String, suggestion: String) throws {
        var fixture = SiteFixture()
        fixture[.courses, "understanding-recovery"] = nil
        fixture[.courses, name] = Fixture.course
        let (site, all) = fixture.decode()
        let diagnostics = all.filter { $0.file == SiteFixture.path(.courses, name) }
        let bad = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(bad.rule == .dataID)
        #expect(bad.severity == .error)
        #expect(bad.location == nil)
        #expect(bad.hint?.contains("\(suggestion).md") == true, "\(bad.hint ?? "")")
        #expect(site?.courses.map(\.id) == ["building-hope"])
    }

    @Test("a file name of 81 characters is DATA002; 80 characters is fine")
    func idLength() throws {
        let long = String(repeating: "a", count: 81)
        let ok = String(repeating: "a", count: 80)
        var fixture = SiteFixture()
        fixture[.pages, long] = Fixture.page
        fixture[.pages, ok] = Fixture.page
        let (_, diagnostics) = fixture.decode()
        #expect(diagnostics.with(.dataID).map(\.file) == [SiteFixture.path(.pages, long)])
    }

    @Test("a term or category id in college.yml that is not a slug is DATA002 at its line")
    func invalidCollegeIDs() throws {
        let text = Fixture.college.swapping("{id: autumn,", "{id: Autumn Term,").swapping("{id: living-well,", "{id: living_well,")
        let (_, diagnostics) = decodeCollege(text)
        let bad = diagnostics.with(.dataID)
        #expect(bad.count == 2)
        #expect(bad.map { $0.location?.line } == [text.line(of: "Autumn Term"), text.line(of: "living_well")])
        #expect(bad.first?.hint?.contains("`autumn-term`") == true)
        #expect(bad.last?.hint?.contains("`living-well`") == true)
    }

    @Test("two terms or two categories with the same id in college.yml are reported")
    func duplicateCollegeIDs() throws {
        let text = Fixture.college
            .swapping("{id: spring, name: Spring term", "{id: autumn, name: Spring term")
            .swapping("{id: understanding-mental-health,", "{id: living-well,")
        let (site, diagnostics) = decodeCollege(text)
        #expect(site?.college.terms.count == 1)  // the repeated term is reported and left out
        #expect(diagnostics.with(.dataDuplicateID).map { $0.location?.line } == [text.line(of: "Spring term"), text.line(of: "Understanding mental health")])
    }

    @Test("two files with the same id in different subfolders are DATA003")
    func duplicateIDs() throws {
        var loaded = SiteFixture().loaded
        loaded.files[.venues] = [
            SourceFile(path: "content/venues/north/riverside-hub.md", text: Fixture.venue),
            SourceFile(path: "content/venues/south/riverside-hub.md", text: Fixture.venue),
        ]
        let (site, diagnostics) = SiteDecoder.decode(loaded)
        let duplicate = try #require(diagnostics.with(.dataDuplicateID).first)
        #expect(duplicate.file == "content/venues/south/riverside-hub.md")
        #expect(duplicate.message.contains("content/venues/north/riverside-hub.md"))
        #expect(site?.venues.count == 1)
    }

    // MARK: dates and times

    @Test(
        "impossible dates and times are DATA005 at the value's line",
        arguments: [
            (ContentKind.courses, "understanding-recovery", Fixture.course, "date: 2026-10-05", "date: 2026-02-30"),
            (.courses, "understanding-recovery", Fixture.course, "date: 2026-10-05", "date: 2026-13-01"),
            (.courses, "understanding-recovery", Fixture.course, "date: 2026-10-05", "date: 2026-04-31"),
            (.courses, "understanding-recovery", Fixture.course, "date: 2026-10-05", "date: 2026-00-10"),
            (.courses, "understanding-recovery", Fixture.course, "date: 2026-10-05, start: \"10:00\"", "date: 2026-10-05, start: \"25:00\""),
            (.courses, "understanding-recovery", Fixture.course, "date: 2026-10-05, start: \"10:00\", end: \"12:00\"", "date: 2026-10-05, start: \"10:00\", end: \"12:60\""),
            (.courses, "understanding-recovery", Fixture.course, "last_reviewed: 2026-06-01", "last_reviewed: 2026-06-31"),
            (.trainers, "jo-bloggs", Fixture.jo, "review_by: 2027-05-01", "review_by: 2027-02-29"),
        ]
    )
    func impossibleDate(kind: ContentKind, id: String, text: String, old: String, new: String) throws {
        let edited = text.swapping(old, new)
        let (_, diagnostics) = decodeReplacing(kind, id, with: edited)
        let bad = try #require(diagnostics.with(.dataDate).first, "\(new): \(diagnostics.rules)")
        #expect(diagnostics.with(.dataDate).count == 1)
        #expect(bad.severity == .error)
        #expect(bad.location?.line == edited.line(of: new))
    }

    @Test("an impossible term date in college.yml is DATA005 at its line")
    func impossibleTermDate() throws {
        let text = Fixture.college.swapping("start: 2026-09-01", "start: 2026-09-31")
        let (_, diagnostics) = decodeCollege(text)
        let bad = try #require(diagnostics.with(.dataDate).first)
        #expect(bad.location == position(text.line(of: "2026-09-31"), text.column(of: "2026-09-31")))
    }

    @Test("29 February is a real date in a leap year")
    func leapDay() throws {
        let text = Fixture.jo.swapping("review_by: 2027-05-01", "review_by: 2028-02-29")
        let (site, diagnostics) = decodeReplacing(.trainers, "jo-bloggs", with: text)
        #expect(diagnostics.isEmpty)
        #expect(site?.trainersByID["jo-bloggs"]?.consent.reviewBy?.value == CalendarDate(year: 2028, month: 2, day: 29))
    }

    @Test("a session that ends before it starts is DATA006 at the end time")
    func sessionEndsBeforeStart() throws {
        let text = Fixture.course.swapping("date: 2026-10-05, start: \"10:00\", end: \"12:00\"", "date: 2026-10-05, start: \"14:00\", end: \"12:00\"")
        let (_, diagnostics) = decodeCourse(text)
        let bad = try #require(diagnostics.with(.dataSessionOrder).first)
        #expect(bad.location == position(text.line(of: "2026-10-05"), text.column(of: "\"12:00\"")))
    }

    @Test("a session that ends when it starts is DATA006")
    func sessionZeroLength() throws {
        let text = Fixture.course.swapping("date: 2026-10-05, start: \"10:00\", end: \"12:00\"", "date: 2026-10-05, start: \"10:00\", end: \"10:00\"")
        #expect(decodeCourse(text).diagnostics.rules == ["DATA006"])
    }

    @Test("a term that ends before it starts is DATA006")
    func termEndsBeforeStart() throws {
        let text = Fixture.college.swapping("end: 2026-12-18", "end: 2026-08-18")
        let (_, diagnostics) = decodeCollege(text)
        #expect(diagnostics.with(.dataSessionOrder).first?.location?.line == text.line(of: "2026-08-18"))
    }

    @Test("unquoted times such as `start: 10:00` still read as 10:00 (not YAML 1.1 sexagesimal numbers)")
    func unquotedTimesBlockStyle() throws {
        let text = Fixture.course.swapping(
            "  - {date: 2026-10-05, start: \"10:00\", end: \"12:00\", venue: riverside-hub, mode: onsite}\n",
            "  - date: 2026-10-05\n    start: 10:00\n    end: 12:30\n    venue: riverside-hub\n")
        let (course, diagnostics) = decodeCourse(text)
        #expect(diagnostics.isEmpty, "\(diagnostics.rules)")
        let session = try #require(course?.sessions.first)
        #expect(session.start.value == TimeOfDay(hour: 10, minute: 0))
        #expect(session.end.value == TimeOfDay(hour: 12, minute: 30))
        #expect(session.start.location?.line == text.line(of: "start: 10:00"))
    }

    @Test("unquoted times inside a flow mapping also read as times")
    func unquotedTimesFlowStyle() throws {
        let text = Fixture.course.swapping("start: \"10:00\", end: \"12:00\", venue: riverside-hub, mode: onsite}\n  - {date: 2026-10-12", "start: 9:30, end: 11:45, venue: riverside-hub, mode: onsite}\n  - {date: 2026-10-12")
        let (course, diagnostics) = decodeCourse(text)
        #expect(diagnostics.isEmpty, "\(diagnostics.rules)")
        #expect(course?.sessions.first?.start.value == TimeOfDay(hour: 9, minute: 30))
        #expect(course?.sessions.first?.end.value == TimeOfDay(hour: 11, minute: 45))
    }

    // MARK: text values kept as written

    @Test(
        "titles that YAML 1.1 would read as other types stay the text written",
        arguments: ["no", "yes", "off", "2026", "010", "1.10", "2026-10-05", "\"null\"", "true"]
    )
    func titleKeptAsText(value: String) throws {
        let (course, diagnostics) = decodeCourse(Fixture.course.swapping("title: Understanding Recovery", "title: \(value)"))
        #expect(diagnostics.isEmpty)
        #expect(course?.title == value.replacingOccurrences(of: "\"", with: ""))
    }

    @Test("yes/no, on/off and true/false are read as booleans where a boolean is expected")
    func booleanWords() throws {
        for (word, expected) in [("yes", true), ("no", false), ("On", true), ("off", false), ("TRUE", true)] {
            let text = Fixture.jo.swapping("  name: true", "  name: \(word)")
            let (site, diagnostics) = decodeReplacing(.trainers, "jo-bloggs", with: text)
            #expect(diagnostics.isEmpty, "\(word)")
            #expect(site?.trainersByID["jo-bloggs"]?.consent.name == expected, "\(word)")
        }
    }

    @Test("a single text where a list is expected is a list of one")
    func singleTextAsList() throws {
        let (course, diagnostics) = decodeCourse(Fixture.course.swapping("audience: [people using services, staff]", "audience: staff"))
        #expect(diagnostics.isEmpty)
        #expect(course?.audience.map(\.value) == ["staff"])
    }

    // MARK: links and asset paths

    @Test(
        "unsafe links in URL fields are DATA008 at the value's line and are not kept",
        arguments: [
            "javascript:alert(1)",
            "JavaScript:alert(document.cookie)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "//evil.example.org/x",
            "https:evil.example.org",
            "ftp://files.example.org/x.pdf",
            "www.example.org",
        ]
    )
    func unsafeEasyReadURL(url: String) throws {
        let text = Fixture.course.swapping("easy_read_url: https://recovery.example.org/easy-read.pdf", "easy_read_url: \"\(url)\"")
        let (course, diagnostics) = decodeCourse(text)
        let bad = try #require(diagnostics.with(.dataURL).first, "\(url)")
        #expect(bad.severity == .error)
        #expect(bad.location?.line == text.line(of: "easy_read_url:"))
        #expect(course?.easyReadURL == nil)
    }

    @Test("an unsafe booking link is DATA008")
    func unsafeBookingURL() throws {
        let text = Fixture.course.swapping("status: open\n", "status: open\nbooking: {url: \"javascript:alert(1)\", phone: \"01234 567890\"}\n")
        let (course, diagnostics) = decodeCourse(text)
        #expect(diagnostics.with(.dataURL).first?.location?.line == text.line(of: "booking:"))
        #expect(course?.booking?.url == nil)
        #expect(course?.booking?.phone == "01234 567890")
    }

    @Test("an unsafe partner website is DATA008")
    func unsafePartnerWebsite() throws {
        let text = Fixture.partner.swapping("website: https://mind.example.org/", "website: \"data:text/html,<script>alert(1)</script>\"")
        let (site, diagnostics) = decodeReplacing(.partners, "riverside-mind", with: text)
        #expect(diagnostics.with(.dataURL).first?.location?.line == text.line(of: "website:"))
        #expect(site?.partnersByID["riverside-mind"]?.website == nil)
    }

    @Test("an unsafe base_url or enrolment link in college.yml is DATA008")
    func unsafeCollegeURLs() throws {
        let text = Fixture.college
            .swapping("base_url: https://recovery.example.org/", "base_url: \"javascript:alert(1)//\"")
            .swapping("url: https://recovery.example.org/enrol", "url: \"javascript:alert(1)\"")
        let (_, diagnostics) = decodeCollege(text)
        #expect(diagnostics.with(.dataURL).map { $0.location?.line } == [text.line(of: "base_url:"), text.line(of: "  url:")])
    }

    @Test("https, http, mailto and tel links and root-relative paths are accepted in URL fields")
    func safeURLsAccepted() throws {
        for url in ["https://example.org/x.pdf", "http://example.org/", "mailto:college@example.org", "tel:+441234567890", "/easy-read/x.pdf"] {
            let text = Fixture.course.swapping("easy_read_url: https://recovery.example.org/easy-read.pdf", "easy_read_url: \"\(url)\"")
            let (course, diagnostics) = decodeCourse(text)
            #expect(diagnostics.isEmpty, "\(url)")
            #expect(course?.easyReadURL == url)
        }
    }

    @Test(
        "an image path that could leave the content folder is DATA009 at the src line, and the image is dropped",
        arguments: ["../secret.jpg", "images/../../etc/passwd", "/etc/passwd", "images\\\\jo.jpg", "C:/photos/jo.jpg", "images//jo.jpg", ".."]
    )
    func unsafeImagePath(src: String) throws {
        let text = Fixture.jo.swapping("photo: {src: images/jo.jpg, alt: Jo in the garden}", "photo:\n  src: \"\(src)\"\n  alt: Jo")
        let (site, diagnostics) = decodeReplacing(.trainers, "jo-bloggs", with: text)
        let bad = try #require(diagnostics.with(.dataAssetPath).first, "\(src)")
        #expect(bad.severity == .error)
        #expect(bad.location?.line == text.line(of: "  src:"))
        #expect(site?.trainersByID["jo-bloggs"]?.photo == nil)
    }

    @Test("a partner logo that climbs out with `..` is DATA009")
    func unsafeLogo() throws {
        let text = Fixture.partner.swapping("src: images/mind.png", "src: ../../mind.png")
        let (site, diagnostics) = decodeReplacing(.partners, "riverside-mind", with: text)
        #expect(diagnostics.rules == ["DATA009"])
        #expect(site?.partnersByID["riverside-mind"]?.logo == nil)
    }

    @Test("a plain relative image path is kept")
    func safeImagePath() throws {
        let (site, diagnostics) = decodeReplacing(.trainers, "jo-bloggs", with: Fixture.jo)
        #expect(diagnostics.isEmpty)
        #expect(site?.trainersByID["jo-bloggs"]?.photo?.src == "images/jo.jpg")
        #expect(site?.trainersByID["jo-bloggs"]?.photo?.alt == "Jo in the garden")
    }

    // MARK: other course rules

    @Test("a workshop with no sessions is DATA010; coaching and mentoring need none")
    func noSessions() throws {
        var text = Fixture.course
        let start = try #require(text.range(of: "sessions:\n"))
        let end = try #require(text.range(of: "places:"))
        text.replaceSubrange(start.lowerBound..<end.lowerBound, with: "")
        #expect(decodeCourse(text).diagnostics.rules == ["DATA010"])
        #expect(decodeCourse(text.swapping("format: course", "format: coaching")).diagnostics.isEmpty)
        #expect(decodeCourse(text.swapping("format: course", "format: mentoring")).diagnostics.isEmpty)
    }

    @Test("a summary over 40 words is a SCHEMA005 warning; 40 words is fine")
    func longSummary() throws {
        let forty = Array(repeating: "word", count: 40).joined(separator: " ")
        #expect(decodeCourse(Fixture.course.swapping("summary: What recovery means and how we each find our own way.", "summary: \(forty)")).diagnostics.isEmpty)
        let (_, diagnostics) = decodeCourse(Fixture.course.swapping("summary: What recovery means and how we each find our own way.", "summary: \(forty) more"))
        #expect(diagnostics.rules == ["SCHEMA005"])
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.location?.line == 3)
    }

    @Test("a draft status is decoded; status defaults to open")
    func status() throws {
        #expect(decodeCourse(Fixture.course.swapping("status: open", "status: draft")).course?.status == .draft)
        #expect(decodeCourse(Fixture.course.removingLine(startingWith: "status:")).course?.status == .open)
    }

    // MARK: college checks

    @Test("`checks:` in college.yml sets overridable rules and refuses structural ones")
    func checksOverrides() throws {
        let text = Fixture.college + "checks:\n  DATA004: warning\n  PRIV003: off\n  YAML001: off\n  DATA04: off\n  DATA007: loud\n"
        let (site, diagnostics) = decodeCollege(text)
        let college = try #require(site?.college)
        #expect(college.checks[.dataRoleNotHeld] == .some(.warning))
        #expect(college.checks[.privConsentLapsed] == .some(nil))
        #expect(college.checks[.yamlSyntax] == nil)
        let refused = try #require(diagnostics.first { $0.location?.line == text.line(of: "YAML001") })
        #expect(refused.rule == .schemaEnum)
        #expect(refused.severity == .warning)
        let unknown = try #require(diagnostics.first { $0.location?.line == text.line(of: "DATA04:") })
        #expect(unknown.rule == .schemaUnknown)
        #expect(unknown.hint?.contains("DATA004") == true)
        let badLevel = try #require(diagnostics.first { $0.location?.line == text.line(of: "DATA007") })
        #expect(badLevel.rule == .schemaEnum)
        #expect(badLevel.severity == .error)
    }

    @Test("an unknown time zone is SCHEMA004")
    func unknownTimezone() throws {
        let text = Fixture.college.swapping("timezone: Europe/London", "timezone: Europe/Londn")
        #expect(decodeCollege(text).diagnostics.with(.schemaEnum).first?.location?.line == text.line(of: "timezone:"))
    }
}
