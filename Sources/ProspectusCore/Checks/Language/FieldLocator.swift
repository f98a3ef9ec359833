/// Finds the file position of a word inside a front-matter text.
///
/// A `FieldText` knows where its YAML value starts, but the value is not a
/// copy of the file: a plain scalar folds its lines into spaces and drops the
/// indent, a quoted one loses its quotes and escapes, a block scalar starts on
/// the next line. Rather than re-implement YAML, we count: the word is the n-th
/// whole-word occurrence of itself in the value, so it is the n-th occurrence
/// in the file from where the value starts (folding and escapes never add or
/// remove whole words).
enum FieldLocator {
    static func location(ofOffset offset: Int, in text: String, startingAt start: SourceLocation?, file: SourceFile)
        -> SourceLocation?
    {
        guard let start else { return nil }
        var value = text
        guard let (word, before) = value.withUTF8({ Words.wordAndOccurrence(at: offset, in: $0, from: 0) }) else {
            return start
        }
        var source = file.text
        return source.withUTF8 { bytes -> SourceLocation in
            guard let origin = byteOffset(of: start, in: bytes),
                let found = Words.offset(ofWord: word, occurrence: before, in: bytes, from: origin)
            else { return start }
            return position(ofByte: found, in: bytes, lineHint: start.line, lineStart: lineStart(start.line, bytes))
        }
    }

    /// The byte offset where 1-based `line` starts, or nil past the end.
    static func lineStart(_ line: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var current = 1
        var i = 0
        while current < line {
            guard let newline = (i..<bytes.count).first(where: { bytes[$0] == 0x0A }) else { return nil }
            i = newline + 1
            current += 1
        }
        return i
    }

    /// The byte offset of a YAML position (columns count Unicode scalars, as libyaml does).
    static func byteOffset(of location: SourceLocation, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard var i = lineStart(location.line, bytes) else { return nil }
        var column = 1
        while column < location.column, i < bytes.count, bytes[i] != 0x0A {
            i += Words.decode(bytes, i).length
            column += 1
        }
        return i
    }

    /// Line and character column of byte `offset`, counting lines from a known line start.
    static func position(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>, lineHint: Int, lineStart: Int?)
        -> SourceLocation
    {
        var line = lineHint
        var start = lineStart ?? 0
        if lineStart == nil { line = 1 }
        var i = start
        while i < offset {
            if bytes[i] == 0x0A {
                line += 1
                start = i + 1
            }
            i += 1
        }
        let prefix = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        return SourceLocation(line: line, column: prefix.count + 1)
    }
}
