"""Counters in a window of time (newsroom/counters.py), on the local-memory cache and on the
site's Redis backend, which counts them all in one round trip."""

import time

import pytest
from django.core.cache import cache

from newsroom import counters
from tests.services import redis_caches


@pytest.fixture(params=["local-memory", "redis"])
def backend(request, settings):
    if request.param == "redis":
        settings.CACHES = redis_caches(request.getfixturevalue("redis_server").url)
    else:
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()


def test_each_key_counts_on_its_own(backend):
    counts = [counters.count({"a": 60, "b": 3600}) for _ in range(3)]
    counts.append(counters.count({"b": 3600}))

    assert counts == [[1, 1], [2, 2], [3, 3], [4]]


def test_a_window_opens_with_its_first_count_and_later_counts_do_not_extend_it(backend):
    counters.count({"key": 1})
    time.sleep(0.6)
    second = counters.count({"key": 1})
    time.sleep(0.6)

    third = counters.count({"key": 1})

    assert (second, third) == ([2], [1])
