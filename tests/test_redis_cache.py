"""The site's Redis cache backend (newsroom/redis_cache.py) answers Django's whole cache API, with
arguments passed by position or by keyword, and while Redis is away answers as an empty cache."""

import pytest
from django.core.cache import cache

from tests.gunicorn_site import free_port
from tests.services import redis_caches


@pytest.mark.services
def test_every_call_of_the_cache_api_takes_keyword_arguments(settings, redis_server):
    settings.CACHES = redis_caches(redis_server.url)
    cache.clear()

    cache.set(key="kept", value={"plain": 1}, timeout=60)
    added = cache.add(key="counter", value=1, timeout=60)
    counted = cache.incr(key="counter", delta=2)
    cache.set_many(data={"one": 1, "two": 2}, timeout=60)
    touched = cache.touch(key="kept", timeout=120)
    deleted = cache.delete(key="one")
    cache.delete_many(keys=["two"])

    assert (added, counted, touched, deleted) == (True, 3, True, True)
    assert cache.get(key="kept", default=None) == {"plain": 1}
    assert cache.get_many(keys=["kept", "counter", "one", "two"]) == {
        "kept": {"plain": 1},
        "counter": 3,
    }
    assert cache.has_key(key="counter")


def test_while_redis_is_away_every_call_answers_as_an_empty_cache_would(settings):
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{free_port()}/0")  # Nothing listens there.

    cache.set(key="kept", value=1, timeout=60)
    cache.set_many(data={"one": 1}, timeout=60)
    cache.delete_many(keys=["one"])
    cache.clear()

    assert cache.get(key="kept", default="missing") == "missing"
    assert cache.get_many(keys=["kept", "one"]) == {}
    assert cache.add(key="kept", value=1, timeout=60) is True
    assert cache.touch(key="kept", timeout=60) is False
    assert cache.delete(key="kept") is False
    assert cache.has_key(key="kept") is False
    with pytest.raises(ValueError, match="not found"):
        cache.incr(key="counter", delta=1)
