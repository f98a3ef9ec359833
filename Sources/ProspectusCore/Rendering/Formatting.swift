/// Plain English dates and times for readers: "Monday 5 October 2026", "10am".
enum Format {
    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    static func longDate(_ date: CalendarDate) -> String {
        "\(weekdays[date.weekdayIndex]) \(date.day) \(months[date.month - 1]) \(date.year)"
    }

    static func shortDate(_ date: CalendarDate) -> String {
        "\(date.day) \(months[date.month - 1]) \(date.year)"
    }

    /// "10am", "2:30pm", "12 noon": easier to read than 24-hour times.
    static func time(_ time: TimeOfDay) -> String {
        if time.hour == 12 && time.minute == 0 { return "12 noon" }
        let suffix = time.hour < 12 ? "am" : "pm"
        let hour12 = time.hour % 12 == 0 ? 12 : time.hour % 12
        let minutes = time.minute == 0 ? "" : ":" + (time.minute < 10 ? "0" : "") + String(time.minute)
        return "\(hour12)\(minutes)\(suffix)"
    }

    /// "a peer trainer", "an occupational therapist".
    static func withArticle(_ phrase: String) -> String {
        let lowered = phrase.prefix(1).lowercased() + phrase.dropFirst()
        let vowel = lowered.first.map { "aeiou".contains($0) } ?? false
        return (vowel ? "an " : "a ") + lowered
    }

    /// "a, b and c".
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
        }
    }
}
