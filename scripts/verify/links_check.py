"""(f) Every internal link and asset reference resolves to a file of the output."""
import re
import time
from urllib.parse import unquote, urlsplit

from .result import CheckResult

SKIPPED_SCHEMES = {"http", "https", "mailto", "tel", "sms", "geo", "webcal"}
REFUSED_SCHEMES = {"javascript", "data", "file", "vbscript"}
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""")


def check(site, scanned):
    started = time.monotonic()
    r = CheckResult("f", "internal links and assets")
    checked = external = 0
    broken = {}   # (page, problem) -> line, so one broken link repeated in a page counts once

    def problem(page, line, msg):
        broken.setdefault((page, msg), line)

    for rel, page in scanned.items():
        for ref in page.refs:
            value = ref.value
            if value == "":
                continue
            parts = urlsplit(value)
            scheme = parts.scheme.lower()
            if scheme in REFUSED_SCHEMES:
                problem(rel, ref.line, f'{ref.tag} {ref.attr}="{value[:60]}": {scheme}: addresses are not allowed')
                continue
            if scheme or parts.netloc:
                # External. The one absolute address that must be the site's own is the canonical link.
                if ref.tag == "link" and "canonical" in ref.rel.split():
                    checked += 1
                    if not value.startswith(site.base_url):
                        problem(rel, ref.line, f'canonical link "{value}" is not under base_url {site.base_url}')
                    else:
                        target = site.target_file(value[len(site.base_url):].split("#")[0].split("?")[0])
                        if target is None:
                            problem(rel, ref.line, f'canonical link "{value}" names no page of the output')
                else:
                    external += 1
                continue
            if rel == "404.html" and parts.path and not parts.path.startswith("/"):
                # A host serves 404.html at whatever address was asked for: relative links break.
                problem(rel, ref.line, f'{ref.tag} {ref.attr}="{value}": relative address in 404.html '
                                       "(it is served at any missing address; use a root-relative one)")
                continue
            checked += 1
            site_path, fragment, error = site.resolve(rel, value)
            if error:
                problem(rel, ref.line, f'{ref.tag} {ref.attr}="{value}": {error}')
                continue
            target = site.target_file(site_path)
            if target is None:
                problem(rel, ref.line, f'{ref.tag} {ref.attr}="{value}": no file /{site_path}'
                        + ("index.html" if site_path == "" or site_path.endswith("/") else "")
                        + " in the output")
                continue
            if fragment and target.endswith(".html") and fragment != "top":
                ids = scanned[target].ids if target in scanned else set()
                if unquote(fragment) not in ids:
                    problem(rel, ref.line, f'{ref.tag} {ref.attr}="{value}": no element with id="{fragment}" '
                                           f"in {target}")
    for css in site.css_files:
        with open(site.abspath(css), encoding="utf-8", errors="replace") as f:
            text = f.read()
        for m in list(CSS_URL.finditer(text)) + list(CSS_IMPORT.finditer(text)):
            value = next((g for g in m.groups() if g is not None), "").strip()
            if not value or value.startswith("#") or urlsplit(value).scheme in ("data", "http", "https"):
                continue
            checked += 1
            line = text.count("\n", 0, m.start()) + 1
            site_path, _, error = site.resolve(css, value)
            if error or site.target_file(site_path) is None:
                problem(css, line, f'url({value}): {error or "no such file in the output"}')
    for (page, msg), line in sorted(broken.items(), key=lambda kv: (kv[0][0], kv[1])):
        r.fail(f"{page}:{line}: {msg}")
    r.seconds = time.monotonic() - started
    return r.finish(f"{len(scanned)} HTML and {len(site.css_files)} CSS files, {checked} local references, "
                    f"{len(broken)} broken; {external} external not followed")
