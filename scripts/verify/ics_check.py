"""(c) Every .ics file parses with icalendar and meets RFC 5545's form strictly.

icalendar's parser is lenient (it records many problems instead of raising), so the form is
checked on the raw bytes: CRLF line ends, at most 75 octets a line, folds that do not split a
UTF-8 character, BEGIN/END nesting; then on the parsed calendar: VERSION and PRODID, each
VEVENT's UID, DTSTAMP (in UTC) and DTSTART, unique UIDs, dates that decode, a VTIMEZONE for
every TZID used."""
import re
import time

from .result import CheckResult

DATE_PROPS = ("DTSTART", "DTEND", "DTSTAMP", "DUE", "RECURRENCE-ID", "CREATED", "LAST-MODIFIED")
MAX_PER_FILE = 12


def check_file(path):
    import icalendar
    problems = []
    raw = open(path, "rb").read()
    if not raw:
        return ["the file is empty"], 0
    # --- the raw form ---------------------------------------------------------------
    bare = [i for i, b in enumerate(raw) if b == 0x0A and (i == 0 or raw[i - 1] != 0x0D)]
    if bare:
        line = raw.count(b"\n", 0, bare[0]) + 1
        problems.append(f"{len(bare)} line(s) end in LF without CR (first: line {line}); RFC 5545 needs CRLF")
    lone_cr = len(re.findall(rb"\r(?!\n)", raw))
    if lone_cr:
        problems.append(f"{lone_cr} CR(s) not followed by LF")
    if not raw.endswith(b"\r\n"):
        problems.append("the last line does not end with CRLF")
    lines = re.split(rb"\r?\n", raw[:-2] if raw.endswith(b"\r\n") else raw)
    long_lines = [(n, len(l)) for n, l in enumerate(lines, 1) if len(l) > 75]
    for n, length in long_lines[:5]:
        problems.append(f"line {n}: {length} octets, more than 75 (fold long lines)")
    if len(long_lines) > 5:
        problems.append(f"... and {len(long_lines) - 5} more lines over 75 octets")
    for n, l in enumerate(lines, 1):
        try:
            l.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"line {n}: not UTF-8 on its own (a fold splits a multi-octet character?)")
            break
    unfolded = re.sub(rb"\r?\n[ \t]", b"", raw).decode("utf-8", "replace")
    stack = []
    for n, l in enumerate(unfolded.splitlines(), 1):
        u = l.upper()
        if u.startswith("BEGIN:"):
            stack.append(u[6:].strip())
        elif u.startswith("END:"):
            name = u[4:].strip()
            if not stack or stack[-1] != name:
                problems.append(f"logical line {n}: END:{name} closes "
                                f"{('BEGIN:' + stack[-1]) if stack else 'nothing'}")
            else:
                stack.pop()
    if stack:
        problems.append(f"components never closed: {', '.join(stack)}")
    tzids_used = set(re.findall(r";TZID=(\"[^\"]*\"|[^;:]*)", unfolded))
    tzids_used = {t.strip('"') for t in tzids_used}
    # --- parsed ---------------------------------------------------------------------
    try:
        cals = icalendar.Calendar.from_ical(raw, multiple=True)
    except Exception as e:
        return problems + [f"icalendar cannot parse it: {e}"], 0
    if len(cals) != 1:
        problems.append(f"{len(cals)} VCALENDAR objects, expected exactly 1")
    events = 0
    for cal in cals:
        for req in ("VERSION", "PRODID"):
            if req not in cal:
                problems.append(f"VCALENDAR has no {req}")
        if "VERSION" in cal and str(cal["VERSION"]) != "2.0":
            problems.append(f"VERSION is {cal['VERSION']}, expected 2.0")
        tzids_defined = {str(tz.get("TZID")) for tz in cal.walk("VTIMEZONE")}
        for tzid in sorted(tzids_used - tzids_defined):
            problems.append(f'TZID="{tzid}" is used but there is no VTIMEZONE with that TZID')
        uids = {}
        for comp in cal.walk():
            for prop, err in getattr(comp, "errors", []):
                problems.append(f"{comp.name}: {prop or 'a line'}: {err}")
            for p in DATE_PROPS:
                if p in comp:
                    try:
                        comp.decoded(p)
                    except Exception as e:
                        problems.append(f"{comp.name} {comp.get('UID', '')}: {p} does not decode: {e}")
        for n, ev in enumerate(cal.walk("VEVENT"), 1):
            events += 1
            uid = str(ev.get("UID", "")) or None
            label = f"VEVENT {uid or '#' + str(n)}"
            for req in ("UID", "DTSTAMP", "DTSTART"):
                if req not in ev or (req == "UID" and not str(ev[req]).strip()):
                    problems.append(f"{label}: no {req}")
            if uid:
                if uid in uids:
                    problems.append(f"UID {uid} is used by VEVENT #{uids[uid]} and #{n}: UIDs must be unique")
                uids.setdefault(uid, n)
            if "DTSTAMP" in ev:
                stamp = ev["DTSTAMP"].to_ical().decode() if hasattr(ev["DTSTAMP"], "to_ical") else str(ev["DTSTAMP"])
                if not stamp.endswith("Z"):
                    problems.append(f"{label}: DTSTAMP {stamp} is not in UTC (RFC 5545 3.8.7.2)")
            try:
                start, end = ev.decoded("DTSTART"), ev.decoded("DTEND") if "DTEND" in ev else None
                if end is not None and type(start) is type(end) and end < start:
                    problems.append(f"{label}: DTEND is before DTSTART")
            except Exception:
                pass  # reported above as not decoding
    return problems, events


def linked_files(site, scanned):
    """The .ics files that some page links to (e.g. an "Add to calendar" link)."""
    linked = {}
    for rel, page in (scanned or {}).items():
        for ref in page.refs:
            if ".ics" in ref.value and "://" not in ref.value:
                site_path, _, error = site.resolve(rel, ref.value)
                if not error:
                    linked.setdefault(site_path, rel)
    return linked


def check(site, require, scanned=None):
    started = time.monotonic()
    r = CheckResult("c", "iCalendar files")
    files = site.ics_files
    course_pages = [f for f in site.html_files if f.startswith("courses/") and f.count("/") == 2
                    and f.endswith("/index.html")]
    course_ics = [f for f in files if re.fullmatch(r"courses/[^/]+/course\.ics", f)]
    if not files:
        r.seconds = time.monotonic() - started
        if require:
            r.fail("no .ics files in the output (expected calendar.ics and courses/*/course.ics; "
                   "required by --require-calendars)")
            return r.finish("0 files")
        r.notices.append("no .ics files in the output yet (calendar.ics, courses/*/course.ics); "
                         "pass --require-calendars to make this a failure")
        return r.finish("0 files", skipped=True)
    if "calendar.ics" not in site.file_set:
        (r.fail if require else r.notices.append)("no calendar.ics at the root of the output")
    if not course_ics:
        (r.fail if require else r.notices.append)("no courses/*/course.ics")
    elif len(course_ics) < len(course_pages):
        r.notices.append(f"{len(course_pages) - len(course_ics)} of {len(course_pages)} course pages have no "
                         "course.ics (fine for a course without sessions, e.g. cancelled)")
    total_events = 0
    linked = linked_files(site, scanned)
    for f in files:
        problems, events = check_file(site.abspath(f))
        total_events += events
        if not events:
            if f in linked:
                problems.append(f"no VEVENT, yet {linked[f]} links to it: adding it to a calendar adds nothing")
            else:
                r.notices.append(f"{f} has no VEVENT (no page links to it)")
        for p in problems[:MAX_PER_FILE]:
            r.fail(f"{f}: {p}")
        if len(problems) > MAX_PER_FILE:
            r.fail(f"{f}: ... and {len(problems) - MAX_PER_FILE} more")
    r.seconds = time.monotonic() - started
    bad = len({p.split(":")[0] for p in r.problems if p.endswith(".ics") or ".ics:" in p})
    return r.finish(f"{len(files)} files ({len(course_ics)} course.ics), {total_events} events, {bad} invalid")
