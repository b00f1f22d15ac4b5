"""Site-wide middleware that belongs to no app: the client's address behind a proxy, the
Permissions-Policy header, URLs with NUL bytes refused, and a friendly 503 while the database
is away."""

import ipaddress
import logging
from urllib.parse import unquote

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

from newsroom import networks

logger = logging.getLogger(__name__)

# Seconds a client is asked to wait before retrying while the database is unreachable.
RETRY_AFTER_SECONDS = 30


class TrustedProxyMiddleware:
    """Put the real client's address in REMOTE_ADDR when a trusted proxy forwarded the request.

    gunicorn sets REMOTE_ADDR to the peer, which behind nginx is nginx for everyone: every
    limit counted per address (admin login, comment posting) would count all readers as one.
    X-Forwarded-For is believed only from the proxies listed in TRUSTED_PROXIES, read from the
    right (the entries our own proxies appended) to the first address that is not a proxy:
    anything left of that is whatever the client chose to send.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.proxies = [ipaddress.ip_network(proxy) for proxy in settings.TRUSTED_PROXIES]

    def is_proxy(self, address):
        return address is not None and any(address in network for network in self.proxies)

    def __call__(self, request):
        if self.is_proxy(networks.parse(request.META.get("REMOTE_ADDR", ""))):
            for hop in reversed(request.headers.get("x-forwarded-for", "").split(",")):
                address = networks.parse(hop)
                if address is None:
                    break
                request.META["REMOTE_ADDR"] = str(address)
                if not self.is_proxy(address):
                    break
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Send settings.PERMISSIONS_POLICY on every response that does not set its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class RejectNulBytesMiddleware:
    """Refuse with 400 a URL whose path or query string holds a NUL byte.

    No real link has one, and PostgreSQL cannot compare text containing it: a lookup by such
    a path (an old link) or query (search) would fail with a 500 instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "\x00" in unquote(request.META.get("QUERY_STRING", "")):
            raise BadRequest("A NUL byte in the URL.")
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """Answer 503 with Retry-After, never a traceback, when a view cannot reach the database
    (or, on SQLite, finds it locked by writers past its timeout: worth a retry too).

    Nothing to undo afterwards: Django closes a connection that raised, and the next request
    opens a new one (CONN_HEALTH_CHECKS tests reused ones first), so the site recovers by
    itself once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable, answered 503 to %s: %s", request.path, exception)
        # Rendered without the request: context processors would query the database again.
        page = loader.render_to_string("503.html")
        response = HttpResponse(page, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        # A cache in front must not keep serving the outage once it is over.
        add_never_cache_headers(response)
        return response
