"""Logs as one JSON object per line on stdout, each carrying the request id."""

import contextvars
import json
import logging
import time

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

_STANDARD_ATTRS = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(record.created))
            + f".{int(record.msecs):03d}",
            "level": record.levelname,
            "logger": record.name,
            "request_id": request_id_var.get(),
            "message": record.getMessage(),
        }
        # Anything passed with `extra=` goes in as its own field.
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD_ATTRS})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


try:
    from gunicorn.glogging import Logger as _GunicornLogger
except ImportError:  # gunicorn is only needed to serve, not to run the tests
    _GunicornLogger = None

if _GunicornLogger is not None:

    class GunicornJsonLogger(_GunicornLogger):
        """gunicorn's access log as JSON lines, with the request id the portal assigned."""

        def access(self, resp, req, environ, request_time):
            if not (self.cfg.accesslog or self.cfg.logconfig or self.cfg.syslog):
                return
            headers = dict((resp.headers.items() if hasattr(resp.headers, "items") else resp.headers) or [])
            headers = {k.lower(): v for k, v in headers.items()}
            status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
            entry = {
                "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "level": "INFO",
                "logger": "gunicorn.access",
                "request_id": headers.get("x-request-id", "-"),
                "method": environ.get("REQUEST_METHOD"),
                "path": environ.get("PATH_INFO"),
                "status": int(status),
                "bytes": getattr(resp, "sent", None),
                "duration_ms": round(request_time.total_seconds() * 1000, 1),
                "cache": headers.get("x-cache", "-"),
            }
            self.access_log.info(json.dumps(entry, ensure_ascii=False))
