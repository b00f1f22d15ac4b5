"""Per-address limits on posting and reporting, counted in the cache (newsroom/counters.py):
shared by every server with CACHE_URL pointing at Redis, per process with the default
local-memory cache. An IPv6 /64 counts as one address (`newsroom.networks`)."""

from django.conf import settings

from newsroom import counters
from newsroom.networks import client_network

MINUTE = 60
HOUR = 60 * MINUTE


def is_limited(address):
    """Count one posting attempt from this address; True if it goes over any limit."""
    return _over(
        "rate",
        address,
        [(settings.COMMENTS_RATE_PER_MINUTE, MINUTE), (settings.COMMENTS_RATE_PER_HOUR, HOUR)],
    )


def reports_limited(address):
    """Count one report from this address; True if it goes over COMMENTS_REPORTS_PER_HOUR."""
    return _over("reports", address, [(settings.COMMENTS_REPORTS_PER_HOUR, HOUR)])


def _over(action, address, allowances):
    """Count one `action` from the address in each (allowed, window); True if any is over."""
    reader = client_network(address) or "unknown"
    limits = {
        f"comments:{action}:{window}:{reader}": (allowed, window) for allowed, window in allowances
    }
    # Every window counts the attempt, even when the first is over already.
    counts = counters.count({key: window for key, (_allowed, window) in limits.items()})
    return any(n > allowed for n, (allowed, _window) in zip(counts, limits.values(), strict=True))
