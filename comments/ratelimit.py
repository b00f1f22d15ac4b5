"""Per-address limits on posting and reporting, counted in the cache (newsroom/counters.py):
shared by every server with CACHE_URL pointing at Redis, per process with the default
local-memory cache. An IPv6 /64 counts as one address (`newsroom.networks`)."""

from django.conf import settings

from newsroom import counters

MINUTE = 60
HOUR = 60 * MINUTE


def is_limited(address):
    """Count one posting attempt from this address; True if it goes over any limit."""
    return counters.over_limits(
        "comments:rate",
        address,
        [(settings.COMMENTS_RATE_PER_MINUTE, MINUTE), (settings.COMMENTS_RATE_PER_HOUR, HOUR)],
    )


def reports_limited(address):
    """Count one report from this address; True if it goes over COMMENTS_REPORTS_PER_HOUR."""
    return counters.over_limits(
        "comments:reports", address, [(settings.COMMENTS_REPORTS_PER_HOUR, HOUR)]
    )
