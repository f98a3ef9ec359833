import Foundation

/// The record's format: little-endian numbers and text by number, each
/// distinct text written once in a table at the start. Findings repeat their
/// hints and much of their wording, so the table keeps a record of 24,000
/// findings small, and reading it back makes each text once.
struct RecordWriter {
    private(set) var body: [UInt8] = []
    private var texts: [String] = []
    private var numbers: [String: Int] = [:]

    mutating func int(_ value: Int) {
        Self.append(value, to: &body)
    }

    /// `shared`: the text is likely to come again (a hint, a file name), so it
    /// is looked up in the table first; texts that are nearly always new (a
    /// path, a message) go straight in.
    mutating func string(_ text: String, shared: Bool = true) {
        guard shared else {
            int(texts.count)
            texts.append(text)
            return
        }
        if let number = numbers[text] {
            int(number)
        } else {
            numbers[text] = texts.count
            int(texts.count)
            texts.append(text)
        }
    }

    /// Nil is written as -1.
    mutating func optional(_ text: String?, shared: Bool = true) {
        if let text { string(text, shared: shared) } else { int(-1) }
    }

    /// Findings, each with every field.
    mutating func diagnostics(_ diagnostics: [Diagnostic]) {
        int(diagnostics.count)
        for diagnostic in diagnostics {
            string(diagnostic.rule.rawValue)
            string(diagnostic.severity.rawValue)
            optional(diagnostic.file)
            int(diagnostic.location?.line ?? 0)
            int(diagnostic.location?.column ?? 0)
            string(diagnostic.message, shared: false)
            optional(diagnostic.hint)
            optional(diagnostic.sourceLine, shared: false)
        }
    }

    /// The table of texts, which goes before the body.
    func table() -> [UInt8] {
        var table: [UInt8] = []
        table.reserveCapacity(texts.reduce(8) { $0 + 8 + $1.utf8.count })
        Self.append(texts.count, to: &table)
        for text in texts {
            Self.append(text.utf8.count, to: &table)
            table.append(contentsOf: text.utf8)
        }
        return table
    }

    private static func append(_ value: Int, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }
}

/// Reads what RecordWriter wrote (its table, then its body); nil (never a
/// trap) when the bytes run out or do not make sense, as in a record cut
/// short or damaged.
struct RecordReader {
    /// A slice, so that the parts of one file can be read without copies.
    let bytes: ArraySlice<UInt8>
    /// Bytes read so far, from `bytes.startIndex`.
    private var offset = 0
    private var texts: [String] = []

    init?(bytes: [UInt8]) { self.init(bytes: bytes[...]) }

    /// Numbers only, with no table of texts before them.
    init(plain bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
    }

    /// Nil when the table of texts is damaged.
    init?(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        guard let count = count() else { return nil }
        texts.reserveCapacity(count)
        for _ in 0..<count {
            guard let length = int(), length >= 0, length <= bytes.count - offset else { return nil }
            let start = bytes.startIndex + offset
            texts.append(String(decoding: bytes[start..<start + length], as: UTF8.self))
            offset += length
        }
    }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func int() -> Int? {
        guard bytes.count - offset >= 8 else { return nil }
        var value: UInt64 = 0
        let start = bytes.startIndex + offset
        for index in (0..<8).reversed() { value = value << 8 | UInt64(bytes[start + index]) }
        offset += 8
        return Int(Int64(bitPattern: value))
    }

    /// A count of items that follow, each taking at least one byte.
    mutating func count() -> Int? {
        guard let count = int(), count >= 0, count <= bytes.count - offset else { return nil }
        return count
    }

    mutating func string() -> String? {
        guard let number = int(), number >= 0, number < texts.count else { return nil }
        return texts[number]
    }

    /// What `RecordWriter.diagnostics` wrote.
    mutating func diagnostics() -> [Diagnostic]? {
        guard let count = count() else { return nil }
        var diagnostics: [Diagnostic] = []
        diagnostics.reserveCapacity(count)
        for _ in 0..<count {
            guard let rule = string(), let severity = string().flatMap(Severity.init(rawValue:)),
                let file = optional(), let line = int(), let column = int(),
                let message = string(), let hint = optional(), let sourceLine = optional()
            else { return nil }
            diagnostics.append(
                Diagnostic(
                    rule: RuleID(rawValue: rule), severity: severity, file: file,
                    location: line > 0 ? SourceLocation(line: line, column: column) : nil, message: message, hint: hint,
                    sourceLine: sourceLine))
        }
        return diagnostics
    }

    /// `.some(nil)` for a nil that was written; nil when the bytes are wrong.
    mutating func optional() -> String?? {
        guard let number = int() else { return nil }
        if number == -1 { return .some(nil) }
        guard number >= 0, number < texts.count else { return nil }
        return .some(texts[number])
    }
}

/// Writing records' bytes to files.
enum RecordFile {
    /// Writes the parts one after the other into a new file, without first
    /// joining them into one more copy.
    static func write(_ parts: [[UInt8]], to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return write(parts, to: descriptor)
    }

    static func write(_ parts: [[UInt8]], to descriptor: Int32) -> Bool {
        for part in parts {
            let written = part.withUnsafeBytes { buffer -> Bool in
                var offset = 0
                while offset < buffer.count {
                    guard let base = buffer.baseAddress else { return false }
                    let count = Foundation.write(descriptor, base + offset, buffer.count - offset)
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else { return false }
                    offset += count
                }
                return true
            }
            guard written else { return false }
        }
        return true
    }
}
