"""Django's Redis cache backend, keeping one client per connection pool, counting in windows in
one round trip, and carrying on while Redis is away.

One client per pool: Django's client builds a new `redis.Redis` for every cache call, and
building one (it fills a table of reply parsers) costs more than a round trip to Redis. A
`redis.Redis` is safe to share between threads; the pools are Django's own, made in each
process.

Counting: `count_in_windows()` serves newsroom.counters (rate limits, login failures) with one
small Lua script for all of a request's counters, where incr() and add() take two round trips
for each new one.

Carrying on: everything the site keeps in the cache can be done without (kept pages, rate-limit
and login-failure counts, the versions of cache tags), so while Redis does not answer, reads
miss, writes are dropped and counters start afresh: pages are rendered for every request, and
the limits are not counted (the other spam rules still apply). After a failure the process
leaves Redis alone for `RETRY_SECONDS`, so readers do not each wait for a connection timeout.
When Redis answers again, the process sends `cache_returned` before it reads anything: what it
changed meanwhile could not be recorded against the tags of the pages kept before
(newsroom/caching makes them all stale then). Other processes serve such pages until they expire
(PAGE_CACHE_SECONDS) at most.
"""

import functools
import logging
import time

from django.core.cache.backends import redis
from django.dispatch import Signal
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5

cache_returned = Signal()


def _no_counter(key, delta):
    # What incr() says of a key that is not there; callers then start a new count.
    raise ValueError(f"Key '{key}' not found.")


# What each of the client's calls answers while Redis is away, given the same arguments: as if
# the cache were empty and kept nothing.
_WHILE_AWAY = {
    "add": lambda key, value, timeout: True,
    "get": lambda key, default: default,
    "set": lambda key, value, timeout: None,
    "touch": lambda key, timeout: False,
    "delete": lambda key: False,
    "get_many": lambda keys: {},
    "has_key": lambda key: False,
    "incr": _no_counter,
    # As if each count opened its window: nothing is over a limit.
    "count_in_windows": lambda keys, seconds: [1] * len(keys),
    "set_many": lambda data, timeout: None,
    "delete_many": lambda keys: None,
    "clear": lambda: None,
}


# newsroom.counters.count(): each key's counter plus one, given its expiry if it is new.
_COUNT_IN_WINDOWS = """
local counts = {}
for i, key in ipairs(KEYS) do
  counts[i] = redis.call('incr', key)
  if counts[i] == 1 then redis.call('expire', key, ARGV[i]) end
end
return counts
"""


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        # Until when (time.monotonic()) Redis is left alone after a failure; None: it answers.
        self._away_until = None

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if id(pool) not in self._clients:
            self._clients[id(pool)] = self._client(connection_pool=pool)
        return self._clients[id(pool)]

    def count_in_windows(self, keys, seconds):
        return self.get_client(write=True).eval(_COUNT_IN_WINDOWS, len(keys), *keys, *seconds)

    def _went_away(self, error):
        if self._away_until is None:
            logger.error("The cache (Redis) does not answer; carrying on without it: %s", error)
        self._away_until = time.monotonic() + RETRY_SECONDS

    def _answers_again(self):
        """After a failure: whether Redis answers now. If it does, `cache_returned` goes out
        before anything is read from it, so no page kept before the outage is served."""
        if time.monotonic() < self._away_until:
            return False
        try:
            self.get_client(write=True).ping()
        except (RedisConnectionError, RedisTimeoutError) as error:
            self._went_away(error)
            return False
        self._away_until = None
        logger.warning("The cache (Redis) answers again.")
        cache_returned.send(sender=type(self))
        return True


def _carrying_on(name, while_away):
    call = getattr(RedisCacheClient, name)

    @functools.wraps(call)
    def carrying_on(self, *args):
        if self._away_until is not None and not self._answers_again():
            return while_away(*args)
        try:
            return call(self, *args)
        except (RedisConnectionError, RedisTimeoutError) as error:
            self._went_away(error)
            return while_away(*args)

    return carrying_on


for _name, _while_away in _WHILE_AWAY.items():
    setattr(RedisCacheClient, _name, _carrying_on(_name, _while_away))


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    def count_in_windows(self, windows, version=None):
        """newsroom.counters.count() in one round trip: {key: seconds} to the new counts."""
        keys = [self.make_and_validate_key(key, version=version) for key in windows]
        return self._cache.count_in_windows(keys, list(windows.values()))
