"""python -m verify.screenshots [OUTPUT_DIR]: full-page screenshots of the main page types at
a phone width (390 px) and a desktop width (1280 px), into <repo>/screenshots/ (git-ignored).
Run scripts/screenshots instead: it builds the sample when no folder is given."""
import argparse
import base64
import glob
import os
import sys
import time

from .browser import make_driver, set_viewport
from .build import REPO, site_folder
from .serve import serve
from .site import Site, read_base_url

MAX_HEIGHT = 16000   # Chromium cannot capture much taller in one image


def _shown(path):
    return os.path.relpath(path, REPO) if path.startswith(REPO + os.sep) else path


def pages_to_capture(site):
    statuses = site.course_statuses()
    open_courses = [s for s, st in statuses.items() if st == "open"
                    and f"courses/{s}/index.html" in site.file_set]
    course = f"courses/{open_courses[0]}/index.html" if open_courses else site.first_in("courses")
    wanted = [("home", "index.html"), ("course", course), ("category", site.first_in("categories")),
              ("prospectus", "prospectus/index.html" if "prospectus/index.html" in site.file_set else "prospectus.html"),
              ("coproduction", "coproduction/index.html")]
    found, missing = [], []
    for name, rel in wanted:
        (found if rel and rel in site.file_set else missing).append((name, rel))
    return found, missing


def capture(driver, url, width, path):
    set_viewport(driver, width, 900)
    driver.get(url)
    height = driver.execute_script(
        "return Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)")
    height = max(1, min(int(height), MAX_HEIGHT))
    set_viewport(driver, width, height)
    time.sleep(0.2)   # let the layout settle at the new height
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": False,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    with open(path, "wb") as f:
        f.write(base64.b64decode(shot["data"]))
    return height


def main(argv=None):
    ap = argparse.ArgumentParser(prog="screenshots", description=__doc__)
    ap.add_argument("output_dir", nargs="?", help="a built site; default: build the sample")
    ap.add_argument("--content", default=os.path.join(REPO, "content"))
    ap.add_argument("--base-url")
    ap.add_argument("--widths", default="390,1280")
    ap.add_argument("--into", default=os.path.join(REPO, "screenshots"), help="where the images go")
    args = ap.parse_args(argv)
    if args.output_dir and not os.path.isdir(args.output_dir):
        print(f"screenshots: {args.output_dir} is not a folder", file=sys.stderr)
        return 2
    widths = [int(w) for w in args.widths.split(",") if w.strip()]
    with site_folder(args.output_dir) as folder:
        site = Site(folder, args.base_url or read_base_url(args.content), args.content)
        found, missing = pages_to_capture(site)
        os.makedirs(args.into, exist_ok=True)
        for old in glob.glob(os.path.join(args.into, "*.png")) + glob.glob(os.path.join(args.into, "*.pdf")):
            os.remove(old)
        driver = make_driver()
        written = 0
        try:
            with serve(site.root, site.base_path) as origin:
                for name, rel in found:
                    url = origin + site.base_path + site.url_path(rel)
                    for width in widths:
                        path = os.path.join(args.into, f"{name}-{width}.png")
                        height = capture(driver, url, width, path)
                        written += 1
                        note = " (cut at the limit)" if height >= MAX_HEIGHT else ""
                        print(f"wrote {_shown(path)}: {rel} at {width}x{height}{note}")
                    if name == "prospectus":
                        # The printed prospectus is made for paper: keep what Chromium prints too.
                        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
                        driver.get(url)
                        pdf = driver.execute_cdp_cmd("Page.printToPDF", {
                            "printBackground": True, "preferCSSPageSize": True,
                            "displayHeaderFooter": False})
                        path = os.path.join(args.into, "prospectus.pdf")
                        with open(path, "wb") as f:
                            f.write(base64.b64decode(pdf["data"]))
                        print(f"wrote {_shown(path)}: {rel} printed by Chromium")
        finally:
            driver.quit()
        for name, rel in missing:
            print(f"screenshots: no {name} page ({rel}) in the output: not captured")
        print(f"screenshots: {written} images in {args.into}")
    return 0 if written else 1


if __name__ == "__main__":
    sys.exit(main())
