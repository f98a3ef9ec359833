/// How serious a finding is. Errors block publishing; warnings do too under `--strict`.
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    case error
    case warning
    case info

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .info: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A place in a source file: 1-based line and column in the file itself
/// (front matter lines included, so editors can jump straight to it).
public struct SourceLocation: Sendable, Hashable, Codable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = max(1, line)
        self.column = max(1, column)
    }
}

/// One finding from any stage of the pipeline. Every stage reports problems
/// with this one type so the CLI, CI annotations and the preview server show
/// them the same way.
public struct Diagnostic: Sendable, Hashable {
    public var rule: RuleID
    public var severity: Severity
    /// Path relative to the site root, e.g. `content/courses/x.md`. Nil for site-wide findings.
    public var file: String?
    public var location: SourceLocation?
    public var message: String
    public var hint: String?
    /// The text of the line the finding points at, for the caret display.
    public var sourceLine: String?

    public init(
        rule: RuleID, severity: Severity? = nil, file: String?, location: SourceLocation?,
        message: String, hint: String? = nil, sourceLine: String? = nil
    ) {
        self.rule = rule
        self.severity = severity ?? rule.defaultSeverity
        self.file = file
        self.location = location
        self.message = message
        self.hint = hint
        self.sourceLine = sourceLine
    }
}

extension Diagnostic {
    /// Sorted by file, then line, then column, then rule: the order every formatter prints.
    static func ordered(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        let lf = lhs.file ?? "", rf = rhs.file ?? ""
        if lf != rf { return lf < rf }
        let ll = lhs.location?.line ?? 0, rl = rhs.location?.line ?? 0
        if ll != rl { return ll < rl }
        let lc = lhs.location?.column ?? 0, rc = rhs.location?.column ?? 0
        if lc != rc { return lc < rc }
        if lhs.rule != rhs.rule { return lhs.rule.rawValue < rhs.rule.rawValue }
        return lhs.message < rhs.message
    }
}

extension Array where Element == Diagnostic {
    public func sortedForDisplay() -> [Diagnostic] { sorted(by: Diagnostic.ordered) }
    public var errorCount: Int { filter { $0.severity == .error }.count }
    public var warningCount: Int { filter { $0.severity == .warning }.count }
    public var infoCount: Int { filter { $0.severity == .info }.count }
}

/// A diagnostic can be the failure of a stage that stops at one problem per file.
extension Diagnostic: Error {}
