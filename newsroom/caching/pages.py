"""Whole public pages: the same bytes for every reader without cookies of their own.

A view decorated with `public_page` renders, for a GET from such a reader, a page that sets no
cookie and depends on nothing but its URL and host. Its response says so to the caches in
front: `Cache-Control: public` with `s-maxage` for shared caches (the edge: Varnish, a CDN) and
`max-age=0` for browsers, which revalidate with the page's `ETag` (a hash of its bytes, so a
304 never disagrees with the body it stands for). Its `xkey` header names the tags of what it
shows, which the edge purges by (newsroom/caching/edges.py). A reader with cookies of their own
(a session, their comments, a flash message) gets a page rendered for them,
`private, no-store`.

The app keeps the same bytes in the shared cache (Redis), keyed by the scheme, host, path and
query parameters (JSON-escaped, then hashed, so two URLs never share a key), for requests whose
parameters the view reads (`params`) and whose answer is a 200: a made-up parameter or a
parameter with a value the view refuses (404, redirect) makes no entry. PageCacheMiddleware
serves them before the session, authentication and message middleware, which have nothing to
do for such a reader. A kept page is fresh while none of its tags changed since it was rendered
(newsroom/caching/versions.py) and until it expires: after PAGE_CACHE_SECONDS, or earlier when
something on it changes with time (`valid_until`). One request at a time renders a missing or
stale page; the others get the stale copy, or wait for the new one.

With a cache local to each process, one process could not tell the others about a change, so
pages are kept only in a shared cache by default (settings.PAGE_CACHE_SECONDS).
"""

import hashlib
import json
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)

from newsroom.caching import versions
from newsroom.replica import primary_reads

# The header that names a page's tags, as Varnish's xkey module reads it.
TAG_HEADER = "xkey"
# How long a shared cache may serve a page while the app is failing (stale-if-error).
STALE_IF_ERROR = 24 * 3600
# How long a request waits for another's rendering of the same page before rendering it too.
WAIT_SECONDS = 5
WAIT_STEP = 0.05
# A view, and a page as kept: plain data (body, headers, etag, tags, changes, until, moment).
type View = Callable[..., HttpResponseBase]
type Entry = dict[str, Any]
# Headers of the view's response that a kept page does not keep: these are set as it is served.
_OWN_HEADERS = {"cache-control", "expires", "vary", "etag", "content-length", "set-cookie"}


def public_page(view: View | None = None, *, params: Iterable[str] = ()) -> Any:
    """Decorate a GET view whose page is the same for every reader without cookies of their
    own. `params`: the query parameters it reads (requests with others are answered, not
    kept). While it renders, `tag()` names what the page shows."""
    if view is None:
        return lambda view: public_page(view, params=params)
    storable_params = frozenset(params)

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not shareable(request):
            response = view(request, *args, **kwargs)
            # It may show this reader's own state: nobody else may be given it.
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
            return response
        rendering = request.public_page = _Rendering()  # type: ignore[attr-defined]
        # A public page is everyone's until it changes: read from the primary, never from a
        # replica that may not have replayed the change that made the last copy stale.
        with primary_reads():
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()  # A TemplateResponse: its queries run here.
        if (
            response.status_code != 200
            or not isinstance(response, HttpResponse)  # A streamed one has no body to keep.
            or response.cookies
        ):
            return response  # Not a page to keep: a redirect, a 404.
        entry = rendering.entry(response)
        if _storing() and request.GET.keys() <= storable_params:
            _keep(page_key(request), entry)
        return respond(request, entry)

    return wrapper


def tag(request: HttpRequest, *tags: str) -> None:
    """While a public page renders: it shows what these tags name."""
    if rendering := getattr(request, "public_page", None):
        for name in tags:
            versions.version_key(name)  # Refuses a malformed tag here, not at the edge.
        rendering.tags.update(tags)


def valid_until(request: HttpRequest, moment: datetime | None) -> None:
    """While a public page renders: what is on it changes by itself at `moment` (say, a
    scheduled article goes public); no copy may outlive it. A moment already past changed the
    page before this rendering, so it is no limit."""
    rendering = getattr(request, "public_page", None)
    if rendering and moment is not None and moment.timestamp() > rendering.started:
        rendering.moment = min(rendering.moment or moment.timestamp(), moment.timestamp())


def shareable(request: HttpRequest) -> bool:
    """A GET or HEAD from a reader whose cookies hold nothing of their own (the CSRF cookie of
    someone who once opened the admin changes nothing on a public page)."""
    return request.method in ("GET", "HEAD") and request.COOKIES.keys() <= {
        settings.CSRF_COOKIE_NAME
    }


class _Rendering:
    """What a public page's rendering reports: its tags and until when it holds."""

    def __init__(self) -> None:
        # Before the view reads anything: a change from now on makes this copy stale.
        self.changes = versions.count() if _storing() else 0
        self.started = time.time()
        self.tags: set[str] = set()
        # When what it shows changes by itself, if that is known (`valid_until`).
        self.moment: float | None = None

    def entry(self, response: HttpResponse) -> Entry:
        """The page as kept: plain data, the same for every process and release."""
        body = response.content
        return {
            "body": body,
            "headers": [
                (name, value)
                for name, value in response.headers.items()
                if name.lower() not in _OWN_HEADERS
            ],
            "etag": f'"{hashlib.sha256(body).hexdigest()[:32]}"',
            "tags": sorted(self.tags),
            "changes": self.changes,
            # Kept for PAGE_CACHE_SECONDS here (without the page cache, what the caches in
            # front may keep it for), and never past the moment it changes by itself.
            "until": min(self.started + _lifetime(), self.moment or float("inf")),
            "moment": self.moment,
        }


class PageCacheMiddleware:
    """Serve kept pages before the session, authentication and message middleware run, and
    let one request at a time render a page that is missing or stale."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not (_storing() and shareable(request)):
            return self.get_response(request)
        key = page_key(request)
        entry = cache.get(key)
        if entry is not None and _fresh(entry):
            return respond(request, entry)
        lock = f"{key}:rendering"
        if cache.add(lock, 1, timeout=WAIT_SECONDS):
            try:
                return self.get_response(request)
            finally:
                cache.delete(lock)
        if entry is not None:
            # Another request renders it: this reader gets the copy it replaces, which no cache
            # in front may keep.
            return respond(request, entry, stale=True)
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline and cache.get(lock) is not None:
            time.sleep(WAIT_STEP)
            if (entry := cache.get(key)) is not None and _fresh(entry):
                return respond(request, entry)
        return self.get_response(request)


def page_key(request: HttpRequest) -> str:
    """The cache key of the page at this URL: scheme, host, path and every parameter value,
    in order, escaped as JSON so that no two URLs give the same text."""
    url = [
        request.scheme,
        request.get_host(),
        request.path,
        sorted((name, values) for name, values in request.GET.lists()),
    ]
    digest = hashlib.sha256(json.dumps(url).encode()).hexdigest()
    return f"caching:page:v1:{digest}"


def respond(request: HttpRequest, entry: Entry, *, stale: bool = False) -> HttpResponseBase:
    """The kept page as a response (a 304 if the reader has these bytes already), with the
    headers that tell the caches in front what they may do with it."""
    response = get_conditional_response(request, etag=entry["etag"])
    if response is None:
        response = HttpResponse(entry["body"], headers=entry["headers"])
    response["ETag"] = entry["etag"]
    # The page differs for readers with cookies of their own (they get a private one).
    patch_vary_headers(response, ["Cookie"])
    if stale:
        add_never_cache_headers(response)
        return response
    response[TAG_HEADER] = " ".join(entry["tags"])
    shared = settings.PAGE_CACHE_SHARED_SECONDS
    now = time.time()
    # No cache in front keeps it longer than the app would: a page kept in Redis for a while
    # already, or one that changes by itself soon, is kept for what is left, and not served
    # stale past the moment it changes.
    left = max(0, min(shared, int(entry["until"] - now)))
    revalidate = shared
    if entry["moment"] is not None:
        revalidate = max(0, min(shared, int(entry["moment"] - now) - left))
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=left,
        stale_while_revalidate=revalidate,
        stale_if_error=STALE_IF_ERROR,
    )
    return response


def _storing() -> bool:
    return bool(settings.PAGE_CACHE_SECONDS > 0)


def _lifetime() -> int:
    return int(settings.PAGE_CACHE_SECONDS or settings.PAGE_CACHE_SHARED_SECONDS)


def _fresh(entry: Entry) -> bool:
    if time.time() >= entry["until"]:
        return False
    known = versions.versions(entry["tags"])[0]
    return all(
        tag in known and known[tag] <= entry["changes"]
        for tag in (*entry["tags"], versions.EVERYTHING)
    )


def _keep(key: str, entry: Entry) -> None:
    """Keep the page, and its stale copy for as long again to stand in while it is rendered
    anew. Tags that have no version yet get the count read before this rendering started."""
    known = versions.versions(entry["tags"])[0]
    versions.record_unknown(entry["tags"], known, entry["changes"])
    lifetime = entry["until"] - time.time()
    if lifetime >= 1:
        cache.set(key, entry, timeout=2 * lifetime)
