"""Builds the sample site (content/ + templates/) into a fresh temporary folder, as a user
would: `swift build`, then `.build/debug/prospectus build --output <tmp>`, with a fixed
SOURCE_DATE_EPOCH so consent checks and the output are repeatable."""
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager

# 2026-11-18, the date the end-to-end tests use (Tests/EndToEndTests/Support.swift).
SOURCE_DATE_EPOCH = "1795000000"
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def _run(cmd, env=None, show_last=1):
    """Runs cmd in the repository; prints its last line(s) when it works, everything when not."""
    print("+ " + " ".join(cmd), flush=True)
    done = subprocess.run(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = done.stdout.decode("utf-8", "replace").rstrip("\n")
    err = done.stderr.decode("utf-8", "replace").rstrip("\n")
    if done.returncode != 0:
        print("\n".join(t for t in (out, err) if t))
        print(f"verify: `{' '.join(cmd)}` failed (exit {done.returncode}); nothing to verify", file=sys.stderr)
        sys.exit(1)
    text = err or out   # prospectus prints its diagnostics on stdout and its summary line on stderr
    for line in text.splitlines()[-show_last:] if text else []:
        print("  " + line)


@contextmanager
def site_folder(output_dir=None, keep=False):
    """Yields the folder to check: output_dir as given, or a fresh build of the sample."""
    if output_dir:
        yield os.path.abspath(output_dir)
        return
    started = time.monotonic()
    tmp = tempfile.mkdtemp(prefix="prospectus-verify.")
    try:
        _run(["bash", "scripts/ensure-deps.sh"])
        _run(["swift", "build", "--product", "prospectus"])
        out = os.path.join(tmp, "site")   # must not exist yet: prospectus refuses a non-empty folder it did not make
        env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
        _run([os.path.join(".build", "debug", "prospectus"), "build", "--output", out], env)
        print(f"verify: built the sample into {out} in {time.monotonic() - started:.1f} s"
              + (" (kept afterwards: --keep)" if keep else ""), flush=True)
        yield out
    finally:
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)
