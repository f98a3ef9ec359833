import Foundation
import Testing

@testable import ProspectusCore

@Suite("Public trainer (what consent lets us publish)")
struct PublicTrainerTests {
    static let today = CalendarDate(year: 2026, month: 7, day: 1)!

    static func trainer(
        name: String = "Jo Bloggs", display: NameDisplay = .roleOnly,
        consentName: Bool = false, profile: Bool = false, photo: Bool = false,
        recordedOn: CalendarDate? = CalendarDate(year: 2026, month: 5, day: 1),
        reviewBy: CalendarDate? = CalendarDate(year: 2027, month: 5, day: 1),
        hasPhoto: Bool = true
    ) -> Trainer {
        var consent = Consent()
        consent.name = consentName
        consent.profile = profile
        consent.photo = photo
        consent.recordedOn = recordedOn.map { Located($0, at: nil) }
        consent.reviewBy = reviewBy.map { Located($0, at: nil) }
        return Trainer(
            id: "jo-bloggs", file: SourceFile(path: "content/trainers/jo-bloggs.md", text: ""), name: name,
            roles: ["peer-trainer"], display: display, consent: consent, skills: [], interests: [],
            photo: hasPhoto ? Image(src: "images/jo.jpg", alt: "Jo") : nil, privateValues: [],
            body: MarkdownSource(text: "", firstLine: 1), location: nil)
    }

    func shown(_ trainer: Trainer, on day: CalendarDate = today) -> PublicTrainer {
        PublicTrainer(trainer, today: day)
    }

    @Test("by default a trainer is shown by role only: no name, no profile, no photo")
    func defaultIsRoleOnly() {
        let p = shown(Self.trainer())
        #expect(p.name == nil)
        #expect(!p.hasProfile)
        #expect(!p.showPhoto)
        #expect(p.id == "jo-bloggs")
    }

    @Test("consent to be named with display role-only still shows no name")
    func consentButRoleOnly() {
        #expect(shown(Self.trainer(display: .roleOnly, consentName: true)).name == nil)
    }

    @Test("consent to be named with display first-name shows the first name only")
    func firstName() {
        #expect(shown(Self.trainer(display: .firstName, consentName: true)).name == "Jo")
    }

    @Test("a first-name display of a one-word name shows that word")
    func firstNameSingleWord() {
        #expect(shown(Self.trainer(name: "Jo", display: .firstName, consentName: true)).name == "Jo")
    }

    @Test("a first-name display never shows the surname, even when a non-breaking space (pasted from a word processor) separates them")
    func firstNameWithNonBreakingSpace() {
        let p = shown(Self.trainer(name: "Jo\u{00A0}Bloggs", display: .firstName, consentName: true))
        #expect(p.name == "Jo")
    }

    @Test("consent to be named with display full-name shows the full name")
    func fullName() {
        #expect(shown(Self.trainer(display: .fullName, consentName: true)).name == "Jo Bloggs")
    }

    @Test(
        "without consent.name no name is shown, whatever `display` asks for",
        arguments: NameDisplay.allCases
    )
    func noNameWithoutConsent(display: NameDisplay) {
        let p = shown(Self.trainer(display: display, consentName: false, profile: true, photo: true))
        #expect(p.name == nil)
        // Other consents are independent of the name.
        #expect(p.hasProfile)
        #expect(p.showPhoto)
    }

    @Test("consent past review_by hides the name, the profile and the photo")
    func lapsedHidesEverything() {
        let trainer = Self.trainer(display: .fullName, consentName: true, profile: true, photo: true)
        let p = shown(trainer, on: CalendarDate(year: 2027, month: 5, day: 2)!)
        #expect(p.name == nil)
        #expect(!p.hasProfile)
        #expect(!p.showPhoto)
    }

    @Test("consent is still in force on the review_by day itself")
    func currentOnReviewDay() {
        let trainer = Self.trainer(display: .fullName, consentName: true, profile: true, photo: true)
        let p = shown(trainer, on: CalendarDate(year: 2027, month: 5, day: 1)!)
        #expect(p.name == "Jo Bloggs")
        #expect(p.hasProfile)
        #expect(p.showPhoto)
    }

    @Test("consent without a recorded_on or review_by date counts as no consent")
    func undatedConsent() {
        for trainer in [
            Self.trainer(display: .fullName, consentName: true, profile: true, photo: true, recordedOn: nil),
            Self.trainer(display: .fullName, consentName: true, profile: true, photo: true, reviewBy: nil),
        ] {
            let p = shown(trainer)
            #expect(p.name == nil)
            #expect(!p.hasProfile)
            #expect(!p.showPhoto)
        }
    }

    @Test("a profile page needs consent.profile")
    func profileNeedsConsent() {
        #expect(!shown(Self.trainer(consentName: true, profile: false)).hasProfile)
        #expect(shown(Self.trainer(consentName: false, profile: true)).hasProfile)
    }

    @Test("a photo is shown only with consent.photo and a photo to show")
    func photoNeedsConsentAndImage() {
        #expect(!shown(Self.trainer(photo: false, hasPhoto: true)).showPhoto)
        #expect(!shown(Self.trainer(photo: true, hasPhoto: false)).showPhoto)
        #expect(shown(Self.trainer(photo: true, hasPhoto: true)).showPhoto)
    }

    @Test("a trainer decoded from a file gets the same consent decisions")
    func fromDecodedFile() throws {
        let site = try #require(SiteFixture().decode().site)
        let jo = PublicTrainer(try #require(site.trainersByID["jo-bloggs"]), today: Fixture.today)
        #expect(jo.name == "Jo")
        #expect(jo.hasProfile)
        #expect(!jo.showPhoto)
        let sam = PublicTrainer(try #require(site.trainersByID["sam-patel"]), today: Fixture.today)
        #expect(sam.name == nil)
        #expect(!sam.hasProfile)
    }
}
