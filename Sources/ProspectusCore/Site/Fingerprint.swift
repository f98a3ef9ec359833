/// A stable 64-bit hash, the same in every process and on every run, unlike
/// Swift's `Hasher`, which is seeded per process. Incremental builds use it to
/// tell whether the inputs of a page have changed since it was made. It is not
/// a cryptographic hash: it guards against our own stale work, not against an
/// attacker.
///
/// It reads eight bytes at a time: each word is mixed in with a multiply (as
/// in FNV) and then a shift that carries the high bits down, since a multiply
/// alone never lets a change in a high bit reach the lower ones. Hashing a
/// byte at a time (FNV-1a) was a third of reading a site's files.
public struct Fingerprint: Sendable, Hashable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(bytes: $0) }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        add(UInt64(text.utf8.count))
    }

    public mutating func add(bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        var hash = value
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = Self.mix(hash, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        if offset < bytes.count {
            // The last one to seven bytes, with a marker bit above them so that
            // trailing zero bytes still count.
            var word: UInt64 = 1
            for index in stride(from: bytes.count - 1, through: offset, by: -1) { word = word << 8 | UInt64(bytes[index]) }
            hash = Self.mix(hash, word)
        }
        value = hash
    }

    public mutating func add(_ number: UInt64) {
        value = Self.mix(value, number)
    }

    public mutating func add(_ number: Int) { add(UInt64(bitPattern: Int64(number))) }
    public mutating func add(_ flag: Bool) { add(flag ? 1 : 0) }

    @inline(__always)
    static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        var next = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
        next ^= next >> 29
        return next &* 0x100_0000_01b3
    }
}
