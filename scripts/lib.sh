# Shared helpers for the scripts in this folder (sourced, not run).
# shellcheck shell=bash

say() { printf '==> %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# as_root CMD...: run CMD as root (directly, or via sudo when we are not root).
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root to run: $* (not root and no sudo). Please run it yourself as root."
    fi
}

# apt_install PKG...: install Debian packages; runs `apt-get update` once per process.
# LANG=C.UTF-8 so a PostgreSQL cluster created by the package's postinst is UTF8.
_APT_UPDATED=${_APT_UPDATED:-}
apt_install() {
    [ $# -gt 0 ] || return 0
    command -v apt-get >/dev/null 2>&1 \
        || die "apt-get not found; please install these packages yourself: $*"
    if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
        die "missing packages: $* — not root and no sudo; install them with: apt-get install $*"
    fi
    local aptenv=(env DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 LC_ALL=C.UTF-8)
    local aptopts=(-y -q -o DPkg::Lock::Timeout=600)
    if [ -z "$_APT_UPDATED" ]; then
        say "apt-get update"
        as_root "${aptenv[@]}" apt-get "${aptopts[@]}" update
        _APT_UPDATED=1
        export _APT_UPDATED
    fi
    say "apt-get install $*"
    as_root "${aptenv[@]}" apt-get "${aptopts[@]}" install "$@"
}

# pg_bindir: directory of the newest installed PostgreSQL server binaries (empty if none).
pg_bindir() {
    local d
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; fi
}

# have_postgres: the server (initdb) and Debian's cluster tools (pg_ctlcluster) are there.
have_postgres() {
    [ -n "$(pg_bindir)" ] && command -v pg_ctlcluster >/dev/null 2>&1 && command -v psql >/dev/null 2>&1
}

# free_port: a TCP port on 127.0.0.1 that nothing listens on now.
free_port() {
    "${PY:-python3}" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# as_postgres CMD...: run CMD as the postgres user when we are root (Debian's clusters), else as ourselves.
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# stop_pidfile FILE [SIGNAL]: signal the process named in FILE (TERM by default), wait up to 10 s for it to go,
# then kill it.
stop_pidfile() {
    [ -f "$1" ] || return 0
    local pid
    pid=$(cat "$1" 2>/dev/null) || return 0
    [ -n "$pid" ] || return 0
    kill "-${2:-TERM}" "$pid" 2>/dev/null || return 0
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
}
