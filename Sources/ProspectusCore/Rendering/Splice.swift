import Foundation

/// Builds the largest files (the printed prospectus, the site calendar) as
/// bytes straight from their pieces.
///
/// Made the plain way, such a file exists three times over at its peak: as
/// its thousands of pieces, as one String growing by doubling, and as the
/// bytes written. At 10,000 courses that was 100 MB and more for the 40 MB
/// printed prospectus. Here each piece is copied into the bytes and let go:
/// `join` reserves them at their exact size; the printed prospectus makes its
/// sections in batches and copies each batch in as it comes (`Markers`).
enum Splice {
    /// The bytes of `pieces` one after another; `pieces` is left empty.
    static func join(_ pieces: inout [String]) -> Data {
        var total = 0
        for piece in pieces { total += piece.utf8.count }
        var data = Data(capacity: total)
        for index in pieces.indices {
            append(&pieces[index], to: &data)
            pieces[index] = ""
        }
        pieces = []
        return data
    }

    static func append(_ text: inout String, to data: inout Data) {
        text.withUTF8 { data.append($0) }
    }

    /// Stand-ins for pieces in a template's output, replaced by the pieces'
    /// bytes afterwards: the template lays out the page, the pieces are
    /// pasted in without passing through it again.
    ///
    /// That is exact only if the template prints each value as it is. A
    /// template can make its output depend on a String value in a few ways
    /// only (swift-mustache 2): escaping it, the transforms `uppercased`,
    /// `lowercased`, `capitalized`, `reversed` and `empty`, a section on it
    /// (empty or not), and the indentation of a standalone partial or block,
    /// which comes after a value ending in a line break. So each marker holds
    /// a random token of mixed case (every case transform changes it) and a
    /// `<` (escaping breaks it), and ends with a line break; `agreedLayout`
    /// renders the page with two different tokens and accepts it only when
    /// both cut into the same literal text and the same pieces; and the caller
    /// pastes only pieces that are not empty and end with a line break, like
    /// the markers. Otherwise it renders the page whole. The token never
    /// reaches a published file.
    struct Markers {
        let token: [UInt8]

        init() {
            var generator = SystemRandomNumberGenerator()
            let letters = Array("abcdefghijklmnopqrstuvwxyz".utf8)
            token = (0..<24).map { position in
                let letter = letters[Int(generator.next(upperBound: UInt64(letters.count)))]
                return position % 2 == 0 ? letter - 0x20 : letter  // upper, lower, upper, ...
            }
        }

        /// What the template is given in place of piece `index`.
        func marker(_ index: Int) -> String {
            "<\u{2}" + String(decoding: token, as: UTF8.self) + "-\(index)\u{3}>\n"
        }

        /// The page laid out by `render` with two sets of markers, cut into
        /// parts; nil when the two disagree in any way (see above), or when
        /// `render` fails. The two renders run one after the other: side by
        /// side they saved 0.1 s of a build at 10,000 courses, but their
        /// contexts and pages at once set the build's peak memory (up to
        /// 80 MB above the stage before it, and 293 MB in all).
        static func agreedLayout(pieceCount: Int, _ render: (Markers) -> String?) -> (skeleton: String, parts: [Part])? {
            let first = Markers()
            var second = Markers()
            while second.token == first.token { second = Markers() }
            let laidOut = [first, second].map { markers -> (text: String, parts: [Part])? in
                guard var text = render(markers), let parts = text.withUTF8({ markers.parse($0, pieceCount: pieceCount) }) else {
                    return nil
                }
                return (text, parts)
            }
            guard laidOut.count == 2, let firstLayout = laidOut[0], let secondLayout = laidOut[1],
                firstLayout.parts.count == secondLayout.parts.count
            else { return nil }
            var skeleton = firstLayout.text, other = secondLayout.text
            let parts = firstLayout.parts, otherParts = secondLayout.parts
            let agree = skeleton.withUTF8 { a in
                other.withUTF8 { b in
                    zip(parts, otherParts).allSatisfy { pair in
                        switch pair {
                        case (.piece(let x), .piece(let y)): return x == y
                        case (.literal(let x), .literal(let y)):
                            return x.count == y.count && UnsafeBufferPointer(rebasing: a[x]).elementsEqual(UnsafeBufferPointer(rebasing: b[y]))
                        default: return false
                        }
                    }
                }
            }
            return agree ? (skeleton, parts) : nil
        }

        enum Part {
            case literal(Range<Int>)
            case piece(Int)
        }

        /// The skeleton cut into literal runs and markers, in order; nil when
        /// anything carries the token but is not a whole marker naming a piece.
        func parse(_ bytes: UnsafeBufferPointer<UInt8>, pieceCount: Int) -> [Part]? {
            var parts: [Part] = []
            var literalStart = 0
            var position = 0
            let count = bytes.count
            while let at = token.withUnsafeBytes({
                ByteSearch.firstIndex(of: $0, in: UnsafeRawBufferPointer(bytes), from: position)
            }) {
                // `<` STX token `-` digits ETX `>` LF
                guard at >= 2, bytes[at - 2] == UInt8(ascii: "<"), bytes[at - 1] == 0x02 else { return nil }
                var cursor = at + token.count
                guard cursor < count, bytes[cursor] == UInt8(ascii: "-") else { return nil }
                cursor += 1
                var index = 0
                var digits = 0
                while cursor < count, bytes[cursor] >= UInt8(ascii: "0"), bytes[cursor] <= UInt8(ascii: "9"), digits < 10 {
                    index = index * 10 + Int(bytes[cursor] - UInt8(ascii: "0"))
                    cursor += 1
                    digits += 1
                }
                guard digits > 0, index < pieceCount, cursor + 2 < count, bytes[cursor] == 0x03,
                    bytes[cursor + 1] == UInt8(ascii: ">"), bytes[cursor + 2] == 0x0A
                else { return nil }
                let markerStart = at - 2
                if markerStart > literalStart {
                    parts.append(.literal(literalStart..<markerStart))
                }
                parts.append(.piece(index))
                literalStart = cursor + 3
                position = literalStart
            }
            if count > literalStart {
                parts.append(.literal(literalStart..<count))
            }
            return parts
        }
    }
}
