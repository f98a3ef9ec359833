"""(d) Every JSON-LD block parses; Course blocks carry what search engines need; the home page
has an ItemList. Presence (a Course on every course page, the home ItemList) is required only
with --require-jsonld; blocks that exist are always checked."""
import json
import re
import time
from datetime import date, datetime

from .result import CheckResult

COURSE_FIELDS = ("name", "description", "provider", "offers", "hasCourseInstance")
INSTANCE_FIELDS = ("courseMode", "startDate", "location")
SCHEMA_CONTEXTS = {"https://schema.org", "http://schema.org", "https://schema.org/", "http://schema.org/"}


def _types(node):
    t = node.get("@type") if isinstance(node, dict) else None
    if isinstance(t, str):
        return {t}
    if isinstance(t, list):
        return {x for x in t if isinstance(x, str)}
    return set()


def _as_list(v):
    return v if isinstance(v, list) else [v]


def _empty(v):
    return v is None or v == "" or v == [] or v == {}


def _top_nodes(data):
    """The nodes a block describes: the object itself, each of a top-level list, each of @graph."""
    nodes = []
    for item in _as_list(data):
        if isinstance(item, dict) and "@graph" in item:
            nodes.extend(n for n in _as_list(item["@graph"]) if isinstance(n, dict))
        elif isinstance(item, dict):
            nodes.append(item)
    return nodes


def _context_ok(data):
    for item in _as_list(data):
        if isinstance(item, dict):
            ctx = item.get("@context")
            ctxs = _as_list(ctx)
            if not any(isinstance(c, str) and c in SCHEMA_CONTEXTS for c in ctxs):
                return False
    return True


def _iso(value):
    if not isinstance(value, str):
        return False
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            date.fromisoformat(value)
        else:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
        return True
    except ValueError:
        return False


def check_course(node, where, fail):
    name = node.get("name", "?")
    for f in COURSE_FIELDS:
        if _empty(node.get(f)):
            fail(f"{where}: Course \"{name}\" has no {f}")
    provider = node.get("provider")
    if isinstance(provider, dict) and _empty(provider.get("name")):
        fail(f"{where}: Course \"{name}\": provider has no name")
    instances = node.get("hasCourseInstance")
    if _empty(instances):
        return
    for i, inst in enumerate(_as_list(instances), 1):
        if not isinstance(inst, dict):
            fail(f"{where}: Course \"{name}\": hasCourseInstance #{i} is not an object")
            continue
        if "CourseInstance" not in _types(inst):
            fail(f"{where}: Course \"{name}\": hasCourseInstance #{i} has @type {inst.get('@type')!r}, "
                 "expected CourseInstance")
        # Coaching and mentoring have no fixed sessions: their one instance is
        # "arranged with you" (a description, no date, no place). Anything else
        # needs a mode, a start and a place.
        if _empty(inst.get("startDate")) and not _empty(inst.get("description")):
            continue
        for f in INSTANCE_FIELDS:
            if _empty(inst.get(f)):
                fail(f"{where}: Course \"{name}\": hasCourseInstance #{i} has no {f}")
        for f in ("startDate", "endDate"):
            if not _empty(inst.get(f)) and not _iso(inst.get(f)):
                fail(f"{where}: Course \"{name}\": hasCourseInstance #{i} {f} {inst.get(f)!r} "
                     "is not an ISO 8601 date or date-time")


def check_itemlist(node, where, fail):
    elements = node.get("itemListElement")
    if _empty(elements):
        fail(f"{where}: ItemList has no itemListElement")
        return 0
    for i, el in enumerate(_as_list(elements), 1):
        if not isinstance(el, dict):
            fail(f"{where}: ItemList element #{i} is not an object")
            continue
        if "ListItem" in _types(el):
            if _empty(el.get("position")):
                fail(f"{where}: ItemList element #{i} (ListItem) has no position")
            if _empty(el.get("url")) and _empty(el.get("item")):
                fail(f"{where}: ItemList element #{i} (ListItem) has neither url nor item")
            item = el.get("item")
        else:
            item = el
        if isinstance(item, dict) and "Course" in _types(item) and _empty(item.get("url")):
            # A course given in full inside the list (not a pointer to its page): check it whole.
            check_course(item, f"{where} ItemList element #{i}", fail)
    return len(_as_list(elements))


def check(site, scanned, require):
    started = time.monotonic()
    r = CheckResult("d", "JSON-LD structured data")
    blocks = courses = lists = 0
    pages_with_course = set()
    home_has_itemlist = False
    for rel, page in scanned.items():
        for line, raw in page.jsonld:
            blocks += 1
            where = f"{rel}:{line}"
            try:
                data = json.loads(raw)
            except json.JSONDecodeError as e:
                r.fail(f"{where}: JSON-LD does not parse: {e.msg} at line {e.lineno} column {e.colno} of the block")
                continue
            if not _context_ok(data):
                r.fail(f"{where}: JSON-LD @context is not https://schema.org")
            for node in _top_nodes(data):
                types = _types(node)
                if not types:
                    r.fail(f"{where}: a JSON-LD node without @type")
                if "Course" in types:
                    courses += 1
                    pages_with_course.add(rel)
                    check_course(node, where, r.fail)
                if "ItemList" in types:
                    lists += 1
                    check_itemlist(node, where, r.fail)
                    if rel == "index.html":
                        home_has_itemlist = True
    course_pages = [f for f in site.html_files if f.startswith("courses/") and f.count("/") == 2
                    and f.endswith("/index.html")]
    without = [f for f in course_pages if f not in pages_with_course]
    if require:
        if not home_has_itemlist:
            r.fail("index.html: the home page has no ItemList block (required by --require-jsonld)")
        for f in without:
            r.fail(f"{f}: no Course block (required by --require-jsonld)")
    else:
        if not home_has_itemlist:
            r.notices.append("the home page has no ItemList block yet; pass --require-jsonld to make this a failure")
        if without:
            r.notices.append(f"{len(without)} of {len(course_pages)} course pages have no Course block yet "
                             f"(first: {without[0]}); pass --require-jsonld to make this a failure")
    r.seconds = time.monotonic() - started
    summary = f"{blocks} blocks in {len(scanned)} pages, {courses} Course, {lists} ItemList"
    return r.finish(summary, skipped=(blocks == 0 and not require))
