"""Reads every HTML file once: its references (href, src, ...), its ids and its JSON-LD blocks."""
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Attributes that point at another address, by element ("*" = any element).
REF_ATTRS = {
    "href": {"a", "area", "link", "base"},
    "src": {"img", "script", "iframe", "source", "audio", "video", "track", "embed", "input", "frame"},
    "srcset": {"img", "source"},
    "poster": {"video"},
    "action": {"form"},
    "formaction": {"button", "input"},
    "data": {"object"},
    "cite": {"blockquote", "q", "del", "ins"},
}


@dataclass
class Ref:
    tag: str
    attr: str
    value: str
    line: int
    rel: str = ""   # the rel attribute of <link>/<a>


@dataclass
class ScannedPage:
    rel: str
    refs: list = field(default_factory=list)
    ids: set = field(default_factory=set)
    jsonld: list = field(default_factory=list)   # (line, raw text)


class _Scanner(HTMLParser):
    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self._ld = None   # [line, [chunks]] while inside <script type=application/ld+json>

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        line = self.getpos()[0]
        if "id" in a:
            self.page.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.page.ids.add(a["name"])
        for attr, tags in REF_ATTRS.items():
            if attr in a and tag in tags:
                value = a[attr].strip()
                if attr == "srcset":
                    for candidate in value.split(","):
                        url = candidate.strip().split()[0] if candidate.strip() else ""
                        if url:
                            self.page.refs.append(Ref(tag, attr, url, line))
                else:
                    self.page.refs.append(Ref(tag, attr, value, line, a.get("rel", "").lower()))
        if tag == "script":
            kind = a.get("type", "").split(";")[0].strip().lower()
            if kind == "application/ld+json":
                self._ld = [line, []]

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._ld = None

    def handle_data(self, data):
        if self._ld is not None:
            self._ld[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._ld is not None:
            self.page.jsonld.append((self._ld[0], "".join(self._ld[1])))
            self._ld = None


def scan(site):
    """{rel: ScannedPage} for every HTML file of the site."""
    pages = {}
    for rel in site.html_files:
        with open(site.abspath(rel), encoding="utf-8", errors="replace") as f:
            text = f.read()
        page = ScannedPage(rel)
        scanner = _Scanner(page)
        scanner.feed(text)
        scanner.close()
        pages[rel] = page
    return pages
