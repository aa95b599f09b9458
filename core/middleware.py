"""Site-wide middleware: request ids, the health check, and behaviour when the database is down."""

import re
import uuid

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control

from core.jobs import queue_report
from core.logging import request_id_var

_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
RETRY_AFTER_SECONDS = 30


def valid_request_id(incoming: str) -> str:
    """The load balancer's request id when it looks sane, else a new one."""
    return incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex


class RequestIdMiddleware:
    """Give every request an id (or keep a sane one from the load balancer) for the logs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = valid_request_id(request.headers.get("X-Request-ID", ""))
        token = request_id_var.set(request_id)
        request.id = request_id
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


class HealthCheckMiddleware:
    """Answer /healthz/ before host checks and HTTPS redirects, for load balancers and Docker.

    200 when the database answers a trivial query, 503 when it does not. The body also
    reports the background queue (core.jobs.queue_report): "status" is "degraded" when
    tasks wait too long for a worker or a job's worker went silent; the site itself still
    serves, so the status code stays 200 and a load balancer keeps sending it requests.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.paths = {settings.HEALTH_URL, settings.HEALTH_URL.rstrip("/")}

    def __call__(self, request):
        if request.path not in self.paths:
            return self.get_response(request)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
            queue = queue_report()
            status, database = 200, "ok"
        except DatabaseError:
            connection.close()  # the next check opens a fresh connection
            status, database, queue = 503, "unavailable", None
        state = "error" if status != 200 else "degraded" if queue["stuck"] else "ok"
        response = JsonResponse({"status": state, "database": database, "queue": queue}, status=status)
        response["Cache-Control"] = "no-store"
        return response


class DatabaseUnavailableMiddleware:
    """Turn a lost database into a short 503 page with Retry-After, never a traceback.

    Django closes the broken connection at the end of the request (CONN_HEALTH_CHECKS is on),
    so the portal recovers by itself once the database answers again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        connection.close()
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response, redirects included.

    It sits above SecurityMiddleware, so the HTTP-to-HTTPS redirect carries them too. The
    CSP is built once from settings by django-csp: the portal's policy is the same for
    every response (no nonces, no per-view changes), so it is not rebuilt per request as
    django-csp's own middleware does.
    """

    def __init__(self, get_response):
        from csp.utils import build_policy

        self.get_response = get_response
        self.headers = {
            "Content-Security-Policy": build_policy(),
            "Permissions-Policy": ", ".join(
                f"{feature}=({' '.join(allow)})" for feature, allow in settings.PERMISSIONS_POLICY.items()
            ),
        }

    def __call__(self, request):
        response = self.get_response(request)
        for name, value in self.headers.items():
            response.headers.setdefault(name, value)
        return response


class AllowedMethodsMiddleware:
    """405 for HTTP methods the portal does not use (TRACE, PUT, DELETE, ...), before any view runs."""

    ALLOWED = ("GET", "HEAD", "POST", "OPTIONS")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in self.ALLOWED:
            return HttpResponseNotAllowed(self.ALLOWED)
        return self.get_response(request)


class PrivateForStaffMiddleware:
    """Mark every response to a logged-in user private, so no shared cache ever keeps it.

    The page cache already passes such requests through; this makes the response itself
    say so, whatever cookie spelling reached Django (drafts a staff member previews must
    never be stored for the public).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            patch_cache_control(response, private=True)
        return response
