"""(e) sitemap.xml lists every HTML page but 404.html, as absolute addresses under base_url."""
import time
import xml.etree.ElementTree as ET

from .result import CheckResult

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def check(site):
    started = time.monotonic()
    r = CheckResult("e", "sitemap")
    if "sitemap.xml" not in site.file_set:
        r.fail("no sitemap.xml in the output")
        r.seconds = time.monotonic() - started
        return r.finish("no sitemap")
    try:
        root = ET.parse(site.abspath("sitemap.xml")).getroot()
    except ET.ParseError as e:
        r.fail(f"sitemap.xml is not well-formed XML: {e}")
        r.seconds = time.monotonic() - started
        return r.finish("unreadable")
    if root.tag != NS + "urlset":
        r.fail(f"sitemap.xml: the root element is {root.tag}, expected <urlset> in the {NS[1:-1]} namespace")
    locs = []
    for url in root.iter(NS + "url"):
        loc = url.find(NS + "loc")
        if loc is None or not (loc.text or "").strip():
            r.fail("sitemap.xml: a <url> without <loc>")
            continue
        locs.append(loc.text.strip())
    listed = {}
    for loc in locs:
        if not loc.startswith(site.base_url):
            r.fail(f"sitemap.xml: {loc} is not an absolute address under base_url {site.base_url}")
            continue
        rest = loc[len(site.base_url):]
        if "#" in rest or "?" in rest:
            r.fail(f"sitemap.xml: {loc} has a query or fragment")
            continue
        target = site.target_file(rest)
        if target is None:
            r.fail(f"sitemap.xml: {loc} names no file of the output")
            continue
        if not rest.endswith("/") and rest and target.endswith("/index.html"):
            r.fail(f"sitemap.xml: {loc} lacks its trailing slash (the page is {site.public_url(target)})")
        if target in listed:
            r.fail(f"sitemap.xml: {target} is listed twice ({listed[target]} and {loc})")
        listed[target] = loc
    if "404.html" in listed:
        r.fail("sitemap.xml lists 404.html, which is not a page to index")
    expected = [f for f in site.html_files if f != "404.html"]
    missing = [f for f in expected if f not in listed]
    for f in missing:
        r.fail(f"sitemap.xml does not list {site.public_url(f)} ({f})")
    r.seconds = time.monotonic() - started
    return r.finish(f"{len(locs)} addresses, {len(expected)} pages expected, {len(missing)} missing")
