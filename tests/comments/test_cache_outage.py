"""While Redis, the shared cache, is away the site carries on without it, and no page kept
before the outage is served once it is back (newsroom/redis_cache.py)."""

import pytest
from django.test import Client

from comments.models import Comment
from newsroom import redis_cache
from tests.gunicorn_site import free_port
from tests.services import RedisServer, redis_caches

pytestmark = pytest.mark.django_db


def test_pages_are_read_and_comments_posted_while_redis_does_not_answer(
    settings, article, post_comment
):
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{free_port()}/0")  # Nothing listens there.
    settings.COMMENTS_RATE_PER_MINUTE = 1

    page = Client().get(article.get_absolute_url())
    posts = [post_comment(article, body=f"Comment {n} while the cache is away.") for n in (1, 2)]

    assert page.status_code == 200
    assert article.headline in page.content.decode()
    # Limits cannot be counted without the cache: both get through, and both are stored.
    assert [post.status_code for post in posts] == [303, 303]
    assert Comment.objects.count() == 2


@pytest.mark.services
def test_a_page_kept_before_redis_stopped_answering_is_not_served_after_it_returns(
    settings, monkeypatch, article, post_comment
):
    # Try Redis again on every call, so the next request is the first after the outage.
    monkeypatch.setattr(redis_cache, "RETRY_SECONDS", 0)
    with RedisServer() as redis:
        settings.CACHES = redis_caches(redis.url)
        url = article.get_absolute_url()
        Client().get(url)  # Kept in Redis.

        redis.pause()
        try:
            posted = post_comment(article, body="Written while the cache was away.")
        finally:
            redis.resume()
        page = Client().get(url)

    assert posted.status_code == 303
    assert "Written while the cache was away." in page.content.decode()
