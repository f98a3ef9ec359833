/// PRIV001 and PRIV004: what the content asks to publish about a trainer,
/// against what they consented to. The renderer already never shows more than
/// consent allows; these findings tell the coordinator that the file asks for
/// something the trainer has not agreed to, so the two can be put right.
public enum PrivacyChecks {
    /// Words that name a diagnosis or a personal health experience. A bio that
    /// uses one discloses lived experience, which needs its own consent.
    static let diagnosisWords = [
        "anorexia", "anxiety", "adhd", "autism", "autistic", "bipolar", "borderline", "bpd", "bulimia", "depression",
        "diagnosis", "diagnosed", "eating disorder", "hearing voices", "ocd", "personality disorder", "psychosis",
        "psychotic", "ptsd", "schizophrenia", "schizoaffective", "self-harm", "self harm", "sectioned",
        "suicide attempt", "addiction", "breakdown", "mental illness", "mental health problems",
    ]

    static let diagnosisWordBytes = diagnosisWords.map { Array($0.utf8) }

    static func occurs(_ word: [UInt8], in line: UnsafeBufferPointer<UInt8>) -> Bool {
        word.withUnsafeBytes { ByteSearch.contains($0, in: UnsafeRawBufferPointer(line)) }
    }

    public static func run(_ site: Site, today: CalendarDate) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let policy = site.college.coproduction
        for trainer in site.trainers {
            let consent = trainer.consent
            // A lapsed consent is PRIV003's finding; do not report it twice.
            guard consent.isCurrent(on: today) else { continue }
            let file = trainer.file
            let livedExperience = trainer.roles.contains { policy.isLivedExperience($0) }
            if !livedExperience && trainer.display != .roleOnly && !consent.name {
                // Naming another trainer reveals no health information, so this is
                // a warning: the file and the consent disagree all the same.
                var diagnostic = file.diagnostic(
                    .privConsentMismatch, at: trainer.keyLocations["display"],
                    "`display: \(trainer.display.rawValue)` would name this trainer, but `consent.name` is not true; they are shown by role only",
                    hint: "set `display: role-only`, or record their consent to be named (`consent.name: true`)")
                diagnostic.severity = .warning
                out.append(diagnostic)
            }
            if livedExperience {
                if trainer.display != .roleOnly && !consent.name {
                    out.append(
                        file.diagnostic(
                            .privConsentMismatch, at: trainer.keyLocations["display"],
                            "`display: \(trainer.display.rawValue)` would name this trainer, but `consent.name` is not true; they are shown by role only",
                            hint: "set `display: role-only`, or record their consent to be named (`consent.name: true`)"))
                }
                if trainer.photo != nil && !consent.photo {
                    out.append(
                        file.diagnostic(
                            .privConsentMismatch, at: trainer.keyLocations["photo"],
                            "a photo is given but `consent.photo` is not true; the photo is not published",
                            hint: "remove `photo`, or record their consent to be pictured (`consent.photo: true`)"))
                }
                // A bio without `consent.profile` is not a mismatch: colleges keep
                // bios ready while consent is discussed, and no page is made from it.
            }
            if !consent.livedExperienceStatement, let (word, place) = diagnosisMention(in: trainer.body) {
                out.append(
                    file.diagnostic(
                        .privDiagnosisInBio, at: place,
                        "the bio mentions \"\(word)\", which tells readers about the trainer's health, but `consent.lived_experience_statement` is not true",
                        hint: "check with the trainer: record their consent to a lived-experience statement, or take the diagnosis out of the bio"))
            }
        }
        return out
    }

    /// The first diagnosis word in a bio, as a whole word, and its file line.
    static func diagnosisMention(in body: MarkdownSource) -> (String, SourceLocation)? {
        var line = body.firstLine
        for text in body.text.split(separator: "\n", omittingEmptySubsequences: false) {
            var lowered = " " + text.lowercased() + " "
            // Most lines name no diagnosis: a byte search rules a
            // word out before the slower search by characters looks for it.
            let present = lowered.withUTF8 { line in diagnosisWordBytes.indices.filter { Self.occurs(diagnosisWordBytes[$0], in: line) } }
            for word in present.map({ diagnosisWords[$0] }) {
                var search = lowered.startIndex
                // The standard library's search, not Foundation's range(of:), which
                // goes through NSString on Linux and was a twentieth of `check`.
                while let range = lowered[search...].firstRange(of: word) {
                    let before = lowered[lowered.index(before: range.lowerBound)]
                    let after = lowered[range.upperBound]
                    if !before.isLetter && !after.isLetter {
                        // `lowered` starts with an added space, so its offset is the 1-based column.
                        let column = lowered.distance(from: lowered.startIndex, to: range.lowerBound)
                        return (word, SourceLocation(line: line, column: column))
                    }
                    search = range.upperBound
                }
            }
            line += 1
        }
        return nil
    }
}
