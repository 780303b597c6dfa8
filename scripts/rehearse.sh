#!/usr/bin/env bash
# make rehearse: the production shape on this machine, then fault drills under load (deploy/drill.py).
#
#   nginx (Debian's, deploy/nginx/g331.conf, self-signed certificate) on 127.0.0.1:HTTP/HTTPS
#     -> two gunicorn instances A and B in production mode (gunicorn.conf.py)
#        -> one PostgreSQL cluster, one Redis, one media folder, all of their own
#
# Everything is started in a temporary folder on free loopback ports, never touching the PostgreSQL,
# Redis or nginx the project or the machine already runs, and everything is stopped on exit (also on
# Ctrl-C or failure). KEEP=1 keeps the folder (logs) for a look afterwards.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"
PY="$ROOT/.venv/bin/python"

command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || apt_install nginx
command -v openssl >/dev/null 2>&1 || apt_install openssl
command -v redis-server >/dev/null 2>&1 || apt_install redis-server
PG_BIN=$(pg_bindir)
[ -n "$PG_BIN" ] || apt_install postgresql
PG_BIN=$(pg_bindir)
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

WORK=$(mktemp -d /tmp/g331-rehearse.XXXXXX)
chmod 755 "$WORK"  # nginx's workers (www-data) read the media folder in here
PG_PORT=$(free_port); REDIS_PORT=$(free_port); APP_A=$(free_port); APP_B=$(free_port)
HTTP_PORT=$(free_port); HTTPS_PORT=$(free_port)

cleanup() {
    set +e
    say "stopping everything the rehearsal started"
    for name in a b; do stop_pidfile "$WORK/gunicorn-$name.pid"; done
    [ -f "$WORK/nginx/nginx.pid" ] && "$NGINX" -c "$WORK/nginx/nginx.conf" -s quit 2>/dev/null
    [ -f "$WORK/redis.pid" ] && redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1
    [ -d "$WORK/pg/data" ] && as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1
    if [ "${KEEP:-}" = 1 ]; then say "logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- PostgreSQL and Redis of the rehearsal's own ------------------------------------------------
say "PostgreSQL on 127.0.0.1:$PG_PORT, Redis on 127.0.0.1:$REDIS_PORT"
mkdir -p "$WORK/pg"
[ "$(id -u)" -ne 0 ] || chown postgres "$WORK/pg"
as_postgres "$PG_BIN/initdb" -D "$WORK/pg/data" -U corridor --auth=trust -E UTF8 --locale=C.UTF-8 -N >/dev/null
PG_START="$(declare -f as_postgres); as_postgres '$PG_BIN/pg_ctl' -D '$WORK/pg/data' -l '$WORK/pg/log' -w \
    -o '-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1' start >/dev/null"
PG_STOP="$(declare -f as_postgres); as_postgres '$PG_BIN/pg_ctl' -D '$WORK/pg/data' -m fast -w stop >/dev/null"
bash -c "$PG_START"
createdb -h 127.0.0.1 -p "$PG_PORT" -U corridor g331
redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --dir "$WORK" \
    --pidfile "$WORK/redis.pid" --logfile "$WORK/redis.log" --save "" --appendonly no

# --- The application's environment, as /etc/g331/env would hold it -----------------------------
ADMIN_PASSWORD=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(24))')
cat > "$WORK/env" <<ENV
DJANGO_ENV=production
DJANGO_SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
DJANGO_ALLOWED_HOSTS=localhost,127.0.0.1
DJANGO_TRUSTED_PROXIES=127.0.0.1
DATABASE_URL=postgres://corridor@127.0.0.1:$PG_PORT/g331
REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
DJANGO_MEDIA_ROOT=$WORK/media
DJANGO_SERVE_MEDIA=0
WEB_CONCURRENCY=2
GUNICORN_THREADS=4
ENV
set -a; source "$WORK/env"; set +a
mkdir -p "$WORK/media"

say "migrating and loading the demo data"
(cd "$ROOT" && "$PY" manage.py migrate --noinput -v0 && "$PY" manage.py load_demo_data -v0 \
    && "$PY" manage.py make_demo_photos -v0 && "$PY" manage.py collectstatic --noinput -v0)
chmod -R a+rX "$WORK/media"
DJANGO_SUPERUSER_PASSWORD=$ADMIN_PASSWORD "$PY" "$ROOT/manage.py" createsuperuser --noinput \
    --username drill --email drill@example.org >/dev/null
# The listing the edit drill changes (the shell's log lines are JSON: keep only the marked line).
read -r _ EDIT_PK DETAIL_PATH < <(cd "$ROOT" && "$PY" manage.py shell -v0 -c "
from django.utils import translation
from attractions.models import Attraction
translation.activate('en')
a = Attraction.objects.published().order_by('pk').first()
print('DRILL', a.pk, a.get_absolute_url())" | grep '^DRILL ')

# --- Two gunicorn instances ----------------------------------------------------------------------
start_app() {  # start_app NAME PORT: in its own process group, so a drill can kill it whole
    GUNICORN_BIND="127.0.0.1:$2" setsid "$ROOT/.venv/bin/gunicorn" -c "$ROOT/gunicorn.conf.py" --chdir "$ROOT" \
        --pid "$WORK/gunicorn-$1.pid" </dev/null >>"$WORK/gunicorn-$1.log" 2>&1 &
    disown  # the kill drill's SIGKILL is expected: no "Killed" message from this shell
    for _ in $(seq 100); do
        curl -fs -o /dev/null -H "Host: localhost" "http://127.0.0.1:$2/healthz" && return 0
        sleep 0.2
    done
    tail -n 30 "$WORK/gunicorn-$1.log" >&2
    die "gunicorn $1 did not start on port $2"
}
say "gunicorn A on 127.0.0.1:$APP_A, B on 127.0.0.1:$APP_B"
start_app a "$APP_A"
start_app b "$APP_B"

# --- nginx with deploy/nginx/g331.conf and a self-signed certificate -------------------------------
say "nginx on 127.0.0.1:$HTTP_PORT (HTTP) and 127.0.0.1:$HTTPS_PORT (HTTPS)"
# deploy/nginx_site.py rewrites the file's `# REHEARSE:` lines (ports, paths, a self-signed certificate)
# and stops if one no longer matches.
"$PY" "$ROOT/deploy/nginx_site.py" --work "$WORK" --apps "$APP_A,$APP_B" --http "$HTTP_PORT" \
    --https "$HTTPS_PORT" --static "$ROOT/staticfiles" --media "$WORK/media" >/dev/null
"$NGINX" -t -q -c "$WORK/nginx/nginx.conf"
"$NGINX" -c "$WORK/nginx/nginx.conf"

# --- The drills ----------------------------------------------------------------------------------
say "drills under load (about a minute)"
export DRILL_SITE="https://127.0.0.1:$HTTPS_PORT" DRILL_HTTP_SITE="http://127.0.0.1:$HTTP_PORT"
export DRILL_APP_A="http://127.0.0.1:$APP_A" DRILL_APP_B="http://127.0.0.1:$APP_B"
export DRILL_PID_A="$WORK/gunicorn-a.pid" DRILL_PID_B="$WORK/gunicorn-b.pid"
export DRILL_PG_STOP="$PG_STOP" DRILL_PG_START="$PG_START"
export DRILL_START_A="$(declare -f start_app say die); ROOT='$ROOT' WORK='$WORK'; set -a; source '$WORK/env'; set +a; \
    start_app a $APP_A"
export DRILL_START_B="$(declare -f start_app say die); ROOT='$ROOT' WORK='$WORK'; set -a; source '$WORK/env'; set +a; \
    start_app b $APP_B"
export DRILL_EDIT_PK="$EDIT_PK" DRILL_DETAIL_PATH="$DETAIL_PATH"
export DRILL_ADMIN_USER=drill DRILL_ADMIN_PASSWORD="$ADMIN_PASSWORD"
status=0
(cd "$ROOT" && "$PY" deploy/drill.py) | tee "$WORK/drills.txt" || status=$?
mkdir -p "$ROOT/bench/results"
cp "$WORK/drills.txt" "$ROOT/bench/results/rehearse-$(date -u +%Y%m%dT%H%M%SZ).txt"
errors=$(cat "$WORK"/gunicorn-*.log | grep -c '"level": "error"' || true)
say "gunicorn logged $errors error lines (JSON); nginx error log: $(wc -l < "$WORK/nginx/error.log") lines"
exit "$status"
