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

import logging
import time
from functools import partial

from django.core.cache.backends import redis
from django.dispatch import Signal
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5

cache_returned = Signal()


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
    """Django's client, each call carried on while Redis is away with the answer an empty cache
    that keeps nothing would give."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        # Until when (time.monotonic()) Redis is left alone after a failure; None: it answers.
        self._away_until = None

    def get_client(self, key=None, *, write=False):
        # Django builds a new redis.Redis for each call; one per connection pool serves them all.
        pool = self._get_connection_pool(write)
        if id(pool) not in self._clients:
            self._clients[id(pool)] = self._client(connection_pool=pool)
        return self._clients[id(pool)]

    def add(self, key, value, timeout):
        return self._carrying_on(partial(super().add, key, value, timeout), lambda: True)

    def get(self, key, default):
        return self._carrying_on(partial(super().get, key, default), lambda: default)

    def set(self, key, value, timeout):
        return self._carrying_on(partial(super().set, key, value, timeout), lambda: None)

    def touch(self, key, timeout):
        return self._carrying_on(partial(super().touch, key, timeout), lambda: False)

    def delete(self, key):
        return self._carrying_on(partial(super().delete, key), lambda: False)

    def get_many(self, keys):
        return self._carrying_on(partial(super().get_many, keys), dict)

    def has_key(self, key):
        return self._carrying_on(partial(super().has_key, key), lambda: False)

    def incr(self, key, delta):
        return self._carrying_on(partial(super().incr, key, delta), partial(_no_counter, key))

    def set_many(self, data, timeout):
        return self._carrying_on(partial(super().set_many, data, timeout), lambda: None)

    def delete_many(self, keys):
        return self._carrying_on(partial(super().delete_many, keys), lambda: None)

    def clear(self):
        return self._carrying_on(super().clear, lambda: None)

    def count_in_windows(self, keys, seconds):
        def count():
            client = self.get_client(write=True)
            return client.eval(_COUNT_IN_WINDOWS, len(keys), *keys, *seconds)

        # As if each count opened its window: nothing is over a limit.
        return self._carrying_on(count, lambda: [1] * len(keys))

    def _carrying_on(self, call, while_away):
        """`call()`, or `while_away()` if Redis does not answer now or did not lately."""
        if self._away_until is not None and not self._answers_again():
            return while_away()
        try:
            return call()
        except (RedisConnectionError, RedisTimeoutError) as error:
            self._went_away(error)
            return while_away()

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


def _no_counter(key):
    # What incr() says of a key that is not there; callers then start a new count.
    raise ValueError(f"Key '{key}' not found.")


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    def count_in_windows(self, windows, version=None):
        """newsroom.counters.count() in one round trip: {key: seconds} to the new counts."""
        keys = [self.make_and_validate_key(key, version=version) for key in windows]
        return self._cache.count_in_windows(keys, list(windows.values()))
