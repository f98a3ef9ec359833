import Foundation

/// Wall time per pipeline stage, printed to standard error when the
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
        FileHandle.standardError.write(Data("timing: \(stage) \(String(format: "%.1f", milliseconds)) ms\n".utf8))
        return result
    }
}
