"""Counters kept in the cache for a window of time: how often an address or a username did
something lately (posting comments, failing to log in to the admin).

A counter is made by its first count and expires `seconds` later, whatever counts follow: a
burst across the end of one window and the start of the next can reach twice a limit. Cheap,
and enough against floods and guessing. With CACHE_URL pointing at Redis every server shares
the counts; the default local-memory cache counts per process.
"""

from django.core.cache import cache

from newsroom.networks import client_network


def count(windows):
    """Add one to the counter of each key in `windows` ({key: seconds}), making it with that
    expiry if it is not there; the new counts, in the same order. The site's Redis backend
    counts them all in one round trip (newsroom/redis_cache.py)."""
    count_in_windows = getattr(cache, "count_in_windows", None)
    if count_in_windows is not None:
        return count_in_windows(windows)
    return [_count(key, seconds) for key, seconds in windows.items()]


def over_limits(action, address, allowances):
    """Count one `action` from the client at `address` (an IPv6 /64 is one client) in each
    (allowed, seconds) window; whether any count is over what it allows. Every window counts
    the attempt, even when the first is over already."""
    reader = client_network(address) or "unknown"
    limits = {f"{action}:{seconds}:{reader}": (allowed, seconds) for allowed, seconds in allowances}
    counts = count({key: seconds for key, (_allowed, seconds) in limits.items()})
    return any(n > allowed for n, (allowed, _seconds) in zip(counts, limits.values(), strict=True))


def _count(key, seconds):
    # incr() is atomic on every backend Django ships, so concurrent counts each get their own
    # number; one call while the window is open.
    try:
        return cache.incr(key)
    except ValueError:
        # No counter: this count opens the window (add() sets its expiry). Of two first counts
        # at once, the one whose add() fails counts on the other's counter...
        if cache.add(key, 1, timeout=seconds):
            return 1
        try:
            return cache.incr(key)
        except ValueError:
            # ...unless that one expired in between.
            cache.set(key, 1, timeout=seconds)
            return 1
