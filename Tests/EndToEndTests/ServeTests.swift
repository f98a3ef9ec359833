// Linux only: serve watches files with inotify, and the raw sockets here use Glibc.
#if os(Linux)
import Foundation
import Glibc
import Testing

/// `prospectus serve` run as a user runs it, on a copy of the minimal site, talked to
/// over raw sockets: what is sent is exactly what is written, so no client library
/// tidies `..`, `%2e` or backslashes before the server sees them.
///
/// Serialized: each test starts a server, and the shutdown test measures time strictly.
/// Waits are generous (20 s) for a busy machine; each ends as soon as it is satisfied.
@Suite("Serve", .serialized)
struct ServeTests {
    @Test("serve prints its address, and serves pages with the reload script, types and no-store")
    func servesTheSite() throws {
        let site = try TestSite()
        defer { site.remove() }
        let server = try ServeProcess(site: site)
        defer { server.stop() }
        #expect(server.stdout.contains("Serving the prospectus at http://127.0.0.1:\(server.port)/"))

        let home = try server.get("/")
        #expect(home.status == 200)
        #expect(home.headers["content-type"] == "text/html; charset=utf-8")
        #expect(home.headers["cache-control"] == "no-store")
        #expect(home.body.contains("<script src=\"/__prospectus/reload.js\""))
        #expect(home.body.contains("Testbrook Recovery College"))

        let types = [
            "/assets/style.css": "text/css; charset=utf-8", "/calendar.ics": "text/calendar; charset=utf-8",
            "/feed.xml": "application/xml; charset=utf-8", "/sitemap.xml": "application/xml; charset=utf-8",
            "/search-index.json": "application/json; charset=utf-8", "/robots.txt": "text/plain; charset=utf-8",
            "/courses/hope-and-recovery/": "text/html; charset=utf-8",
            "/__prospectus/reload.js": "text/javascript; charset=utf-8",
        ]
        for (path, type) in types {
            let reply = try server.get(path)
            #expect(reply.status == 200, "\(path)")
            #expect(reply.headers["content-type"] == type, "\(path)")
            #expect(reply.headers["cache-control"] == "no-store", "\(path)")
            #expect(!reply.body.contains("__prospectus") || path.hasSuffix(".html") || path.hasSuffix("/")
                || path.hasSuffix(".js"), "only HTML gets the script: \(path)")
        }
    }

    @Test("HEAD answers the headers of GET with no body")
    func headHasNoBody() throws {
        let site = try TestSite()
        defer { site.remove() }
        let server = try ServeProcess(site: site)
        defer { server.stop() }
        let get = try server.get("/calendar.ics")
        let head = try server.request("HEAD /calendar.ics HTTP/1.1")
        #expect(head.status == 200)
        #expect(head.rawBody.isEmpty)
        #expect(head.headers["content-length"] == String(get.rawBody.count))
        #expect(head.headers["content-type"] == "text/calendar; charset=utf-8")
    }

    @Test("only GET and HEAD are allowed: anything else answers 405 with Allow")
    func otherMethodsAre405() throws {
        let site = try TestSite()
        defer { site.remove() }
        let server = try ServeProcess(site: site)
        defer { server.stop() }
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
            let reply = try server.request("\(method) / HTTP/1.1", extraHeaders: "Content-Length: 0\r\n")
            #expect(reply.status == 405, "\(method)")
            #expect(reply.headers["allow"] == "GET, HEAD", "\(method)")
        }
    }

    @Test("on loopback, a request addressed to another host name (DNS rebinding) is refused with 403")
    func foreignHostIsRefused() throws {
        let site = try TestSite()
        defer { site.remove() }
        let server = try ServeProcess(site: site)
        defer { server.stop() }
        for host in ["evil.example:\(server.port)", "127.0.0.1.evil.example", "192.168.1.20"] {
            let reply = try server.request("GET / HTTP/1.1", host: host)
            #expect(reply.status == 403, "\(host)")
            #expect(!reply.body.contains("Testbrook"), "\(host)")
        }
        for host in ["localhost:\(server.port)", "LOCALHOST", "preview.localhost:\(server.port)", "127.0.0.1", "[::1]:\(server.port)"] {
            #expect(try server.request("GET / HTTP/1.1", host: host).status == 200, "\(host)")
        }
    }

    @Test("traversal, encoded traversal, encoded separators, backslashes and NUL all answer 404")
    func traversalIsNotFound() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("secret.txt", "top secret")
        let server = try ServeProcess(site: site)
        defer { server.stop() }
        let attempts = [
            "/../secret.txt", "/courses/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/secret.txt",
            "/.%2e/secret.txt", "/..%2fsecret.txt", "/courses%2f..%2f..%2fsecret.txt", "/%5c..%5csecret.txt",
            "/..\\secret.txt", "/courses\\..\\index.html", "/index.html%00", "/index.html%00.css",
            "/%c0%ae%c0%ae/secret.txt", "/content/courses/hope-and-recovery.md", "/templates/layout.mustache",
        ]
        for target in attempts {
            let reply = try server.request("GET \(target) HTTP/1.1")
            #expect(reply.status == 404, "\(target)")
            #expect(!reply.body.contains("top secret"), "\(target)")
        }
    }

    @Test("a folder without its slash redirects; an unknown path gets the site's 404 page with status 404")
    func redirectsAndNotFound() throws {
        let site = try TestSite()
        defer { site.remove() }
        let server = try ServeProcess(site: site)
        defer { server.stop() }
        let redirect = try server.get("/courses/hope-and-recovery")
        #expect(redirect.status == 302)
        #expect(redirect.headers["location"] == "/courses/hope-and-recovery/")
        let missing = try server.get("/no/such/page/")
        #expect(missing.status == 404)
        #expect(missing.headers["content-type"] == "text/html; charset=utf-8")
        #expect(try missing.body == server.get("/404.html").body)
    }

    @Test("drafts are shown with their banner unless --no-drafts")
    func drafts() throws {
        let site = try TestSite()
        defer { site.remove() }
        let shown = try ServeProcess(site: site)
        let draft = try shown.get("/courses/future-plans/")
        shown.stop()
        #expect(draft.status == 200)
        #expect(draft.body.contains("Draft — not published"))
        let hidden = try ServeProcess(site: site, arguments: ["--no-drafts"])
        defer { hidden.stop() }
        #expect(try hidden.get("/courses/future-plans/").status == 404)
    }

    @Test("saving a course sends reload on the event stream, and the new text is then served")
    func reloadAfterSave() throws {
        let site = try TestSite()
        defer { site.remove() }
        let server = try ServeProcess(site: site)
        defer { server.stop() }
        let events = try server.openEvents()
        defer { events.close() }
        #expect(try server.get("/courses/hope-and-recovery/").body.contains("A sentence added while serving") == false)

        try append("\nA sentence added while serving.\n", to: site.url("content/courses/hope-and-recovery.md"))
        #expect(events.waitFor("event: reload\n"), "no reload event within 20 s")
        // The reload comes only once the new build is in place: the very next request has it.
        #expect(try server.get("/courses/hope-and-recovery/").body.contains("A sentence added while serving."))
        #expect(server.waitForOutput("Rebuilt in "))
        // The saved course's page came first, made from that file alone, then every check ran.
        let log = server.stderr
        let shown = try #require(log.range(of: "Showed courses/hope-and-recovery/ in "), "no first look:\n\(log)")
        let rebuilt = try #require(log.range(of: "Rebuilt in "))
        #expect(shown.lowerBound < rebuilt.lowerBound)
    }

    @Test("after the first build, a save prints only the warnings that are new; the rest are counted")
    func warningsNotRepeated() throws {
        let site = try TestSite(content: Repo.content)
        defer { site.remove() }
        let server = try ServeProcess(site: site)
        defer { server.stop() }
        let before = server.stdout.components(separatedBy: "warning[").count - 1
        #expect(before >= 1, "the sample has a warning: \(server.stdout)")
        let path = "content/courses/creative-cafe.md"
        try site.write(path, try site.read(path) + "\nA sentence added while serving.\n")
        #expect(server.waitForOutput("Rebuilt in "))
        #expect(server.stdout.components(separatedBy: "warning[").count - 1 == before)
        #expect(server.stderr.contains("as before, not shown again"), "\(server.stderr)")
    }

    @Test("an error shows the overlay over the last good build, and fixing it removes the overlay")
    func errorOverlay() throws {
        let site = try TestSite()
        defer { site.remove() }
        let server = try ServeProcess(site: site)
        defer { server.stop() }
        let course = site.url("content/courses/hope-and-recovery.md")
        let good = try String(contentsOf: course, encoding: .utf8)
        let events = try server.openEvents()
        defer { events.close() }

        // A category that does not exist (DATA001), with markup that must come out escaped.
        let broken = good.replacingOccurrences(
            of: #"(?m)^category: .*$"#, with: "category: no-such-<b>category</b>", options: .regularExpression)
        #expect(broken != good)
        try Data(broken.utf8).write(to: course)
        #expect(events.waitFor("event: reload\n"), "no reload event for the error within 20 s")

        let page = try server.get("/courses/hope-and-recovery/")
        #expect(page.status == 200)
        #expect(page.body.contains("role=\"alert\""))
        #expect(page.body.contains("content/courses/hope-and-recovery.md:"))
        #expect(page.body.contains("[DATA001]"))
        #expect(page.body.contains("no-such-&lt;b&gt;category&lt;/b&gt;"))
        #expect(!page.body.contains("no-such-<b>"))
        // The last good build is still what is served under the overlay.
        #expect(page.body.contains("Hope and Recovery"))
        #expect(try server.get("/").body.contains("role=\"alert\""), "the overlay is on every page")
        #expect(server.waitForOutput("still serving the last good build"))
        #expect(server.stdout.contains("error[DATA001]"), "the terminal shows the same finding")

        let fixed = try server.openEvents()
        defer { fixed.close() }
        try Data(good.utf8).write(to: course)
        #expect(fixed.waitFor("event: reload\n"), "no reload event for the fix within 20 s")
        #expect(try server.get("/courses/hope-and-recovery/").body.contains("role=\"alert\"") == false)
    }

    /// The `data-version` the server put in a page it served.
    func shownVersion(_ body: String) throws -> String {
        let marker = "data-version=\""
        let start = try #require(body.range(of: marker)).upperBound
        let end = try #require(body[start...].firstIndex(of: "\""))
        return String(body[start..<end])
    }

    @Test("a save reloads the saved course's page at once; the pages that list it follow, and only they reload")
    func quickPassThenLists() throws {
        let site = try TestSite()
        defer { site.remove() }
        let server = try ServeProcess(site: site)
        defer { server.stop() }
        let coursePage = "courses/hope-and-recovery/index.html"
        let home = try server.get("/").body
        let course = try server.get("/courses/hope-and-recovery/").body
        let other = try server.get("/pages/accessibility-statement/").body
        #expect(course.contains("data-page=\"\(coursePage)\""))
        let courseEvents = try server.openEvents(version: try shownVersion(course), page: coursePage)
        defer { courseEvents.close() }
        let homeEvents = try server.openEvents(version: try shownVersion(home), page: "index.html")
        defer { homeEvents.close() }
        let otherEvents = try server.openEvents(version: try shownVersion(other), page: "pages/accessibility-statement/index.html")
        defer { otherEvents.close() }

        let file = site.url("content/courses/hope-and-recovery.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "title: Hope and Recovery", with: "title: Hope and Recovery Renamed").utf8).write(to: file)
        #expect(courseEvents.waitFor("event: reload\n"), "the saved course's page reloads")
        let reloaded = try server.get("/courses/hope-and-recovery/").body
        #expect(reloaded.contains("Hope and Recovery Renamed"))
        // The reloaded course page is not reloaded again when the lists are made.
        let reloadedEvents = try server.openEvents(version: try shownVersion(reloaded), page: coursePage)
        defer { reloadedEvents.close() }
        #expect(homeEvents.waitFor("event: reload\n"), "the home page, which lists the course, reloads once it is made again")
        #expect(server.waitForOutput("Brought the lists, printed prospectus and site calendar up to date in "))
        #expect(try server.get("/").body.contains("Hope and Recovery Renamed"))
        #expect(try server.get("/prospectus.html").body.contains("Hope and Recovery Renamed"))
        // A page that does not show the course is not reloaded by either pass.
        #expect(!otherEvents.waitFor("event: reload\n", timeout: .seconds(2)), "an unrelated page reloaded")
        #expect(!reloadedEvents.waitFor("event: reload\n", timeout: .seconds(1)), "the course page reloaded twice")
    }

    @Test("a not-found page reloads when a build makes the page, and every page reloads when the stylesheet changes")
    func notFoundAndStylesheetReload() throws {
        let site = try TestSite()
        defer { site.remove() }
        let server = try ServeProcess(site: site)
        defer { server.stop() }
        // The 404 page names no page of its own, so any build reloads it.
        let missing = try server.get("/courses/new-course/")
        #expect(missing.status == 404)
        #expect(!missing.body.contains("data-page="))
        let missingEvents = try server.openEvents(version: try shownVersion(missing.body))
        defer { missingEvents.close() }
        let coursePage = "courses/hope-and-recovery/index.html"
        let course = try server.get("/courses/hope-and-recovery/").body
        let courseEvents = try server.openEvents(version: try shownVersion(course), page: coursePage)
        defer { courseEvents.close() }

        try FileManager.default.copyItem(at: site.url("content/courses/hope-and-recovery.md"), to: site.url("content/courses/new-course.md"))
        #expect(missingEvents.waitFor("event: reload\n"), "the not-found page did not reload when its page appeared")
        #expect(try server.get("/courses/new-course/").status == 200)

        // The course page's own bytes do not change when the stylesheet does; it reloads all the same.
        #expect(server.waitForOutput("Brought the lists, printed prospectus and site calendar up to date"))
        let stylesheet = site.url("templates/assets/style.css")
        try Data((try String(contentsOf: stylesheet, encoding: .utf8) + "\n/* edited while previewing */\n").utf8).write(to: stylesheet)
        #expect(courseEvents.waitFor("event: reload\n"), "no reload after the stylesheet changed")
    }

    @Test("an event stream opened by an out-of-date page gets reload at once")
    func stalePageReloadsAtOnce() throws {
        let site = try TestSite()
        defer { site.remove() }
        let server = try ServeProcess(site: site)
        defer { server.stop() }
        let events = try server.openEvents(version: "an-old-version")
        defer { events.close() }
        #expect(events.waitFor("event: reload\n"))
    }

    @Test("SIGTERM with an open event stream exits within 1 s, and so does SIGINT")
    func shutdownIsQuick() throws {
        let site = try TestSite()
        defer { site.remove() }
        for signal in [SIGTERM, SIGINT] {
            let server = try ServeProcess(site: site)
            let events = try server.openEvents()
            defer { events.close() }
            // A finished keep-alive connection stays open too, as a browser's would.
            let idle = try RawSocket(port: server.port)
            defer { idle.close() }
            try idle.send("GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(idle.waitFor("User-agent", timeout: .seconds(20)))

            let (status, elapsed) = server.stop(signal: signal)
            #expect(status == 0, "exit status after signal \(signal)")
            #expect(elapsed < .seconds(1), "shutdown after signal \(signal) took \(elapsed)")
            #expect(events.waitForClose(timeout: .seconds(5)), "the event stream ends")
            print("serve: shutdown after signal \(signal) with an open event stream took \(elapsed)")
        }
    }

    @Test("the reload script is in served HTML but never in `prospectus build` output")
    func scriptOnlyWhenServing() throws {
        let site = try TestSite()
        defer { site.remove() }
        let build = try site.run(["build"])
        #expect(build.exitCode == 0, "\(build.stderr)")
        for (path, data) in TestSite.snapshot(site.output) {
            #expect(!String(decoding: data, as: UTF8.self).contains("__prospectus"), "\(path)")
        }
        let server = try ServeProcess(site: site)
        defer { server.stop() }
        #expect(try server.get("/").body.contains("/__prospectus/reload.js"))
    }

    @Test("a port in use is a clear message and exit 2, not an error dump")
    func portInUse() throws {
        let site = try TestSite()
        defer { site.remove() }
        let first = try ServeProcess(site: site)
        defer { first.stop() }
        let second = try site.run(["serve", "--port", String(first.port)])
        #expect(second.exitCode == 2)
        #expect(second.stderr.contains("port \(first.port) on 127.0.0.1 is already in use"))
        #expect(!second.stderr.contains("Fatal error"))
        #expect(!second.stderr.contains("IOError"))
    }

    @Test("a host other than loopback is warned about")
    func nonLoopbackWarning() throws {
        let site = try TestSite()
        defer { site.remove() }
        let server = try ServeProcess(site: site, arguments: ["--host", "0.0.0.0"])
        defer { server.stop() }
        #expect(server.stderr.contains("warning: serving on 0.0.0.0"))
    }

    func append(_ text: String, to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }
}

/// `prospectus serve --port 0` running on a test site, its output going to files (no
/// pipe can fill up and stall it), with the port read from what it printed.
final class ServeProcess {
    let process = Process()
    let port: Int
    let logs: URL
    private let exited = DispatchSemaphore(value: 0)
    private let exitTime = ExitTime()

    init(site: TestSite, arguments: [String] = []) throws {
        logs = site.root.deletingLastPathComponent().appendingPathComponent("serve-logs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        let out = logs.appendingPathComponent("stdout"), err = logs.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.executableURL = Repo.binary
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = site.root
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1795000000"
        environment["NO_COLOR"] = "1"
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        let (exited, exitTime) = (self.exited, self.exitTime)
        process.terminationHandler = { _ in
            exitTime.mark()
            exited.signal()
        }
        try process.run()
        // The address is printed once the first build is done and the port is bound.
        // The output is read once more after the last sleep, however late that is.
        let deadline = ContinuousClock.now + .seconds(30)
        var found: Int?
        while true {
            let running = process.isRunning
            found = Self.port(in: (try? String(contentsOf: out, encoding: .utf8)) ?? "")
            if found != nil || !running || ContinuousClock.now >= deadline { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        guard let found else {
            process.terminate()
            throw ServeError(message: "serve printed no address; stderr: \((try? String(contentsOf: err, encoding: .utf8)) ?? "")")
        }
        port = found
    }

    deinit {
        if process.isRunning { stop() }
        try? FileManager.default.removeItem(at: logs)
    }

    static func port(in text: String) -> Int? {
        guard let range = text.range(of: #"http://[^/ ]+:[0-9]+/"#, options: .regularExpression) else { return nil }
        let address = text[range].dropLast()
        return address.lastIndex(of: ":").flatMap { Int(address[address.index(after: $0)...]) }
    }

    var stdout: String { (try? String(contentsOf: logs.appendingPathComponent("stdout"), encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: logs.appendingPathComponent("stderr"), encoding: .utf8)) ?? "" }

    func waitForOutput(_ text: String, timeout: Duration = .seconds(20)) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            if stderr.contains(text) || stdout.contains(text) { return true }
            if ContinuousClock.now >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    /// Sends a signal and waits for the exit; returns the exit status and how long it took.
    @discardableResult
    func stop(signal: Int32 = SIGTERM) -> (Int32, Duration) {
        guard process.isRunning else { return (process.terminationStatus, .zero) }
        let sent = ContinuousClock.now
        kill(process.processIdentifier, signal)
        if exited.wait(timeout: .now() + 20) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            _ = exited.wait(timeout: .now() + 5)
            return (-1, .seconds(20))
        }
        process.waitUntilExit()
        return (process.terminationStatus, (exitTime.value ?? .now) - sent)
    }

    /// One request on a fresh connection (Connection: close), read to the end.
    func request(_ requestLine: String, extraHeaders: String = "", host: String? = nil) throws -> HTTPReply {
        let socket = try RawSocket(port: port)
        defer { socket.close() }
        try socket.send("\(requestLine)\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n\(extraHeaders)\r\n")
        return try HTTPReply(socket.readToEnd(timeout: .seconds(20)))
    }

    func get(_ path: String) throws -> HTTPReply { try request("GET \(path) HTTP/1.1") }

    /// Opens `/__prospectus/events` and waits until the server has accepted it.
    func openEvents(version: String? = nil, page: String? = nil) throws -> RawSocket {
        let socket = try RawSocket(port: port)
        var query = version.map { "?v=\($0)" } ?? ""
        if let page { query += (query.isEmpty ? "?" : "&") + "p=" + page }
        try socket.send("GET /__prospectus/events\(query) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n")
        guard socket.waitFor(": connected", timeout: .seconds(20)) else { throw ServeError(message: "the event stream did not open") }
        return socket
    }
}

/// When the child was seen to exit, set from Foundation's termination handler.
final class ExitTime: @unchecked Sendable {
    // @unchecked: guarded by `lock`.
    private let lock = NSLock()
    private var instant: ContinuousClock.Instant?
    func mark() { lock.withLock { instant = .now } }
    var value: ContinuousClock.Instant? { lock.withLock { instant } }
}

struct ServeError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// An HTTP/1.1 answer, parsed just enough for the tests.
struct HTTPReply {
    var status: Int
    /// Lowercased names.
    var headers: [String: String]
    var rawBody: [UInt8]
    var body: String { String(decoding: rawBody, as: UTF8.self) }

    init(_ bytes: [UInt8]) throws {
        let separator = Array("\r\n\r\n".utf8)
        guard let end = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<$0 + 4]) == separator }) else {
            throw ServeError(message: "no HTTP head in \(String(decoding: bytes, as: UTF8.self))")
        }
        let head = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head.first?.split(separator: " ") ?? []
        status = statusParts.count > 1 ? Int(statusParts[1]) ?? 0 : 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        self.headers = headers
        rawBody = Array(bytes[(end + 4)...])
    }
}

/// A TCP connection to 127.0.0.1 with nothing between the test and the bytes.
final class RawSocket {
    let fd: Int32
    private var received: [UInt8] = []
    private var closed = false

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServeError(message: "socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            Glibc.close(fd)
            throw ServeError(message: "cannot connect to port \(port)")
        }
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw ServeError(message: "send failed") }
            sent += count
        }
    }

    /// Reads what arrives before `deadline` (what is already there, if it has passed);
    /// false when the connection closed.
    private func readSome(until deadline: ContinuousClock.Instant) -> Bool {
        let left = deadline - .now
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let milliseconds = left <= .zero
            ? 0 : Int32(min(1000, max(1, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)))
        guard poll(&poller, 1, milliseconds) > 0 else { return true }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count <= 0 {
            closed = true
            return false
        }
        received += buffer[..<count]
        return true
    }

    func readToEnd(timeout: Duration) -> [UInt8] {
        let deadline = ContinuousClock.now + timeout
        while readSome(until: deadline), ContinuousClock.now < deadline {}
        return received
    }

    /// Waits until `text` has arrived (counting from what was read before).
    func waitFor(_ text: String, timeout: Duration = .seconds(20)) -> Bool {
        let deadline = ContinuousClock.now + timeout
        var last = false
        while true {
            let seen = String(decoding: received, as: UTF8.self)
            if let match = seen.range(of: text) {
                // Later waits look only at what came after this.
                received = Array(seen[match.upperBound...].utf8)
                return true
            }
            // One last look at what has arrived once the deadline has passed.
            if last { return false }
            last = ContinuousClock.now >= deadline
            if !readSome(until: deadline) { last = true }
        }
    }

    func waitForClose(timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !closed {
            let late = ContinuousClock.now >= deadline
            _ = readSome(until: deadline)
            if late { break }
        }
        return closed
    }

    func close() { Glibc.close(fd) }
}

#endif
