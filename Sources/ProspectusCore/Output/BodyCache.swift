import Foundation

/// Each Markdown body's HTML, suppression comments and findings from the last
/// build, kept beside the build cache (`.<output>.cache/bodies`) so
/// that the next `build` parses and checks only the bodies that changed. The
/// preview server keeps the same thing in memory (MarkdownMemo); this is what
/// lets `build` after one edit skip cmark and the body checks for the other
/// 10,000 files (0.8 s).
///
/// An entry is used only for a file with the same path and text (SourceFile's
/// hash) and the same base path, when the program, the recovery-language list
/// and college.yml (whose term lists the checks read) are those it was made
/// with: MarkdownMemo compares the checks' key, the header the rest. A file
/// that cannot be read, or is damaged anywhere, is ignored: the bodies are
/// then parsed again. It is safe to delete at any time.
///
/// The file is a run of parts, each a length and then what RecordWriter
/// wrote: a header, then bodies 512 at a time, written as they are encoded
/// and read back on every core.
struct BodyCache {
    let cacheFolder: URL
    var file: URL { cacheFolder.appendingPathComponent("bodies") }

    static let header = "prospectus-bodies 1"
    static let bodiesPerPart = 512

    /// A memo holding the bodies kept by the last build, if any; empty, it
    /// still gathers this build's bodies for the next.
    func memo() -> MarkdownMemo {
        let memo = MarkdownMemo()
        if let (entries, checksKey) = StageTimes.measure("body cache: read", { load() }) {
            memo.seed(entries, checksKey: checksKey)
        }
        return memo
    }

    /// The bodies kept by the last build and the checks' key they were made
    /// with; nil when there are none that can be trusted.
    func load() -> (entries: [String: MarkdownMemo.Entry], checksKey: UInt64)? {
        guard BuildCache.programIdentity() != "unknown",
            let bytes = ContentLoader.readBytes(atPath: file.path, upTo: Int.max),
            let parts = Self.parts(of: bytes), let first = parts.first, var reader = RecordReader(bytes: first),
            reader.string() == Self.header, reader.string() == BuildCache.programIdentity(),
            reader.int() == Int(bitPattern: UInt(LanguageList.bundledFingerprint)), let checksKey = reader.int(),
            reader.isAtEnd
        else { return nil }
        let read = parallelMap(Array(parts.dropFirst())) { Self.decodePart($0) }
        var entries: [String: MarkdownMemo.Entry] = [:]
        for part in read {
            guard let part else { return nil }
            for (path, entry) in part { entries[path] = entry }
        }
        return (entries, UInt64(UInt(bitPattern: checksKey)))
    }

    /// Keeps what this build's Markdown stage made, whether or not the build
    /// then publishes: each entry depends only on its file. On any failure
    /// there is no file, and the next build parses every body.
    func save(_ memo: MarkdownMemo) {
        let temporary = cacheFolder.appendingPathComponent("bodies.writing")
        guard BuildCache.programIdentity() != "unknown", let checksKey = memo.checksKey else {
            try? FileManager.default.removeItem(at: file)
            return
        }
        var header = RecordWriter()
        header.string(Self.header)
        header.string(BuildCache.programIdentity())
        header.int(Int(bitPattern: UInt(LanguageList.bundledFingerprint)))
        header.int(Int(bitPattern: UInt(checksKey)))
        let entries = memo.entries.sorted { $0.key < $1.key }
        let starts = Array(stride(from: 0, to: entries.count, by: Self.bodiesPerPart))
        do {
            try FileManager.default.createDirectory(at: cacheFolder, withIntermediateDirectories: true)
            let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw OutputWriteError(description: "could not write the bodies") }
            defer { close(descriptor) }
            var written = Self.write(header, to: descriptor)
            // A few parts at a time, encoded on every core and written in
            // order, so the whole file is never in memory.
            for round in stride(from: 0, to: starts.count, by: 8) where written {
                let encoded = parallelMap(Array(starts[round..<min(round + 8, starts.count)])) { start in
                    Self.encodePart(entries[start..<min(start + Self.bodiesPerPart, entries.count)])
                }
                for part in encoded where written { written = Self.write(part, to: descriptor) }
            }
            guard written, rename(temporary.path, file.path) == 0 else {
                throw OutputWriteError(description: "could not write the bodies")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            try? FileManager.default.removeItem(at: file)
        }
    }

    static func encodePart(_ entries: ArraySlice<(key: String, value: MarkdownMemo.Entry)>) -> RecordWriter {
        var writer = RecordWriter()
        writer.int(entries.count)
        for (path, entry) in entries {
            let (rendered, findings) = entry.result
            writer.string(path, shared: false)
            writer.int(Int(bitPattern: UInt(entry.hash)))
            writer.string(entry.basePath)
            writer.string(rendered.html, shared: false)
            writer.int(rendered.suppressions.count)
            for suppression in rendered.suppressions {
                writer.string(suppression.rule.rawValue)
                writer.string(suppression.reason)
                writer.int(suppression.location?.line ?? 0)
                writer.int(suppression.location?.column ?? 0)
                writer.int(suppression.lines?.lowerBound ?? -1)
                writer.int(suppression.lines?.upperBound ?? -1)
            }
            writer.diagnostics(findings)
        }
        return writer
    }

    static func decodePart(_ bytes: ArraySlice<UInt8>) -> [(String, MarkdownMemo.Entry)]? {
        guard var reader = RecordReader(bytes: bytes), let count = reader.count() else { return nil }
        var entries: [(String, MarkdownMemo.Entry)] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            guard let path = reader.string(), let hash = reader.int(), let basePath = reader.string(),
                let html = reader.string(), let suppressionCount = reader.count()
            else { return nil }
            var rendered = RenderedMarkdown(html: html)
            for _ in 0..<suppressionCount {
                guard let rule = reader.string(), let reason = reader.string(), let line = reader.int(),
                    let column = reader.int(), let lower = reader.int(), let upper = reader.int()
                else { return nil }
                let lines: ClosedRange<Int>?
                if lower == -1 && upper == -1 {
                    lines = nil
                } else {
                    guard lower <= upper else { return nil }
                    lines = lower...upper
                }
                rendered.suppressions.append(
                    Suppression(
                        rule: RuleID(rawValue: rule), reason: reason,
                        location: line > 0 ? SourceLocation(line: line, column: column) : nil, lines: lines))
            }
            guard let findings = reader.diagnostics() else { return nil }
            entries.append((path, (UInt64(UInt(bitPattern: hash)), basePath, (rendered, findings))))
        }
        return reader.isAtEnd ? entries : nil
    }

    /// The parts of the file, each as its bytes; nil when a length does not fit.
    static func parts(of bytes: [UInt8]) -> [ArraySlice<UInt8>]? {
        var parts: [ArraySlice<UInt8>] = []
        var offset = 0
        while offset < bytes.count {
            var lengthReader = RecordReader(plain: bytes[offset...])
            guard let length = lengthReader.int(), length >= 0, length <= bytes.count - offset - 8 else { return nil }
            offset += 8
            parts.append(bytes[offset..<offset + length])
            offset += length
        }
        return parts
    }

    /// One part: its length, its table of texts, its body.
    static func write(_ part: RecordWriter, to descriptor: Int32) -> Bool {
        let table = part.table()
        var length = RecordWriter()
        length.int(table.count + part.body.count)
        return RecordFile.write([length.body, table, part.body], to: descriptor)
    }
}
