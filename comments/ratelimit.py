"""Per-address limits on posting, counted in the cache.

With CACHE_URL pointing at Redis every server shares the counts; the default local-memory
cache counts per process. A window opens with an address's first attempt and lasts its
length; a burst across the end of one window and the start of the next can reach twice the
limit: cheap, and enough against floods.
"""

from django.conf import settings
from django.core.cache import cache

MINUTE = 60
HOUR = 60 * MINUTE


def is_limited(address):
    """Count one posting attempt from this address; True if it goes over any limit."""
    limits = [(settings.COMMENTS_RATE_PER_MINUTE, MINUTE), (settings.COMMENTS_RATE_PER_HOUR, HOUR)]
    # Every window counts the attempt, so no `any()` short-circuit here.
    over = [_count(address, window) > allowed for allowed, window in limits]
    return any(over)


def _count(address, window):
    """Add one to the address's counter for this window and return the new count."""
    key = f"comments:rate:{window}:{address or 'unknown'}"
    # incr() is atomic on every backend Django ships, so concurrent attempts each get their
    # own count; one round trip while the window is open.
    try:
        return cache.incr(key)
    except ValueError:
        # No counter: this attempt opens the window (add() sets its expiry). Of two first
        # attempts at once, the one whose add() fails counts on the other's counter.
        if cache.add(key, 1, timeout=window):
            return 1
        return cache.incr(key)
