import Foundation
import Testing

@testable import ProspectusCore

@Suite("Integrity checks (stage 5)")
struct IntegrityChecksTests {
    let coursePath = SiteFixture.path(.courses, "understanding-recovery")

    /// Runs decoding and checks with the main course replaced; returns the
    /// diagnostics of the whole site (decoding must be clean for that course).
    func check(course text: String, today: CalendarDate = Fixture.today) -> [Diagnostic] {
        var fixture = SiteFixture()
        fixture[.courses, "understanding-recovery"] = text
        return fixture.check(today: today).diagnostics
    }

    @Test("the fixture site passes every integrity check")
    func fixtureIsClean() throws {
        let (site, diagnostics) = SiteFixture().check()
        #expect(site != nil)
        #expect(diagnostics.isEmpty, "\(DiagnosticFormatter.text(diagnostics))")
    }

    // MARK: references

    @Test("a reference to a missing trainer is DATA001 at the reference, with a did-you-mean hint for a near miss")
    func missingTrainerNearMiss() throws {
        let text = Fixture.course.swapping("{id: jo-bloggs,", "{id: jo-blogs,")
        let diagnostics = check(course: text)
        let bad = try #require(diagnostics.with(.dataReference).first)
        #expect(diagnostics.with(.dataReference).count == 1)
        #expect(bad.file == coursePath)
        #expect(bad.severity == .error)
        #expect(bad.location == position(text.line(of: "jo-blogs"), text.column(of: "jo-blogs")))
        #expect(bad.message.contains("\"jo-blogs\""))
        #expect(bad.hint?.hasPrefix("did you mean `jo-bloggs`?") == true)
        #expect(bad.hint?.contains("content/trainers/") == true)
        #expect(bad.sourceLine == "    - {id: jo-blogs, role: peer-trainer}")
    }

    @Test("a reference with no near match gets no did-you-mean hint")
    func missingTrainerFarOff() throws {
        let text = Fixture.course.swapping("{id: jo-bloggs,", "{id: alex-morgan,")
        let bad = try #require(check(course: text).with(.dataReference).first)
        #expect(bad.hint?.contains("did you mean") == false)
        #expect(bad.location?.line == text.line(of: "alex-morgan"))
    }

    @Test(
        "a reference to a missing partner, venue, term, category, next-step course or next-step partner is DATA001 at its line",
        arguments: [
            ("{id: riverside-mind, contribution", "{id: riverside-mnd, contribution", "riverside-mnd", "riverside-mind"),
            ("venue: riverside-hub, mode: onsite}\n  - {date: 2026-10-12", "venue: riverside-hb, mode: onsite}\n  - {date: 2026-10-12", "riverside-hb", "riverside-hub"),
            ("term: autumn", "term: autum", "autum", "autumn"),
            ("category: living-well", "category: living-wel", "living-wel", "living-well"),
            ("courses: [building-hope]", "courses: [building-hop]", "building-hop", "building-hope"),
            ("partners: [riverside-mind]}", "partners: [riverside-mnd]}", "riverside-mnd", "riverside-mind"),
            ("audience: [people using services, staff]", "audience: [people using services, stuff]", "stuff", "staff"),
        ]
    )
    func missingReference(old: String, new: String, reference: String, suggestion: String) throws {
        let text = Fixture.course.swapping(old, new)
        let diagnostics = check(course: text)
        let bad = try #require(diagnostics.with(.dataReference).first, "\(new)")
        #expect(diagnostics.with(.dataReference).count == 1, "\(diagnostics.rules)")
        #expect(bad.message.contains("\"\(reference)\""))
        #expect(bad.location == position(text.line(of: reference), text.column(of: reference)))
        #expect(bad.hint?.contains("did you mean `\(suggestion)`?") == true, "\(bad.hint ?? "")")
    }

    @Test("a missing term or category lists the ids that exist")
    func termHintListsOptions() throws {
        let text = Fixture.course.swapping("term: autumn", "term: winter")
        let bad = try #require(check(course: text).with(.dataReference).first)
        #expect(bad.hint?.contains("autumn, spring") == true)
    }

    @Test("every missing reference in a file is reported, not just the first")
    func allReferencesReported() throws {
        let text = Fixture.course
            .swapping("{id: jo-bloggs,", "{id: nobody-one,")
            .swapping("{id: sam-patel,", "{id: nobody-two,")
            .swapping("venue: riverside-hub", "venue: nowhere")
        let bad = check(course: text).with(.dataReference)
        // two trainers, and the venue of both sessions
        #expect(bad.count == 4)
        #expect(Set(bad.compactMap { $0.location?.line }) == [
            text.line(of: "nobody-one"), text.line(of: "nobody-two"), text.line(of: "2026-10-05"), text.line(of: "2026-10-12"),
        ])
    }

    @Test("a session whose date or time cannot be read still has its venue checked, so both problems show in one run")
    func venueOfUnreadableSessionChecked() throws {
        for (old, new) in [("date: 2026-10-05", "date: 2026-10-35"), ("start: \"10:00\", end: \"12:00\", venue: riverside-hub", "start: \"25:00\", end: \"12:00\", venue: riverside-hub")] {
            let text = Fixture.course.swapping(old, new).swapping("venue: riverside-hub, mode: onsite}\n  - {date: 2026-10-12", "venue: nowhere-hall, mode: onsite}\n  - {date: 2026-10-12")
            let diagnostics = check(course: text)
            let venue = try #require(diagnostics.with(.dataReference).first, "\(diagnostics.rules)")
            #expect(venue.message.contains("\"nowhere-hall\""))
            #expect(venue.location == position(text.line(of: "nowhere-hall"), text.column(of: "nowhere-hall")))
            #expect(diagnostics.with(.dataReference).count == 1)
            #expect(diagnostics.contains { $0.location?.line == text.line(of: "nowhere-hall") && $0.rule != .dataReference })
        }
    }

    @Test("an audience outside the college's vocabulary is not checked when the college has none")
    func audienceWithoutVocabulary() throws {
        var fixture = SiteFixture()
        fixture.college = Fixture.college.removingLine(startingWith: "audiences:")
        fixture[.courses, "understanding-recovery"] = Fixture.course.swapping("staff]", "anyone at all]")
        #expect(fixture.check().diagnostics.isEmpty)
    }

    // MARK: roles

    @Test("a trainer given a role they do not hold is DATA004 at the role")
    func roleNotHeld() throws {
        let text = Fixture.course.swapping("{id: jo-bloggs, role: peer-trainer}", "{id: jo-bloggs, role: practitioner-trainer}")
        let diagnostics = check(course: text)
        let bad = try #require(diagnostics.with(.dataRoleNotHeld).first)
        #expect(diagnostics.count == 1)
        #expect(bad.severity == .error)
        #expect(bad.location == position(text.line(of: "jo-bloggs"), text.column(of: "practitioner-trainer")))
        #expect(bad.message.contains("peer-trainer"))
        #expect(bad.hint?.contains("content/trainers/jo-bloggs.md") == true)
    }

    @Test("a trainer may take any role they hold")
    func anyHeldRole() throws {
        let text = Fixture.course.swapping("{id: sam-patel, role: practitioner-trainer}", "{id: sam-patel, role: subject-expert}")
        #expect(check(course: text).isEmpty)
    }

    @Test("a role that is not one of the college's roles is DATA001 with the nearest role suggested")
    func unknownRole() throws {
        let text = Fixture.course.swapping("role: peer-trainer}", "role: peer-trainr}")
        let bad = try #require(check(course: text).with(.dataReference).first)
        #expect(bad.message.contains("role"))
        #expect(bad.location?.line == text.line(of: "peer-trainr"))
        #expect(bad.hint?.contains("did you mean `peer-trainer`?") == true)
    }

    @Test("a trainer whose own roles are not the college's roles is SCHEMA004")
    func trainerUnknownRole() throws {
        var fixture = SiteFixture()
        fixture[.trainers, "sam-patel"] = Fixture.sam.swapping("roles: [practitioner-trainer, subject-expert]", "roles: [practitioner-trainer, wizard]")
        let bad = try #require(fixture.check().diagnostics.with(.schemaEnum).first)
        #expect(bad.file == SiteFixture.path(.trainers, "sam-patel"))
        #expect(bad.message.contains("\"wizard\""))
    }

    @Test("a trainer's unknown role is reported at the `roles` line, where it is written")
    func trainerUnknownRoleLine() throws {
        var fixture = SiteFixture()
        let text = Fixture.sam.swapping("roles: [practitioner-trainer, subject-expert]", "roles: [practitioner-trainer, wizard]")
        fixture[.trainers, "sam-patel"] = text
        let bad = try #require(fixture.check().diagnostics.with(.schemaEnum).first)
        #expect(bad.location?.line == text.line(of: "roles:"))
        // At the role itself, not the start of the line.
        let rolesLine = try #require(text.split(separator: "\n").first { $0.hasPrefix("roles:") })
        let wizard = try #require(rolesLine.range(of: "wizard"))
        #expect(bad.location?.column == rolesLine.distance(from: rolesLine.startIndex, to: wizard.lowerBound) + 1)
    }

    @Test("role labels and roles configured in college.yml are used by the role checks")
    func configuredRoles() throws {
        var fixture = SiteFixture()
        fixture.college = Fixture.college + "  other_roles: [practitioner-trainer, subject-expert, wizard]\n"
        fixture[.trainers, "sam-patel"] = Fixture.sam.swapping("subject-expert]", "wizard]")
        fixture[.courses, "understanding-recovery"] = Fixture.course.swapping("role: practitioner-trainer}", "role: wizard}")
        #expect(fixture.check().diagnostics.isEmpty)
    }

    // MARK: dates

    @Test("a session outside its term is DATA007 at the session's date")
    func sessionOutsideTerm() throws {
        let text = Fixture.course.swapping("date: 2026-10-12", "date: 2027-01-11")
        let diagnostics = check(course: text)
        let bad = try #require(diagnostics.with(.dataSessionOutsideTerm).first)
        #expect(diagnostics.count == 1)
        #expect(bad.severity == .error)
        #expect(bad.location == position(text.line(of: "2027-01-11"), text.column(of: "2027-01-11")))
        #expect(bad.message.contains("Autumn term"))
    }

    @Test("sessions on the first and last day of the term are inside it; the day before and after are not")
    func termBoundaries() throws {
        #expect(check(course: Fixture.course.swapping("date: 2026-10-05", "date: 2026-09-01").swapping("date: 2026-10-12", "date: 2026-12-18")).isEmpty)
        let outside = check(course: Fixture.course.swapping("date: 2026-10-05", "date: 2026-08-31").swapping("date: 2026-10-12", "date: 2026-12-19"))
        #expect(outside.with(.dataSessionOutsideTerm).count == 2)
    }

    // MARK: consent

    @Test("consent past its review date is a PRIV003 warning at review_by")
    func lapsedConsent() throws {
        let (_, diagnostics) = SiteFixture().check(today: CalendarDate(year: 2027, month: 5, day: 2)!)
        let lapsed = diagnostics.with(.privConsentLapsed)
        #expect(lapsed.count == 2)  // both trainers' consent ends 2027-05-01
        let jo = try #require(lapsed.first { $0.file == SiteFixture.path(.trainers, "jo-bloggs") })
        #expect(jo.severity == .warning)
        #expect(jo.location == position(Fixture.jo.line(of: "review_by"), Fixture.jo.column(of: "2027-05-01")))
    }

    @Test("consent is still current on its review date")
    func consentOnReviewDate() throws {
        let (_, diagnostics) = SiteFixture().check(today: CalendarDate(year: 2027, month: 5, day: 1)!)
        #expect(diagnostics.with(.privConsentLapsed).isEmpty)
    }

    // MARK: overrides

    @Test("`checks:` can turn an overridable rule into a warning or off in the pipeline")
    func overrides() throws {
        let diagnostics = [
            Diagnostic(rule: .dataRoleNotHeld, file: "a.md", location: nil, message: "m"),
            Diagnostic(rule: .privConsentLapsed, file: "a.md", location: nil, message: "m"),
            Diagnostic(rule: .yamlSyntax, file: "a.md", location: nil, message: "m"),
        ]
        let changed = Pipeline.applyOverrides(
            diagnostics, [.dataRoleNotHeld: .warning, .privConsentLapsed: nil, .yamlSyntax: nil])
        #expect(changed.map(\.rule) == [.dataRoleNotHeld, .yamlSyntax])
        #expect(changed.map(\.severity) == [.warning, .error])
    }
}
