"""(b) axe-core (as bundled by selenium-axe-python) in headless Chromium on one page of every
page type, at each width asked for: 0 violations of WCAG 2.0/2.1 A and AA and WCAG 2.2 AA.
At a phone width (400 px or less) it also checks that the page does not scroll sideways."""
import os
import time

from .browser import make_driver, set_viewport
from .result import CheckResult
from .serve import serve

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_source():
    import selenium_axe_python
    path = os.path.join(os.path.dirname(selenium_axe_python.__file__), "axe-core", "axe.min.js")
    with open(path, encoding="utf-8") as f:
        return f.read()


def check(site, widths=(1280, 390), progress=None):
    started = time.monotonic()
    r = CheckResult("b", "accessibility (axe-core)")
    pages, problems, notices = site.page_types()
    for p in problems:
        r.fail(p)
    r.notices.extend(notices)
    axe_js = axe_source()
    options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    seen = {}   # (page, rule, targets) -> widths, so a violation at both widths is told once
    order = []
    version = "?"
    runs = reflow = 0
    driver = make_driver()
    try:
        with serve(site.root, site.base_path) as origin:
            for page in pages:
                url = origin + site.base_path + site.url_path(page.rel)
                for width in widths:
                    set_viewport(driver, width, 900)
                    driver.get(url)
                    if progress:
                        progress(f"axe: {page.rel} at {width} px")
                    driver.execute_script(axe_js)
                    version = driver.execute_script("return axe.version")
                    res = driver.execute_async_script(
                        "const done = arguments[arguments.length - 1];"
                        "axe.run(document, arguments[0]).then(r => done(r), e => done({error: String(e)}));",
                        options)
                    runs += 1
                    if width <= 400:
                        # WCAG 1.4.10 Reflow, which axe cannot see: at a phone width the page itself
                        # must not scroll sideways (a wide table may scroll inside its own box).
                        sw, cw = driver.execute_script(
                            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
                        if sw > cw + 1:
                            reflow += 1
                            r.fail(f"{page.rel} ({page.kind}) at {width} px: the page scrolls sideways "
                                   f"({sw} px of content in a {cw} px viewport; WCAG 1.4.10 Reflow)")
                    if "error" in res:
                        r.fail(f"{page.rel} ({page.kind}) at {width} px: axe could not run: {res['error']}")
                        continue
                    for v in res["violations"]:
                        targets = tuple(" ".join(t) if isinstance(t, list) else str(t)
                                        for n in v["nodes"] for t in n["target"])
                        key = (page.rel, v["id"], targets)
                        if key not in seen:
                            seen[key] = ([], page, v)
                            order.append(key)
                        seen[key][0].append(width)
    finally:
        driver.quit()
    for key in order:
        ws, page, v = seen[key]
        lines = [f"{page.rel} ({page.kind}) at {'/'.join(str(w) for w in ws)} px: [{v.get('impact')}] "
                 f"{v['id']}: {v['help']} ({len(v['nodes'])} element(s)) {v.get('helpUrl', '').split('?')[0]}"]
        for n in v["nodes"][:4]:
            target = " ".join(" ".join(t) if isinstance(t, list) else str(t) for t in n["target"])
            summary = "; ".join(l.strip() for l in (n.get("failureSummary") or "").splitlines()
                                if l.strip() and not l.strip().startswith("Fix "))[:240]
            lines.append(f"{target}: {n['html'][:160]}")
            if summary:
                lines.append(f"  {summary}")
        if len(v["nodes"]) > 4:
            lines.append(f"... and {len(v['nodes']) - 4} more element(s)")
        r.fail("\n".join(lines))
    r.seconds = time.monotonic() - started
    return r.finish(f"axe-core {version}, {len(pages)} pages x {len(widths)} widths = {runs} runs, "
                    f"{len(order)} violations, {reflow} pages scrolling sideways; tags {','.join(TAGS)}")
