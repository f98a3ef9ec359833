import CPlatform
import Foundation

/// Wall time per pipeline stage, how many cores it kept busy, the heap in
/// use after it and the peak resident memory so far, printed to standard error when the environment variable
/// PROSPECTUS_TIMINGS is set: how `scripts/bench` and a curious developer see
/// where a build spends its time. Off by default, and never part of the output.
public enum StageTimes {
    static let enabled = ProcessInfo.processInfo.environment["PROSPECTUS_TIMINGS"] != nil

    @discardableResult
    public static func measure<T>(_ stage: String, _ work: () -> T) -> T {
        guard enabled else { return work() }
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = cpuSeconds()
        let result = work()
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        // Processor time over wall time: 2.0 is both cores busy throughout.
        let cores = milliseconds > 0 ? (cpuSeconds() - cpuStart) * 1000 / milliseconds : 0
        // The heap in use after the stage (not the peak within it): where the
        // memory of a build goes, stage by stage.
        let heap = Double(prospectus_heap_in_use()) / 1_048_576
        // And the process's peak resident memory so far: the stage where it
        // rises is the one that sets a build's peak.
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let peak = Double(usage.ru_maxrss) / 1024
        FileHandle.standardError.write(
            Data("timing: \(stage) \(String(format: "%.1f", milliseconds)) ms, \(String(format: "%.1f", cores)) cores, heap \(String(format: "%.0f", heap)) MB, peak so far \(String(format: "%.0f", peak)) MB\n".utf8))
        return result
    }

    /// User and system processor time of the whole process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
