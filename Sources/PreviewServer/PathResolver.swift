import Foundation

/// What a request path names in the built site.
public enum Resolution: Equatable, Sendable {
    /// A file of the site, by its path in the build (`courses/x/index.html`).
    case file(String)
    /// A folder asked for without its slash: send the browser to this address.
    case redirect(String)
    /// Nothing, or a path that is not allowed.
    case notFound
}

/// Turns the path of a request into a file of the site.
///
/// The site is served from an in-memory dictionary, never from the disk, so a
/// path can only ever name a file the build made: symlinks cannot lead out of
/// the site because nothing here follows them. The checks below are still
/// strict, so a path that a file server would have to think about (`..`,
/// encoded slashes, backslashes, NUL) is simply not found.
public enum PathResolver {
    /// Resolves a request target as the client sent it (path and query, not decoded).
    /// - Parameters:
    ///   - basePath: the path part of the site's `base_url` (`/` or `/prospectus/`); the
    ///     site's links are root-relative to it, so it is served there.
    ///   - exists: whether the build has a file at this path.
    public static func resolve(_ target: String, basePath: String = "/", exists: (String) -> Bool) -> Resolution {
        let rawPath = target.prefix { $0 != "?" && $0 != "#" }
        guard let (segments, trailingSlash) = segments(of: rawPath) else { return .notFound }
        let base = basePath.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard segments.starts(with: base) else {
            // `/` of a site published under a sub-path: take the visitor to its home page.
            return segments.isEmpty ? .redirect(location(base, folder: true)) : .notFound
        }
        let rest = Array(segments.dropFirst(base.count))
        if rest.isEmpty {
            // `/prospectus` without its slash is the home page's folder too.
            return trailingSlash || base.isEmpty ? .file("index.html") : .redirect(location(base, folder: true))
        }
        let key = rest.joined(separator: "/")
        if trailingSlash {
            let index = key + "/index.html"
            return exists(index) ? .file(index) : .notFound
        }
        if exists(key) { return .file(key) }
        // A folder without its slash: redirect as hugo server does, so the page's
        // relative links resolve against the folder.
        if exists(key + "/index.html") { return .redirect(location(segments, folder: true)) }
        return .notFound
    }

    /// The decoded segments of a path, and whether it ends in a slash; nil when the
    /// path is not one this server answers. Empty segments (`//`) are dropped.
    static func segments(of rawPath: Substring) -> ([String], Bool)? {
        guard rawPath.hasPrefix("/") else { return nil }
        var segments: [String] = []
        for raw in rawPath.split(separator: "/", omittingEmptySubsequences: true) {
            guard let segment = decode(raw), segment != ".", segment != ".." else { return nil }
            segments.append(segment)
        }
        return (segments, rawPath.hasSuffix("/"))
    }

    /// Percent-decodes one segment. Nil for a malformed escape, invalid UTF-8, or a
    /// byte that has no business in a file name of the site: an encoded `/` or `\`
    /// (which would change where the segment ends), NUL and other control characters,
    /// and a raw backslash (some clients and servers read it as a separator).
    static func decode(_ segment: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = segment.utf8.makeIterator()
        while let byte = iterator.next() {
            var decoded = byte
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                decoded = high << 4 | low
            }
            if decoded < 0x20 || decoded == 0x7F || decoded == UInt8(ascii: "/") || decoded == UInt8(ascii: "\\") {
                return nil
            }
            bytes.append(decoded)
        }
        return String(bytes: bytes, encoding: .utf8)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// A redirect target built from the checked segments, re-encoded, so it always
    /// starts with exactly one slash (never `//host`, which would leave the site).
    static func location(_ segments: [String], folder: Bool) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/;?#%")
        let encoded = segments.map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        let path = "/" + encoded.joined(separator: "/")
        return folder && !encoded.isEmpty ? path + "/" : path
    }
}
