"""The edge cache of deploy/varnish/ in front of the real app: Debian's Varnish with the xkey
module runs the site's configuration (its EDIT lines set for this machine) before gunicorn with
production settings, PostgreSQL and a Redis of its own, and the app purges it by tag after each
change (EDGE_CACHES). A client talks to Varnish as nginx would (X-Forwarded-Proto: https)."""

import contextlib
import http.client
import os
import re
import time
from urllib.parse import urlencode

import pytest

from tests.gunicorn_site import GunicornSite, HtmlForm
from tests.services import RedisServer, Varnish

pytestmark = pytest.mark.postgresql

HOST = "127.0.0.1"
HELD_WORD = "moderate-me"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(the app, Varnish before it)."""
    with RedisServer() as redis:
        app = GunicornSite(
            tmp_path_factory.mktemp("gunicorn"),
            f"newsroom_varnish_{os.getpid()}",
            CACHE_URL=redis.url,
            DJANGO_TRUSTED_PROXIES="127.0.0.1",
            # The seed's thread is old, and the comment is sent as soon as the page is read.
            COMMENTS_CLOSE_AFTER_DAYS="0",
            COMMENTS_MIN_FORM_SECONDS="0",
            COMMENTS_BLOCKED_WORDS=HELD_WORD,
        )
        varnish = Varnish(tmp_path_factory.mktemp("varnish"), app.port)
        app.environment["EDGE_CACHES"] = varnish.url
        with app, varnish:
            yield app, varnish


def send(varnish, path, *, method="GET", headers=None, body=None, source="127.0.0.1"):
    """(status, headers, body) of one request to Varnish from `source`, as nginx passes it on."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", varnish.port, timeout=30, source_address=(source, 0)
    )
    headers = {"Host": HOST, "X-Forwarded-Proto": "https", **(headers or {})}
    with contextlib.closing(connection):
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode(errors="replace")


def get(varnish, path, **headers):
    return send(varnish, path, headers=headers)


@pytest.fixture(scope="module")
def article(site):
    """The path of an article, from the front page."""
    _app, varnish = site
    status, _headers, page = get(varnish, "/")
    assert status == 200, page
    return re.search(r'href="(/[^"]+/\d{4}/\d\d/\d\d/[^"]+/)"', page)[1]


def kept(varnish, path):
    """Ask until Varnish answers from its copy; that copy's body."""
    for _ in range(3):
        _status, headers, page = get(varnish, path)
        if headers["X-Cache"] == "HIT":
            return page
    raise AssertionError(f"Varnish keeps no copy of {path}")


def post_comment(varnish, article, body):
    """Post the article's comment form through Varnish as a browser would: (status, headers)."""
    _status, _headers, page = get(varnish, article)
    form = HtmlForm(page, "comment-form", article)
    fields = form.fields | {"name": "Ada Reader", "body": body}
    status, headers, _body = send(
        varnish,
        form.action,
        method="POST",
        body=urlencode(fields),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Sec-Fetch-Site": "same-origin",
            "Origin": f"https://{HOST}",
        },
    )
    return status, headers


def shell(app, code):
    app.manage("shell", "-c", code)


def test_a_first_time_readers_page_comes_from_varnish_the_same_for_everyone(site, article):
    _app, varnish = site
    _status, first, first_page = get(varnish, article)

    status, second, second_page = get(varnish, article)

    assert status == 200
    assert second["X-Cache"] == "HIT"
    assert second_page == first_page
    assert "Set-Cookie" not in first
    assert "Set-Cookie" not in second
    # The tags are Varnish's own business.
    assert "xkey" not in second


@pytest.mark.parametrize("cookie", ["sessionid", "comments_mine", "newsroom_primary", "_ga"])
def test_a_reader_with_a_cookie_of_their_own_is_answered_by_the_app(site, article, cookie):
    _app, varnish = site
    kept(varnish, article)

    _status, headers, _page = get(varnish, article, Cookie=f"csrftoken=abc; {cookie}=value")

    assert headers["X-Cache"] == "PASS"
    assert "private" in headers["Cache-Control"]


def test_the_csrf_cookie_alone_gets_the_kept_page(site, article):
    _app, varnish = site
    kept(varnish, article)

    _status, headers, _page = get(varnish, article, Cookie="csrftoken=abc")

    assert headers["X-Cache"] == "HIT"


def test_the_admin_is_never_kept(site):
    _app, varnish = site
    get(varnish, "/admin/login/")

    _status, headers, _page = get(varnish, "/admin/login/")

    assert headers["X-Cache"] == "PASS"


def test_a_new_comment_shows_to_anonymous_readers_at_once(site, article):
    _app, varnish = site
    kept(varnish, article)

    status, _headers = post_comment(varnish, article, "Through the edge cache.")
    _status, _headers, page = get(varnish, article)

    assert status == 303
    assert "Through the edge cache." in page


def test_an_edited_article_shows_everywhere_at_once(site, article):
    app, varnish = site
    kept(varnish, article)
    kept(varnish, "/")

    shell(
        app,
        "from articles.models import Article; article = Article.objects.first(); "
        "article.headline = 'Edited behind the edge cache'; article.save()",
    )

    assert "Edited behind the edge cache" in get(varnish, article)[2]
    assert "Edited behind the edge cache" in get(varnish, "/")[2]


def test_a_moderators_approval_shows_at_once(site, article):
    app, varnish = site
    status, _headers = post_comment(varnish, article, f"Held for the word {HELD_WORD}.")
    assert f"Held for the word {HELD_WORD}." not in kept(varnish, article)

    shell(
        app,
        "from comments.models import Comment, CommentStatus; "
        "from comments.moderation import decide; "
        "decide(Comment.objects.filter(status='pending'), CommentStatus.PUBLISHED)",
    )

    assert status == 303
    assert f"Held for the word {HELD_WORD}." in get(varnish, article)[2]


def test_a_scheduled_article_goes_public_through_the_edge_cache_within_a_second(site):
    app, varnish = site
    moment = time.time() + 4
    shell(
        app,
        "from datetime import datetime, UTC; from articles.models import Article; "
        "article = Article.objects.first(); article.pk = None; "
        "article.slug = 'scheduled'; article.original_path = ''; "
        "article.headline = 'Published on the dot'; "
        f"article.published_at = datetime.fromtimestamp({moment}, UTC); article.save()",
    )
    before = kept(varnish, "/")

    while time.time() < moment + 1:
        time.sleep(0.1)
    after = get(varnish, "/")[2]

    assert "Published on the dot" not in before
    assert "Published on the dot" in after


def test_only_the_app_servers_may_purge_and_a_purge_names_its_tags(site):
    _app, varnish = site

    from_elsewhere = send(
        varnish, "/", method="PURGE", headers={"xkey-purge": "sections"}, source="127.0.0.5"
    )
    without_tags = send(varnish, "/", method="PURGE")

    assert from_elsewhere[0] == 403
    assert without_tags[0] == 400
