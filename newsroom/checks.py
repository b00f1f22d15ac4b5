"""`manage.py check --deploy` warnings about settings that work on one process only."""

from django.conf import settings
from django.core import checks

LOCAL_CACHES = ("LocMemCache", "DummyCache", "FileBasedCache")


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Rate limits, login-failure counts and kept pages need a cache every process shares."""
    if settings.CACHES["default"]["BACKEND"].endswith(LOCAL_CACHES):
        return [
            checks.Warning(
                "The cache is local to each process: comment rate limits and admin login "
                "failures are counted per gunicorn worker, and whole pages are not kept.",
                hint="Set CACHE_URL=redis://…, the same on every server.",
                id="newsroom.W001",
            )
        ]
    return []
