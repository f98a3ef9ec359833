import Foundation
import ProspectusCore
import Testing

@Suite("documentation stays true to the code")
struct DocsTests {
    @Test("docs/rules.md has an entry for every rule, with its default severity")
    func everyRuleDocumented() throws {
        let reference = try String(contentsOf: Repo.root.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        // Each entry runs from its `## ID — title` heading to the next rule's heading
        // (examples inside an entry may have `##` headings of their own).
        let headings = Rule.all.compactMap { rule in reference.range(of: "\n## \(rule.id) — ").map { ($0.lowerBound, rule.id) } }
            .sorted { $0.0 < $1.0 }
        func section(_ id: RuleID) -> Substring? {
            guard let index = headings.firstIndex(where: { $0.1 == id }) else { return nil }
            let end = index + 1 < headings.count ? headings[index + 1].0 : reference.endIndex
            return reference[headings[index].0..<end]
        }
        for rule in Rule.all {
            let section = section(rule.id)
            #expect(section != nil, "docs/rules.md has no `## \(rule.id) —` entry")
            if let section {
                #expect(section.contains("**Default severity:** \(rule.defaultSeverity.rawValue)"), "\(rule.id): default severity")
                let changeable = rule.overridable ? "yes" : "no"
                #expect(section.contains("**Can it be changed in `checks:`:** \(changeable)"), "\(rule.id): overridable")
            }
        }
    }
}
