#!/usr/bin/env bash
# `make lighthouse`: Lighthouse 12 (mobile preset, its default throttling) driving Debian's Chromium on six
# pages of the demo data (home, a filtered list, an attraction, a Border Tour, ports, events), served by gunicorn with the production settings on 127.0.0.1; prints the scores.
#
#   scripts/lighthouse.sh            the database of `make run` (DATABASE_URL or .env), demo data loaded if missing
#   LIGHTHOUSE_PAGES="/ /en/" ...    other pages
#
# Lighthouse lives in tools/lighthouse/ (package.json + package-lock.json; `npm ci` installs it there).
# Reports: test-artifacts/lighthouse/<page>.report.json and .html.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"
cd "$ROOT"
PY=.venv/bin/python
OUT=test-artifacts/lighthouse
CHROME=${CHROME_PATH:-/usr/bin/chromium}
mkdir -p "$OUT"

[ -x "$CHROME" ] || apt_install chromium
command -v npm >/dev/null 2>&1 || apt_install npm
if [ ! -x tools/lighthouse/node_modules/.bin/lighthouse ]; then
    say "installing Lighthouse into tools/lighthouse/ (npm ci)"
    (cd tools/lighthouse && npm ci --no-audit --no-fund)
fi

say "demo data (loaded once) and static files"
$PY manage.py migrate --noinput >/dev/null
$PY manage.py load_demo_data
$PY manage.py load_port_data >/dev/null
$PY manage.py load_event_data >/dev/null
$PY manage.py make_demo_photos >/dev/null
$PY manage.py collectstatic --noinput >/dev/null

PORT=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
read -r ATTRACTION ROUTE < <($PY manage.py shell -v 0 -c '
from attractions.models import Attraction
from routes.models import Route
print(Attraction.objects.published().order_by("-a_level", "slug").first().get_absolute_url(),
      Route.objects.published().order_by("slug").first().get_absolute_url())' 2>/dev/null | tail -n 1)
# The filtered list has one filter: pages with two or more are `noindex` by design (sharing/seo.py).
PAGES=${LIGHTHOUSE_PAGES:-"/ /attractions/?county=hunchun $ATTRACTION $ROUTE /ports/ /events/"}

say "gunicorn (production settings, gunicorn.conf.py) on $BASE"
# Production settings on plain HTTP over loopback: TLS is nginx's job (deploy/nginx), so no HTTPS redirect;
# no nginx either, so the application serves the photos.
DJANGO_ENV=production \
DJANGO_SECRET_KEY=$($PY -c 'import secrets; print(secrets.token_urlsafe(50))') \
DJANGO_ALLOWED_HOSTS=127.0.0.1 \
DJANGO_SECURE_SSL_REDIRECT=0 \
DJANGO_SERVE_MEDIA=1 \
GUNICORN_BIND=127.0.0.1:$PORT \
GUNICORN_ACCESS_LOG="" \
    .venv/bin/gunicorn -c gunicorn.conf.py > "$OUT/gunicorn.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null && break; sleep 0.3; done
curl -fsS -o /dev/null "$BASE/healthz" || die "gunicorn did not start (see $OUT/gunicorn.log)"

results=()
for page in $PAGES; do
    # Twice first: the steady state a visitor meets is a page already in the shared cache.
    curl -fsS -o /dev/null "$BASE$page"
    curl -fsS -o /dev/null "$BASE$page"
    name=$(printf '%s' "$page" | tr -c 'a-zA-Z0-9' '-' | sed 's/^-*//; s/-*$//')
    name=${name:-home}
    # A second try when the run itself failed (a cold Chromium's first trace can miss its start: NO_NAVSTART),
    # not when the page scored low.
    for attempt in 1 2; do
        say "lighthouse $page"
        CHROME_PATH=$CHROME tools/lighthouse/node_modules/.bin/lighthouse "$BASE$page" \
            --quiet --output=json --output=html --output-path="$OUT/$name" \
            --only-categories=performance,accessibility,best-practices,seo \
            --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage" >/dev/null 2>&1 \
            || warn "lighthouse failed on $page"
        error=$($PY -c 'import json, sys
try:
    print(json.load(open(sys.argv[1])).get("runtimeError", {}).get("code", ""))
except (OSError, ValueError):
    print("NO_REPORT")' "$OUT/$name.report.json")
        [ -z "$error" ] && break
        warn "lighthouse run failed on $page ($error), attempt $attempt of 2"
    done
    results+=("$page|$OUT/$name.report.json")
done

printf '\n%-48s %12s %14s %15s %6s %8s\n' "page" "performance" "accessibility" "best practices" "SEO" "CLS"
below=0
for entry in "${results[@]}"; do
    page=${entry%%|*}
    report=${entry#*|}
    $PY - "$page" "$report" <<'PY' || below=1
import json, sys
page, path = sys.argv[1], sys.argv[2]
try:
    report = json.load(open(path))
    categories = report["categories"]
except (OSError, ValueError, KeyError):
    print(f"{page:48} {'(no report)':>12}")
    raise SystemExit(1)
score = lambda key: round(categories[key]["score"] * 100) if categories[key]["score"] is not None else None
cls = report["audits"].get("cumulative-layout-shift", {}).get("numericValue")
scores = {key: score(key) for key in ("performance", "accessibility", "best-practices", "seo")}
print(f"{page:48} {scores['performance']!s:>12} {scores['accessibility']!s:>14} {scores['best-practices']!s:>15}"
      f" {scores['seo']!s:>6} {cls if cls is None else round(cls, 3)!s:>8}")
bars = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
raise SystemExit(any(scores[key] is None or scores[key] < bar for key, bar in bars.items()) or bool(cls))
PY
done
[ "$below" -eq 0 ] || die "a page is under its bar (performance 95, the others 100, CLS 0): see $OUT/*.report.html"
