#!/usr/bin/env bash
# Debian's Chromium for the browser tests: prints its path, installing it first if missing.
#
# Playwright's own browser downloads do not work on locked-down networks (and pull an
# unpinned binary); the tests drive the distribution's chromium instead, by path.
# `make test` runs this and passes the path on as CHROMIUM.
set -euo pipefail

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

die() { echo "chromium.sh: $*" >&2; exit 1; }

if [[ ! -x $CHROMIUM ]]; then
    [[ $EUID -eq 0 ]] || die "$CHROMIUM is missing and this is not root: install Debian's chromium package"
    log=$(mktemp)
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >"$log" 2>&1; then
        reason=$(grep -E '^(E:|W:)' "$log" | head -n1)
        rm -f "$log"
        die "cannot install chromium: ${reason:-apt-get failed}"
    fi
    rm -f "$log"
    [[ -x $CHROMIUM ]] || die "chromium was installed but $CHROMIUM does not exist"
fi
printf '%s\n' "$CHROMIUM"
