import Foundation
import ProspectusCore
import Testing

/// `Tests/Fixtures/rules/`: for every content rule, a case where it fires and
/// a case where it does not, each asserting rule id, file, line and severity.
@Suite("content rules: each fires where it should and nowhere else")
struct RuleFixtureTests {
    @Test("every overridable content rule has a firing fixture and a quiet fixture")
    func everyRuleCovered() throws {
        let cases = FixtureCase.all(in: "rules")
        let contentFamilies = ["COP", "PRIV", "LANG", "READ", "A11Y", "PAGE"]
        let rules = ["DATA011", "DATA012", "DATA013", "DATA014"] + contentRuleIDs(families: contentFamilies)
        for rule in rules {
            #expect(cases.contains { $0.name.hasPrefix(rule + "-fires") }, "no firing fixture for \(rule)")
            #expect(cases.contains { $0.name.hasPrefix(rule + "-quiet") }, "no quiet fixture for \(rule)")
        }
    }

    @Test("each rule fixture reports exactly what it says", arguments: FixtureCase.all(in: "rules"))
    func ruleFixture(_ fixture: FixtureCase) throws {
        let site = try TestSite()
        defer { site.remove() }
        try fixture.apply(to: site)
        let expected = try fixture.expectation()
        let result = try site.run(["check", "--format", "json"])
        #expect(result.exitCode == expected.exitCode, "\(result.stdout)\(result.stderr)")
        checkFindings(try findings(result.stdout), against: expected)
    }
}

/// Rule ids of the given families from the rule catalogue, so a new rule
/// without fixtures fails the test above. PRIV002 (the output scan) has its own tests.
func contentRuleIDs(families: [String]) -> [String] {
    Rule.all.map(\.id.rawValue).filter { id in families.contains { id.hasPrefix($0) } && id != "PRIV002" }
}
