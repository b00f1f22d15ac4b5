"""`manage.py check --deploy` warnings about settings that work on one process only."""

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
