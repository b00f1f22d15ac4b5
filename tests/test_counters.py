"""Counters in a window of time (newsroom/counters.py), on the local-memory cache and on the
site's Redis backend, which counts them all in one round trip."""

import time

import pytest
from django.core.cache import cache

from newsroom import counters
from tests.services import redis_caches

BACKENDS = {
    "local-memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "redis": redis_caches("redis://127.0.0.1:6379/14")["default"],
}


@pytest.fixture(params=BACKENDS.values(), ids=BACKENDS.keys())
def backend(request, settings):
    settings.CACHES = {"default": request.param}
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
