"""Checks a built Prospectus site as browsers and validators see it:
  a. W3C Nu Html Checker over every HTML file: 0 errors
  b. axe-core in headless Chromium on one page of every page type (and no sideways
     scrolling at 390 px): 0 violations of WCAG 2.0/2.1 A/AA and 2.2 AA
  c. every .ics file parses and meets RFC 5545's form
  d. every JSON-LD block parses; Course blocks are complete; the home page has an ItemList
  e. sitemap.xml lists every page but 404.html under base_url
  f. every internal link and asset reference resolves to a file of the output
Without OUTPUT_DIR it builds the sample into a temporary folder first. Exit 0 when every check
passes, 1 when one fails, 2 when it cannot run. Run it as scripts/verify-site."""
import argparse
import os
import sys
import time
import traceback

from . import axe_check, html_check, htmlscan, ics_check, jsonld_check, links_check, sitemap_check
from .result import FAILED, PASSED, SKIPPED, CheckResult
from .build import REPO, site_folder
from .site import Site, read_base_url


def main(argv=None):
    ap = argparse.ArgumentParser(prog="verify-site", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("output_dir", nargs="?",
                    help="a built site; default: build the sample into a temporary folder")
    ap.add_argument("--keep", action="store_true", help="keep the temporary build (its path is printed)")
    ap.add_argument("--content", default=os.path.join(REPO, "content"), help="the content folder (for base_url and course statuses)")
    ap.add_argument("--base-url", help="the site's address, if it was built with --base-url (default: college.yml)")
    ap.add_argument("--require-calendars", action="store_true",
                    help="fail when there are no .ics files (calendar.ics, courses/*/course.ics)")
    ap.add_argument("--require-jsonld", action="store_true",
                    help="fail when the home page has no ItemList or a course page no Course block")
    ap.add_argument("--axe-widths", default="1280,390", help="viewport widths for axe, comma-separated")
    ap.add_argument("--only", help="run only these checks (letters a-f, e.g. --only ab)")
    args = ap.parse_args(argv)
    if args.output_dir and not os.path.isdir(args.output_dir):
        print(f"verify-site: {args.output_dir} is not a folder", file=sys.stderr)
        return 2
    with site_folder(args.output_dir, args.keep) as folder:
        return run(folder, args)


def run(folder, args):
    started = time.monotonic()
    try:
        base_url = args.base_url or read_base_url(args.content)
    except OSError as e:
        print(f"verify-site: cannot read base_url ({e}); pass --content DIR or --base-url URL", file=sys.stderr)
        return 2
    site = Site(folder, base_url, args.content if os.path.isdir(args.content) else None)
    only = set(args.only) if args.only else set("abcdef")
    print(f"verify-site: {len(site.files)} files ({len(site.html_files)} HTML, {len(site.ics_files)} .ics) "
          f"in {folder}, base_url {site.base_url}", flush=True)

    def progress(msg):
        if sys.stderr.isatty():
            print(f"\r\033[K  {msg}", end="", file=sys.stderr, flush=True)

    def guarded(key, title, fn):
        t = time.monotonic()
        try:
            return fn()
        except BaseException as e:  # a broken tool must fail its check, not hide the others
            if isinstance(e, KeyboardInterrupt):
                raise
            r = CheckResult(key, title)
            r.fail(f"the check itself failed: {type(e).__name__}: {e}\n"
                   + "\n".join(traceback.format_exc().strip().splitlines()[-6:]))
            r.seconds = time.monotonic() - t
            return r.finish("error")

    results = {}
    validation = None
    if "a" in only:   # the Nu checker runs in the background while the browser works
        validation = guarded("a", "HTML (W3C Nu Html Checker)", lambda: html_check.HtmlValidation(site))
        if isinstance(validation, CheckResult):
            results["a"], validation = validation, None
    try:
        scanned = htmlscan.scan(site)
        if "b" in only:
            results["b"] = guarded("b", "accessibility (axe-core)", lambda: axe_check.check(
                site, tuple(int(w) for w in args.axe_widths.split(",") if w.strip()), progress))
            if sys.stderr.isatty():
                print("\r\033[K", end="", file=sys.stderr, flush=True)
        if "c" in only:
            results["c"] = guarded("c", "iCalendar files",
                                   lambda: ics_check.check(site, args.require_calendars, scanned))
        if "d" in only:
            results["d"] = guarded("d", "JSON-LD structured data",
                                   lambda: jsonld_check.check(site, scanned, args.require_jsonld))
        if "e" in only:
            results["e"] = guarded("e", "sitemap", lambda: sitemap_check.check(site))
        if "f" in only:
            results["f"] = guarded("f", "internal links and assets", lambda: links_check.check(site, scanned))
        if validation is not None:
            results["a"] = guarded("a", "HTML (W3C Nu Html Checker)", validation.result)
    finally:
        if validation is not None and validation.proc is not None and validation.proc.poll() is None:
            validation.proc.kill()
            validation.proc.wait()

    for key in sorted(results):
        print(results[key].render())
    counts = {s: sum(1 for r in results.values() if r.status == s) for s in (PASSED, FAILED, SKIPPED)}
    skipped = [f"{r.key} ({r.title})" for r in results.values() if r.status == SKIPPED]
    if skipped:
        print(f"skipped: {', '.join(skipped)}: nothing to check yet")
    print(f"verify-site: {'FAILED' if counts[FAILED] else 'ok'} in {time.monotonic() - started:.1f} s")
    closing = f"{counts[PASSED]} passed, {counts[FAILED]} failed"
    if counts[SKIPPED]:
        closing += f", {counts[SKIPPED]} skipped"
    print(closing, flush=True)
    return 1 if counts[FAILED] else 0


if __name__ == "__main__":
    sys.exit(main())
