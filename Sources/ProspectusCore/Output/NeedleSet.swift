import Foundation

/// Finds which of many byte strings occur in a buffer, in one pass.
///
/// The privacy scan looks for thousands of secrets in thousands of output
/// files; searching for each secret in each file is quadratic (hours at
/// 10,000 courses). Here every position of a file costs one bit test: the
/// four bytes starting there are hashed into a 16-million-bit filter built from
/// the secrets' first four bytes, and only on a hit are the candidate secrets
/// compared in full. Secrets shorter than four bytes are searched for directly.
struct NeedleSet: Sendable {
    private let needles: [[UInt8]]
    private let filter: [UInt64]
    private let byPrefix: [UInt32: [Int]]
    private let short: [Int]

    private static let filterBits = 24

    var isEmpty: Bool { needles.isEmpty }

    init(_ needles: [[UInt8]]) {
        self.needles = needles
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

    static func slot(_ key: UInt32) -> Int {
        Int((key &* 2_654_435_761) >> UInt32(32 - filterBits))
    }

    /// The indices of the needles that occur in `data`.
    func matches(in data: Data) -> Set<Int> {
        var found = Set<Int>()
        for index in short where data.range(of: Data(needles[index])) != nil { found.insert(index) }
        guard !byPrefix.isEmpty, data.count >= 4 else { return found }
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            let bytes = buffer.bindMemory(to: UInt8.self)
            guard let base = bytes.baseAddress else { return }
            let count = bytes.count
            var window = Self.key(bytes[0], bytes[1], bytes[2], 0) << 8
            var position = 0
            while position + 4 <= count {
                window = (window >> 8) | UInt32(bytes[position + 3]) << 24
                let bit = Self.slot(window)
                if filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0, let candidates = byPrefix[window] {
                    for index in candidates where !found.contains(index) {
                        let needle = needles[index]
                        if position + needle.count <= count
                            && memcmp(base + position, needle, needle.count) == 0
                        {
                            found.insert(index)
                        }
                    }
                }
                position += 1
            }
        }
        return found
    }
}
