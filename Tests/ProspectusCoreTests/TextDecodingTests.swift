import Foundation
import Testing

@testable import ProspectusCore

@Suite("Text decoding (stage 1: bytes to text)")
struct TextDecodingTests {
    func decode(_ bytes: [UInt8]) -> Result<String, TextDecoding.Failure> { TextDecoding.decode(bytes) }
    func decode(_ text: String) -> Result<String, TextDecoding.Failure> { TextDecoding.decode(Array(text.utf8)) }

    @Test("plain UTF-8 text is returned unchanged")
    func plainText() {
        #expect(decode("title: Café ☕ 🌱\nbody\n") == .success("title: Café ☕ 🌱\nbody\n"))
    }

    @Test("a UTF-8 byte-order mark is removed")
    func bomRemoved() {
        #expect(decode([0xEF, 0xBB, 0xBF] + Array("---\ntitle: x\n".utf8)) == .success("---\ntitle: x\n"))
    }

    @Test("a byte-order mark later in the file is not the file's BOM and is kept")
    func bomOnlyAtStart() throws {
        let text = try #require(decode(Array("a".utf8) + [0xEF, 0xBB, 0xBF]).successValue)
        #expect(text.unicodeScalars.last == "\u{FEFF}")
    }

    @Test("CRLF line endings become LF")
    func crlf() {
        #expect(decode("a\r\nb\r\n") == .success("a\nb\n"))
    }

    @Test("a lone CR (old Mac line ending) becomes LF")
    func loneCR() {
        #expect(decode("a\rb\rc") == .success("a\nb\nc"))
    }

    @Test("mixed CRLF, CR and LF endings keep one line per ending")
    func mixedEndings() {
        #expect(decode("a\r\nb\rc\nd") == .success("a\nb\nc\nd"))
    }

    @Test("BOM and CRLF together give the same text as a clean LF file")
    func bomAndCRLF() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: x\r\n---\r\nbody\r\n".utf8)
        #expect(decode(bytes) == .success("---\ntitle: x\n---\nbody\n"))
    }

    @Test("an empty file is reported as empty")
    func emptyFile() {
        #expect(decode([]) == .failure(.empty))
    }

    @Test("a file of only spaces, tabs and line endings is reported as empty")
    func whitespaceOnly() {
        #expect(decode("  \n\t\r\n   \n") == .failure(.empty))
    }

    @Test("a file holding only a byte-order mark is reported as empty")
    func bomOnly() {
        #expect(decode([0xEF, 0xBB, 0xBF]) == .failure(.empty))
        #expect(decode([0xEF, 0xBB, 0xBF, 0x20, 0x0A]) == .failure(.empty))
    }

    @Test("a NUL byte marks the file as binary")
    func nulIsBinary() {
        #expect(decode(Array("title: x\n".utf8) + [0x00] + Array("more".utf8)) == .failure(.binary))
    }

    @Test("a UTF-16 file (full of NUL bytes) is reported as binary, not as bad UTF-8")
    func utf16IsBinary() {
        let utf16LE: [UInt8] = [0xFF, 0xFE] + Array("title".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(decode(utf16LE) == .failure(.binary))
    }

    @Test("a PNG header is reported as binary")
    func pngIsBinary() {
        #expect(decode([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]) == .failure(.binary))
    }

    @Test("an 0xFF byte on line 3 column 5 is reported at line 3, column 5")
    func invalidByteLineColumn() {
        let bytes = Array("ab\ncd\nabcd".utf8) + [0xFF] + Array("rest\n".utf8)
        #expect(decode(bytes) == .failure(.notUTF8(line: 3, column: 5)))
    }

    @Test("the column of a bad byte counts characters, not bytes")
    func columnCountsCharacters() {
        // "é" is two bytes, "☕" three: the bad byte is still the 3rd character.
        let bytes = Array("é☕".utf8) + [0xFE]
        #expect(decode(bytes) == .failure(.notUTF8(line: 1, column: 3)))
    }

    @Test("a bad byte after a BOM is reported at its position in the text the editor shows")
    func invalidAfterBOM() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("ab".utf8) + [0xFF]
        #expect(decode(bytes) == .failure(.notUTF8(line: 1, column: 3)))
    }

    @Test("a multi-byte sequence cut off by the end of the file is rejected")
    func truncatedAtEnd() {
        #expect(decode(Array("abc".utf8) + [0xF0, 0x9F, 0x8C]) == .failure(.notUTF8(line: 1, column: 4)))
    }

    @Test("CRLF line endings count as one line each when locating a bad byte")
    func invalidAfterCRLF() {
        let bytes = Array("a\r\nb\r\nxy".utf8) + [0xC3]
        #expect(decode(bytes) == .failure(.notUTF8(line: 3, column: 3)))
    }

    @Test("a Latin-1 file (é written as the single byte 0xE9) is not UTF-8")
    func latin1() {
        let bytes = Array("Caf".utf8) + [0xE9] + Array(" au lait\n".utf8)
        #expect(decode(bytes) == .failure(.notUTF8(line: 1, column: 4)))
    }

    @Test(
        "invalid and non-shortest UTF-8 sequences are rejected",
        arguments: [
            ("overlong 2-byte /", [0xC0, 0xAF]),
            ("overlong 2-byte with C1", [0xC1, 0xBF]),
            ("overlong 3-byte /", [0xE0, 0x80, 0xAF]),
            ("overlong 3-byte just below U+0800", [0xE0, 0x9F, 0xBF]),
            ("overlong 4-byte /", [0xF0, 0x80, 0x80, 0xAF]),
            ("overlong 4-byte just below U+10000", [0xF0, 0x8F, 0xBF, 0xBF]),
            ("high surrogate U+D800", [0xED, 0xA0, 0x80]),
            ("low surrogate U+DFFF", [0xED, 0xBF, 0xBF]),
            ("beyond U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
            ("F5 lead byte", [0xF5, 0x80, 0x80, 0x80]),
            ("lone continuation byte", [0x80]),
            ("3-byte sequence cut short", [0xE2, 0x82]),
            ("lead byte followed by ASCII", [0xE2, 0x41, 0x42]),
            ("0xFE", [0xFE]),
        ] as [(String, [UInt8])]
    )
    func rejectsInvalidSequences(name: String, sequence: [UInt8]) {
        let bytes = Array("ok\nab".utf8) + sequence + Array("z\n".utf8)
        #expect(decode(bytes) == .failure(.notUTF8(line: 2, column: 3)), "\(name)")
    }

    @Test(
        "boundary code points that are valid UTF-8 are accepted",
        arguments: [
            [0xC2, 0x80],  // U+0080
            [0xDF, 0xBF],  // U+07FF
            [0xE0, 0xA0, 0x80],  // U+0800
            [0xED, 0x9F, 0xBF],  // U+D7FF, just below the surrogates
            [0xEE, 0x80, 0x80],  // U+E000, just above them
            [0xEF, 0xBF, 0xBD],  // U+FFFD
            [0xF0, 0x90, 0x80, 0x80],  // U+10000
            [0xF4, 0x8F, 0xBF, 0xBF],  // U+10FFFF
        ] as [[UInt8]]
    )
    func acceptsBoundaries(sequence: [UInt8]) throws {
        let text = try #require(decode(Array("a".utf8) + sequence).successValue)
        #expect(text.unicodeScalars.count == 2)
    }

    @Test("a bad byte in a file with lone-CR line endings is reported on the line the editor shows")
    func invalidAfterLoneCR() {
        // decode() treats a lone CR as a line ending, so line numbers everywhere
        // else count it; the bad-byte position must too.
        let bytes = Array("a\rb\rcd".utf8) + [0xFF]
        #expect(decode(bytes) == .failure(.notUTF8(line: 3, column: 3)))
        // CRLF counts once.
        #expect(decode(Array("a\r\nb\r\ncd".utf8) + [0xFF]) == .failure(.notUTF8(line: 3, column: 3)))
    }
}
