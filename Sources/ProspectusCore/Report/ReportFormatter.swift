/// The report as text, JSON or CSV, for `prospectus report` and the build.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, csv
}

extension CoproductionReport {
    /// `publicLabels`: the published copy uses consent-safe labels instead of trainer ids.
    public func render(_ format: ReportFormat, publicLabels: Bool = false) -> String {
        switch format {
        case .text: text()
        case .json: json(publicLabels: publicLabels)
        case .csv: csv()
        }
    }

    static func mark(_ holds: Bool) -> String { holds ? "yes" : "NO" }

    func shareLine(_ name: String, _ share: Share, target: Double? = nil) -> String {
        var line = "  \(name): \(share.count) of \(share.total) (\(share.percent)%)"
        if let target { line += ", target \(Int((target * 100).rounded()))%" + (share.fraction >= target ? "" : " — below target") }
        return line
    }

    func text() -> String {
        var out = "Coproduction report — \(college), \(edition)\n\n"
        out += "The edition (\(courses.count) courses, drafts left out):\n"
        out += shareLine("with a lived-experience trainer", livedExperience) + "\n"
        out += shareLine("co-delivered by a lived-experience and another trainer", pair) + "\n"
        out += shareLine("with a community partner", partner, target: partnerTarget) + "\n"
        out += shareLine("reviewed in time", reviewedInTime) + "\n\n"
        let header = ["course", "lived exp.", "pair", "designed with", "reviewed", "partner", "outcomes", "access"]
        var rows = [header]
        for row in courses {
            rows.append([
                row.id, Self.mark(row.livedExperience), Self.mark(row.pair), Self.mark(row.designedWith),
                Self.mark(row.reviewedInTime), Self.mark(row.partner), Self.mark(row.outcomes), Self.mark(row.accessibility),
            ])
        }
        out += table(rows) + "\n"
        for (title, counts) in [("Courses by trainer role", byRole), ("Courses by format", byFormat),
                                ("Courses by category", byCategory), ("Courses by audience", byAudience)] {
            out += "\(title):\n" + counts.map { "  \($0.0): \($0.1)" }.joined(separator: "\n") + "\n\n"
        }
        out += "Teaching load (courses that run; by trainer id):\n"
        out += table([["trainer", "roles", "courses", "sessions"]]
            + trainerLoad.map { [$0.id, $0.roles.joined(separator: ", "), String($0.courses), String($0.sessions)] })
        return out
    }

    func table(_ rows: [[String]]) -> String {
        guard let first = rows.first else { return "" }
        var widths = first.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in cell + String(repeating: " ", count: widths[i] - cell.count) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }

    func json(publicLabels: Bool) -> String {
        // The same script-safe escaping as search-index.json and JSON-LD: the
        // published copy is served from the site, so `<` and `&` never appear raw.
        func q(_ s: String) -> String {
            var out = ""
            JSONValue.writeString(s, to: &out)
            return out
        }
        func share(_ s: Share) -> String { "{\"count\": \(s.count), \"total\": \(s.total), \"percent\": \(s.percent)}" }
        func counts(_ list: [(String, Int)]) -> String {
            "[" + list.map { "{\"name\": \(q($0.0)), \"courses\": \($0.1)}" }.joined(separator: ", ") + "]"
        }
        var out = "{\n"
        out += "  \"college\": \(q(college)),\n  \"edition\": \(q(edition)),\n"
        out += "  \"edition_totals\": {\n"
        out += "    \"courses\": \(courses.count),\n"
        out += "    \"lived_experience\": \(share(livedExperience)),\n"
        out += "    \"pair\": \(share(pair)),\n"
        out += "    \"partner\": \(share(partner)),\n"
        out += "    \"partner_target_percent\": \(Int((partnerTarget * 100).rounded())),\n"
        out += "    \"reviewed_in_time\": \(share(reviewedInTime))\n  },\n"
        out += "  \"courses\": [\n" + courses.map { row in
            "    {\"id\": \(q(row.id)), \"title\": \(q(row.title)), \"status\": \(q(row.status.rawValue)), "
                + "\"lived_experience\": \(row.livedExperience), \"pair\": \(row.pair), \"designed_with\": \(row.designedWith), "
                + "\"reviewed_in_time\": \(row.reviewedInTime), \"partner\": \(row.partner), \"outcomes\": \(row.outcomes), "
                + "\"accessibility\": \(row.accessibility)}"
        }.joined(separator: ",\n") + "\n  ],\n"
        out += "  \"by_role\": \(counts(byRole)),\n  \"by_format\": \(counts(byFormat)),\n"
        out += "  \"by_category\": \(counts(byCategory)),\n  \"by_audience\": \(counts(byAudience)),\n"
        out += "  \"trainer_load\": [\n" + trainerLoad.map { load in
            let who = publicLabels ? "\"label\": \(q(load.publicLabel))" : "\"id\": \(q(load.id))"
            return "    {\(who), \"roles\": [\(load.roles.map(q).joined(separator: ", "))], \"courses\": \(load.courses), \"sessions\": \(load.sessions)}"
        }.joined(separator: ",\n") + "\n  ]\n}\n"
        return out
    }

    /// One row per course, for spreadsheets.
    func csv() -> String {
        func cell(_ s: String) -> String {
            s.contains(where: { ",\"\n".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var out = "course,title,status,format,category,term,lived_experience,pair,designed_with,reviewed_in_time,partner,outcomes,accessibility\r\n"
        for row in courses {
            out += [row.id, row.title, row.status.rawValue, row.format.rawValue, row.category, row.term,
                    String(row.livedExperience), String(row.pair), String(row.designedWith), String(row.reviewedInTime),
                    String(row.partner), String(row.outcomes), String(row.accessibility)].map(cell).joined(separator: ",") + "\r\n"
        }
        return out
    }
}
