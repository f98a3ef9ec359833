import Foundation

/// Stage 7 (last gate before publishing): search everything the build is about
/// to write for text that must never be published: any value under a
/// trainer's `private:`, and the full name of any trainer whose consent does
/// not allow it. Templates are code that anyone can change; this scan does not
/// trust them, or the course texts, to have got it right.
public enum PrivacyScan {
    public struct Secret: Sendable {
        var text: String
        var what: String
        var file: SourceFile
        var location: SourceLocation?
        /// A person's name, searched also as a reader sees it. Private values
        /// are searched as written: a training record "Sharing your story
        /// safely" must not match a course titled "Sharing Your Story Safely".
        var isName = false
    }

    static func secrets(in site: Site, people: [String: PublicTrainer]) -> [Secret] {
        var secrets: [Secret] = []
        for trainer in site.trainers {
            for value in trainer.privateValues {
                let text = value.trimmed
                // Short values, booleans and dates ("yes", "3", "2025-03-01") match ordinary text on many pages (a session on
                // the same day) and cannot identify anyone on their own.
                guard text.count >= 5, !["true", "false"].contains(text.lowercased()),
                    (try? CalendarDate.parse(text).get()) == nil
                else { continue }
                secrets.append(Secret(text: text, what: "a private value of \(trainer.id)", file: trainer.file, location: trainer.location))
            }
            let shown = people[trainer.id]?.name
            if shown != trainer.name && trainer.name.contains(where: \.isWhitespace) {
                secrets.append(
                    Secret(
                        text: trainer.name, what: "the full name of \(trainer.id), who has not consented to it",
                        file: trainer.file, location: trainer.location, isName: true))
            }
        }
        return secrets
    }

    /// What the secrets are, so a memo knows whether a file scanned before
    /// with other secrets must be scanned again.
    static func fingerprint(of secrets: [Secret]) -> UInt64 {
        var fingerprint = Fingerprint()
        for secret in secrets {
            fingerprint.add(secret.text)
            fingerprint.add(secret.isName)
        }
        return fingerprint.value
    }

    static func scan(_ files: [OutputFile], secrets: [Secret]) -> [Diagnostic] {
        Scanner(secrets: secrets).scan(files)
    }

    /// The secrets compiled into needle sets once, for scanning batch after batch.
    struct Scanner: Sendable {
        let owners: [Secret]
        let raw: NeedleSet
        let plain: NeedleSet
        let plainStart: Int

        init(secrets: [Secret]) {
            // Each secret is searched for as written, as the templates escape it
            // (HTMLText, byte by byte), as Foundation's replacements escape it (they
            // differ before a combining mark), and as a JSON string writes it
            // (JSON-LD and the search index write ' & < > " as \u escapes).
            var needles: [[UInt8]] = []
            var owners: [Secret] = []
            for secret in secrets {
                let forms = [secret.text, HTMLText.escape(secret.text), htmlEscaped(secret.text), jsonEscaped(secret.text)]
                for form in Set(forms).sorted() {
                    needles.append(Array(form.utf8))
                    owners.append(secret)
                }
            }
            // A second search over each file as a reader sees it (tags stripped,
            // entities decoded, white space folded, lower case) catches a name
            // written so it only looks the same on the page.
            let plainStart = needles.count
            for secret in secrets where secret.isName {
                needles.append(ReadingView.normalise(secret.text))
                owners.append(secret)
            }
            self.owners = owners
            self.plainStart = plainStart
            raw = NeedleSet(Array(needles[..<plainStart]))
            plain = NeedleSet(Array(needles[plainStart...]))
        }

        static let bigFile = 2 << 20

        /// The needles in the unfolded, unescaped view of a calendar, made and
        /// searched a piece of about `pieceSize` bytes at a time (cut where a
        /// content line starts), never whole (see PieceScan).
        func matchesInCalendarView(_ data: Data, pieceSize: Int = 1 << 20) -> Set<Int> {
            var scan = PieceScan(raw: raw, plain: plain)
            data.withUnsafeBytes { (whole: UnsafeRawBufferPointer) in
                let bytes = whole.bindMemory(to: UInt8.self)
                var start = 0
                while start < bytes.count {
                    let end = ICalendarText.lineStart(in: bytes, atOrAfter: start + pieceSize)
                    let view = ICalendarText.unfoldAndUnescape(Data(UnsafeBufferPointer(rebasing: bytes[start..<end])))
                    view.withUnsafeBytes { scan.add($0.bindMemory(to: UInt8.self)) }
                    start = end
                }
            }
            scan.finish()
            var hits = scan.rawFound
            for index in scan.plainFound { hits.insert(plainStart + index) }
            return hits
        }

        func matches(_ file: OutputFile, inParallel: Bool) -> Set<Int> {
            if file.scanAsCalendarView { return matchesInCalendarView(file.contents) }
            func search(_ set: NeedleSet, _ bytes: UnsafeBufferPointer<UInt8>) -> Set<Int> {
                inParallel ? set.matchesInParallel(in: bytes) : set.matches(in: bytes)
            }
            var hits = file.contents.withUnsafeBytes { search(raw, $0.bindMemory(to: UInt8.self)) }
            if !plain.isEmpty {
                // A big file's view is made and searched a piece at a time, not
                // held whole next to the file (see ReadingView.matches).
                let found =
                    inParallel
                    ? file.contents.withUnsafeBytes { ReadingView.matches(of: plain, inViewOf: $0.bindMemory(to: UInt8.self)) }
                    : ReadingView.bytes(of: file.contents).withUnsafeBufferPointer { search(plain, $0) }
                for index in found { hits.insert(plainStart + index) }
            }
            return hits
        }

        func scan(_ files: [OutputFile]) -> [Diagnostic] {
            guard !owners.isEmpty, !files.isEmpty else { return [] }
            // Files on every core, each searched on one; a big file (over 2 MB)
            // is searched in pieces on every core instead.
            let big = Set(files.indices.filter { files[$0].contents.count > Self.bigFile })
            let small = files.indices.filter { !big.contains($0) }
            var found = [Set<Int>](repeating: [], count: files.count)
            for (index, hits) in zip(small, parallelMap(small) { [self] in matches(files[$0], inParallel: false) }) {
                found[index] = hits
            }
            for index in big.sorted() { found[index] = matches(files[index], inParallel: true) }
            var diagnostics: [Diagnostic] = []
            var reported = Set<String>()
            for (index, file) in files.enumerated() {
                for needle in found[index].sorted() {
                    let secret = owners[needle]
                    let key = secret.text + "\u{0}" + file.path
                    guard reported.insert(key).inserted else { continue }
                    diagnostics.append(
                        secret.file.diagnostic(
                            .privLeak, at: secret.location,
                            "\(secret.what) would be published in \(file.path); nothing was published",
                            hint: "remove it from the course texts or templates that print it; names appear only as the trainer's consent allows"))
                }
            }
            return diagnostics
        }
    }

    /// The text as JSONValue writes it inside a string, without the quotes.
    static func jsonEscaped(_ text: String) -> String {
        var written = ""
        JSONValue.writeString(text, to: &written)
        return String(written.dropFirst().dropLast())
    }

    static func htmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
