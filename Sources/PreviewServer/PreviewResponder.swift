import Hummingbird
import NIOCore
import ServiceLifecycle

/// Answers every request from the current in-memory state. One responder rather than
/// Hummingbird's router: the router decodes and matches paths its own way, and this
/// server must see each path exactly as sent to refuse the unsafe ones.
struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let store: StateStore
    let broadcaster: ReloadBroadcaster
    /// Bound to loopback: answer only requests addressed to a loopback name.
    /// A web page elsewhere could otherwise point its own host name at
    /// 127.0.0.1 (DNS rebinding) and read the preview, drafts included.
    var acceptsLoopbackHostsOnly = false

    func respond(to request: Request, context: Context) async throws -> Response {
        // A preview only reads: anything but GET and HEAD is refused.
        guard request.method == .get || request.method == .head else {
            var headers = Self.commonHeaders(contentType: "text/plain; charset=utf-8")
            headers[.allow] = "GET, HEAD"
            return Self.response(.methodNotAllowed, headers, ByteBuffer(string: "Method not allowed\n"), head: false)
        }
        let head = request.method == .head
        if acceptsLoopbackHostsOnly && !Self.isLoopbackAuthority(request.head.authority) {
            return Self.response(
                .forbidden, Self.commonHeaders(contentType: "text/plain; charset=utf-8"),
                ByteBuffer(string: "This preview answers only to localhost or 127.0.0.1.\n"), head: head)
        }
        let target = request.head.path ?? "/"
        let path = target.prefix { $0 != "?" && $0 != "#" }
        if path.hasPrefix(Injection.prefix) {
            return ownFile(path, request: request, head: head)
        }
        let state = store.current
        guard let site = state.site else {
            // No build has worked yet: every address shows why.
            let page = Injection.noBuildPage(overlay: state.overlay ?? "", version: state.version)
            return Self.response(
                .serviceUnavailable, Self.commonHeaders(contentType: ContentTypes.forPath("x.html")), ByteBuffer(string: page),
                head: head)
        }
        switch PathResolver.resolve(target, basePath: site.basePath, exists: { site.files[$0] != nil }) {
        case .file(let key):
            guard let file = site.files[key] else { return notFound(site, state, head: head) }
            // The 404 page reloads on every build however it is reached (see notFound).
            return serve(file, path: key == "404.html" ? nil : key, status: .ok, state: state, head: head)
        case .redirect(let location):
            // 302, not 301: browsers keep 301s, and during a preview a folder may become a file.
            var headers = Self.commonHeaders(contentType: "text/plain; charset=utf-8")
            headers[.location] = location
            return Self.response(.found, headers, ByteBuffer(string: "See \(location)\n"), head: head)
        case .notFound:
            return notFound(site, state, head: head)
        }
    }

    /// Whether a Host header names this computer: `localhost`, `*.localhost`,
    /// a 127.x.x.x address or `[::1]`, with or without a port. A request with
    /// no Host at all (HTTP/1.0) cannot come from a browser page, and is allowed.
    static func isLoopbackAuthority(_ authority: String?) -> Bool {
        guard let authority, !authority.isEmpty else { return true }
        var host = Substring(authority.lowercased())
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            host = host[host.index(after: host.startIndex)..<close]
            return host == "::1"
        }
        if let colon = host.lastIndex(of: ":") { host = host[..<colon] }
        if host.hasSuffix(".") { host = host.dropLast() }
        return host == "localhost" || host.hasSuffix(".localhost") || PreviewServer.isLoopback(String(host))
    }

    /// The site's own 404 page, with status 404.
    private func notFound(_ site: SiteSnapshot, _ state: ServedState, head: Bool) -> Response {
        if let page = site.files["404.html"] {
            // No page path: a missing page may appear with any build (a draft published,
            // a file restored), so it reloads on every build, as all pages once did.
            return serve(page, path: nil, status: .notFound, state: state, head: head)
        }
        return Self.response(
            .notFound, Self.commonHeaders(contentType: "text/plain; charset=utf-8"), ByteBuffer(string: "Not found\n"), head: head)
    }

    private func serve(_ file: ServedFile, path: String?, status: HTTPResponse.Status, state: ServedState, head: Bool) -> Response {
        let headers = Self.commonHeaders(contentType: file.contentType)
        guard file.isHTML else { return Self.response(status, headers, file.body, head: head) }
        let injected = Injection.inject(into: file.body, version: state.version(of: path), page: path, overlay: state.overlay)
        return Self.response(status, headers, injected, head: head)
    }

    /// The server's own files under `/__prospectus/`: the reload script, the overlay's
    /// stylesheet and the event stream.
    private func ownFile(_ path: Substring, request: Request, head: Bool) -> Response {
        switch path {
        case Injection.scriptPath:
            return Self.response(
                .ok, Self.commonHeaders(contentType: ContentTypes.forPath("x.js")), ByteBuffer(string: Injection.script), head: head)
        case Injection.stylePath:
            return Self.response(
                .ok, Self.commonHeaders(contentType: ContentTypes.forPath("x.css")), ByteBuffer(string: Injection.style), head: head)
        case Injection.eventsPath:
            return events(request: request, head: head)
        default:
            return Self.response(
                .notFound, Self.commonHeaders(contentType: "text/plain; charset=utf-8"), ByteBuffer(string: "Not found\n"), head: head)
        }
    }

    /// Server-sent events: `reload` when the page shown is out of date. The page says
    /// which version it shows (`?v=`) and which file it is (`?p=`, the snapshot path);
    /// if that is already out of date, `reload` comes at once, else when a new build
    /// changes that page (or the overlay). Without `p`, any new build reloads it.
    private func events(request: Request, head: Bool) -> Response {
        let headers = Self.commonHeaders(contentType: "text/event-stream; charset=utf-8")
        if head { return Response(status: .ok, headers: headers, body: ResponseBody()) }
        // Subscribe before reading the version, so a build finishing in between is not missed.
        let versions = broadcaster.subscribe()
        let page = request.uri.queryParameters["p"].map(String.init)
        let current = store.current.version(of: page)
        let shown = request.uri.queryParameters["v"].map(String.init) ?? ""
        let stale = !shown.isEmpty && shown != current
        let store = self.store
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                // `retry`: after the server stops, the browser tries again every second,
                // and the page reloads when the server is back.
                try await writer.write(ByteBuffer(string: "retry: 1000\n: connected\n\n"))
                if stale { try await writer.write(Self.reloadEvent(current)) }
                // The stream must end when the server shuts down, or shutdown would
                // wait for every open browser tab.
                for await _ in versions.cancelOnGracefulShutdown() {
                    let now = store.current.version(of: page)
                    if now != shown { try await writer.write(Self.reloadEvent(now)) }
                }
                try await writer.finish(nil)
            })
    }

    static func reloadEvent(_ version: String) -> ByteBuffer {
        ByteBuffer(string: "event: reload\ndata: \(version)\n\n")
    }

    /// Every answer: nothing cached (the preview changes under the browser), and the
    /// Content-Type is to be believed.
    static func commonHeaders(contentType: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.cacheControl] = "no-store"
        if let nosniff = Self.nosniffName { headers[nosniff] = "nosniff" }
        return headers
    }

    /// Reached through `HTTPFields` because Hummingbird does not re-export HTTPTypes.
    static let nosniffName = HTTPFields.Element.Name("X-Content-Type-Options")

    /// A response with a body, or for HEAD the same headers (with the length the body
    /// would have) and no body.
    static func response(_ status: HTTPResponse.Status, _ headers: HTTPFields, _ body: ByteBuffer, head: Bool) -> Response {
        var headers = headers
        headers[.contentLength] = String(body.readableBytes)
        return Response(status: status, headers: headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: body))
    }

    /// The same for a body sent in pieces (a page with the script put in).
    static func response(_ status: HTTPResponse.Status, _ headers: HTTPFields, _ pieces: [ByteBuffer], head: Bool) -> Response {
        var headers = headers
        headers[.contentLength] = String(pieces.reduce(0) { $0 + $1.readableBytes })
        return Response(status: status, headers: headers, body: head ? ResponseBody() : ResponseBody(contentsOf: pieces))
    }
}

