import Foundation
import NIOCore
@testable import ProspectusCore
import Testing

@testable import PreviewServer

@Suite("Preview server: injection")
struct InjectionTests {
    func inject(_ html: String, overlay: String? = nil) -> String {
        Injection.inject(into: ByteBuffer(string: html), version: "v1", overlay: overlay).map { String(buffer: $0) }.joined()
    }

    @Test("the reload script goes just before the last </body>")
    func scriptBeforeBodyClose() {
        let page = inject("<html><body><p>x</p><pre>&lt;/body&gt;</pre></body>\n</html>")
        #expect(page == "<html><body><p>x</p><pre>&lt;/body&gt;</pre>"
            + "<script src=\"/__prospectus/reload.js\" data-version=\"v1\"></script></body>\n</html>")
    }

    @Test("the overlay goes right after <body …>, whatever its attributes and case")
    func overlayAfterBodyOpen() {
        let page = inject("<html><BODY class=\"a>b\">x</BODY></html>", overlay: "<section>E</section>")
        #expect(page.hasPrefix("<html><BODY class=\"a>b\"><section>E</section>x"))
        let simple = inject("<head><link rel=\"x\"></head><body class=\"home\"><main>x</main></body>", overlay: "<section>E</section>")
        #expect(simple == "<head><link rel=\"x\"></head><body class=\"home\"><section>E</section><main>x</main>"
            + "<script src=\"/__prospectus/reload.js\" data-version=\"v1\"></script></body>")
        #expect(inject("<bodyguard></bodyguard><body>x</body>", overlay: "E").contains("<body>Ex"))
    }

    @Test("a page without body tags still gets the script, at the end")
    func noBodyTag() {
        #expect(inject("<p>x</p>") == "<p>x</p><script src=\"/__prospectus/reload.js\" data-version=\"v1\"></script>")
    }

    @Test("the overlay lists each error with its place, rule, message and hint, all HTML-escaped")
    func overlayContents() {
        let error = Diagnostic(
            rule: .dataReference, severity: .error, file: "content/courses/a.md", location: SourceLocation(line: 5, column: 11),
            message: "there is no category \"<script>alert(1)</script>\"", hint: "use one of: a & b",
            sourceLine: "category: <script>")
        let html = Injection.overlay(errors: [error], warningCount: 2, hasGoodBuild: true)
        #expect(html.contains("role=\"alert\""))
        #expect(html.contains("content/courses/a.md:5:11"))
        #expect(html.contains("error[\(RuleID.dataReference.rawValue)]"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("Hint: use one of: a &amp; b"))
        #expect(html.contains("2 warnings"))
        #expect(html.contains("last build that worked"))
    }

    @Test("control characters and bidi overrides from content become U+FFFD in the overlay")
    func overlayNeutralisesControls() {
        #expect(Injection.escape("a\u{1B}[2Jb\u{202E}c") == "a\u{FFFD}[2Jb\u{FFFD}c")
    }
}

@Suite("Preview server: state")
struct StateStoreTests {
    func publish(_ store: StateStore, _ html: String, errors: Int = 0) -> String {
        let result = result(html, errors: errors)
        return store.publish(result, snapshot: errors == 0 ? SiteSnapshot(files: result.files, basePath: "/") : nil)
    }

    func result(_ html: String, errors: Int = 0) -> BuildResult {
        let diagnostics = (0..<errors).map { _ in
            Diagnostic(rule: .dataReference, severity: .error, file: "content/x.md", location: nil, message: "broken")
        }
        let files = errors == 0 ? [OutputFile(path: "index.html", contents: Data(html.utf8))] : []
        return BuildResult(diagnostics: diagnostics, site: nil, files: files)
    }

    @Test("a build with errors keeps the last good site and adds the overlay; the next good build removes it")
    func errorsKeepTheLastGoodBuild() throws {
        let store = StateStore()
        let first = publish(store, "<body>one</body>")
        let failed = publish(store, "", errors: 1)
        #expect(first != failed)
        var state = store.current
        let page = try #require(state.site?.files["index.html"])
        #expect(String(buffer: page.body) == "<body>one</body>")
        #expect(state.overlay?.contains("broken") == true)
        _ = publish(store, "<body>two</body>")
        state = store.current
        #expect(state.overlay == nil)
        #expect(state.site.flatMap { $0.files["index.html"] }.map { String(buffer: $0.body) } == "<body>two</body>")
    }

    @Test("no good build yet: no site, and the overlay says so")
    func noGoodBuild() {
        let store = StateStore()
        _ = publish(store, "", errors: 2)
        #expect(store.current.site == nil)
        #expect(store.current.overlay?.contains("No build has worked yet") == true)
    }
}

@Suite("Snapshots of a build")
struct SnapshotTests {
    @Test("a first look changes the version of the page it made again, not the site's (the 404 page's)")
    func firstLookVersions() throws {
        let store = StateStore()
        let first = SiteSnapshot(
            files: [OutputFile(path: "a.html", contents: Self.big), OutputFile(path: "b.html", contents: Self.big)], basePath: "/",
            generation: 1)
        store.publish(BuildResult(diagnostics: []), snapshot: first)
        let before = store.current
        var changed = Self.big
        changed[0] = UInt8(ascii: "(")
        store.publish(look: first.replacing([OutputFile(path: "a.html", contents: changed)], generation: 2))
        let after = store.current
        #expect(after.version(of: "a.html") != before.version(of: "a.html"))
        #expect(after.version(of: "b.html") == before.version(of: "b.html"))
        #expect(after.version(of: nil) == before.version(of: nil))
        #expect(after.site?.files["a.html"].map { $0.body.readableBytes } == changed.count)
    }

    static let big = Data(String(repeating: "<p>a page</p>\n", count: 20).utf8)

    @Test("a file given again as the same Data keeps its send buffer and its version; changed bytes get new ones")
    func reusedStorageKeepsVersion() throws {
        let first = SiteSnapshot(
            files: [OutputFile(path: "a.html", contents: Self.big), OutputFile(path: "b.html", contents: Self.big)], basePath: "/",
            generation: 1)
        var changed = Self.big
        changed[0] = UInt8(ascii: "(")
        // a.html: the same storage; b.html: equal bytes in new storage; c.html: new bytes.
        let copy = Data(Array(Self.big))
        let second = SiteSnapshot(
            files: [
                OutputFile(path: "a.html", contents: Self.big), OutputFile(path: "b.html", contents: copy),
                OutputFile(path: "c.html", contents: changed),
            ], basePath: "/", previous: first, generation: 2)
        #expect(second.generations["a.html"] == 1)
        #expect(second.generations["b.html"] == 1)
        #expect(second.generations["c.html"] == 2)
        #expect(SiteSnapshot.sameStorage(first.sources["a.html"], Self.big))
        #expect(!SiteSnapshot.sameStorage(first.sources["b.html"], copy))
        // Small Data are kept inline and never compared by address.
        #expect(!SiteSnapshot.sameStorage(Data("tiny".utf8), Data("tiny".utf8)))
        let third = SiteSnapshot(
            files: [OutputFile(path: "a.html", contents: changed)], basePath: "/", previous: second, generation: 3)
        #expect(third.generations["a.html"] == 3)
        let body = try #require(third.files["a.html"]).body
        #expect(body.readableBytes == changed.count && body.getBytes(at: body.readerIndex, length: 1) == [UInt8(ascii: "(")])
    }
}
