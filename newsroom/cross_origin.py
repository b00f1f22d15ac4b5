"""Forms that need no token: cross-origin requests refused by what the browser says of them.

Browsers say where a request comes from: `Sec-Fetch-Site` (every current browser) tells
whether the page that sent it is of the same origin, and `Origin` (older browsers too) names
that page's origin. A request that changes something (not GET, HEAD or OPTIONS) is refused when
`Sec-Fetch-Site` is there and is not `same-origin` (or `none`: the reader typed or bookmarked
it), or, without it, when `Origin` is there and is not the site's own. A request with neither
did not come from a browser carrying a reader's cookies on another site's behalf (curl, a
robot): refusing it would protect nobody, and the spam rules meet it like any other.

This is the algorithm of Go's net/http.CrossOriginProtection. It protects what a token
protects: another site's page (a form that submits itself, a fetch()) cannot make a reader's
browser post, edit, delete or report with the reader's cookies. `same-site` is refused too, so
a page on another subdomain or port cannot either. Origins in CSRF_TRUSTED_ORIGINS are allowed.

The admin and anything behind a login keep Django's token (CsrfViewMiddleware); the views
decorated here are exempt from it.
"""

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def is_cross_origin(request):
    """Whether the browser says this request came from a page of another origin."""
    if request.method in SAFE_METHODS:
        return False
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    own = f"{request.scheme}://{request.get_host()}"
    return origin != own and origin not in settings.CSRF_TRUSTED_ORIGINS


def same_origin_only(view):
    """Refuse, with a 403 page and before the view runs, a request that another site's page
    made the reader's browser send; in place of Django's CSRF token."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if is_cross_origin(request):
            return render(request, "403_cross_origin.html", status=403)
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapper)
