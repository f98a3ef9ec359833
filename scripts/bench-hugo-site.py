#!/usr/bin/env python3
"""Turn a Prospectus corpus into the minimal equivalent Hugo site, for scripts/bench.

    python3 scripts/bench-hugo-site.py --corpus SITE/content --out HUGO_SITE

Every course file (content/courses/*.md) is copied byte for byte to
HUGO_SITE/content/courses/: Hugo reads the same YAML front matter and the same
CommonMark body (Goldmark, raw HTML dropped as Prospectus does). Trainers,
partners, venues and pages are not copied: the comparison is about course pages.

The theme is as small as it can be while doing the same core work:
  layouts/_default/single.html  title, summary and the rendered body of one course
  layouts/_default/list.html    the home page and courses/ list every page by title

Hugo's defaults are kept otherwise (pretty URLs: courses/<id>/index.html, an RSS
feed, sitemap.xml, the default tags/categories taxonomies, which stay empty because
the corpus uses `category`, not `categories`), because Prospectus also writes a feed
and a sitemap. Standard library only.
"""

import argparse
import os
import shutil
import sys

CONFIG = """\
baseURL = "https://recovery.example.org/"
title = "Riverside Recovery College"
languageCode = "en-gb"
uglyURLs = false
# Defaults kept on purpose: RSS, sitemap and (empty) taxonomy pages are written,
# as Prospectus writes feed.xml and sitemap.xml too.
"""

SINGLE = """\
<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}</title></head>
<body>
<main>
<h1>{{ .Title }}</h1>
<p class="summary">{{ .Params.summary }}</p>
{{ .Content }}
</main>
</body>
</html>
"""

LIST = """\
<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}</title></head>
<body>
<main>
<h1>{{ .Title }}</h1>
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
</main>
</body>
</html>
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", required=True, help="a Prospectus content/ folder (holding courses/)")
    ap.add_argument("--out", required=True, help="the Hugo site folder to create (must not exist)")
    args = ap.parse_args()

    courses = os.path.join(args.corpus, "courses")
    if not os.path.isdir(courses):
        print(f"bench-hugo-site: no courses/ folder in {args.corpus}", file=sys.stderr)
        return 2
    if os.path.exists(args.out):
        print(f"bench-hugo-site: {args.out} already exists", file=sys.stderr)
        return 2

    dest = os.path.join(args.out, "content", "courses")
    os.makedirs(dest)
    os.makedirs(os.path.join(args.out, "layouts", "_default"))
    n = 0
    for name in sorted(os.listdir(courses)):
        if name.endswith(".md"):
            shutil.copyfile(os.path.join(courses, name), os.path.join(dest, name))
            n += 1
    with open(os.path.join(args.out, "content", "courses", "_index.md"), "w", encoding="utf-8") as f:
        f.write("---\ntitle: Courses\n---\n")
    with open(os.path.join(args.out, "config.toml"), "w", encoding="utf-8") as f:
        f.write(CONFIG)
    with open(os.path.join(args.out, "layouts", "_default", "single.html"), "w", encoding="utf-8") as f:
        f.write(SINGLE)
    with open(os.path.join(args.out, "layouts", "_default", "list.html"), "w", encoding="utf-8") as f:
        f.write(LIST)
    print(n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
