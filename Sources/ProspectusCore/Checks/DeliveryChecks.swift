/// DATA011–013: can a student actually book and attend? A route to book for
/// every open course, joining details for online sessions, and no two
/// sessions double-booked into the same room.
public enum DeliveryChecks {
    public static func run(_ site: Site) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let enrolment = site.college.enrolment
        let collegeRoute = enrolment.map { $0.url != nil || $0.phone != nil || $0.email != nil } ?? false
        for course in site.courses {
            let file = course.file
            if course.status == .open && !(course.booking?.hasRoute ?? false) && !collegeRoute {
                out.append(
                    file.diagnostic(
                        .dataNoBookingRoute,
                        at: course.keyLocations["booking"] ?? course.keyLocations["status"] ?? course.location(of: ""),
                        "the course is open but gives no way to book",
                        hint: "add `booking: {url: https://...}`, or a phone or email under `enrolment` in college.yml"))
            }
            var reported = Set<String>()
            // Any session at an online venue, whatever its `mode` says.
            for session in course.sessions {
                guard let venue = site.venuesByID[session.venue.value], venue.online,
                    reported.insert(venue.id).inserted
                else { continue }
                let info = venue.onlineInfo
                var missing: [String] = []
                if (info?.howToJoin ?? "").isEmpty { missing.append("how to join") }
                if (info?.techHelp ?? "").isEmpty { missing.append("help with the technology") }
                if !missing.isEmpty {
                    out.append(
                        file.diagnostic(
                            .dataOnlineInfo, at: session.venue.location,
                            "this online session's venue (\(venue.id)) does not say \(Format.list(missing))",
                            hint: "add `online_info: {how_to_join: ..., tech_help: ...}` to \(venue.file.path)"))
                }
            }
        }
        out += overlaps(site)
        return out
    }

    /// Sessions that run at the same physical venue at the same time. Cancelled
    /// and draft courses do not take a room.
    static func overlaps(_ site: Site) -> [Diagnostic] {
        struct Booked {
            var course: Course
            var session: Session
        }
        var byRoomAndDay: [String: [Booked]] = [:]
        for course in site.courses where course.status != .cancelled && course.status != .draft {
            for session in course.sessions where session.mode != .online {
                guard let venue = site.venuesByID[session.venue.value], !venue.online else { continue }
                byRoomAndDay[venue.id + " " + session.date.value.iso, default: []].append(Booked(course: course, session: session))
            }
        }
        var out: [Diagnostic] = []
        for key in byRoomAndDay.keys.sorted() {
            guard let booked = byRoomAndDay[key], booked.count > 1 else { continue }
            let sorted = booked.sorted {
                ($0.session.start.value, $0.course.id) < ($1.session.start.value, $1.course.id)
            }
            var latestEnd: Booked? = nil
            for item in sorted {
                if let earlier = latestEnd, item.session.start.value < earlier.session.end.value {
                    let venue = site.venuesByID[item.session.venue.value]?.name ?? item.session.venue.value
                    out.append(
                        item.course.file.diagnostic(
                            .dataVenueOverlap, at: item.session.location ?? item.session.date.location,
                            "this session at \(venue) on \(item.session.date.value) (\(item.session.start.value)–\(item.session.end.value)) overlaps \(earlier.course.id) (\(earlier.session.start.value)–\(earlier.session.end.value))",
                            hint: "move one of the sessions to another time or room, unless the venue really has space for both"))
                }
                if latestEnd.map({ item.session.end.value > $0.session.end.value }) ?? true { latestEnd = item }
            }
        }
        return out
    }
}
