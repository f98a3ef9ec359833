/// PAGE001–002: the pages every prospectus needs.
public enum PageChecks {
    public static let accessibilityStatement = "accessibility-statement"

    public static func run(_ site: Site) -> [Diagnostic] {
        guard let file = site.collegeFile else { return [] }
        let college = site.college
        var out: [Diagnostic] = []
        let statementMissing = college.publicSector && site.pagesByID[accessibilityStatement] == nil
        // When PAGE002 reports the missing accessibility statement, PAGE001 does not repeat it.
        for required in college.requiredPages
        where site.pagesByID[required] == nil && !(statementMissing && required == accessibilityStatement) {
            out.append(
                file.diagnostic(
                    .pageRequired, at: college.keyLocations["required_pages"],
                    "the required page \"\(required)\" is missing",
                    hint: "add content/pages/\(required).md with a `title:` and its text"))
        }
        if college.publicSector && site.pagesByID[accessibilityStatement] == nil {
            out.append(
                file.diagnostic(
                    .pageAccessibilityStatement, at: college.keyLocations["public_sector"],
                    "a public-sector college must publish an accessibility statement, and there is none",
                    hint: "add content/pages/\(accessibilityStatement).md (the GOV.UK sample statement is a good starting point)"))
        }
        return out
    }
}
