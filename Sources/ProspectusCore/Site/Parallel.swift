import Foundation

/// Runs `transform` on every item on all cores and returns the results in the
/// items' order, so parallel stages stay deterministic.
///
/// Work is split into a few chunks per core (`concurrentPerform` runs one
/// iteration per worker thread at a time, bounded by the core count).
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    let count = items.count
    guard count > 1 else { return items.map(transform) }
    let slots = ResultSlots<R>(count: count)
    let chunks = min(count, ProcessInfo.processInfo.activeProcessorCount * 4)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        let start = chunk * count / chunks
        let end = (chunk + 1) * count / chunks
        for index in start..<end { slots.set(index, transform(items[index])) }
    }
    return slots.values()
}

/// One slot per result. Each index is written by exactly one chunk and read
/// only after `concurrentPerform` has returned, so no two threads ever touch
/// the same slot at once; that is why the unchecked Sendable is sound here.
private final class ResultSlots<R>: @unchecked Sendable {
    // A raw buffer, not an Array: concurrent writes to distinct elements of
    // one Array would still be overlapping accesses to the array itself.
    private let buffer: UnsafeMutableBufferPointer<R?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    func set(_ index: Int, _ value: R) { buffer[index] = value }

    func values() -> [R] { buffer.compactMap { $0 } }
}
