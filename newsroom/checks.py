"""`manage.py check --deploy` warnings about settings that work on a developer's machine but not
behind production's proxy and several processes."""

from django.conf import settings
from django.core import checks

from newsroom.caching import is_shared


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Rate limits, login-failure counts and kept pages need a cache every process shares."""
    if not is_shared():
        return [
            checks.Warning(
                "The cache is local to each process: comment rate limits and admin login "
                "failures are counted per gunicorn worker, and whole pages are not kept.",
                hint="Set CACHE_URL=redis://…, the same on every server.",
                id="newsroom.W001",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def trusted_proxies(app_configs, **kwargs):
    """Behind a proxy without DJANGO_TRUSTED_PROXIES every request comes from the proxy's address:
    one reader's floods or failed logins lock out everybody."""
    if not settings.TRUSTED_PROXIES:
        return [
            checks.Warning(
                "DJANGO_TRUSTED_PROXIES is empty: behind a reverse proxy every reader has the "
                "proxy's address, so the comment rate limits and the admin login lockout count "
                "all readers as one.",
                hint="List the proxies in front, e.g. DJANGO_TRUSTED_PROXIES=127.0.0.1, and let "
                "nothing else reach gunicorn's port.",
                id="newsroom.W002",
            )
        ]
    return []
