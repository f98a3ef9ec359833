import Foundation
import Testing

/// Paths of the repository, found from this file's location.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/Fixtures")
    static let templates = root.appendingPathComponent("templates")
    static let content = root.appendingPathComponent("content")

    /// The `prospectus` binary that `swift test` built beside the test bundle.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["PROSPECTUS_BIN"] { return URL(fileURLWithPath: path) }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // On Linux the test runner is `<build>/debug/ProspectusPackageTests.xctest`.
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("prospectus")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/prospectus")
    }
}

/// What one run of the command line did.
struct RunResult {
    var exitCode: Int32
    var stdout: String
    var stderr: String
}

/// Runs a process with both of its output streams going into one pipe: its
/// exit code and everything it wrote, in the order it was written.
func runWithMergedOutput(_ process: Process) throws -> (status: Int32, text: String) {
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// A throwaway copy of a fixture site in a temporary folder, with the default theme.
struct TestSite {
    let root: URL

    init(fixture: String = "sites/minimal", content: URL? = nil) throws {
        let fm = FileManager.default
        root = fm.temporaryDirectory.appendingPathComponent("prospectus-e2e-\(UUID().uuidString)")
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        let source = content ?? Repo.fixtures.appendingPathComponent(fixture).appendingPathComponent("content")
        try fm.copyItem(at: source, to: root.appendingPathComponent("content"))
        try fm.copyItem(at: Repo.templates, to: root.appendingPathComponent("templates"))
    }

    var output: URL { root.appendingPathComponent("output") }
    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    /// `prospectus` ready to run in the site folder with a fixed clock and no
    /// colour, as a build pipeline would run it.
    func process(_ arguments: [String], environment: [String: String] = [:]) -> Process {
        let process = Process()
        process.executableURL = Repo.binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        var env = ProcessInfo.processInfo.environment
        env["SOURCE_DATE_EPOCH"] = "1795000000"  // 2026-11-18: fixed, so consent checks are repeatable
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        return process
    }

    /// Runs `prospectus` in the site folder (see `process`).
    @discardableResult
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> RunResult {
        let process = process(arguments, environment: environment)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting so a large output cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return RunResult(
            exitCode: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs `prospectus` with standard output and standard error going to one
    /// pipe, as a CI log or `> log 2>&1` keeps them; returns the exit code and
    /// everything written, in the order it reached the pipe.
    func runMerged(_ arguments: [String]) throws -> (exitCode: Int32, log: String) {
        let (status, text) = try runWithMergedOutput(process(arguments))
        return (status, text)
    }

    /// Every file below a folder with its bytes, for byte-for-byte comparisons.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return result }
        for case let path as String in enumerator {
            let url = folder.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[path] = FileManager.default.contents(atPath: url.path)
            }
        }
        return result
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// One finding from `--format json`.
struct Finding: Equatable, CustomStringConvertible {
    var rule: String
    var file: String?
    var line: Int?
    var severity: String
    var message: String
    var description: String { "\(file ?? "-"):\(line.map(String.init) ?? "-") \(severity)[\(rule)] \(message)" }
}

func findings(_ json: String) throws -> [Finding] {
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
    let document = try #require(object as? [String: Any])
    let list = try #require(document["diagnostics"] as? [[String: Any]])
    return list.map {
        Finding(
            rule: $0["rule"] as? String ?? "", file: $0["file"] as? String, line: $0["line"] as? Int,
            severity: $0["severity"] as? String ?? "", message: $0["message"] as? String ?? "")
    }
}
