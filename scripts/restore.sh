#!/usr/bin/env bash
# make restore BACKUP=backups/g331-<timestamp>: put a `make backup` back.
#   - the database archive into the EMPTY database of DATABASE_URL (create it first:
#     createdb -O corridor g331); a database that already holds tables is refused, so a restore
#     never mixes two states of the site;
#   - the media files into DJANGO_MEDIA_ROOT (default media/).
# Then run `manage.py migrate` if the code is newer than the backup.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

env_from_dotenv() {
    [ -f "$ROOT/.env" ] && sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*//p" "$ROOT/.env" | tail -n 1
}
BACKUP=${1:-${BACKUP:-}}
[ -n "$BACKUP" ] || die "usage: make restore BACKUP=backups/g331-<timestamp>"
BACKUP=${BACKUP%.dump}
BACKUP=${BACKUP%-media.tar.gz}
[ -f "$BACKUP.dump" ] || die "no database archive $BACKUP.dump"
DATABASE_URL=${DATABASE_URL:-$(env_from_dotenv DATABASE_URL)}
[ -n "$DATABASE_URL" ] || die "DATABASE_URL is not set (environment or .env)"
MEDIA_ROOT=${DJANGO_MEDIA_ROOT:-$(env_from_dotenv DJANGO_MEDIA_ROOT)}
MEDIA_ROOT=${MEDIA_ROOT:-$ROOT/media}

tables=$(psql -XAtq "$DATABASE_URL" -c "select count(*) from pg_tables where schemaname = 'public'") \
    || die "cannot connect to the target database (create it first: createdb -O <user> <name>)"
[ "$tables" = 0 ] || die "the target database already has $tables tables; restore into an empty database"

say "restoring $BACKUP.dump"
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$DATABASE_URL" "$BACKUP.dump"

if [ -f "$BACKUP-media.tar.gz" ]; then
    say "restoring the media files into $MEDIA_ROOT"
    mkdir -p "$MEDIA_ROOT"
    tar -C "$MEDIA_ROOT" -xzf "$BACKUP-media.tar.gz" --no-same-owner
else
    warn "no media archive $BACKUP-media.tar.gz: database restored alone"
fi
say "restore complete"
