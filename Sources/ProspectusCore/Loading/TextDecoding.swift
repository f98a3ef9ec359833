import Foundation

/// Turns raw file bytes into text, or says in plain words why it cannot.
enum TextDecoding {
    enum Failure: Error, Equatable {
        case empty
        case binary
        /// The first byte that is not valid UTF-8, as a 1-based line and column.
        case notUTF8(line: Int, column: Int)
    }

    static func decode(_ bytes: [UInt8]) -> Result<String, Failure> {
        var body = bytes[...]
        // A UTF-8 byte-order mark is tolerated (Windows editors add one).
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return .failure(.empty)
        }
        // A NUL byte never appears in a text file a person wrote; images, Word
        // documents and UTF-16 files all have them early on.
        if contains(body, 0) { return .failure(.binary) }
        // The standard library's validation is the fast path (and makes the
        // String in the same pass); the byte walk that finds the line and
        // column runs only for a file that fails it.
        guard let text = String(validating: body, as: UTF8.self) else {
            let position = firstInvalidUTF8(body) ?? (line: 1, column: 1)
            return .failure(.notUTF8(line: position.line, column: position.column))
        }
        // Line endings become LF on bytes (CR is ASCII, never inside a multi-byte
        // character); a String search for "\r" went through Foundation and was a
        // visible part of reading a big site.
        guard contains(body, 0x0D) else { return .success(text) }
        var normalised: [UInt8] = []
        normalised.reserveCapacity(body.count)
        var index = body.startIndex
        while index < body.endIndex {
            let byte = body[index]
            if byte == 0x0D {
                // CRLF, and a lone CR (old Mac line ending), each end one line.
                normalised.append(0x0A)
                if index + 1 < body.endIndex && body[index + 1] == 0x0A { index += 1 }
            } else {
                normalised.append(byte)
            }
            index += 1
        }
        return .success(String(decoding: normalised, as: UTF8.self))
    }

    /// Whether `byte` occurs in `bytes`, by `memchr` (a byte loop was a visible
    /// part of reading a big site).
    static func contains(_ bytes: ArraySlice<UInt8>, _ byte: UInt8) -> Bool {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        }
    }

    /// Finds the first byte sequence that is not valid UTF-8 and reports its position.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> (line: Int, column: Int)? {
        var line = 1
        var column = 1
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, column)
            }
            if index + length > bytes.endIndex { return (line, column) }
            if length > 1 {
                for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 {
                    return (line, column)
                }
                // Reject overlong forms, surrogates and values past U+10FFFF.
                let second = bytes[index + 1]
                if byte == 0xE0 && second < 0xA0 { return (line, column) }
                if byte == 0xED && second > 0x9F { return (line, column) }
                if byte == 0xF0 && second < 0x90 { return (line, column) }
                if byte == 0xF4 && second > 0x8F { return (line, column) }
            }
            // LF, CRLF and a lone CR each end a line, as `decode` reads them.
            let endsLine = byte == 0x0A || (byte == 0x0D && (index + 1 == bytes.endIndex || bytes[index + 1] != 0x0A))
            if endsLine {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += length
        }
        return nil
    }
}

import Foundation
