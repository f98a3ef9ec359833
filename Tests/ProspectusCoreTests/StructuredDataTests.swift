import Foundation
import Testing

@testable import ProspectusCore

@Suite("schema.org JSON-LD, the Atom feed and the search index")
struct StructuredDataTests {
    /// The fixture site with an online venue, and the contexts pages are built from.
    func contexts(_ change: (inout SiteFixture) -> Void = { _ in }) throws -> PageContexts {
        var fixture = SiteFixture()
        fixture[.venues, "online-room"] = """
            ---
            name: Online room
            online: true
            online_info: {platform: Zoom, how_to_join: We email a link., tech_help: Call us.}
            ---
            Join from home.

            """
        change(&fixture)
        let (decoded, diagnostics) = fixture.decode()
        let site = try #require(decoded, "\(diagnostics)")
        return PageContexts(site: site, bodies: [:], published: site.courses, today: Fixture.today)
    }

    func object(_ json: String) throws -> [String: Any] {
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8))
        return try #require(parsed as? [String: Any])
    }

    func courseLD(_ contexts: PageContexts, _ id: String) throws -> (json: String, object: [String: Any]) {
        let course = try #require(contexts.site.coursesByID[id])
        let json = StructuredData.course(course, contexts: contexts).compact
        return (json, try object(json))
    }

    @Test("a course is valid JSON-LD with provider, free offer, outcomes and one instance per session")
    func courseShape() throws {
        let (_, ld) = try courseLD(try contexts(), "understanding-recovery")
        #expect(ld["@context"] as? String == "https://schema.org")
        #expect(ld["@type"] as? String == "Course")
        #expect(ld["name"] as? String == "Understanding Recovery")
        #expect(ld["description"] as? String == "What recovery means and how we each find our own way.")
        #expect(ld["url"] as? String == "https://recovery.example.org/courses/understanding-recovery/")
        #expect(ld["inLanguage"] as? String == "en-GB")
        #expect(ld["teaches"] as? [String] == ["Describe what personal recovery means to you"])
        let provider = try #require(ld["provider"] as? [String: Any])
        #expect(provider["@type"] as? String == "EducationalOrganization")
        #expect(provider["name"] as? String == "Riverside Recovery College")
        #expect(provider["url"] as? String == "https://recovery.example.org/")
        let offers = try #require(ld["offers"] as? [String: Any])
        #expect(offers["@type"] as? String == "Offer")
        #expect(offers["price"] as? Int == 0)
        #expect(offers["priceCurrency"] as? String == "GBP")
        #expect(offers["category"] as? String == "Free")
        let instances = try #require(ld["hasCourseInstance"] as? [[String: Any]])
        #expect(instances.count == 2)
        let first = try #require(instances.first)
        #expect(first["@type"] as? String == "CourseInstance")
        #expect(first["courseMode"] as? String == "onsite")
        // 5 October 2026 is in British Summer Time.
        #expect(first["startDate"] as? String == "2026-10-05T10:00:00+01:00")
        #expect(first["endDate"] as? String == "2026-10-05T12:00:00+01:00")
        #expect(first["eventStatus"] as? String == "https://schema.org/EventScheduled")
        #expect(first["eventAttendanceMode"] as? String == "https://schema.org/OfflineEventAttendanceMode")
        let place = try #require(first["location"] as? [String: Any])
        #expect(place["@type"] as? String == "Place")
        #expect(place["name"] as? String == "Riverside Hub")
        let address = try #require(place["address"] as? [String: Any])
        #expect(address["@type"] as? String == "PostalAddress")
        #expect(address["streetAddress"] as? String == "1 High Street, Riverside")
        #expect(address["postalCode"] as? String == "RV1 1AA")
    }

    @Test("dates carry the college's UTC offset for that day: GMT in winter, another zone's own offset")
    func offsets() throws {
        let (_, winter) = try courseLD(try contexts(), "building-hope")
        let instance = try #require((winter["hasCourseInstance"] as? [[String: Any]])?.first)
        #expect(instance["startDate"] as? String == "2027-01-11T14:00:00+00:00")
        #expect(StructuredData.localDateTime(
            CalendarDate(year: 2026, month: 7, day: 1)!, TimeOfDay(hour: 9, minute: 30)!, timezone: "America/St_Johns")
            == "2026-07-01T09:30:00-02:30")
        #expect(StructuredData.localDateTime(
            CalendarDate(year: 2026, month: 3, day: 29)!, TimeOfDay(hour: 10, minute: 0)!, timezone: "Europe/London")
            == "2026-03-29T10:00:00+01:00")
    }

    @Test("an instructor is named only with consent, and only by the name consent allows")
    func instructorsNeedConsent() throws {
        // Jo agreed to a first name; Sam did not agree to be named.
        let (json, ld) = try courseLD(try contexts(), "understanding-recovery")
        let instances = try #require(ld["hasCourseInstance"] as? [[String: Any]])
        for instance in instances {
            let people = try #require(instance["instructor"] as? [[String: Any]])
            #expect(people.count == 1)
            #expect(people.first?["@type"] as? String == "Person")
            #expect(people.first?["name"] as? String == "Jo")
        }
        #expect(!json.contains("Bloggs"))
        #expect(!json.contains("Sam"))
        #expect(!json.contains("Patel"))

        // Consent past its review date counts as withdrawn: no instructor at all.
        let lapsed = try contexts { $0[.trainers, "jo-bloggs"] = Fixture.jo.swapping("review_by: 2027-05-01", "review_by: 2026-06-01") }
        let (lapsedJSON, lapsedLD) = try courseLD(lapsed, "understanding-recovery")
        for instance in try #require(lapsedLD["hasCourseInstance"] as? [[String: Any]]) {
            #expect(instance["instructor"] == nil)
        }
        #expect(!lapsedJSON.contains("instructor"))
        #expect(!lapsedJSON.contains("Jo"))
    }

    @Test("online sessions are a VirtualLocation at the course page; cancelled courses are EventCancelled")
    func onlineAndCancelled() throws {
        let site = try contexts {
            $0[.courses, "understanding-recovery"] = Fixture.course
                .swapping(
                    "{date: 2026-10-12, start: \"10:00\", end: \"12:00\", venue: riverside-hub, mode: onsite}",
                    "{date: 2026-10-12, start: \"10:00\", end: \"12:00\", venue: online-room, mode: online}")
                .swapping("status: open", "status: cancelled")
        }
        let (_, ld) = try courseLD(site, "understanding-recovery")
        let instances = try #require(ld["hasCourseInstance"] as? [[String: Any]])
        let online = try #require(instances.last)
        #expect(online["courseMode"] as? String == "online")
        #expect(online["eventAttendanceMode"] as? String == "https://schema.org/OnlineEventAttendanceMode")
        let location = try #require(online["location"] as? [String: Any])
        #expect(location["@type"] as? String == "VirtualLocation")
        #expect(location["url"] as? String == "https://recovery.example.org/courses/understanding-recovery/")
        for instance in instances {
            #expect(instance["eventStatus"] as? String == "https://schema.org/EventCancelled")
        }
    }

    @Test("a title with </script> cannot end the script block, and the JSON still reads back exactly")
    func scriptSafe() throws {
        let hostile = "Hope </script><script>alert('x')</script> & \"friends\" <!-- \u{2028}\u{2029} \\ end"
        let site = try contexts()
        var course = try #require(site.site.coursesByID["understanding-recovery"])
        course.title = hostile
        let json = StructuredData.course(course, contexts: site).compact
        let ld = try object(json)
        for forbidden in ["<", ">", "&", "\u{2028}", "\u{2029}", "\"friends", "'x'"] {
            #expect(!json.contains(forbidden), "\(forbidden.debugDescription) is written as is")
        }
        #expect(json.contains("\\u003c/script\\u003e"))
        #expect(json.contains("\\u2028"))
        #expect(ld["name"] as? String == hostile)
        // Control characters are escaped too.
        #expect(JSONValue.string("a\u{1}b\tc").compact == "\"a\\u0001b\\tc\"")
    }

    @Test("the output is byte-identical from one run to the next")
    func deterministic() throws {
        let first = try contexts()
        let second = try contexts()
        for id in ["understanding-recovery", "building-hope"] {
            #expect(try courseLD(first, id).json == (try courseLD(second, id).json))
        }
        #expect(
            Feeds.atom(contexts: first, courses: first.prospectusOrder())
                == Feeds.atom(contexts: second, courses: second.prospectusOrder()))
        #expect(
            SearchIndex.json(contexts: first, courses: first.prospectusOrder())
                == SearchIndex.json(contexts: second, courses: second.prospectusOrder()))
    }

    @Test("the home page's ItemList has every published course with its position and address")
    func itemList() throws {
        let site = try contexts()
        let ld = try object(StructuredData.itemList(site.prospectusOrder(), contexts: site).compact)
        #expect(ld["@type"] as? String == "ItemList")
        let items = try #require(ld["itemListElement"] as? [[String: Any]])
        #expect(items.count == 2)
        #expect(items.map { $0["position"] as? Int } == [1, 2])
        #expect(items.map { $0["@type"] as? String } == ["ListItem", "ListItem"])
        // Prospectus order: categories as college.yml lists them.
        #expect(
            items.map { $0["url"] as? String } == [
                "https://recovery.example.org/courses/understanding-recovery/",
                "https://recovery.example.org/courses/building-hope/",
            ])
    }

    @Test("the feed's dates come from last_reviewed, and text is escaped for XML")
    func feed() throws {
        let site = try contexts {
            $0[.courses, "building-hope"] = Fixture.secondCourse
                .swapping("title: Building Hope", "title: \"Building <Hope> & Trust\"")
                .swapping("last_reviewed: 2026-06-01", "last_reviewed: 2026-06-20")
        }
        let atom = Feeds.atom(contexts: site, courses: site.prospectusOrder())
        #expect(atom.contains("<title>Building &lt;Hope&gt; &amp; Trust</title>"))
        #expect(atom.contains("<updated>2026-06-20T00:00:00+01:00</updated>\n  <author>"))
        #expect(atom.components(separatedBy: "<entry>").count == 3)
        // Newest first.
        let hope = try #require(atom.range(of: "courses/building-hope/"))
        let recovery = try #require(atom.range(of: "courses/understanding-recovery/"))
        #expect(hope.lowerBound < recovery.lowerBound)
        #expect(Feeds.xml("a\u{0}b\u{1B}c") == "abc")
    }

    @Test("the search index lists each course's facts and never a trainer")
    func searchIndex() throws {
        let site = try contexts()
        let json = SearchIndex.json(contexts: site, courses: site.prospectusOrder())
        let index = try object(json)
        let courses = try #require(index["courses"] as? [[String: Any]])
        #expect(courses.map { $0["id"] as? String } == ["understanding-recovery", "building-hope"])
        let first = try #require(courses.first)
        #expect(first["url"] as? String == "/courses/understanding-recovery/")
        #expect((first["category"] as? [String: Any])?["name"] as? String == "Living well")
        #expect((first["term"] as? [String: Any])?["id"] as? String == "autumn")
        #expect((first["format"] as? [String: Any])?["id"] as? String == "course")
        #expect(first["audience"] as? [String] == ["people-using-services", "staff"])
        #expect(first["venues"] as? [String] == ["Riverside Hub"])
        #expect(first["modes"] as? [String] == ["onsite"])
        #expect(first["first_date"] as? String == "2026-10-05")
        #expect(first["status"] as? String == "open")
        for name in ["Jo", "Bloggs", "Sam", "Patel", "trainer", "07700"] {
            #expect(!json.contains(name), "\(name) is in the search index")
        }
    }
}
