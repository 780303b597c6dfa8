#!/usr/bin/env bash
# Install the Debian packages the project needs, in ONE apt run, and only the missing ones:
#   python3 + python3-venv, gettext (msgfmt), postgresql (unless DATABASE_URL is set),
#   redis-server (unless REDIS_URL is set); with --browser (make test) also chromium + fonts-noto-cjk, and
#   nginx + openssl for the tests that run deploy/nginx/g331.conf.
# Does nothing (and no apt at all) when everything is already there.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

browser=""
for arg in "$@"; do
    case "$arg" in
        --browser) browser=1 ;;
        *) die "usage: $0 [--browser]" ;;
    esac
done

deb_installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }

missing=()
command -v python3 >/dev/null 2>&1 || missing+=(python3)
# Debian's python3 has `venv` but not `ensurepip` unless python3-venv is installed.
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || missing+=(python3-venv)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
if [ -z "${DATABASE_URL:-}" ] && ! have_postgres; then missing+=(postgresql); fi
if [ -z "${REDIS_URL:-}" ] && ! command -v redis-server >/dev/null 2>&1; then missing+=(redis-server); fi
if [ -n "$browser" ]; then
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    deb_installed fonts-noto-cjk || missing+=(fonts-noto-cjk)
    [ -x /usr/sbin/nginx ] || missing+=(nginx)
    command -v openssl >/dev/null 2>&1 || missing+=(openssl)
fi

if [ ${#missing[@]} -gt 0 ]; then
    say "installing missing system packages: ${missing[*]}"
    apt_install "${missing[@]}"
fi
