/// Applies the suppressions coordinators wrote: `ignore:` in a file's front
/// matter (the rule is off for that file) and `<!-- prospectus-ignore RULE:
/// reason -->` before a block of text (off for that block). Structural rules
/// cannot be suppressed: the build cannot go on without them fixed.
enum Suppressions {
    static func apply(to diagnostics: [Diagnostic], site: Site, bodies: [String: RenderedMarkdown]) -> [Diagnostic] {
        var byFile: [String: [Suppression]] = [:]
        for course in site.courses { byFile[course.file.path, default: []] += course.ignores }
        for trainer in site.trainers { byFile[trainer.file.path, default: []] += trainer.ignores }
        for partner in site.partners { byFile[partner.file.path, default: []] += partner.ignores }
        for venue in site.venues { byFile[venue.file.path, default: []] += venue.ignores }
        for page in site.pages { byFile[page.file.path, default: []] += page.ignores }
        for (path, rendered) in bodies { byFile[path, default: []] += rendered.suppressions }
        guard byFile.values.contains(where: { !$0.isEmpty }) else { return diagnostics }
        return diagnostics.filter { diagnostic in
            guard let file = diagnostic.file, let suppressions = byFile[file],
                diagnostic.rule.info?.overridable ?? false
            else { return true }
            return !suppressions.contains { $0.covers(diagnostic) }
        }
    }
}
