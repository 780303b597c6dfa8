"""deploy/nginx/g331.conf made runnable on loopback, for `make rehearse` and `make bench`.

    .venv/bin/python deploy/nginx_site.py --work DIR --apps PORT[,PORT] --http PORT --https PORT \
        --static DIR --media DIR [--bench]

Writes DIR/nginx/nginx.conf (a whole nginx configuration: pid, logs and temporary files under DIR), and
DIR/nginx/site.conf, which is deploy/nginx/g331.conf with the lines marked `# REHEARSE:…` pointed at the
given ports and folders, a self-signed certificate (made here with openssl) and DIR's logs and cache. Nothing
else of the file changes, so what is rehearsed and measured is the file that is deployed; a marker that no
longer matches stops it with the line that changed.

--bench adds one location, /bench/ (the minimal page of `make bench`), passed to gunicorn without the
microcache: the benchmark compares the cached pages with Django itself through the same nginx.
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
SITE = DEPLOY / "nginx" / "g331.conf"
HEADERS = DEPLOY / "nginx" / "g331-headers.conf"
# What must not be left in the result: the production machine's ports and paths (comments aside).
PRODUCTION_ONLY = re.compile(r"8001|8002|8009|/srv/g331|/etc/letsencrypt|/var/log|/var/cache")

BENCH_LOCATION = """
    # `make bench` only (deploy/nginx_site.py --bench): the minimal Django page, never from the microcache.
    location /bench/ {
        proxy_pass http://127.0.0.1:{compressor_port};  # through the compressor, as the pages
        proxy_set_header Host $host;
        proxy_set_header Accept-Encoding $g331_encoding;
        proxy_set_header X-Forwarded-For $remote_addr;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header X-Request-ID $request_id;
        proxy_redirect off;
    }
"""


class MarkerMismatch(SystemExit):
    pass


def site_conf(text, *, work, app_ports, http_port, https_port, compressor_port, static_root, media_root, bench=False):
    """g331.conf's text with the marked lines rewritten; raises MarkerMismatch when one no longer matches."""
    nginx_dir = Path(work) / "nginx"
    upstream = "\n".join(f"    server 127.0.0.1:{port} max_fails=3 fail_timeout=5s;" for port in app_ports)
    rules = [
        ("APP1", r"server 127\.0\.0\.1:8001 [^;]*;", upstream.strip()),
        ("APP2", r".*", None),  # the upstream's servers are all written on APP1's line
        ("HTTP6", r".*", None),
        ("HTTPS6", r".*", None),
        ("HTTP", r"listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("HTTPS", r"listen 443 ", f"listen 127.0.0.1:{https_port} "),
        ("COMPRESSOR", r"127\.0\.0\.1:8009", f"127.0.0.1:{compressor_port}"),
        ("COMPRESSOR_PASS", r"127\.0\.0\.1:8009", f"127.0.0.1:{compressor_port}"),
        ("NAME", r"server_name [^;]*;", "server_name localhost 127.0.0.1;"),
        ("CERT", r"/etc/letsencrypt/[^;]*", f"{nginx_dir}/cert.pem"),
        ("KEY", r"/etc/letsencrypt/[^;]*", f"{nginx_dir}/key.pem"),
        ("HEADERS", r"/etc/nginx/snippets/g331-headers\.conf", f"{nginx_dir}/g331-headers.conf"),
        ("STATIC", r"/srv/g331/staticfiles/", f"{static_root.rstrip('/')}/"),
        ("MEDIA", r"/srv/g331/media/", f"{media_root.rstrip('/')}/"),
        ("ACCESSLOG", r"/var/log/nginx/g331\.access\.log", f"{nginx_dir}/g331.access.log"),
        ("CACHEPATH", r"/var/cache/nginx/g331", f"{nginx_dir}/cache"),
    ]
    by_marker = {marker: (pattern, replacement) for marker, pattern, replacement in rules}
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        marker = re.search(r"# REHEARSE:(\w+)\s*$", line)
        if marker:
            name = marker.group(1)
            if name not in by_marker:
                raise MarkerMismatch(f"{SITE}:{number}: unknown marker REHEARSE:{name}")
            pattern, replacement = by_marker[name]
            if replacement is None:
                continue
            new, count = re.subn(pattern, lambda _m, r=replacement: r, line, count=1)
            if not count:
                raise MarkerMismatch(f"{SITE}:{number}: REHEARSE:{name} no longer matches: {line.strip()}")
            line = new
        line = line.replace("shared:g331_tls:", "shared:g331_rehearse_tls:")
        out.append(line)
    if bench:  # before the HTTPS server's `location /` (the last one; the HTTP server's only redirects)
        last = max(i for i, line in enumerate(out) if line.strip() == "location / {")
        bench_location = BENCH_LOCATION.replace("{compressor_port}", str(compressor_port))
        out[last:last] = [*bench_location.strip("\n").split("\n"), ""]
    result = "\n".join(out) + "\n"
    left = [line for line in result.splitlines() if PRODUCTION_ONLY.search(line) and not line.strip().startswith("#")]
    if left:
        raise MarkerMismatch("deploy/nginx/g331.conf changed, a production path is left:\n" + "\n".join(left))
    return result


def main_conf(work, as_root):
    nginx_dir = Path(work) / "nginx"
    user = "user www-data;\n" if as_root else ""
    return f"""{user}worker_processes 2;
pid {nginx_dir}/nginx.pid;
error_log {nginx_dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {nginx_dir}/access.log;
    client_body_temp_path {nginx_dir}/client_body;
    proxy_temp_path {nginx_dir}/proxy;
    fastcgi_temp_path {nginx_dir}/fastcgi;
    uwsgi_temp_path {nginx_dir}/uwsgi;
    scgi_temp_path {nginx_dir}/scgi;
    include {nginx_dir}/site.conf;
}}
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write(work, app_ports, http_port, https_port, static_root, media_root, bench=False):
    """Write DIR/nginx/{nginx.conf,site.conf,g331-headers.conf,cert.pem,key.pem}; returns nginx.conf's path."""
    nginx_dir = Path(work) / "nginx"
    nginx_dir.mkdir(parents=True, exist_ok=True)
    if not (nginx_dir / "cert.pem").exists():
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
             "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
             "-keyout", str(nginx_dir / "key.pem"), "-out", str(nginx_dir / "cert.pem")],
            check=True, capture_output=True,
        )  # fmt: skip
    shutil.copy(HEADERS, nginx_dir / "g331-headers.conf")
    text = site_conf(
        SITE.read_text(),
        work=work,
        app_ports=app_ports,
        http_port=http_port,
        https_port=https_port,
        compressor_port=free_port(),
        static_root=str(static_root),
        media_root=str(media_root),
        bench=bench,
    )
    (nginx_dir / "site.conf").write_text(text)
    (nginx_dir / "nginx.conf").write_text(main_conf(work, as_root=os.geteuid() == 0))
    return nginx_dir / "nginx.conf"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", required=True)
    parser.add_argument("--apps", required=True, help="the gunicorn ports, comma-separated")
    parser.add_argument("--http", type=int, required=True)
    parser.add_argument("--https", type=int, required=True)
    parser.add_argument("--static", required=True)
    parser.add_argument("--media", required=True)
    parser.add_argument("--bench", action="store_true")
    args = parser.parse_args()
    ports = [int(port) for port in args.apps.split(",")]
    print(write(args.work, ports, args.http, args.https, args.static, args.media, bench=args.bench))
    return 0


if __name__ == "__main__":
    sys.exit(main())
