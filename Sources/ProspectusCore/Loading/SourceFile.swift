import Foundation

/// A text file from the site, decoded and normalised: UTF-8, byte-order mark
/// removed, CRLF turned into LF. Line numbers are unchanged by this, so every
/// position we report still matches what the coordinator sees in their editor.
public struct SourceFile: Sendable {
    /// Path relative to the site root, with `/` separators: `content/courses/x.md`.
    public let path: String
    public let text: String
    /// The file's id: its name without the extension.
    public let stem: String
    /// A stable hash of the path and text: what incremental builds compare to
    /// know whether anything made from this file must be made again.
    public let hash: UInt64

    public init(path: String, text: String) {
        self.path = path
        self.text = text
        var fingerprint = Fingerprint()
        fingerprint.add(path)
        fingerprint.add(text)
        self.hash = fingerprint.value
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = name.lastIndex(of: ".") {
            self.stem = String(name[..<dot])
        } else {
            self.stem = name
        }
    }

    /// The text of a 1-based line, for showing beside a diagnostic.
    public func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        // memchr over the UTF-8 bytes (a newline byte never occurs inside a
        // multi-byte character): the readability notes of a big site ask
        // for tens of thousands of lines.
        let found = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard let base = bytes.baseAddress else { return number == 1 ? "" : nil }
            var start = 0
            for _ in 1..<number {
                guard let newline = memchr(base + start, 0x0A, bytes.count - start) else { return nil }
                start = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
            }
            let end = memchr(base + start, 0x0A, bytes.count - start).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? bytes.count
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        return found ?? lineByWalking(number)
    }

    /// `line(_:)` for text not stored as contiguous UTF-8 (a bridged string).
    func lineByWalking(_ number: Int) -> String? {
        let bytes = text.utf8
        var current = 1
        var start = bytes.startIndex
        while current < number {
            guard let newline = bytes[start...].firstIndex(of: 0x0A) else { return nil }
            start = bytes.index(after: newline)
            current += 1
        }
        let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.endIndex
        return String(text.utf8[start..<end])
    }

    /// A diagnostic about this file, with the offending line attached.
    public func diagnostic(
        _ rule: RuleID, at location: SourceLocation?, _ message: String, hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(
            rule: rule, file: path, location: location, message: message, hint: hint,
            sourceLine: location.flatMap { line($0.line) })
    }
}
