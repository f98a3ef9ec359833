import Foundation
import Testing

/// A Python with the `icalendar` package, for checking the calendars with a
/// parser Prospectus did not write: `.venv-verify/bin/python` in the
/// repository, else `/opt/venv-verify/bin/python` (see
/// /work/shared/tools/install_verify_tools.sh, or `pip install icalendar`).
enum ICalendarPython {
    static let path: String? = {
        let candidates = [
            Repo.root.appendingPathComponent(".venv-verify/bin/python").path, "/opt/venv-verify/bin/python",
        ]
        return candidates.first { candidate in
            guard FileManager.default.isExecutableFile(atPath: candidate) else { return false }
            return (try? run(candidate, ["-c", "import icalendar"]).status) == 0
        }
    }()

    static var available: Bool { path != nil }

    /// Parses every file with `icalendar` and checks the raw form; prints one
    /// line per problem and exits 1 when there is any.
    static let script = #"""
        import re, sys
        import icalendar

        REQUIRED = ("UID", "DTSTAMP", "DTSTART")
        DATES = ("DTSTART", "DTEND", "DTSTAMP")
        problems = []
        for path in sys.argv[1:]:
            raw = open(path, "rb").read()
            if not raw.endswith(b"\r\n"):
                problems.append(f"{path}: the last line does not end in CRLF")
            for number, line in enumerate(raw.split(b"\r\n")[:-1], 1):
                if b"\n" in line or b"\r" in line:
                    problems.append(f"{path}:{number}: a line ending that is not CRLF")
                if len(line) > 75:
                    problems.append(f"{path}:{number}: {len(line)} octets, more than 75")
                try:
                    line.decode("utf-8")
                except UnicodeDecodeError as error:
                    problems.append(f"{path}:{number}: a fold splits a UTF-8 sequence ({error})")
            stack = []
            for line in re.sub(rb"\r\n[ \t]", b"", raw).decode("utf-8").split("\r\n"):
                if line.startswith("BEGIN:"):
                    stack.append(line[6:])
                elif line.startswith("END:"):
                    if not stack or stack.pop() != line[4:]:
                        problems.append(f"{path}: {line} closes nothing open")
            if stack:
                problems.append(f"{path}: never closed: {stack}")
            try:
                calendar = icalendar.Calendar.from_ical(raw)
                calendar.validate()
            except Exception as error:
                problems.append(f"{path}: does not parse: {type(error).__name__}: {error}")
                continue
            zones = calendar.walk("VTIMEZONE")
            if len(zones) != 1:
                problems.append(f"{path}: {len(zones)} VTIMEZONE components, expected 1")
            events = calendar.walk("VEVENT")
            for component in calendar.walk():
                for prop, error in getattr(component, "errors", []):
                    problems.append(f"{path}: {component.name} {prop}: {error}")
                for prop in getattr(component, "required", ()):
                    if prop not in component:
                        problems.append(f"{path}: {component.name} lacks {prop}")
            for event in events:
                uid = str(event.get("UID", "?"))
                for prop in REQUIRED:
                    if prop not in event:
                        problems.append(f"{path}: VEVENT {uid} has no {prop}")
                for prop in DATES:
                    if prop in event:
                        try:
                            event.decoded(prop)
                        except Exception as error:
                            problems.append(f"{path}: VEVENT {uid} {prop} does not decode: {error}")
                start = event.get("DTSTART")
                if start is not None and "TZID" not in start.params:
                    problems.append(f"{path}: VEVENT {uid} DTSTART has no TZID")
            print(f"{path}: {len(events)} events")
        for problem in problems:
            print("PROBLEM " + problem)
        sys.exit(1 if problems else 0)
        """#

    struct Output {
        var status: Int32
        var text: String
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let (status, text) = try runWithMergedOutput(process)
        return Output(status: status, text: text)
    }
}

@Suite("Calendars in a built site, end to end")
struct CalendarFileTests {
    /// The published courses of the minimal fixture (future-plans is a draft).
    static let courses = ["getting-involved-workshop", "hope-and-recovery"]
    static var calendarPaths: [String] { ["calendar.ics"] + courses.map { "courses/\($0)/course.ics" } }

    /// Builds the minimal fixture site; the caller removes it.
    static func built() throws -> TestSite {
        let site = try TestSite()
        let result = try site.run(["build"])
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        return site
    }

    /// Logical lines (folds joined), without CRLF.
    static func unfolded(_ data: Data) -> [String] {
        var text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n ", with: "")
        if text.hasSuffix("\r\n") { text.removeLast() }
        return text.components(separatedBy: "\r\n")
    }

    @Test("the build writes calendar.ics and a course.ics for each published course, and none for a draft")
    func filesExist() throws {
        let site = try Self.built()
        defer { site.remove() }
        for path in Self.calendarPaths {
            #expect(site.exists("output/" + path), "missing output/\(path)")
        }
        #expect(!site.exists("output/courses/future-plans/course.ics"))
    }

    @Test("every calendar is a well-formed VCALENDAR: CRLF lines of at most 75 octets, each event with UID, DTSTAMP and DTSTART")
    func wellFormed() throws {
        let site = try Self.built()
        defer { site.remove() }
        let uids = try Self.calendarPaths.map { path -> [String] in
            let data = try Data(contentsOf: site.output.appendingPathComponent(path))
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), "\(path)")
            #expect(text.hasSuffix("END:VCALENDAR\r\n"), "\(path)")
            #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains(where: { $0 == "\n" || $0 == "\r" }), "\(path): a bare CR or LF")
            for line in data.split(separator: UInt8(ascii: "\n")) {
                #expect(line.count - 1 <= 75, "\(path): a line of \(line.count - 1) octets")
                #expect(String(validating: line, as: UTF8.self) != nil, "\(path): a line that is not UTF-8")
            }
            let lines = Self.unfolded(data)
            #expect(lines.contains("PRODID:-//Prospectus//Testbrook Recovery College//EN"))
            #expect(lines.contains("X-WR-TIMEZONE:Europe/London"))
            #expect(lines.filter { $0 == "BEGIN:VTIMEZONE" }.count == 1)
            // Split into events and check each has what RFC 5545 requires.
            var events: [[String]] = []
            for line in lines {
                if line == "BEGIN:VEVENT" { events.append([]) } else if !events.isEmpty, line != "END:VEVENT" {
                    events[events.count - 1].append(line)
                }
            }
            for event in events {
                for name in ["UID:", "DTSTAMP:", "DTSTART;TZID=Europe/London:", "DTEND;TZID=Europe/London:", "SUMMARY:", "URL:https://testbrook.example.org/courses/"] {
                    #expect(event.contains { $0.hasPrefix(name) }, "\(path): an event without \(name)")
                }
            }
            return events.compactMap { $0.first { $0.hasPrefix("UID:") } }
        }
        // The site calendar holds exactly the sessions of the course calendars.
        #expect(uids[0].count == 3)
        #expect(Set(uids[0]).count == uids[0].count)
        #expect(Set(uids[0]) == Set(uids.dropFirst().flatMap { $0 }))
        let online = try site.read("output/courses/hope-and-recovery/course.ics")
        #expect(online.contains("LOCATION:Online\r\n"))
        #expect(online.contains(#"LOCATION:The Hub\, 1 High Street\, Testbrook\, TB1 1AA"#))
    }

    @Test("no trainer is named in any calendar")
    func noTrainerNames() throws {
        let site = try Self.built()
        defer { site.remove() }
        let trainers = Repo.fixtures.appendingPathComponent("sites/minimal/content/trainers")
        var names: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: trainers.path) {
            let text = try String(contentsOf: trainers.appendingPathComponent(file), encoding: .utf8)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("name:") }) {
                names.append(line.dropFirst(5).trimmingCharacters(in: .whitespaces))
            }
        }
        #expect(!names.isEmpty)
        for path in Self.calendarPaths {
            let text = Self.unfolded(try Data(contentsOf: site.output.appendingPathComponent(path))).joined(separator: "\n")
            for name in names {
                #expect(!text.contains(name), "\(path) names \(name)")
            }
        }
    }

    @Test("two builds write byte-identical calendars")
    func deterministic() throws {
        let site = try Self.built()
        defer { site.remove() }
        #expect(try site.run(["build", "--output", "second"]).exitCode == 0)
        for path in Self.calendarPaths {
            let first = try Data(contentsOf: site.output.appendingPathComponent(path))
            let second = try Data(contentsOf: site.url("second").appendingPathComponent(path))
            #expect(first == second, "\(path) differs between builds")
        }
    }

    @Test(
        "Python's icalendar parses every calendar: each event has UID, DTSTAMP and DTSTART; every line ends in CRLF and has at most 75 octets",
        .enabled(
            if: ICalendarPython.available,
            "needs a Python with icalendar at .venv-verify/bin/python or /opt/venv-verify/bin/python (pip install icalendar)"))
    func parsedByICalendar() throws {
        let python = try #require(ICalendarPython.path)
        let site = try Self.built()
        defer { site.remove() }
        let script = site.url("check_calendars.py")
        try Data(ICalendarPython.script.utf8).write(to: script)
        let files = Self.calendarPaths.map { site.output.appendingPathComponent($0).path }
        for file in files { try #require(FileManager.default.fileExists(atPath: file), "missing \(file)") }
        let result = try ICalendarPython.run(python, [script.path] + files)
        #expect(result.status == 0, "\(result.text)")
        #expect(result.text.contains("calendar.ics: 3 events"), "\(result.text)")
    }
}
