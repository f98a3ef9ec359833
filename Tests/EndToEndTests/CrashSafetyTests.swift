import Foundation
import Testing

/// A build killed at any moment (SIGKILL: no clean-up code runs) leaves the
/// previous output byte for byte, or the complete new one, never a mix; and
/// two builds into one folder never mix their files.
///
/// The sites are generated: the minimal fixture plus a few dozen copies of one
/// of its courses under new ids. The tests run the debug `prospectus`, where
/// 3,000 courses (see LimitsTests and docs/limits.md) take about 20 s a build:
/// killing only at fixed times after launch would then always land in the long
/// loading-and-checking phase, and the phase that matters is the short
/// write-and-swap one at the end. So builds are killed both at fixed times
/// (5, 20, 50 and 100 ms) and at the moment the staging folder appears, a few
/// milliseconds into writing it, and once it holds its completion marker.
@Suite("crash safety: killed or concurrent builds never leave a mixed output", .serialized)
struct CrashSafetyTests {
    /// A copy of the minimal site with `count` generated courses.
    static func generatedSite(courses count: Int) throws -> TestSite {
        let site = try TestSite()
        let template = try site.read("content/courses/hope-and-recovery.md")
        for index in 0..<count {
            let id = String(format: "generated-%04d", index)
            let text = template.replacingOccurrences(of: "title: Hope and Recovery", with: "title: Generated course \(index)")
            try site.write("content/courses/\(id).md", text)
        }
        return site
    }

    /// Starts `prospectus` without waiting for it; its output goes to files, so
    /// a killed child can never block on a full pipe.
    static func launch(_ site: TestSite, _ arguments: [String]) throws -> (Process, URL) {
        let process = Process()
        process.executableURL = Repo.binary
        process.arguments = arguments
        process.currentDirectoryURL = site.root
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1795000000"
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let log = site.root.appendingPathComponent("run-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = handle
        try process.run()
        return (process, log)
    }

    /// Waits (polling every half millisecond) until `condition` holds or `limit` seconds pass.
    static func wait(upTo limit: Double, for condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(limit)
        while Date() < deadline {
            if condition() { return true }
            usleep(500)
        }
        return condition()
    }

    /// Where the build stages the new site: a hidden sibling of output/ that is not the lock file.
    /// The staging folder (`.output.building`), if any; the lock and the build cache are meant to stay.
    static func stagingFolder(of site: TestSite) -> URL? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: site.root.path)) ?? []
        return names.filter { $0.hasPrefix(".output.") && !$0.hasSuffix(".lock") && !$0.hasSuffix(".cache") }.sorted().first
            .map { site.root.appendingPathComponent($0) }
    }

    enum KillMoment: CustomStringConvertible {
        case after(milliseconds: Int)
        /// Once the staging folder exists, then this many milliseconds more.
        case staging(milliseconds: Int)
        /// Once the staging folder holds its completion marker: the last moment before the swap.
        case stagingComplete

        var description: String {
            switch self {
            case .after(let ms): "\(ms) ms after launch"
            case .staging(let ms): "\(ms) ms after the staging folder appeared"
            case .stagingComplete: "when the staging folder was complete"
            }
        }
    }

    static let moments: [KillMoment] = [
        .after(milliseconds: 5), .after(milliseconds: 20), .after(milliseconds: 50), .after(milliseconds: 100),
        .staging(milliseconds: 0), .staging(milliseconds: 3), .staging(milliseconds: 15), .stagingComplete,
    ]

    @Test("a build killed with SIGKILL at any moment leaves the old output or the whole new one; the next build works")
    func killedBuilds() throws {
        let site = try Self.generatedSite(courses: 40)
        defer { site.remove() }
        let first = try site.run(["build"])
        try #require(first.exitCode == 0, "\(first.stderr)")
        let old = TestSite.snapshot(site.output)
        // New content, so that every page differs from the old build.
        let college = try site.read("content/college.yml")
        try site.write("content/college.yml", college.replacingOccurrences(of: "name: Testbrook Recovery College", with: "name: Newbrook Recovery College"))
        let reference = try site.run(["build", "--output", "reference"])
        try #require(reference.exitCode == 0, "\(reference.stderr)")
        let new = TestSite.snapshot(site.url("reference"))
        #expect(new != old)

        var landed: [String] = []
        for moment in Self.moments {
            // A staging folder left by the previous kill would be mistaken for this
            // build's; the final build below shows that leftovers are cleared anyway.
            if let leftover = Self.stagingFolder(of: site) { try FileManager.default.removeItem(at: leftover) }
            // --no-cache: once one of them has finished, a plain build would find
            // the output up to date and write nothing, with nothing to kill.
            let (process, _) = try Self.launch(site, ["build", "--no-cache"])
            switch moment {
            case .after(let ms):
                usleep(useconds_t(ms * 1000))
            case .staging(let ms):
                _ = Self.wait(upTo: 30) { Self.stagingFolder(of: site) != nil || !process.isRunning }
                if ms > 0 { usleep(useconds_t(ms * 1000)) }
            case .stagingComplete:
                _ = Self.wait(upTo: 30) {
                    guard let staging = Self.stagingFolder(of: site) else { return !process.isRunning }
                    return FileManager.default.fileExists(atPath: staging.appendingPathComponent(".prospectus-output").path)
                        || !process.isRunning
                }
            }
            let wasRunning = process.isRunning
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = TestSite.snapshot(site.output)
            let state = now == old ? "old" : now == new ? "new" : "MIXED"
            landed.append("\(moment): \(wasRunning ? "killed" : "had finished"), output \(state)")
            #expect(now == old || now == new, "killed \(moment): the output is neither the old build nor the new one (\(now.count) files)")
        }
        // The next build clears what the killed ones left and publishes the new site.
        let next = try site.run(["build"])
        #expect(next.exitCode == 0, "\(next.stderr)")
        #expect(TestSite.snapshot(site.output) == new)
        #expect(Self.stagingFolder(of: site) == nil, "a staging folder was left behind")
        // At least one kill must have landed while the new site was being staged.
        #expect(landed.contains { $0.contains("staging") && $0.contains("killed") }, "\(landed.joined(separator: "\n"))")
    }

    @Test("the very first build killed leaves no output or a complete one")
    func killedFirstBuild() throws {
        let site = try Self.generatedSite(courses: 20)
        defer { site.remove() }
        let reference = try site.run(["build", "--output", "reference"])
        try #require(reference.exitCode == 0, "\(reference.stderr)")
        let complete = TestSite.snapshot(site.url("reference"))
        for moment in [KillMoment.after(milliseconds: 20), .staging(milliseconds: 2)] {
            try? FileManager.default.removeItem(at: site.output)
            let (process, _) = try Self.launch(site, ["build"])
            if case .after(let ms) = moment {
                usleep(useconds_t(ms * 1000))
            } else {
                _ = Self.wait(upTo: 30) { Self.stagingFolder(of: site) != nil || !process.isRunning }
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if site.exists("output") {
                #expect(TestSite.snapshot(site.output) == complete, "killed \(moment): a partial output folder is visible")
            }
        }
        #expect(try site.run(["build"]).exitCode == 0)
        #expect(TestSite.snapshot(site.output) == complete)
    }

    @Test("two builds started at once: one publishes, the other exits 2 saying another build is writing")
    func concurrentBuilds() throws {
        let site = try Self.generatedSite(courses: 40)
        defer { site.remove() }
        let reference = try site.run(["build", "--output", "reference"])
        try #require(reference.exitCode == 0, "\(reference.stderr)")
        let complete = TestSite.snapshot(site.url("reference"))

        let (a, logA) = try Self.launch(site, ["build"])
        let (b, logB) = try Self.launch(site, ["build"])
        a.waitUntilExit()
        b.waitUntilExit()
        let codes = [a.terminationStatus, b.terminationStatus].sorted()
        let messages = try [logA, logB].map { try String(contentsOf: $0, encoding: .utf8) }
        #expect(codes == [0, 2], "exit codes \(codes): \(messages)")
        let refused = zip([a.terminationStatus, b.terminationStatus], messages).first { $0.0 == 2 }?.1 ?? ""
        #expect(refused.contains("another build is writing"), "\(refused)")
        #expect(TestSite.snapshot(site.output) == complete, "the output is not one complete build")
    }

    @Test("a build waiting on a held lock does not touch the output, and the lock dies with a killed build")
    func lockReleasedOnKill() throws {
        let site = try Self.generatedSite(courses: 80)
        defer { site.remove() }
        #expect(try site.run(["build"]).exitCode == 0)
        let before = TestSite.snapshot(site.output)
        // --no-cache: with nothing changed, a build would find the output up
        // to date and be over before the second one starts.
        let (holder, _) = try Self.launch(site, ["build", "--no-cache"])
        // While the first build holds the lock, a second is refused and changes nothing.
        _ = Self.wait(upTo: 5) { FileManager.default.fileExists(atPath: site.url(".output.lock").path) }
        usleep(30_000)
        let refused = try site.run(["build"])
        let holderStillRunning = holder.isRunning
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        #expect(holderStillRunning, "the first build finished before the second started; use a bigger site")
        if holderStillRunning {
            #expect(refused.exitCode == 2, "\(refused.stderr)")
            #expect(refused.stderr.contains("another build is writing"))
        }
        #expect(TestSite.snapshot(site.output) == before)
        // The kernel dropped the killed build's lock: the next build runs.
        #expect(try site.run(["build"]).exitCode == 0)
    }
}
