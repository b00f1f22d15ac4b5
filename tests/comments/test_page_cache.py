"""Public pages (newsroom/caching/pages.py) as readers and commenters meet them: the same bytes
for everyone without cookies of their own, kept in the shared cache until what they show
changes, and a time trap that still counts from when a reader started on the form."""

import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comments.models import Comment, CommentStatus
from comments.moderation import decide
from newsroom.caching import pages

pytestmark = pytest.mark.django_db


def cache_control(response):
    directives = (part.strip().partition("=") for part in response["Cache-Control"].split(","))
    return {name: value for name, _, value in directives}


def test_a_kept_page_costs_no_query_and_is_the_same_bytes_for_every_reader(article):
    url = article.get_absolute_url()
    first = Client().get(url)

    with CaptureQueriesContext(connection) as queries:
        second = Client().get(url)

    assert len(queries) == 0
    assert second.content == first.content
    assert not first.cookies
    assert not second.cookies


@pytest.mark.parametrize(
    "page", ["/", "/news/", "article", "/search/?q=headline", "/feeds/latest/", "/sitemap.xml"]
)
def test_public_pages_set_no_cookie_and_let_shared_caches_keep_them(article, page):
    url = article.get_absolute_url() if page == "article" else page

    response = Client().get(url)

    directives = cache_control(response)
    assert response.status_code == 200
    assert not response.cookies
    assert {"public", "s-maxage", "stale-while-revalidate", "stale-if-error"} <= directives.keys()
    assert directives["max-age"] == "0"
    assert int(directives["s-maxage"]) > 0
    assert response["xkey"]


def test_an_article_page_names_the_article_its_section_and_its_thread(article):
    response = Client().get(article.get_absolute_url())

    tags = response["xkey"].split()
    assert {f"article:{article.pk}", f"section:{article.section_id}"} <= set(tags)
    assert f"comments:{article.pk}" in tags
    assert "sections" in tags


def test_the_comment_form_on_a_kept_page_posts_without_a_token(article, comment_data):
    url = article.get_absolute_url()
    Client().get(url)
    reader = Client(enforce_csrf_checks=True)
    reader.get(url)

    response = reader.post(
        reverse("comments:post", args=[article.pk]),
        comment_data(article, body="Posted from a kept page."),
        headers={"Sec-Fetch-Site": "same-origin"},
    )

    assert response.status_code == 303
    assert Comment.objects.get().body == "Posted from a kept page."


def test_a_new_comment_shows_on_the_next_request(article, post_comment):
    url = article.get_absolute_url()
    Client().get(url)

    post_comment(article, body="Fresh words here.")

    assert "Fresh words here." in Client().get(url).content.decode()


def test_an_approved_comment_shows_on_the_next_request(
    article, make_comment, django_capture_on_commit_callbacks
):
    held = make_comment(body="Waiting for a moderator.", status=CommentStatus.PENDING)
    url = article.get_absolute_url()
    assert "Waiting for a moderator." not in Client().get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        decide(Comment.objects.filter(pk=held.pk), CommentStatus.PUBLISHED)

    assert "Waiting for a moderator." in Client().get(url).content.decode()


def test_a_saved_article_shows_on_the_next_request_everywhere(article):
    Client().get(article.get_absolute_url())
    Client().get("/")

    article.headline = "A corrected headline"
    article.save()

    assert "A corrected headline" in Client().get(article.get_absolute_url()).content.decode()
    assert "A corrected headline" in Client().get("/").content.decode()


def test_a_comment_leaves_the_kept_listings_alone(article, make_comment):
    """Their counts may lag (as long as PAGE_CACHE_SHARED_SECONDS lets the edge keep them):
    a busy thread must not make every listing stale at each comment."""
    Client().get("/")

    make_comment(body="Counted later.")
    with CaptureQueriesContext(connection) as queries:
        Client().get("/")

    assert len(queries) == 0


@pytest.mark.parametrize("url", ["/", "/news/", "article"])
def test_pages_answer_304_to_a_matching_etag_and_a_new_one_after_a_change(article, url):
    url = article.get_absolute_url() if url == "article" else url
    first = Client().get(url)

    unchanged = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    article.headline = "Something new to say"
    article.save()
    changed = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert unchanged.status_code == 304
    assert unchanged["ETag"] == first["ETag"]
    assert unchanged["Cache-Control"] == first["Cache-Control"]
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_a_page_showing_a_readers_own_pending_comment_is_never_shared(
    client, article, post_comment, settings
):
    settings.COMMENTS_POLICY = "premoderated"
    post_comment(article, body="Mine, awaiting a moderator.")

    mine = client.get(article.get_absolute_url())
    theirs = Client().get(article.get_absolute_url())

    assert "Mine, awaiting a moderator." in mine.content.decode()
    assert {"private", "no-store"} <= cache_control(mine).keys()
    assert "ETag" not in mine
    assert "xkey" not in mine
    assert "Mine, awaiting a moderator." not in theirs.content.decode()


@pytest.mark.parametrize("cookie", ["sessionid", "comments_mine", "messages", "_ga"])
def test_a_request_with_a_cookie_of_its_own_gets_a_private_page(article, cookie):
    url = article.get_absolute_url()
    Client().get(url)
    reader = Client()
    reader.cookies[cookie] = "value"

    response = reader.get(url)

    assert {"private", "no-store"} <= cache_control(response).keys()


def test_the_csrf_cookie_of_someone_who_opened_the_admin_changes_nothing(article):
    url = article.get_absolute_url()
    first = Client().get(url)
    reader = Client()
    reader.cookies["csrftoken"] = "a" * 32

    response = reader.get(url)

    assert "public" in cache_control(response)
    assert response.content == first.content


def test_made_up_query_parameters_are_answered_but_not_kept(article):
    url = article.get_absolute_url()

    with CaptureQueriesContext(connection) as first:
        Client().get(url, {"utm_source": "x"})
    with CaptureQueriesContext(connection) as second:
        Client().get(url, {"utm_source": "x"})

    assert len(first) > 0
    assert len(second) == len(first)


@pytest.mark.parametrize(
    "query", ["?page=2", "?page=0", "?page=x", "?order=oldest", "?reply_to=999999", "?reply_to=x"]
)
def test_a_parameter_value_that_is_not_one_of_the_page_is_a_404(article, make_comment, query):
    make_comment()
    url = article.get_absolute_url() if "page" not in query else "/"

    response = Client().get(url + query)

    assert response.status_code == 404


def test_two_hosts_never_share_a_kept_page(article):
    url = article.get_absolute_url()
    Client().get(url, HTTP_HOST="localhost")

    response = Client().get(url, HTTP_HOST="127.0.0.1")

    assert '<link rel="canonical" href="http://127.0.0.1/' in response.content.decode()


def test_while_another_request_renders_a_stale_page_readers_get_the_stale_copy(article):
    url = article.get_absolute_url()
    Client().get(url)
    article.headline = "Being rendered elsewhere"
    article.save()
    request = Client().get(url).wsgi_request
    cache.add(f"{pages.page_key(request)}:rendering", 1)
    # The rendering above kept the new headline; make it stale again.
    article.headline = "Newer still"
    article.save()

    response = Client().get(url)

    assert "Being rendered elsewhere" in response.content.decode()
    assert {"private", "no-store"} <= cache_control(response).keys()


def test_the_form_token_address_gives_a_fresh_time_that_no_cache_keeps(article):
    response = Client().get(reverse("comments:form_token", args=[article.pk]))

    assert response.status_code == 200
    assert response.json()["timestamp"]
    assert "no-store" in cache_control(response)
    assert not response.cookies


def test_a_form_sent_at_once_after_asking_for_a_fresh_time_is_refused(
    article, comment_data, time_machine
):
    """A robot that takes a page from a cache and asks for the time as the script does still
    waits as long as a person writes."""
    token = Client().get(reverse("comments:form_token", args=[article.pk])).json()["timestamp"]
    url = reverse("comments:post", args=[article.pk])

    at_once = Client().post(url, comment_data(article, timestamp=token))
    time_machine.move_to(time.time() + 4)
    later = Client().post(url, comment_data(article, timestamp=token))

    assert "faster than anyone can write" in at_once.content.decode()
    assert later.status_code == 303


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
