import Foundation
import Yams

/// One entry of the recovery-language list: wording to avoid and what to say instead.
public struct LanguageTerm: Sendable {
    /// The headword, e.g. "suffering from".
    public var term: String
    /// Every form matched: the headword first, then its variants.
    public var forms: [String]
    /// Wording to use instead ("living with").
    public var suggestion: String?
    /// What to do when there is no direct replacement ("leave it out, and ...").
    public var advice: String?
    public var severity: Severity
    public var reason: String?
    /// Full names of the sources (the abbreviations resolved).
    public var sources: [String]

    public init(
        term: String, forms: [String]? = nil, suggestion: String?, advice: String? = nil, severity: Severity,
        reason: String?, sources: [String] = []
    ) {
        self.term = term
        self.forms = forms ?? [term]
        self.suggestion = suggestion
        self.advice = advice
        self.severity = severity
        self.reason = reason
        self.sources = sources
    }

    /// LANG001 for harmful terms, LANG002 for stigmatising ones, LANG003 for the rest.
    public var rule: RuleID {
        switch severity {
        case .error: .langError
        case .warning: .langWarning
        case .info: .langInfo
        }
    }
}

/// Why the bundled list could not be used.
public struct LanguageListUnavailable: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// The bundled `recovery-language.yml`, read once per process.
///
/// We do not use `Bundle.module`: its generated accessor calls `fatalError`
/// when the resource bundle is not where the build put it (a copied or
/// installed binary), and a missing word list must never crash a build. We
/// look for the bundle folder ourselves, beside the executable and in the
/// folders above it, and report a warning when it is not found.
public enum LanguageList {
    static let bundleNames = [
        "Prospectus_ProspectusCore.resources", "Prospectus_ProspectusCore.bundle",
        "Prospectus_ProspectusCore.bundle/Contents/Resources",
    ]
    static let fileName = "recovery-language.yml"

    /// Loaded on first use and kept: every check run shares it.
    public static let bundled: Result<[LanguageTerm], LanguageListUnavailable> = {
        guard let url = locate() else {
            return .failure(
                LanguageListUnavailable(
                    description: "\(fileName) was not found in Prospectus_ProspectusCore.resources beside the prospectus program"))
        }
        return load(url)
    }()

    /// A fingerprint of the bundled file's bytes (0 when it is missing): what
    /// a finding kept between runs of `prospectus` depends on besides the
    /// program itself, which may be installed beside a newer list.
    static let bundledFingerprint: UInt64 = {
        var fingerprint = Fingerprint()
        if let url = locate(), let bytes = ContentLoader.readBytes(atPath: url.path, upTo: Int.max) {
            bytes.withUnsafeBufferPointer { fingerprint.add(bytes: $0) }
            fingerprint.add(bytes.count)
        }
        return fingerprint.value
    }()

    /// The bundled file, if it can be found beside the running program.
    static func locate() -> URL? {
        var starts: [URL] = []
        if let argument = CommandLine.arguments.first, !argument.isEmpty {
            let url =
                argument.hasPrefix("/")
                ? URL(fileURLWithPath: argument)
                : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(argument)
            starts.append(url.deletingLastPathComponent())
        }
        if let executable = Bundle.main.executableURL { starts.append(executable.deletingLastPathComponent()) }
        starts.append(Bundle.main.bundleURL)
        var tried = Set<String>()
        for start in starts {
            // Both the path as given and with links resolved: an installed
            // `prospectus` is often a link to the real build folder.
            for base in [start.standardizedFileURL, start.resolvingSymlinksInPath()] {
                var folder = base
                while tried.insert(folder.path).inserted {
                    for name in bundleNames {
                        let candidate = folder.appendingPathComponent(name).appendingPathComponent(fileName)
                        if FileManager.default.isReadableFile(atPath: candidate.path) { return candidate }
                    }
                    let parent = folder.deletingLastPathComponent()
                    if parent.path == folder.path { break }
                    folder = parent
                }
            }
        }
        return nil
    }

    static func load(_ url: URL) -> Result<[LanguageTerm], LanguageListUnavailable> {
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8)
        else {
            return .failure(LanguageListUnavailable(description: "\(url.path) could not be read"))
        }
        return parse(text)
    }

    /// Reads the list: `sources` (abbreviation: full name) and `terms`.
    static func parse(_ text: String) -> Result<[LanguageTerm], LanguageListUnavailable> {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            return .failure(LanguageListUnavailable(description: "\(fileName) is not valid YAML: \(error)"))
        }
        guard let root, let entries = root["terms"]?.sequence else {
            return .failure(LanguageListUnavailable(description: "\(fileName) has no `terms:` list"))
        }
        var sources: [String: String] = [:]
        for (key, value) in root["sources"]?.mapping ?? [:] {
            if let abbreviation = key.scalar?.string, let name = value.scalar?.string { sources[abbreviation] = name }
        }
        var terms: [LanguageTerm] = []
        for entry in entries {
            // An entry without a term or a level is skipped: the list's own test
            // (LanguageLintTests) proves every shipped entry is complete.
            guard let term = entry["term"]?.scalar?.string, !term.isEmpty,
                let level = entry["level"]?.scalar.flatMap({ Severity(rawValue: $0.string) })
            else { continue }
            let variants = entry["variants"]?.sequence?.compactMap { $0.scalar?.string } ?? []
            let sourceText =
                entry["source"]?.scalar?.string.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                ?? entry["source"]?.sequence?.compactMap { $0.scalar?.string } ?? []
            terms.append(
                LanguageTerm(
                    term: term, forms: [term] + variants, suggestion: entry["suggest"]?.scalar?.string,
                    advice: entry["advice"]?.scalar?.string, severity: level, reason: entry["reason"]?.scalar?.string,
                    sources: sourceText.map { sources[$0] ?? $0 }))
        }
        guard !terms.isEmpty else {
            return .failure(LanguageListUnavailable(description: "\(fileName) lists no usable terms"))
        }
        return .success(terms)
    }
}
