import Testing

@testable import PreviewServer

@Suite("Preview server: path resolver")
struct PathResolverTests {
    static let files: Set<String> = [
        "index.html", "404.html", "courses/hope/index.html", "assets/style.css", "calendar.ics",
        "evil.com/index.html", "pages/a b/index.html",
    ]

    func resolve(_ target: String, base: String = "/") -> Resolution {
        PathResolver.resolve(target, basePath: base, exists: { Self.files.contains($0) })
    }

    @Test("the root is the home page; a folder with its slash is its index.html")
    func rootAndFolders() {
        #expect(resolve("/") == .file("index.html"))
        #expect(resolve("/courses/hope/") == .file("courses/hope/index.html"))
        #expect(resolve("/assets/style.css") == .file("assets/style.css"))
        #expect(resolve("/calendar.ics?download=1") == .file("calendar.ics"))
    }

    @Test("a folder without its slash redirects to the folder, as hugo server does")
    func folderWithoutSlashRedirects() {
        #expect(resolve("/courses/hope") == .redirect("/courses/hope/"))
        #expect(resolve("/pages/a%20b") == .redirect("/pages/a%20b/"))
    }

    @Test("a redirect never starts with two slashes, so it cannot send the browser to another host")
    func redirectStaysOnTheSite() {
        #expect(resolve("//evil.com") == .redirect("/evil.com/"))
        #expect(resolve("///evil.com") == .redirect("/evil.com/"))
    }

    @Test("unknown paths and folders without an index are not found")
    func unknownIsNotFound() {
        #expect(resolve("/nothing.html") == .notFound)
        #expect(resolve("/courses/") == .notFound)
        #expect(resolve("/assets/style.css/") == .notFound)
        #expect(resolve("index.html") == .notFound)
    }

    @Test(
        "traversal, encoded separators, backslashes, NUL and bad escapes are not found",
        arguments: [
            "/..", "/../index.html", "/courses/../index.html", "/./index.html", "/%2e%2e/index.html",
            "/%2E%2E/index.html", "/.%2e/index.html", "/courses/hope%2findex.html", "/courses%2Fhope/index.html",
            "/%5c..%5cindex.html", "/courses\\hope\\index.html", "/index.html%00", "/index.html%00.css", "/%zz",
            "/%2", "/\u{0}", "/%c0%ae%c0%ae/index.html", "/%0d%0aSet-Cookie:x",
        ])
    func unsafePathsAreNotFound(target: String) {
        #expect(resolve(target) == .notFound)
    }

    @Test("a site published under a sub-path is served there, and / leads to it")
    func basePath() {
        #expect(resolve("/prospectus/", base: "/prospectus/") == .file("index.html"))
        #expect(resolve("/prospectus/courses/hope/", base: "/prospectus/") == .file("courses/hope/index.html"))
        #expect(resolve("/", base: "/prospectus/") == .redirect("/prospectus/"))
        #expect(resolve("/prospectus", base: "/prospectus/") == .redirect("/prospectus/"))
        #expect(resolve("/courses/hope/", base: "/prospectus/") == .notFound)
    }
}

@Suite("Preview server: content types")
struct ContentTypeTests {
    @Test(
        "every kind of file the site has gets its type, text with charset=utf-8",
        arguments: [
            ("index.html", "text/html; charset=utf-8"), ("assets/style.css", "text/css; charset=utf-8"),
            ("assets/filter.js", "text/javascript; charset=utf-8"), ("search-index.json", "application/json; charset=utf-8"),
            ("feed.xml", "application/xml; charset=utf-8"), ("sitemap.xml", "application/xml; charset=utf-8"),
            ("calendar.ics", "text/calendar; charset=utf-8"), ("robots.txt", "text/plain; charset=utf-8"),
            ("logo.svg", "image/svg+xml; charset=utf-8"), ("a.png", "image/png"), ("a.JPG", "image/jpeg"),
            ("a.jpeg", "image/jpeg"), ("a.webp", "image/webp"), ("prospectus.pdf", "application/pdf"),
            ("font.woff2", "font/woff2"), ("README", "application/octet-stream"), (".hidden", "application/octet-stream"),
            ("a.exe", "application/octet-stream"),
        ])
    func types(path: String, type: String) {
        #expect(ContentTypes.forPath(path) == type)
    }
}
