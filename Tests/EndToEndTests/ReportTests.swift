import Foundation
import Testing

@Suite("the coproduction accountability report")
struct ReportTests {
    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("the report's figures match a hand count of the minimal fixture site")
    func figuresMatchHandCount() throws {
        let site = try TestSite()
        defer { site.remove() }
        let result = try site.run(["report", "--format", "json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let report = try json(result.stdout)
        // By hand: two published courses (the draft is left out). Both have a
        // peer trainer and a practitioner; only hope-and-recovery has a partner;
        // both were reviewed after 2025-09-01 (first term 2026-09-01 less 12 months).
        let totals = try #require(report["edition_totals"] as? [String: Any])
        #expect(totals["courses"] as? Int == 2)
        for (key, count) in [("lived_experience", 2), ("pair", 2), ("partner", 1), ("reviewed_in_time", 2)] {
            let share = try #require(totals[key] as? [String: Any])
            #expect(share["count"] as? Int == count, "\(key)")
            #expect(share["total"] as? Int == 2, "\(key)")
        }
        #expect((totals["partner"] as? [String: Any])?["percent"] as? Int == 50)
        #expect(totals["partner_target_percent"] as? Int == 25)

        let courses = try #require(report["courses"] as? [[String: Any]])
        #expect(courses.map { $0["id"] as? String } == ["getting-involved-workshop", "hope-and-recovery"])
        #expect(courses.first?["partner"] as? Bool == false)
        #expect(courses.last?["partner"] as? Bool == true)

        func counts(_ key: String) -> [String: Int] {
            let list = report[key] as? [[String: Any]] ?? []
            return Dictionary(uniqueKeysWithValues: list.compactMap { item in
                (item["name"] as? String).map { ($0, item["courses"] as? Int ?? -1) }
            })
        }
        #expect(counts("by_role") == ["Peer trainer": 2, "Practitioner trainer": 2])
        #expect(counts("by_format") == ["Course": 1, "Workshop": 1])
        #expect(counts("by_category") == ["Living well": 1, "Getting involved": 1])
        #expect(counts("by_audience") == ["people using services": 2, "family and friends": 1])

        let load = try #require(report["trainer_load"] as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: load.compactMap { item in
            (item["id"] as? String).map { ($0, [item["courses"] as? Int ?? -1, item["sessions"] as? Int ?? -1]) }
        })
        #expect(byID["peer-one"] == [1, 2])
        #expect(byID["practitioner-named"] == [2, 3])
        #expect(byID["peer-first"] == [1, 1])
        #expect(byID["lapsed-peer"] == [1, 1])
    }

    @Test("the published report names trainers only as consent allows")
    func publishedReportIsConsentSafe() throws {
        let site = try TestSite()
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        let report = try json(try site.read("output/coproduction.json"))
        let load = try #require(report["trainer_load"] as? [[String: Any]])
        let labels = Set(load.compactMap { $0["label"] as? String })
        #expect(labels == ["Peer trainer 1", "Beatrix", "Peer trainer 2", "Harriet Okonkwo-Bell"])
        #expect(!load.contains { $0["id"] != nil })
        let page = try site.read("output/coproduction/index.html")
        #expect(page.contains("Courses with a community partner: <strong>50%</strong> (1 of 2), target 25%"))
        for id in ["peer-one", "lapsed-peer"] { #expect(!page.contains(id)) }
    }

    @Test("the report comes as text and as CSV with one row per course")
    func textAndCSV() throws {
        let site = try TestSite()
        defer { site.remove() }
        let text = try site.run(["report"])
        #expect(text.stdout.contains("with a community partner: 1 of 2 (50%), target 25%"))
        let csv = try site.run(["report", "--format", "csv"])
        let rows = csv.stdout.split(separator: "\r\n")
        #expect(rows.count == 3)
        #expect(rows.first?.hasPrefix("course,title,status,format,category,term,lived_experience,pair") == true)
        #expect(rows.contains { $0.hasPrefix("hope-and-recovery,Hope and Recovery,open,course,Living well,Autumn term,true,true,true,true,true,true,true") })
    }
}
