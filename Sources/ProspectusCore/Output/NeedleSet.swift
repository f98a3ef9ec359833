import Foundation

/// Finds which of many byte strings occur in a buffer, in one pass.
///
/// The privacy scan looks for thousands of secrets in hundreds of megabytes of
/// output (354 MB at 10,000 courses); searching for each secret in each file is
/// quadratic (hours). Here every position of a file costs one bit test: the
/// four bytes starting there are hashed into a 512-kilobit filter built from
/// the secrets' first four bytes, and only on a hit are the candidate secrets
/// compared in full. The filter is 64 KB so that it stays in the processor's
/// cache (a 2 MB one missed it on most bytes); with a few thousand secrets
/// about one position in a hundred is a false alarm, costing one dictionary
/// lookup. Secrets shorter than four bytes are searched for directly.
///
/// Each distinct needle is searched for once: many trainers share a private
/// value (the same training course), and "Recovery college induction" listed
/// by 300 trainers would otherwise be compared 300 times at every "Reco".
struct NeedleSet: Sendable {
    /// Distinct needles, and for each the indices it was given under.
    private let needles: [[UInt8]]
    private let aliases: [[Int]]
    private let filter: [UInt64]
    private let byPrefix: [UInt32: [Int]]
    private let short: [Int]
    /// The longest needle's length: how far pieces searched apart must overlap.
    let longest: Int

    private static let filterBits = 19

    var isEmpty: Bool { needles.isEmpty }

    init(_ given: [[UInt8]]) {
        var needles: [[UInt8]] = []
        var aliases: [[Int]] = []
        var position: [[UInt8]: Int] = [:]
        for (index, needle) in given.enumerated() {
            if let existing = position[needle] {
                aliases[existing].append(index)
            } else {
                position[needle] = needles.count
                needles.append(needle)
                aliases.append([index])
            }
        }
        self.needles = needles
        self.aliases = aliases
        self.longest = needles.map(\.count).max() ?? 0
        var filter = [UInt64](repeating: 0, count: (1 << Self.filterBits) / 64)
        var byPrefix: [UInt32: [Int]] = [:]
        var short: [Int] = []
        for (index, needle) in needles.enumerated() {
            guard needle.count >= 4 else {
                if !needle.isEmpty { short.append(index) }
                continue
            }
            let key = Self.key(needle[0], needle[1], needle[2], needle[3])
            byPrefix[key, default: []].append(index)
            let bit = Self.slot(key)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        self.filter = filter
        self.byPrefix = byPrefix
        self.short = short
    }

    static func key(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> UInt32 {
        UInt32(a) | UInt32(b) << 8 | UInt32(c) << 16 | UInt32(d) << 24
    }

    @inline(__always)
    static func slot(_ key: UInt32) -> Int {
        Int((key &* 2_654_435_761) >> UInt32(32 - filterBits))
    }

    /// The indices of the needles that occur in `data`.
    func matches(in data: Data) -> Set<Int> {
        data.withUnsafeBytes { matches(in: $0.bindMemory(to: UInt8.self)) }
    }

    /// The same as `matches(in:)`, with a big buffer searched on every core:
    /// it is cut into pieces that overlap by the longest needle less one byte,
    /// so every occurrence lies wholly inside the piece it starts in. (The
    /// printed prospectus of a big site is one 40 MB page; whole files are
    /// already searched in parallel with each other.)
    func matchesInParallel(in bytes: UnsafeBufferPointer<UInt8>) -> Set<Int> {
        let pieceSize = 1 << 20
        guard bytes.count > 2 * pieceSize, let base = bytes.baseAddress else { return matches(in: bytes) }
        let whole = SharedBytes(base: base, count: bytes.count)
        let overlap = max(longest - 1, 0)
        let starts = Array(stride(from: 0, to: bytes.count, by: pieceSize))
        let found = parallelMap(starts) { [self] start in
            let end = min(start + pieceSize + overlap, whole.count)
            return distinctMatches(in: UnsafeBufferPointer(start: whole.base + start, count: end - start))
        }
        var result = Set<Int>()
        for index in found.reduce(into: Set<Int>(), { $0.formUnion($1) }) { result.formUnion(aliases[index]) }
        return result
    }

    /// The indices of the needles that occur in `bytes`.
    func matches(in bytes: UnsafeBufferPointer<UInt8>) -> Set<Int> {
        var result = Set<Int>()
        for index in distinctMatches(in: bytes) { result.formUnion(aliases[index]) }
        return result
    }

    private func distinctMatches(in bytes: UnsafeBufferPointer<UInt8>) -> Set<Int> {
        var found = Set<Int>()
        if !short.isEmpty {
            let raw = UnsafeRawBufferPointer(bytes)
            for index in short where contains(needles[index], in: raw) { found.insert(index) }
        }
        guard !byPrefix.isEmpty, bytes.count >= 4, let base = bytes.baseAddress else { return found }
        let count = bytes.count
        filter.withUnsafeBufferPointer { filter in
            var window = Self.key(base[0], base[1], base[2], 0) << 8
            var position = 0
            while position + 4 <= count {
                window = (window >> 8) | UInt32(base[position + 3]) << 24
                let bit = Self.slot(window)
                if filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0, let candidates = byPrefix[window] {
                    for index in candidates where !found.contains(index) {
                        let needle = needles[index]
                        if position + needle.count <= count && memcmp(base + position, needle, needle.count) == 0 {
                            found.insert(index)
                        }
                    }
                }
                position += 1
            }
        }
        return found
    }

    private func contains(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer) -> Bool {
        needle.withUnsafeBytes { ByteSearch.contains($0, in: haystack) }
    }
}

/// A buffer read (never written) from several threads while its owner waits
/// for them; the owner keeps it alive until every reader has finished.
private struct SharedBytes: @unchecked Sendable {
    let base: UnsafePointer<UInt8>
    let count: Int
}

enum ByteSearch {
    /// Whether `needle` occurs in `haystack`.
    static func contains(_ needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer) -> Bool {
        needle.isEmpty || firstIndex(of: needle, in: haystack, from: 0) != nil
    }

    /// Where `needle` first occurs in `haystack` at or after `start`: memchr
    /// finds each candidate first byte with vector instructions, memcmp checks
    /// the rest.
    static func firstIndex(of needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard let base = haystack.baseAddress, let needleBase = needle.baseAddress, let first = needle.first else { return nil }
        let last = haystack.count - needle.count
        var position = max(start, 0)
        while position <= last {
            guard let hit = memchr(base + position, Int32(first), last - position + 1) else { return nil }
            let at = base.distance(to: UnsafeRawPointer(hit))
            if memcmp(base + at, needleBase, needle.count) == 0 { return at }
            position = at + 1
        }
        return nil
    }
}
