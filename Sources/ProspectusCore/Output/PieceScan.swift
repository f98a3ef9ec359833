/// The privacy scan of a file handed over a piece at a time, so that the file
/// is never in memory whole: the unfolded view of the site calendar (25 MB at
/// 10,000 courses) is made and searched this way.
///
/// It finds exactly what a search of the whole file finds:
/// - the needles as written: each piece is searched after the last
///   `longest - 1` bytes of what came before, so a needle across a join is
///   found;
/// - the needles in the reading view: the view is read only as far as every
///   step's look-ahead (`ReadingView.lookahead`) stays inside what has been
///   handed over, so each step decides as it would on the whole file; its
///   output is searched with the same overlap.
struct PieceScan {
    let raw: NeedleSet
    let plain: NeedleSet
    private(set) var rawFound = Set<Int>()
    private(set) var plainFound = Set<Int>()
    private var rawTail: [UInt8] = []
    /// Handed over but not yet read into the view.
    private var pending: [UInt8] = []
    private var viewTail: [UInt8] = []
    private var lastWasSpace = false

    init(raw: NeedleSet, plain: NeedleSet) {
        self.raw = raw
        self.plain = plain
    }

    mutating func add(_ piece: UnsafeBufferPointer<UInt8>) {
        if !raw.isEmpty {
            let window = rawTail + Array(piece)
            window.withUnsafeBufferPointer { rawFound.formUnion(raw.matches(in: $0)) }
            rawTail = Array(window.suffix(max(raw.longest - 1, 0)))
        }
        if !plain.isEmpty {
            pending += piece
            readView(final: false)
        }
    }

    /// Reads the rest of the view; call once, after the last piece.
    mutating func finish() {
        if !plain.isEmpty { readView(final: true) }
    }

    private mutating func readView(final: Bool) {
        let until = final ? pending.count : pending.count - ReadingView.lookahead
        guard until > 0 else { return }
        var cursor = ReadingView.Cursor(position: 0, lastWasSpace: lastWasSpace)
        let kept = viewTail.count
        // A step's output is never longer than its input, and the last step
        // starts before `until`: `until` plus one step of room is enough.
        var buffer = viewTail + [UInt8](repeating: 0, count: until + ReadingView.longestStep)
        let written = pending.withUnsafeBufferPointer { input in
            buffer.withUnsafeMutableBufferPointer { output in
                ReadingView.write(input, from: &cursor, into: UnsafeMutableBufferPointer(rebasing: output[kept...]), until: until)
            }
        }
        let end = kept + written
        buffer.withUnsafeBufferPointer { plainFound.formUnion(plain.matches(in: UnsafeBufferPointer(rebasing: $0[0..<end]))) }
        viewTail = Array(buffer[max(0, end - max(plain.longest - 1, 0))..<end])
        pending.removeFirst(min(cursor.position, pending.count))
        lastWasSpace = cursor.lastWasSpace
    }
}
