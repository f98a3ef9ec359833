import CPlatform
import Foundation

/// Wall time per pipeline stage, and the heap in use after it, printed to standard error when the
/// environment variable PROSPECTUS_TIMINGS is set: how `scripts/bench` and a
/// curious developer see where a build spends its time. Off by default, and
/// never part of the output.
enum StageTimes {
    static let enabled = ProcessInfo.processInfo.environment["PROSPECTUS_TIMINGS"] != nil

    @discardableResult
    static func measure<T>(_ stage: String, _ work: () -> T) -> T {
        guard enabled else { return work() }
        let start = DispatchTime.now().uptimeNanoseconds
        let result = work()
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        // The heap in use after the stage (not the peak within it): where the
        // memory of a build goes, stage by stage.
        let heap = Double(prospectus_heap_in_use()) / 1_048_576
        FileHandle.standardError.write(
            Data("timing: \(stage) \(String(format: "%.1f", milliseconds)) ms, heap \(String(format: "%.0f", heap)) MB\n".utf8))
        return result
    }
}
