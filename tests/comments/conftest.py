"""Fixtures for the comment tests: an open thread, a valid form and the shared cache."""

import time
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from comments import spam
from tests import services


@pytest.fixture
def article(make_article):
    """A recent article, so its thread is open even where a test sets COMMENTS_CLOSE_AFTER_DAYS:
    the shared fixture's articles age a day per call."""
    return make_article(published_at=timezone.now() - timedelta(hours=3))


@pytest.fixture
def form_token():
    """`form_token(article, seconds_ago=10)`: the form's signed time, as if shown that long ago."""

    def make(article, seconds_ago=10):
        with time_machine.travel(time.time() - seconds_ago):
            return spam.form_token(article.pk)

    return make


@pytest.fixture
def comment_data(form_token):
    """`comment_data(article, **fields)`: what a person's browser posts, fields overridden."""

    def make(article, **fields):
        data = {
            "name": "Ada Reader",
            "email": "ada@example.com",
            "body": "A thoughtful comment.",
            "website": "",
            "timestamp": form_token(article),
        }
        return data | fields

    return make


@pytest.fixture
def post_comment(client, comment_data):
    """`post_comment(article, client=client, address=..., **fields)`: post the form."""

    def post(article, *, client=client, address="192.0.2.10", **fields):
        url = reverse("comments:post", args=[article.pk])
        return client.post(url, comment_data(article, **fields), REMOTE_ADDR=address)

    return post


@pytest.fixture
def redis_cache(settings, redis_server):
    """The cache as production has it: the site's Redis backend, on this run's own Redis."""
    settings.CACHES = services.redis_caches(redis_server.url)
    cache.clear()
    yield
    cache.clear()
