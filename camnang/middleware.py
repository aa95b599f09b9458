"""Site-wide middleware: request ids, the health check, and behaviour when the database is down."""

import re
import uuid

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

from camnang.logging import request_id_var

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

    200 when the database answers a trivial query, 503 when it does not.
    """

    PATHS = {"/healthz", "/healthz/"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path not in self.PATHS:
            return self.get_response(request)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
            status, database = 200, "ok"
        except DatabaseError:
            connection.close()  # the next check opens a fresh connection
            status, database = 503, "unavailable"
        response = JsonResponse(
            {"status": "ok" if status == 200 else "error", "database": database}, status=status
        )
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


class ContentSecurityPolicyMiddleware:
    """The Content-Security-Policy header, built once from settings by django-csp.

    The portal's policy is the same for every response (no nonces, no per-view changes),
    so it is not rebuilt per request as django-csp's own middleware does.
    """

    def __init__(self, get_response):
        from csp.utils import build_policy

        self.get_response = get_response
        self.policy = build_policy()

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
