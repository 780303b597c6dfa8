#!/usr/bin/env bash
# make backup: the database as a pg_dump archive (custom format) and the media files as a tarball,
# both named with the same UTC timestamp:
#   backups/g331-20260526T031500Z.dump        pg_restore-able, compressed
#   backups/g331-20260526T031500Z-media.tar.gz
# DATABASE_URL (environment, else .env), DJANGO_MEDIA_ROOT (default media/) and BACKUP_DIR (default
# backups/) say where from and where to. Prints the prefix to give `make restore BACKUP=…`.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

env_from_dotenv() {  # the value of $1 in .env (the environment wins, as in settings.py)
    [ -f "$ROOT/.env" ] && sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*//p" "$ROOT/.env" | tail -n 1
}
DATABASE_URL=${DATABASE_URL:-$(env_from_dotenv DATABASE_URL)}
[ -n "$DATABASE_URL" ] || die "DATABASE_URL is not set (environment or .env)"
MEDIA_ROOT=${DJANGO_MEDIA_ROOT:-$(env_from_dotenv DJANGO_MEDIA_ROOT)}
MEDIA_ROOT=${MEDIA_ROOT:-$ROOT/media}
BACKUP_DIR=${BACKUP_DIR:-$ROOT/backups}

mkdir -p "$BACKUP_DIR"
chmod 700 "$BACKUP_DIR"  # the dump holds staff accounts (password hashes) and their edit history
prefix="$BACKUP_DIR/g331-$(date -u +%Y%m%dT%H%M%SZ)"

say "dumping the database to $prefix.dump"
# Written under a temporary name first: a dump that was cut short never looks like a backup.
pg_dump --format=custom --no-owner --no-privileges --file="$prefix.dump.partial" "$DATABASE_URL"
mv "$prefix.dump.partial" "$prefix.dump"

say "archiving the media files of $MEDIA_ROOT to $prefix-media.tar.gz"
mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -czf "$prefix-media.tar.gz.partial" .
mv "$prefix-media.tar.gz.partial" "$prefix-media.tar.gz"

say "backup complete: restore it with  make restore BACKUP=$prefix"
echo "$prefix"
