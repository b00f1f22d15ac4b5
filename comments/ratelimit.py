"""Per-address limits on posting, counted in the cache (newsroom/counters.py): shared by every
server with CACHE_URL pointing at Redis, per process with the default local-memory cache."""

from django.conf import settings

from newsroom import counters

MINUTE = 60
HOUR = 60 * MINUTE


def is_limited(address):
    """Count one posting attempt from this address; True if it goes over any limit."""
    limits = {
        f"comments:rate:{window}:{address or 'unknown'}": (allowed, window)
        for allowed, window in [
            (settings.COMMENTS_RATE_PER_MINUTE, MINUTE),
            (settings.COMMENTS_RATE_PER_HOUR, HOUR),
        ]
    }
    # Every window counts the attempt, even when the first is over already.
    counts = counters.count({key: window for key, (_allowed, window) in limits.items()})
    return any(n > allowed for n, (allowed, _window) in zip(counts, limits.values(), strict=True))
