"""Several app servers, one PostgreSQL with a streaming replica, one Redis: two gunicorn servers
on their own ports share a primary, a replica made with pg_basebackup and a Redis server, all
started here (docs/operations.md: "Several app servers"). Run by `make test-scaleout` (.ci/run).
"""

import re
import secrets
from http.cookies import SimpleCookie

import pytest
import redis

from tests.gunicorn_site import Gunicorn
from tests.services import PostgresCluster, RedisServer

pytestmark = pytest.mark.scaleout

RATE_PER_MINUTE = 4
# A comment with this word is held until a moderator approves it.
HELD_WORD = "moderate-me"
MODERATOR_PASSWORD = secrets.token_urlsafe(16)


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    """(server A, server B, primary, replica, Redis), the database migrated and the seed in."""
    folder = tmp_path_factory.mktemp("scale-out")
    primary = PostgresCluster.new()
    replica = None
    try:
        primary.sql("CREATE DATABASE newsroom")
        replica = primary.replica()
        with RedisServer() as cache:
            shared = {
                "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
                "DATABASE_URL": f"{primary.url}/newsroom",
                "DATABASE_REPLICA_URL": f"{replica.url}/newsroom",
                "CACHE_URL": cache.url,
                "COMMENTS_RATE_PER_MINUTE": str(RATE_PER_MINUTE),
                # The seed's thread is old, and these posts follow the page at once.
                "COMMENTS_CLOSE_AFTER_DAYS": "0",
                "COMMENTS_MIN_FORM_SECONDS": "0",
                "COMMENTS_BLOCKED_WORDS": HELD_WORD,
                "DJANGO_SUPERUSER_PASSWORD": MODERATOR_PASSWORD,
            }
            first, second = Gunicorn(folder, **shared), Gunicorn(folder, **shared)
            first.prepare()
            moderator = ("--username", "moderator", "--email", "moderator@example.com")
            first.manage("createsuperuser", "--noinput", *moderator)
            with first, second:
                yield first, second, primary, replica, cache
    finally:
        for cluster in (replica, primary):
            if cluster is not None:
                cluster.remove()


@pytest.fixture
def servers(deployment):
    """The two servers, with the counters and kept pages of earlier tests gone from Redis."""
    first, second, _primary, _replica, cache = deployment
    redis.Redis(port=cache.port).flushall()
    return first, second


def article_on(server):
    return re.search(r'href="(/[^"]+/\d{4}/\d\d/\d\d/[^"]+/)"', server.get("/")[1])[1]


def comment(server, article, body, cookies=None):
    """Post a comment through this server as a reader with these cookies: the answer's status."""
    return post_comment(server, article, body, cookies)[0]


def post_comment(server, article, body, cookies=None):
    """(status, Location) of the answer to a comment posted through this server."""
    fields = {"name": "Ada Reader", "body": body}
    return server.post_form(article, "comment-form", fields, cookies)


def comments_feed(server, article):
    """(status, body) of the article's comment feed as a reader with a cookie of their own
    (not a session) gets it: rendered for them, so it may read the replica."""
    feed = re.search(
        r'type="application/rss\+xml" title="Comments on [^"]*" href="([^"]+)"',
        server.get(article)[1],
    )
    return server.get(feed[1], SimpleCookie("_ga=GA1.1.1"))


def test_a_comment_posted_through_one_server_shows_through_the_other_at_once(servers):
    first, second = servers
    article = article_on(first)
    commenter = SimpleCookie()

    status = comment(first, article, "Posted through the first server.", commenter)

    assert status == 303
    assert "Posted through the first server." in second.get(article, commenter)[1]
    assert "Posted through the first server." in second.get(article)[1]


def test_a_comment_approved_through_one_server_shows_through_the_other_at_once(servers):
    first, second = servers
    article = article_on(first)
    _status, location = post_comment(first, article, f"Held for its word: {HELD_WORD}.")
    held = re.search(r"#comment-(\d+)$", location)[1]
    before = second.get(article)[1]
    moderator = SimpleCookie()
    fields = {"username": "moderator", "password": MODERATOR_PASSWORD}
    first.post_form("/admin/login/?next=/admin/", "login-form", fields, moderator)

    status, _location = first.post_form(
        "/admin/comments/comment/",
        "changelist-form",
        {"action": "approve", "_selected_action": held, "index": "0"},
        moderator,
    )

    assert f"Held for its word: {HELD_WORD}." not in before
    assert status == 302
    assert f"Held for its word: {HELD_WORD}." in second.get(article)[1]


def test_the_rate_limit_counts_posts_to_every_server_together(servers):
    first, second = servers
    article = article_on(first)
    alternating = [first, second] * RATE_PER_MINUTE

    answers = [
        comment(server, article, f"Attempt {n}.")
        for n, server in enumerate(alternating[: RATE_PER_MINUTE + 1])
    ]

    assert answers == [303] * RATE_PER_MINUTE + [429]


def test_readers_read_the_replica_while_a_commenter_reads_their_comment_from_the_primary(
    deployment, servers
):
    first, second = servers
    replica = deployment[3]
    article = article_on(first)
    commenter = SimpleCookie()
    replica.sql("SELECT pg_wal_replay_pause()")
    try:
        comment(first, article, "Not yet on the replica.", commenter)

        seen_by_commenter = second.get(article, commenter)[1]
        kept_page = second.get(article)[1]
        feed_from_replica = comments_feed(second, article)[1]
    finally:
        replica.sql("SELECT pg_wal_replay_resume()")

    assert "Not yet on the replica." in seen_by_commenter
    # A page kept for every reader is rendered from the primary, lag or not.
    assert "Not yet on the replica." in kept_page
    assert "Not yet on the replica." not in feed_from_replica


def test_reads_fall_back_to_the_primary_while_the_replica_is_stopped(deployment, servers):
    first, second = servers
    replica = deployment[3]
    article = article_on(first)
    comment(first, article, "Written before the replica stopped.")
    replica.stop()
    try:
        answers = [server.get(article) for server in (first, second)]
        feeds = [comments_feed(server, article) for server in (first, second)]
    finally:
        replica.start()

    assert [status for status, _page in answers + feeds] == [200] * 4
    assert all("Written before the replica stopped." in feed for _status, feed in feeds)


def test_pages_are_served_and_comments_taken_while_redis_is_stopped(deployment, servers):
    first, second = servers
    cache = deployment[4]
    article = article_on(first)
    cache.stop()
    try:
        page_status, _page = second.get(article)
        posted = comment(first, article, "Written while the cache is away.")
        after = second.get(article)[1]
    finally:
        cache.start()

    assert page_status == 200
    assert posted == 303
    assert "Written while the cache is away." in after
