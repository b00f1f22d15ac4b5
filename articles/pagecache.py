"""Whole-page caching for anonymous readers, with each reader's own CSRF token spliced in.

A page is rendered once with a placeholder where the CSRF token goes, stored in the cache, and
served to every reader without cookies of their own (but the CSRF cookie) with a fresh token put
in at response time, so the comment form keeps working. Readers whose cookies carry state of
their own (a session, flash messages, comments they wrote) get the page rendered for them and
marked private.

Invalidation is by generation numbers kept in the same cache, so it holds across processes and
servers that share it (Redis):
- `content`: any article, section or correction changed; every page is stale.
- `listings`: something listings show changed (comment counts); listing pages are stale.
- `page:<path>`: something only that page shows changed (its comments).
A request reads the generations and the page in one round trip (`get_many`). An entry also
expires by time: after PAGE_CACHE_SECONDS, or earlier when something on it changes with time
(the next scheduled article, a thread closing), which the rendering reports through
`valid_until()`.

With a cache local to each process, one process could not tell the others about a change, so
the page cache is off unless the cache is shared (settings.PAGE_CACHE_SECONDS).
"""

import hashlib
import secrets
from contextlib import nullcontext
from datetime import datetime, timedelta
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)

from articles import csrf_tokens
from articles.models import Article
from newsroom.replica import primary_reads

CONTENT = "pagecache:gen:content"
LISTINGS = "pagecache:gen:listings"
# The query parameters a cached page may vary by; a request with any other is rendered afresh,
# so made-up parameters cannot fill the cache.
VARYING_PARAMETERS = frozenset({"page", "order", "reply_to"})
# As long as a masked CSRF token (django.middleware.csrf.CSRF_TOKEN_LENGTH), never in real text.
PLACEHOLDER = "csrf-placeholder-" + "x" * 47


def page_generation_key(path):
    # Hashed: a path may hold any character, and cache keys may not.
    return f"pagecache:gen:page:{hashlib.sha256(path.encode()).hexdigest()}"


def cached_page(*, listing):
    """Keep a GET view's 200 pages for readers without state of their own; PageCacheMiddleware
    serves them from then on. `listing`: the page lists articles with their comment counts, so
    it goes stale when any comment changes."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _shareable(request):
                response = view(request, *args, **kwargs)
                # It may show this reader's own state: nobody else may be given it.
                add_never_cache_headers(response)
                patch_cache_control(response, private=True)
                return response
            keys = [CONTENT, LISTINGS if listing else page_generation_key(request.path)]
            # Read before rendering, so that a change during the rendering makes this copy
            # stale; PageCacheMiddleware has read them already when it found no page.
            found = getattr(request, "page_generations", None)
            if found is None:
                found = cache.get_many(keys) if _storing() else {}
            # A kept page is everyone's until it changes: read from the primary, never from a
            # replica that may not have replayed the change that made the last copy stale.
            with primary_reads() if _storing() else nullcontext():
                response, entry = _render(
                    request, view, args, kwargs, {k: found.get(k) for k in keys}
                )
            if entry is None:  # Not a page to keep: a redirect, a 404.
                return response
            if _storing() and (timeout := entry.pop("timeout")) >= 1:
                cache.set(_page_key(request), entry, timeout=timeout)
            return _respond(request, entry, get_token(request))

        return wrapper

    return decorate


class PageCacheMiddleware:
    """Serve kept pages before the session, authentication, message and CSRF middleware run:
    none of them has anything to do for a reader without cookies of their own, and skipping
    them is most of what a kept page saves. The reader's CSRF token and cookie are made here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _storing() and _shareable(request):
            page_key = _page_key(request)
            generation_keys = [CONTENT, LISTINGS, page_generation_key(request.path)]
            found = cache.get_many([*generation_keys, page_key])
            entry = found.pop(page_key, None)
            if entry is not None and all(
                found.get(key) == value for key, value in entry["generations"].items()
            ):
                return csrf_tokens.respond_with_token(
                    request, lambda token: _respond(request, entry, token)
                )
            # The view renders the page afresh and keeps it under these generations.
            request.page_generations = found
        return self.get_response(request)


def valid_until(request, moment: datetime | None):
    """While rendering: what is on this page changes by itself at `moment` (say, a scheduled
    article goes public); the cached copy must not outlive it. A moment already past changed
    the page before this rendering, so it is no limit."""
    if moment is not None and hasattr(request, "page_valid_until") and moment > timezone.now():
        request.page_valid_until = min(request.page_valid_until, moment)


def placeholder_token(request):
    """Context processor: while a page is rendered for the cache, forms get the placeholder."""
    if getattr(request, "page_valid_until", None) is not None:
        return {"csrf_token": PLACEHOLDER}
    return {}


def content_changed(**kwargs):
    """Signal receiver: every page may show what changed."""
    renew(CONTENT)


def page_changed(path, *, listings=True):
    """Something shown on the page at `path` changed (and, with `listings`, in the listings)."""
    renew(page_generation_key(path), *([LISTINGS] if listings else []))


def renew(*keys):
    """Give these generation keys new values: whatever was kept under the old ones is stale.
    Now, so that requests in this transaction see the change, and, inside a transaction, again
    after the commit: a reader whose copy was made from the old rows meanwhile kept it under
    the first new values. New values are random, so no read is needed: one round trip each
    time."""

    def give_new_values():
        cache.set_many({key: new_generation() for key in keys}, timeout=None)

    give_new_values()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(give_new_values)


def new_generation():
    return secrets.token_hex(8)


def _storing():
    return settings.PAGE_CACHE_SECONDS > 0


def _shareable(request):
    """A GET from a reader with no cookie but the CSRF one, and no unknown parameters."""
    return (
        request.method in ("GET", "HEAD")
        and request.COOKIES.keys() <= {settings.CSRF_COOKIE_NAME}
        and request.GET.keys() <= VARYING_PARAMETERS
    )


def _page_key(request):
    query = "&".join(f"{k}={v}" for k, v in sorted(request.GET.items()))
    digest = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()
    return f"pagecache:page:{digest}"


def _render(request, view, args, kwargs, generations):
    """Render the page with the placeholder token: (response, entry), entry None unless the
    response is a page to keep."""
    now = timezone.now()
    request.page_valid_until = now + timedelta(seconds=settings.PAGE_CACHE_SECONDS)
    if _storing():
        # Listings, the navigation and related articles change when a scheduled article goes public.
        valid_until(request, Article.objects.next_publication())
    response = view(request, *args, **kwargs)
    if response.status_code != 200 or response.streaming or response.cookies:
        return response, None
    body = response.content
    entry = {
        "generations": generations,
        "content_type": response["Content-Type"],
        "body": body,
        "etag": f'W/"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"',
        "timeout": (request.page_valid_until - now).total_seconds(),
    }
    return response, entry


def _respond(request, entry, token):
    conditional = get_conditional_response(request, etag=entry["etag"])
    if conditional is not None:
        response = conditional
    else:
        body = entry["body"].replace(PLACEHOLDER.encode(), token.encode())
        response = HttpResponse(body, content_type=entry["content_type"])
    response["ETag"] = entry["etag"]
    # A shared cache may keep the page briefly, once per Cookie header: a response that sets
    # the CSRF cookie is not stored by one, so every first-time reader gets a token of their own.
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.PAGE_CACHE_SHARED_SECONDS,
        stale_while_revalidate=settings.PAGE_CACHE_SHARED_SECONDS,
    )
    patch_vary_headers(response, ["Cookie"])
    return response
