#!/usr/bin/env bash
# Makes sure the system packages Prospectus builds against are installed:
# Debian's libcmark-dev (the CommonMark parser) and pkg-config (how SwiftPM finds it).
# Installs them with apt when run as root; otherwise prints the one command to run.
set -eu

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libcmark; } && [ ! -f /usr/include/cmark.h ]; then
  missing+=(libcmark-dev)
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "Prospectus needs Swift 6 (https://www.swift.org/install/). Install it, then run this again." >&2
  exit 1
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} with apt-get..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Prospectus needs ${missing[*]}. Install with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
