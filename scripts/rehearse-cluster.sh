#!/usr/bin/env bash
# make rehearse-cluster: the shape of a multi-machine deployment on this machine, then fault drills under load
# (deploy/cluster_drill.py prints the table docs/deploy.md quotes). As root: it installs Debian's haproxy,
# pgbouncer and redis-sentinel if missing, and creates (then drops) two PostgreSQL clusters of its own.
#
#   HAProxy (TLS, self-signed) checking /readyz
#     -> three application nodes: gunicorn in production mode, each with its own port, env file and log
#        -> PgBouncer in transaction mode -> PostgreSQL 15 primary + streaming hot standby (slot, pg_basebackup -R)
#        -> Redis primary + replica, three Sentinels (quorum 2), found through REDIS_URL=redis+sentinel://…
#        -> one media folder shared by the three nodes (as NFS or a bucket would be)
#
# Everything listens on free loopback ports; the development PostgreSQL (5432) and Redis (6380) are not touched.
# Everything is stopped and dropped on exit (also on Ctrl-C or failure). KEEP=1 keeps the folder (logs).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"
PY="$ROOT/.venv/bin/python"

[ "$(id -u)" -eq 0 ] || die "make rehearse-cluster runs as root (it creates PostgreSQL clusters and runs HAProxy)"
missing=()
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
command -v pgbouncer >/dev/null 2>&1 || [ -x /usr/sbin/pgbouncer ] || missing+=(pgbouncer)
command -v redis-sentinel >/dev/null 2>&1 || missing+=(redis-sentinel)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v pg_createcluster >/dev/null 2>&1 || missing+=(postgresql-common)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
[ -n "$(pg_bindir)" ] || missing+=(postgresql)
apt_install "${missing[@]}"
PG_BIN=$(pg_bindir)
PG_VERSION=$(basename "$(dirname "$PG_BIN")")
HAPROXY=$(command -v haproxy || echo /usr/sbin/haproxy)
PGBOUNCER=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)

WORK=$(mktemp -d /tmp/g331-cluster.XXXXXX)
chmod 755 "$WORK"
PRIMARY=g331_rehearse_primary
REPLICA=g331_rehearse_replica
PG_PRIMARY_PORT=$(free_port); PG_REPLICA_PORT=$(free_port); BOUNCER_PORT=$(free_port)
REDIS_PRIMARY_PORT=$(free_port); REDIS_REPLICA_PORT=$(free_port)
SENTINEL_PORTS=("$(free_port)" "$(free_port)" "$(free_port)")
NODE_PORTS=("$(free_port)" "$(free_port)" "$(free_port)")
SITE_PORT=$(free_port)

drop_clusters() {
    for name in "$PRIMARY" "$REPLICA"; do
        if pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$PG_VERSION $name"; then
            pg_dropcluster --stop "$PG_VERSION" "$name" >/dev/null 2>&1 || true
        fi
    done
}
cleanup() {
    set +e
    say "stopping everything the rehearsal started"
    for n in 1 2 3; do
        pidfile="$WORK/node$n/gunicorn.pid"
        if [ -f "$pidfile" ]; then
            pid=$(cat "$pidfile")
            kill -TERM -- "-$pid" 2>/dev/null  # the node's process group (setsid): master and workers
            for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
            kill -KILL -- "-$pid" 2>/dev/null
        fi
    done
    stop_pidfile "$WORK/haproxy/haproxy.pid" USR1  # soft stop
    stop_pidfile "$WORK/haproxy/haproxy.pid"
    stop_pidfile "$WORK/pgbouncer/pgbouncer.pid" INT
    for name in sentinel-1 sentinel-2 sentinel-3 redis-primary redis-replica; do
        stop_pidfile "$WORK/redis/$name.pid"
    done
    drop_clusters
    if [ "${KEEP:-}" = 1 ]; then say "logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
drop_clusters  # a rehearsal killed with SIGKILL may have left its clusters behind

# --- PostgreSQL: a primary and a streaming hot standby, clusters of their own ---------------------------------
say "PostgreSQL $PG_VERSION primary on 127.0.0.1:$PG_PRIMARY_PORT, hot standby on 127.0.0.1:$PG_REPLICA_PORT"
pg_createcluster -p "$PG_PRIMARY_PORT" -e UTF8 --locale C.UTF-8 "$PG_VERSION" "$PRIMARY" \
    -o wal_level=replica -o max_wal_senders=5 -o max_replication_slots=5 \
    -o log_min_messages=warning -- --auth=trust >/dev/null
pg_ctlcluster "$PG_VERSION" "$PRIMARY" start
as_postgres psql -q -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -d postgres -v ON_ERROR_STOP=1 -o /dev/null <<'SQL'
CREATE ROLE corridor LOGIN SUPERUSER;
CREATE DATABASE g331 OWNER corridor;
SELECT FROM pg_create_physical_replication_slot('g331_replica');
SQL
# What the `options` startup parameter carries without a pooler (corridor_portal/settings.py), set on the database:
# PgBouncer refuses that parameter. UTC as Django expects, so it never has to SET it on a pooled connection.
as_postgres psql -q -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -d postgres -v ON_ERROR_STOP=1 <<'SQL'
ALTER DATABASE g331 SET pg_trgm.word_similarity_threshold = 0.5;
ALTER DATABASE g331 SET random_page_cost = 1.1;
ALTER DATABASE g331 SET timezone = 'UTC';
SQL
pg_createcluster -p "$PG_REPLICA_PORT" -e UTF8 --locale C.UTF-8 "$PG_VERSION" "$REPLICA" \
    -o hot_standby=on -o hot_standby_feedback=on \
    -o log_min_messages=warning -- --auth=trust >/dev/null
REPLICA_DATA=$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v n="$REPLICA" '$1 == v && $2 == n {print $6}')
rm -rf "${REPLICA_DATA:?}"/*
as_postgres pg_basebackup -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -U postgres -D "$REPLICA_DATA" -R -S g331_replica -X stream --checkpoint=fast
pg_ctlcluster "$PG_VERSION" "$REPLICA" start

# --- PgBouncer in transaction mode in front of both ---------------------------------------------------------------
say "PgBouncer (transaction mode) on 127.0.0.1:$BOUNCER_PORT"
mkdir -p "$WORK/pgbouncer"
echo '"corridor" ""' > "$WORK/pgbouncer/userlist.txt"
write_bouncer_ini() {  # write_bouncer_ini PRIMARY_PORT REPLICA_PORT
    cat > "$WORK/pgbouncer/pgbouncer.ini" <<INI
[databases]
g331 = host=127.0.0.1 port=$1 dbname=g331
g331_replica = host=127.0.0.1 port=$2 dbname=g331

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir = $WORK/pgbouncer
auth_type = trust
auth_file = $WORK/pgbouncer/userlist.txt
admin_users = corridor
pool_mode = transaction
max_client_conn = 400
default_pool_size = 20
ignore_startup_parameters = extra_float_digits
; a primary that is gone must answer quickly (503), not hold the request for the default 120 s
query_wait_timeout = 5
server_connect_timeout = 2
server_login_retry = 1
pidfile = $WORK/pgbouncer/pgbouncer.pid
logfile = $WORK/pgbouncer/pgbouncer.log
INI
}
write_bouncer_ini "$PG_PRIMARY_PORT" "$PG_REPLICA_PORT"
chown -R postgres "$WORK/pgbouncer"
as_postgres "$PGBOUNCER" -d -q "$WORK/pgbouncer/pgbouncer.ini"

# --- Redis primary, replica and three Sentinels --------------------------------------------------------------------
say "Redis primary :$REDIS_PRIMARY_PORT, replica :$REDIS_REPLICA_PORT, Sentinels :${SENTINEL_PORTS[*]} (quorum 2)"
mkdir -p "$WORK/redis"
redis_node() {  # redis_node NAME PORT [extra args]
    local name=$1 port=$2
    shift 2
    redis-server --bind 127.0.0.1 --port "$port" --daemonize yes --dir "$WORK/redis" \
        --pidfile "$WORK/redis/$name.pid" --logfile "$WORK/redis/$name.log" --save "" --appendonly no \
        --dbfilename "$name.rdb" "$@"
}
redis_node redis-primary "$REDIS_PRIMARY_PORT"
redis_node redis-replica "$REDIS_REPLICA_PORT" --replicaof 127.0.0.1 "$REDIS_PRIMARY_PORT"
for i in 0 1 2; do
    cat > "$WORK/redis/sentinel-$((i + 1)).conf" <<CONF
bind 127.0.0.1
port ${SENTINEL_PORTS[$i]}
daemonize yes
dir $WORK/redis
pidfile $WORK/redis/sentinel-$((i + 1)).pid
logfile $WORK/redis/sentinel-$((i + 1)).log
sentinel monitor g331 127.0.0.1 $REDIS_PRIMARY_PORT 2
sentinel down-after-milliseconds g331 1000
sentinel failover-timeout g331 10000
sentinel parallel-syncs g331 1
CONF
    redis-sentinel "$WORK/redis/sentinel-$((i + 1)).conf"
done
SENTINELS=$(printf '127.0.0.1:%s,' "${SENTINEL_PORTS[@]}")
REDIS_SENTINEL_URL="redis+sentinel://${SENTINELS%,}/g331/0"

# --- The application's environment: one env file per node, as /etc/g331/env on three machines -----------------
mkdir -p "$WORK/media"  # the shared media folder (NFS on real machines, or S3: DJANGO_MEDIA_S3_BUCKET)
SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
ADMIN_PASSWORD=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(24))')
for n in 1 2 3; do
    mkdir -p "$WORK/node$n"
    cat > "$WORK/node$n/env" <<ENV
DJANGO_ENV=production
DJANGO_SECRET_KEY=$SECRET_KEY
DJANGO_ALLOWED_HOSTS=localhost,127.0.0.1
DJANGO_TRUSTED_PROXIES=127.0.0.1
DATABASE_URL=postgres://corridor@127.0.0.1:$BOUNCER_PORT/g331
DATABASE_REPLICA_URL=postgres://corridor@127.0.0.1:$BOUNCER_PORT/g331_replica
DATABASE_POOLER=pgbouncer
REDIS_URL=$REDIS_SENTINEL_URL
DJANGO_MEDIA_ROOT=$WORK/media
DJANGO_SERVE_MEDIA=1
WEB_CONCURRENCY=2
GUNICORN_THREADS=4
GUNICORN_BIND=127.0.0.1:${NODE_PORTS[$((n - 1))]}
ENV
done

say "migrating and loading the demo data (straight to the primary, as a deploy's migration step would)"
(
    set -a; source "$WORK/node1/env"; set +a
    export DATABASE_URL="postgres://corridor@127.0.0.1:$PG_PRIMARY_PORT/g331" DATABASE_REPLICA_URL="" DATABASE_POOLER=""
    cd "$ROOT"
    "$PY" manage.py migrate --noinput -v0
    "$PY" manage.py load_demo_data -v0
    "$PY" manage.py make_demo_photos -v0
    "$PY" manage.py collectstatic --noinput -v0
    DJANGO_SUPERUSER_PASSWORD=$ADMIN_PASSWORD "$PY" manage.py createsuperuser --noinput \
        --username drill --email drill@example.org >/dev/null
)
chmod -R a+rX "$WORK/media"
# The listing the staff saves change (the shell's log lines are JSON: keep only the marked line).
read -r _ EDIT_PK DETAIL_PATH < <(cd "$ROOT" && set -a && source "$WORK/node1/env" && set +a && "$PY" manage.py shell -v0 -c "
from django.utils import translation
from attractions.models import Attraction
translation.activate('en')
a = Attraction.objects.published().order_by('pk').first()
print('DRILL', a.pk, a.get_absolute_url())" | grep '^DRILL ')

# --- Three application nodes ------------------------------------------------------------------------------------
{ echo "ROOT='$ROOT'"; cat <<'SH'; } > "$WORK/start-node.sh"
# start-node.sh N: node N's gunicorn with node N's env, in its own process group, logging to node N's log.
set -euo pipefail
n=$1; work=$(dirname "$0")
set -a; source "$work/node$n/env"; set +a
setsid "$ROOT/.venv/bin/gunicorn" -c "$ROOT/gunicorn.conf.py" --chdir "$ROOT" --pid "$work/node$n/gunicorn.pid" \
    </dev/null >>"$work/node$n/gunicorn.log" 2>&1 &
disown
for _ in $(seq 150); do
    curl -fs -o /dev/null -H "Host: localhost" "http://$GUNICORN_BIND/readyz" && exit 0
    sleep 0.2
done
tail -n 30 "$work/node$n/gunicorn.log" >&2
echo "node $n did not become ready on $GUNICORN_BIND" >&2
exit 1
SH
for n in 1 2 3; do
    say "node $n: gunicorn on 127.0.0.1:${NODE_PORTS[$((n - 1))]} (log $WORK/node$n/gunicorn.log)"
    bash "$WORK/start-node.sh" "$n"
done

# --- HAProxy: TLS, /readyz checks, retries, the runtime API ----------------------------------------------------------
say "HAProxy on https://127.0.0.1:$SITE_PORT"
mkdir -p "$WORK/haproxy"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$WORK/haproxy/key.pem" -out "$WORK/haproxy/cert.pem" 2>/dev/null
cat "$WORK/haproxy/cert.pem" "$WORK/haproxy/key.pem" > "$WORK/haproxy/site.pem"
servers() {
    for n in 1 2 3; do echo "    server node$n 127.0.0.1:${NODE_PORTS[$((n - 1))]} check"; done
}
sed -e "s#@WORK@#$WORK#g" -e "s#@SITE_PORT@#$SITE_PORT#g" "$ROOT/deploy/haproxy/g331.cfg" \
    | awk -v servers="$(servers)" '{ if ($0 == "@SERVERS@") print servers; else print }' > "$WORK/haproxy/haproxy.cfg"
"$HAPROXY" -c -q -f "$WORK/haproxy/haproxy.cfg" || "$HAPROXY" -c -f "$WORK/haproxy/haproxy.cfg" || die "HAProxy's configuration"
"$HAPROXY" -D -f "$WORK/haproxy/haproxy.cfg" -p "$WORK/haproxy/haproxy.pid"
for _ in $(seq 50); do
    curl -fsk -o /dev/null -H "Host: localhost" "https://127.0.0.1:$SITE_PORT/en/" && break
    sleep 0.2
done

# --- The drills -----------------------------------------------------------------------------------------------------
say "drills under load (a few minutes)"
export DRILL_SITE="https://127.0.0.1:$SITE_PORT" DRILL_WORK="$WORK" DRILL_ROOT="$ROOT"
export DRILL_NODE_PORTS="${NODE_PORTS[*]}" DRILL_HAPROXY_SOCKET="$WORK/haproxy/admin.sock"
export DRILL_PG_VERSION="$PG_VERSION" DRILL_PRIMARY="$PRIMARY" DRILL_REPLICA="$REPLICA"
export DRILL_PG_PRIMARY_PORT="$PG_PRIMARY_PORT" DRILL_PG_REPLICA_PORT="$PG_REPLICA_PORT"
export DRILL_BOUNCER_PORT="$BOUNCER_PORT" DRILL_BOUNCER_INI="$WORK/pgbouncer/pgbouncer.ini" DRILL_PGBOUNCER="$PGBOUNCER"
export DRILL_REDIS_PRIMARY_PORT="$REDIS_PRIMARY_PORT" DRILL_SENTINEL_PORTS="${SENTINEL_PORTS[*]}"
export DRILL_EDIT_PK="$EDIT_PK" DRILL_DETAIL_PATH="$DETAIL_PATH"
export DRILL_ADMIN_USER=drill DRILL_ADMIN_PASSWORD="$ADMIN_PASSWORD"
status=0
(cd "$ROOT" && "$PY" deploy/cluster_drill.py) | tee "$WORK/drills.txt" || status=$?
mkdir -p "$ROOT/bench/results"
cp "$WORK/drills.txt" "$ROOT/bench/results/rehearse-cluster-$(date -u +%Y%m%dT%H%M%SZ).txt"
errors=$(cat "$WORK"/node*/gunicorn.log | grep -c '"level": "error"' || true)
say "the nodes logged $errors error lines (JSON; the 503s of the failover drill are among them)"
exit "$status"
