"""What the team running the portal sees: request ids, one log line per request or error, Sentry.

The per-request line is gunicorn's access log (`gunicorn.conf.py` uses `GunicornLogger` below), so it
also covers the time spent outside Django; errors come from Django's `django.request` logger. Both carry
the request id and, as the only personal data, the client address.
"""

import contextvars
import json
import logging
import os
import re
import time
import uuid

from gunicorn import glogging

REQUEST_ID_HEADER = "X-Request-ID"
# An id from the proxy is kept only if it looks like one (no spaces, no control characters).
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")

request_id_var = contextvars.ContextVar("request_id", default="-")


def log_format():
    """`json` in production (or with LOG_FORMAT=json), readable text elsewhere."""
    default = "json" if os.environ.get("DJANGO_ENV") == "production" else "text"
    return os.environ.get("LOG_FORMAT", default)


class RequestIdMiddleware:
    """Give each request an id: the trusted proxy's X-Request-ID, or a new one; echo it in the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request.request_id = incoming if VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[REQUEST_ID_HEADER] = request.request_id
        return response


class RequestIdFilter(logging.Filter):
    """Put the current request's id on every log record (`-` outside a request)."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            # django.request logs after the middleware has returned, but passes the request along.
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", None) or request_id_var.get()
        return True


# Attributes every LogRecord has; anything else on a record was passed with `extra=` and is logged too.
_STANDARD_ATTRS = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "request"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, extras, exception."""

    def format(self, record):
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                entry[key] = value if isinstance(value, str | int | float | bool | type(None)) else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class GunicornLogger(glogging.Logger):
    """gunicorn's logger, all in JSON lines when LOG_FORMAT is json (as in production)."""

    def __init__(self, cfg):
        self.json_lines = log_format() == "json"
        super().__init__(cfg)

    def setup(self, cfg):
        super().setup(cfg)
        if self.json_lines:  # gunicorn's own lines (start, stop, worker timeouts) in JSON too
            for log in (self.error_log, self.access_log):
                for handler in log.handlers:
                    handler.setFormatter(JsonFormatter())

    def access(self, resp, req, environ, request_time):
        if not self.json_lines:
            return super().access(resp, req, environ, request_time)
        if not self.access_log_enabled:
            return None
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        headers = {name.lower(): value for name, value in resp.headers}
        self.access_log.info(
            "%s %s %s",
            environ.get("REQUEST_METHOD"),
            environ.get("PATH_INFO"),
            status,
            extra={
                "client": environ.get("REMOTE_ADDR", "-"),  # the real client: TrustedProxyMiddleware set it
                "method": environ.get("REQUEST_METHOD"),
                "path": environ.get("PATH_INFO"),  # no query string: searches stay out of the logs
                "status": int(status),
                "bytes": getattr(resp, "sent", 0),
                "duration_ms": round(request_time.total_seconds() * 1000, 1),
                "request_id": headers.get("x-request-id", "-"),
            },
        )
        return None


def init_sentry(dsn, environment, release=""):
    """Send errors to Sentry; no cookies, headers, user names or bodies (send_default_pii off)."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        traces_sample_rate=0.0,
        max_request_body_size="never",
    )
