import Foundation

/// The text of an output file as a reader sees it, for the privacy scan.
///
/// A name can reach a page disguised to a byte-for-byte search yet plain to a
/// reader: split over two lines, with two spaces, `&nbsp;` or `&shy;`, wrapped
/// in emphasis, in capitals, or escaped as `\u0027` in JSON. This view strips
/// tags, decodes entities and JSON escapes, drops soft hyphens and zero-width
/// characters, folds every run of white space to one space and lowercases
/// ASCII, so the same normalisation of a secret finds it.
enum ReadingView {
    static func of(_ data: Data) -> Data {
        Data(bytes(of: data))
    }

    /// The view as bytes. It is never longer than the file (tags are dropped,
    /// and every entity or escape is longer than what it decodes to), so it is
    /// written straight into one buffer of the file's size.
    static func bytes(of data: Data) -> [UInt8] {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [UInt8] in
            let bytes = raw.bindMemory(to: UInt8.self)
            return [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, initialized in
                var cursor = Cursor()
                initialized = write(bytes, from: &cursor, into: buffer)
            }
        }
    }

    /// Where `write` stopped, so that the next call goes on from there.
    struct Cursor {
        var position = 0
        var lastWasSpace = false
    }

    /// One step never writes more than this (a decoded entity or escape is
    /// one scalar, at most four bytes).
    static let longestStep = 8

    /// How far past its position one step may read: a tag is looked for up to
    /// 2,048 bytes on, an entity up to 11. A step that starts this far before
    /// the end of what is at hand decides as it would on the whole file.
    static let lookahead = 2060

    /// Writes the view of `bytes`, from the cursor on, into `buffer` until the
    /// input ends (or a step would start at `until`) or fewer than
    /// `longestStep` bytes of room are left; returns how many bytes it wrote.
    /// The view made in several calls is the view made in one.
    static func write(
        _ bytes: UnsafeBufferPointer<UInt8>, from cursor: inout Cursor, into buffer: UnsafeMutableBufferPointer<UInt8>,
        until: Int = .max
    ) -> Int {
        let count = bytes.count
        // A local struct, not captured variables: the compiler then checks
        // exclusive access once, at compile time, instead of on every byte.
        var out = Emitter(buffer)
        out.lastWasSpace = cursor.lastWasSpace
        // Room for one more step; a buffer as long as the input always has it.
        let stop = buffer.count >= count - cursor.position ? Int.max : buffer.count - longestStep
        var i = cursor.position
        let end = min(count, until)
        while i < end && out.count <= stop {
            let byte = bytes[i]
            switch byte {
            case 0x3C:  // < a tag: skip it (a tag is markup, not text)
                var j = i + 1
                while j < count && bytes[j] != 0x3E && j - i < 2048 { j += 1 }
                if j < count && bytes[j] == 0x3E { i = j + 1 } else { out.emit(byte); i += 1 }
            case 0x26:  // & an entity
                var j = i + 1
                while j < count && j - i <= 10 && bytes[j] != 0x3B { j += 1 }
                if j < count && bytes[j] == 0x3B, let decoded = entity(UnsafeBufferPointer(rebasing: bytes[(i + 1)..<j])) {
                    for decodedByte in decoded { out.emit(decodedByte) }
                    i = j + 1
                } else {
                    out.emit(byte)
                    i += 1
                }
            case 0x5C where i + 5 < count && bytes[i + 1] == 0x75:  // \uXXXX in JSON
                if let value = hex(UnsafeBufferPointer(rebasing: bytes[(i + 2)..<(i + 6)])) {
                    for decodedByte in scalar(value) { out.emit(decodedByte) }
                    i += 6
                } else {
                    out.emit(byte)
                    i += 1
                }
            case 0x09, 0x0A, 0x0D, 0x20:
                out.emit(0x20)
                i += 1
            case 0xC2 where i + 1 < count && (bytes[i + 1] == 0xA0 || bytes[i + 1] == 0xAD):
                if bytes[i + 1] == 0xA0 { out.emit(0x20) }  // no-break space; a soft hyphen is dropped
                i += 2
            case 0xE2 where i + 2 < count && bytes[i + 1] == 0x80 && (0x8B...0x8D).contains(bytes[i + 2]):
                i += 3  // zero-width space and joiners
            default:
                out.emit(byte)
                i += 1
            }
        }
        cursor.position = i
        cursor.lastWasSpace = out.lastWasSpace
        return out.count
    }

    /// Which of `needles` occur in the view of `bytes`, with the view made and
    /// searched a piece at a time (PieceScan): a big file's view (40 MB for the
    /// printed prospectus of 10,000 courses) is then never in memory whole.
    static func matches(of needles: NeedleSet, inViewOf bytes: UnsafeBufferPointer<UInt8>, pieceSize: Int = 1 << 20) -> Set<Int> {
        var scan = PieceScan(raw: NeedleSet([]), plain: needles)
        for start in stride(from: 0, to: bytes.count, by: max(pieceSize, 1)) {
            scan.add(UnsafeBufferPointer(rebasing: bytes[start..<min(start + pieceSize, bytes.count)]))
        }
        scan.finish()
        return scan.plainFound
    }

    /// Writes the view: runs of spaces folded to one, ASCII lowercased.
    struct Emitter {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var count = 0
        var lastWasSpace = false

        init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

        @inline(__always)
        mutating func emit(_ byte: UInt8) {
            // The view is never longer than the file; the check keeps a
            // mistake in that reasoning from writing past the buffer.
            guard count < buffer.count else { return }
            if byte == 0x20 {
                if !lastWasSpace {
                    buffer[count] = 0x20
                    count += 1
                }
                lastWasSpace = true
            } else {
                buffer[count] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                count += 1
                lastWasSpace = false
            }
        }
    }

    /// Normalises a secret the same way (it has no markup to strip).
    static func normalise(_ text: String) -> [UInt8] {
        [UInt8](of(Data(text.utf8)))
    }

    static func entity(_ name: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard let first = name.first else { return nil }
        if first == 0x23 {  // &#…; or &#x…;
            guard name.count >= 2 else { return nil }
            if name[1] == 0x78 || name[1] == 0x58 {
                return hex(UnsafeBufferPointer(rebasing: name[2...])).map(scalar)
            }
            return decimal(UnsafeBufferPointer(rebasing: name[1...])).map(scalar)
        }
        switch name.count {
        case 2 where name[0] == 0x6C && name[1] == 0x74: return [0x3C]  // lt
        case 2 where name[0] == 0x67 && name[1] == 0x74: return [0x3E]  // gt
        case 3 where name.elementsEqual("amp".utf8): return [0x26]
        case 3 where name.elementsEqual("shy".utf8), 3 where name.elementsEqual("zwj".utf8): return []
        case 4 where name.elementsEqual("nbsp".utf8): return [0x20]
        case 4 where name.elementsEqual("quot".utf8): return [0x22]
        case 4 where name.elementsEqual("apos".utf8): return [0x27]
        case 4 where name.elementsEqual("zwnj".utf8): return []
        default: return nil
        }
    }

    /// Hexadecimal digits as a number; nil if empty, not hex, or too large.
    static func hex(_ digits: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard !digits.isEmpty, digits.count <= 8 else { return nil }
        var value: UInt32 = 0
        for digit in digits {
            let nibble: UInt8
            switch digit {
            case 0x30...0x39: nibble = digit - 0x30
            case 0x41...0x46: nibble = digit - 0x41 + 10
            case 0x61...0x66: nibble = digit - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt32(nibble)
        }
        return value
    }

    /// Decimal digits as a number; nil if empty, not digits, or too large.
    static func decimal(_ digits: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        var value: UInt32 = 0
        for digit in digits {
            guard (0x30...0x39).contains(digit) else { return nil }
            value = value * 10 + UInt32(digit - 0x30)
        }
        return value
    }

    static func scalar(_ value: UInt32) -> [UInt8] {
        switch value {
        case 0xA0: return [0x20]
        case 0xAD, 0x200B...0x200D, 0xFEFF: return []
        default:
            guard let scalar = Unicode.Scalar(value) else { return [] }
            return Array(String(Character(scalar)).utf8)
        }
    }
}
