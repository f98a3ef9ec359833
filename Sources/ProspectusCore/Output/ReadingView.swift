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
        // A local struct, not captured variables: the compiler then checks
        // exclusive access once, at compile time, instead of on every byte.
        var out = Emitter(capacity: data.count)
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            let count = bytes.count
            var i = 0
            while i < count {
                let byte = bytes[i]
                switch byte {
                case 0x3C:  // < a tag: skip it (a tag is markup, not text)
                    var j = i + 1
                    while j < count && bytes[j] != 0x3E && j - i < 2048 { j += 1 }
                    if j < count && bytes[j] == 0x3E { i = j + 1 } else { out.emit(byte); i += 1 }
                case 0x26:  // & an entity
                    var j = i + 1
                    while j < count && j - i <= 10 && bytes[j] != 0x3B { j += 1 }
                    if j < count && bytes[j] == 0x3B, let decoded = entity(Array(bytes[(i + 1)..<j])) {
                        for decodedByte in decoded { out.emit(decodedByte) }
                        i = j + 1
                    } else {
                        out.emit(byte)
                        i += 1
                    }
                case 0x5C where i + 5 < count && bytes[i + 1] == 0x75:  // \uXXXX in JSON
                    if let value = UInt32(String(decoding: Array(bytes[(i + 2)..<(i + 6)]), as: UTF8.self), radix: 16) {
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
        }
        return Data(out.bytes)
    }

    /// Collects the view: runs of spaces folded to one, ASCII lowercased.
    struct Emitter {
        var bytes: [UInt8] = []
        var lastWasSpace = false

        init(capacity: Int) { bytes.reserveCapacity(capacity) }

        @inline(__always)
        mutating func emit(_ byte: UInt8) {
            if byte == 0x20 {
                if !lastWasSpace { bytes.append(0x20) }
                lastWasSpace = true
            } else {
                bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
                lastWasSpace = false
            }
        }
    }

    /// Normalises a secret the same way (it has no markup to strip).
    static func normalise(_ text: String) -> [UInt8] {
        [UInt8](of(Data(text.utf8)))
    }

    static func entity(_ name: [UInt8]) -> [UInt8]? {
        let text = String(decoding: name, as: UTF8.self)
        switch text {
        case "nbsp": return [0x20]
        case "shy", "zwnj", "zwj": return []
        case "amp": return [0x26]
        case "lt": return [0x3C]
        case "gt": return [0x3E]
        case "quot": return [0x22]
        case "apos": return [0x27]
        default:
            if text.hasPrefix("#x") || text.hasPrefix("#X"), let value = UInt32(text.dropFirst(2), radix: 16) { return scalar(value) }
            if text.hasPrefix("#"), let value = UInt32(text.dropFirst()) { return scalar(value) }
            return nil
        }
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
