"""The page cache (articles/pagecache.py) as readers and commenters meet it."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comments.models import Comment, CommentStatus
from comments.moderation import decide

pytestmark = pytest.mark.django_db


def csrf_token_in(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


def test_a_cached_page_costs_no_query_and_gives_each_reader_a_token_of_their_own(article):
    url = article.get_absolute_url()
    Client().get(url)
    first_reader, second_reader = Client(), Client()

    with CaptureQueriesContext(connection) as queries:
        first = first_reader.get(url)
    second = second_reader.get(url)

    assert len(queries) == 0
    assert "csrf-placeholder" not in first.content.decode()
    assert csrf_token_in(first) != csrf_token_in(second)
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value


def test_the_comment_form_on_a_cached_page_posts(article, comment_data):
    url = article.get_absolute_url()
    Client().get(url)
    reader = Client(enforce_csrf_checks=True)
    page = reader.get(url)

    response = reader.post(
        reverse("comments:post", args=[article.pk]),
        comment_data(article, body="Posted from a cached page.")
        | {"csrfmiddlewaretoken": csrf_token_in(page)},
    )

    assert response.status_code == 303
    assert Comment.objects.get().body == "Posted from a cached page."


def test_a_returning_reader_keeps_their_csrf_cookie_and_their_form_still_posts(
    article, comment_data
):
    url = article.get_absolute_url()
    reader = Client(enforce_csrf_checks=True)
    reader.get(url)
    secret = reader.cookies["csrftoken"].value

    page = reader.get(url)
    response = reader.post(
        reverse("comments:post", args=[article.pk]),
        comment_data(article) | {"csrfmiddlewaretoken": csrf_token_in(page)},
    )

    assert "csrftoken" not in page.cookies
    assert reader.cookies["csrftoken"].value == secret
    assert response.status_code == 303


def test_a_new_comment_shows_on_the_next_request(client, article, post_comment):
    url = article.get_absolute_url()
    Client().get(url)

    post_comment(article, body="Fresh words here.")

    assert "Fresh words here." in Client().get(url).content.decode()


def test_an_approved_comment_shows_on_the_next_request_and_in_the_counts(
    article, make_comment, django_capture_on_commit_callbacks
):
    held = make_comment(body="Waiting for a moderator.", status=CommentStatus.PENDING)
    url = article.get_absolute_url()
    assert "Waiting for a moderator." not in Client().get(url).content.decode()
    Client().get("/")

    with django_capture_on_commit_callbacks(execute=True):
        decide(Comment.objects.filter(pk=held.pk), CommentStatus.PUBLISHED)

    assert "Waiting for a moderator." in Client().get(url).content.decode()
    assert "1 comment" in Client().get("/").content.decode()


def test_a_saved_article_shows_on_the_next_request_everywhere(article):
    Client().get(article.get_absolute_url())
    Client().get("/")

    article.headline = "A corrected headline"
    article.save()

    assert "A corrected headline" in Client().get(article.get_absolute_url()).content.decode()
    assert "A corrected headline" in Client().get("/").content.decode()


@pytest.mark.parametrize("url", ["/", "/news/", "article"])
def test_pages_answer_304_to_a_matching_etag_and_a_new_one_after_a_change(
    article, make_comment, url
):
    url = article.get_absolute_url() if url == "article" else url
    first = Client().get(url)

    unchanged = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    make_comment(body="Something new to say.")
    changed = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert first["ETag"].startswith('W/"')
    assert unchanged.status_code == 304
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_anonymous_pages_may_be_kept_briefly_by_a_shared_cache(article):
    response = Client().get(article.get_absolute_url())

    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert "s-maxage=" in cache_control
    assert "stale-while-revalidate=" in cache_control
    assert "Cookie" in response["Vary"]


def test_a_page_showing_a_readers_own_pending_comment_is_never_cached(
    client, article, post_comment, settings
):
    settings.COMMENTS_POLICY = "premoderated"
    post_comment(article, body="Mine, awaiting a moderator.")

    mine = client.get(article.get_absolute_url())
    theirs = Client().get(article.get_absolute_url())

    assert "Mine, awaiting a moderator." in mine.content.decode()
    assert "private" in mine["Cache-Control"]
    assert "no-store" in mine["Cache-Control"]
    assert "ETag" not in mine
    assert "Mine, awaiting a moderator." not in theirs.content.decode()


def test_made_up_query_parameters_are_rendered_but_not_kept(article):
    url = article.get_absolute_url()

    with CaptureQueriesContext(connection) as first:
        Client().get(url, {"utm_source": "x"})
    with CaptureQueriesContext(connection) as second:
        Client().get(url, {"utm_source": "x"})

    assert len(first) > 0
    assert len(second) == len(first)


def test_an_uncached_article_page_costs_as_many_queries_with_200_comments_as_with_1(
    settings, article, make_comment
):
    settings.PAGE_CACHE_SECONDS = 0
    url = article.get_absolute_url()
    make_comment()
    with CaptureQueriesContext(connection) as one:
        Client().get(url)
    tops = Comment.objects.bulk_create(
        Comment(article=article, name=f"Reader {n}", body="Yes.", status=CommentStatus.PUBLISHED)
        for n in range(133)
    )
    Comment.objects.bulk_create(
        Comment(
            article=article, parent=tops[n % 10], name="Replier", status=CommentStatus.PUBLISHED
        )
        for n in range(66)
    )

    with CaptureQueriesContext(connection) as many:
        response = Client().get(url)

    assert "200 comments</h2>" in response.content.decode()
    assert len(many) == len(one)
