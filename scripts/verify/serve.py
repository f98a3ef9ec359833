"""Serves a built site on 127.0.0.1 (never another address) at a free port, in a thread."""
import functools
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer


class _Handler(SimpleHTTPRequestHandler):
    base_path = "/"

    def log_message(self, *args):  # quiet
        pass

    def translate_path(self, path):
        # Serve the site under its base path (e.g. /prospectus/ when base_url has one), so
        # root-relative links work exactly as they will when published.
        if self.base_path != "/":
            if path.startswith(self.base_path):
                path = "/" + path[len(self.base_path):]
            elif path.split("?")[0] == self.base_path.rstrip("/"):
                path = "/"
            else:
                path = "/.verify-outside-base-path/" + path.lstrip("/")
        return super().translate_path(path)


@contextmanager
def serve(root, base_path="/"):
    """with serve(dir, base_path) as origin: origin is 'http://127.0.0.1:PORT' and pages are at
    origin + base_path + url_path."""
    handler = functools.partial(type("H", (_Handler,), {"base_path": base_path}), directory=root)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="verify-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
