/// A stable 64-bit FNV-1a hash, the same in every process and on every run,
/// unlike Swift's `Hasher`, which is seeded per process. Incremental builds
/// use it to tell whether the inputs of a page have changed since it was made.
/// It is not a cryptographic hash: it guards against our own stale work, not
/// against an attacker.
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
        var hash = value
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        value = hash
    }

    public mutating func add(_ number: UInt64) {
        var hash = value
        var rest = number
        for _ in 0..<8 {
            hash ^= rest & 0xff
            hash &*= 0x100_0000_01b3
            rest >>= 8
        }
        value = hash
    }

    public mutating func add(_ number: Int) { add(UInt64(bitPattern: Int64(number))) }
    public mutating func add(_ flag: Bool) { add(flag ? 1 : 0) }
}
