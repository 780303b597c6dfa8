#!/usr/bin/env bash
# Local services for development and tests: PostgreSQL and Redis.
#
#   scripts/services.sh [start]  start what is needed (idempotent, quick when already up)
#                                and write DATABASE_URL / REDIS_URL into .env
#   scripts/services.sh stop     stop the project's Redis and the PostgreSQL cluster it uses
#
# DATABASE_URL / REDIS_URL already set in the environment mean "use that": nothing is
# started for it and its line is removed from .env.
# PostgreSQL: as root, Debian's cluster `<ver> main` (role+db created as the postgres user);
# otherwise a project-local cluster in .pgdata/ on 127.0.0.1:5433 (or the next free port).
# Redis: a project-local instance on 127.0.0.1:6380, files in .redis/.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

ENV_FILE="$ROOT/.env"
DB_NAME=corridor_portal
DB_USER=corridor
DB_PASSWORD=corridor
PG_DIR="$ROOT/.pgdata"  # non-root cluster: data/ log port corridor sockets
PG_FIRST_PORT=5433
REDIS_PORT=6380
REDIS_DIR="$ROOT/.redis"

is_root() { [ "$(id -u)" -eq 0 ]; }
db_url() { echo "postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$1/$DB_NAME"; }

# env_write KEY [VALUE]: set KEY=VALUE in .env (no VALUE: remove KEY); other lines are kept.
env_write() {
    local key=$1 del=1 value="" tmp
    if [ $# -ge 2 ]; then del=""; value=$2; fi
    if [ ! -f "$ENV_FILE" ]; then
        [ -z "$del" ] || return 0
        touch "$ENV_FILE"
    fi
    tmp=$(mktemp "$ENV_FILE.XXXXXX")
    awk -v key="$key" -v line="$key=$value" -v del="$del" '
        $0 ~ ("^[[:space:]]*(export[[:space:]]+)?" key "[[:space:]]*=") {
            if (!done && !del) print line
            done = 1; next
        }
        { print }
        END { if (!done && !del) print line }
    ' "$ENV_FILE" > "$tmp"
    if ! cmp -s "$tmp" "$ENV_FILE"; then
        cat "$tmp" > "$ENV_FILE"  # keeps the file's permissions
        if [ -n "$del" ]; then say "removed $key from .env"; else say "wrote $key to .env"; fi
    fi
    rm -f "$tmp"
}

# wait_for DESCRIPTION SECONDS CMD...: retry CMD every 0.2 s until it succeeds.
wait_for() {
    local what=$1 tries=$(( $2 * 5 )); shift 2
    until "$@" >/dev/null 2>&1; do
        tries=$(( tries - 1 ))
        [ "$tries" -gt 0 ] || return 1
        sleep 0.2
    done
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# initdb/pg_createcluster locale: C.UTF-8 when the system has it.
utf8_locale_opts() {
    if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then echo "--locale=C.UTF-8"; else echo "--no-locale"; fi
}

# db_ready URL: we can log in as DB_USER into DB_NAME and DB_USER is a superuser.
db_ready() {
    [ "$(PGCONNECT_TIMEOUT=5 psql -XAtq "$1" -c 'select rolsuper from pg_roles where rolname = current_user' 2>/dev/null)" = t ]
}

# --- PostgreSQL as root: Debian's cluster <ver> main ----------------------------------
pg_main_cluster() {  # prints "<ver> <port> <status>" of the newest `main` cluster, or nothing
    pg_lsclusters -h 2>/dev/null | awk '$2 == "main" { print $1, $3, $4 }' | sort -V | tail -n 1
}

pg_root_start() {
    local ver="" port="" status="" url
    read -r ver port status < <(pg_main_cluster) || true
    if [ -z "$ver" ]; then
        ver=$(basename "$(dirname "$(pg_bindir)")")
        say "creating PostgreSQL $ver cluster main"
        # shellcheck disable=SC2046
        pg_createcluster $(utf8_locale_opts) --encoding=UTF8 "$ver" main >/dev/null
        read -r ver port status < <(pg_main_cluster) || true
        [ -n "$ver" ] || die "pg_createcluster did not create cluster main"
    fi
    if [[ $status == online* ]]; then
        say "PostgreSQL $ver (cluster main) is running on port $port"
    else
        say "starting PostgreSQL $ver (cluster main) on port $port"
        pg_ctlcluster "$ver" main start \
            || die "could not start PostgreSQL; see /var/log/postgresql/postgresql-$ver-main.log"
    fi
    wait_for "PostgreSQL" 30 pg_isready -q -h 127.0.0.1 -p "$port" \
        || die "PostgreSQL $ver main does not answer on 127.0.0.1:$port (is listen_addresses set?)"
    url=$(db_url "$port")
    if ! db_ready "$url"; then
        say "creating role $DB_USER and database $DB_NAME"
        (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres) <<SQL \
            || die "could not create role/database in PostgreSQL $ver main"
SELECT 'CREATE ROLE $DB_USER' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER')\gexec
ALTER ROLE $DB_USER WITH LOGIN SUPERUSER PASSWORD '$DB_PASSWORD';
SELECT 'CREATE DATABASE $DB_NAME OWNER $DB_USER ENCODING ''UTF8'' TEMPLATE template0'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB_NAME')\gexec
SQL
        db_ready "$url" || die "cannot log in with $url (check pg_hba.conf: host ... 127.0.0.1/32 scram-sha-256)"
    fi
    DATABASE_URL_NEW=$url
}

# --- PostgreSQL as a normal user: project-local cluster in .pgdata/ ------------------
pg_local_bindir() {  # binaries matching the cluster's version (or the newest for a new one)
    local data=$PG_DIR/data
    if [ -f "$data/PG_VERSION" ]; then
        local d=/usr/lib/postgresql/$(cat "$data/PG_VERSION")/bin
        [ -x "$d/pg_ctl" ] || die ".pgdata/ was made by PostgreSQL $(cat "$data/PG_VERSION"), which is not installed; remove .pgdata/"
        echo "$d"
    else
        pg_bindir
    fi
}

pg_local_start() {
    local data=$PG_DIR/data bindir ver port url sockdir pwfile
    bindir=$(pg_local_bindir)
    [ -n "$bindir" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql/"
    ver=$(basename "$(dirname "$bindir")")
    if [ ! -f "$data/PG_VERSION" ]; then
        say "creating a project-local PostgreSQL $ver cluster in .pgdata/"
        rm -rf "$data"
        mkdir -p "$PG_DIR"
        chmod 700 "$PG_DIR"
        pwfile=$(mktemp)
        echo "$DB_PASSWORD" > "$pwfile"
        # shellcheck disable=SC2046
        if ! "$bindir/initdb" -D "$data" -U "$DB_USER" --pwfile="$pwfile" -E UTF8 $(utf8_locale_opts) \
                --auth-local=trust --auth-host=scram-sha-256 > "$PG_DIR/initdb.log" 2>&1; then
            rm -f "$pwfile"
            cat "$PG_DIR/initdb.log" >&2
            die "initdb failed (log above, also in .pgdata/initdb.log)"
        fi
        rm -f "$pwfile"
        echo "include_if_exists = 'corridor.conf'  # written by scripts/services.sh" >> "$data/postgresql.conf"
    fi
    if "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        port=$(sed -n 4p "$data/postmaster.pid")
        say "PostgreSQL $ver (.pgdata/) is running on port $port"
    else
        port=$(cat "$PG_DIR/port" 2>/dev/null || echo "$PG_FIRST_PORT")
        while port_in_use "$port"; do port=$(( port + 1 )); done
        echo "$port" > "$PG_DIR/port"
        sockdir=$PG_DIR
        [ $(( ${#sockdir} + 20 )) -lt 100 ] || sockdir=""  # unix socket path too long: TCP only
        cat > "$data/corridor.conf" <<CONF
# Written by scripts/services.sh on every start.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sockdir'
CONF
        say "starting PostgreSQL $ver (.pgdata/) on port $port"
        "$bindir/pg_ctl" -D "$data" -l "$PG_DIR/log" -w -t 60 start >/dev/null \
            || { tail -n 20 "$PG_DIR/log" >&2; die "could not start PostgreSQL (log: .pgdata/log)"; }
    fi
    url=$(db_url "$port")
    if ! db_ready "$url"; then
        say "creating database $DB_NAME"
        PGPASSWORD=$DB_PASSWORD "$bindir/createdb" -h 127.0.0.1 -p "$port" -U "$DB_USER" -O "$DB_USER" "$DB_NAME" \
            || die "could not create database $DB_NAME"
        db_ready "$url" || die "cannot log in with $url"
    fi
    DATABASE_URL_NEW=$url
}

# --- Redis --------------------------------------------------------------------------
redis_up() { [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

redis_start() {
    if redis_up; then
        say "Redis is running on port $REDIS_PORT"
        return
    fi
    mkdir -p "$REDIS_DIR"
    say "starting Redis on port $REDIS_PORT (.redis/)"
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes \
        --dir "$REDIS_DIR" --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" \
        --save "" --appendonly no
    wait_for "Redis" 10 redis_up \
        || { tail -n 20 "$REDIS_DIR/redis.log" >&2 || true; die "Redis did not start on port $REDIS_PORT (log: .redis/redis.log)"; }
}

# --- commands -----------------------------------------------------------------------
start() {
    if [ -n "${DATABASE_URL:-}" ]; then
        say "DATABASE_URL is set in the environment: not starting PostgreSQL"
        env_write DATABASE_URL
    else
        have_postgres || apt_install postgresql
        if is_root; then pg_root_start; else pg_local_start; fi
        env_write DATABASE_URL "$DATABASE_URL_NEW"
    fi
    if [ -n "${REDIS_URL:-}" ]; then
        say "REDIS_URL is set in the environment: not starting Redis"
        env_write REDIS_URL
    else
        command -v redis-server >/dev/null 2>&1 || apt_install redis-server
        redis_start
        env_write REDIS_URL "redis://127.0.0.1:$REDIS_PORT/0"
    fi
}

stop() {
    if command -v redis-cli >/dev/null 2>&1 && redis_up; then
        say "stopping Redis on port $REDIS_PORT"
        redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    elif [ -f "$REDIS_DIR/redis.pid" ] && kill "$(cat "$REDIS_DIR/redis.pid")" 2>/dev/null; then
        say "stopped Redis (pid file .redis/redis.pid)"
    fi
    if is_root; then
        local ver="" port="" status=""
        command -v pg_lsclusters >/dev/null 2>&1 && { read -r ver port status < <(pg_main_cluster) || true; }
        if [[ -n $ver && $status == online* ]]; then
            say "stopping PostgreSQL $ver (cluster main)"
            pg_ctlcluster "$ver" main stop
        fi
    elif [ -f "$PG_DIR/data/PG_VERSION" ]; then
        local bindir
        bindir=$(pg_local_bindir)
        if "$bindir/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
            say "stopping PostgreSQL (.pgdata/)"
            "$bindir/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null
        fi
    fi
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    *) die "usage: $0 [start|stop]" ;;
esac
