"""Which requests may read from the replica and which are kept on the primary
(newsroom/replica.py). tests/test_scale_out.py shows it all on a real streaming replica."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from articles.models import Article
from newsroom.replica import (
    PIN_COOKIE,
    PrimaryReplicaRouter,
    ReplicaReadsMiddleware,
    may_read_replica,
)


@pytest.mark.parametrize(
    ("method", "path", "cookies", "expected"),
    [
        ("get", "/news/", {}, True),
        ("head", "/news/", {"csrftoken": "x"}, True),
        ("post", "/comments/articles/1/", {}, False),
        ("get", "/news/", {PIN_COOKIE: "1"}, False),
        ("get", "/news/", {"sessionid": "x"}, False),
        ("get", "/admin/comments/comment/", {}, False),
    ],
)
def test_only_readers_who_have_not_written_lately_read_from_the_replica(
    method, path, cookies, expected
):
    request = getattr(RequestFactory(), method)(path)
    request.COOKIES.update(cookies)

    assert may_read_replica(request) is expected


def test_the_admin_is_read_from_the_primary_wherever_it_is(settings):
    settings.ADMIN_PATH = "backstage/"

    assert may_read_replica(RequestFactory().get("/backstage/")) is False
    assert may_read_replica(RequestFactory().get("/admin/")) is True


@pytest.mark.parametrize(("status", "pinned"), [(303, True), (200, True), (400, False)])
def test_a_reader_who_sent_a_form_is_kept_on_the_primary_for_a_while(settings, status, pinned):
    settings.DATABASE_REPLICA_PIN_SECONDS = 45
    middleware = ReplicaReadsMiddleware(lambda request: HttpResponse(status=status))

    response = middleware(RequestFactory().post("/comments/articles/1/"))

    assert (PIN_COOKIE in response.cookies) is pinned
    if pinned:
        assert response.cookies[PIN_COOKIE]["max-age"] == 45
        assert response.cookies[PIN_COOKIE]["httponly"] is True


def test_reading_a_page_pins_nobody():
    middleware = ReplicaReadsMiddleware(lambda request: HttpResponse())

    response = middleware(RequestFactory().get("/news/"))

    assert PIN_COOKIE not in response.cookies


def test_outside_a_request_everything_reads_and_writes_the_primary_and_only_it_migrates():
    router = PrimaryReplicaRouter()

    assert router.db_for_read(Article) == "default"
    assert router.db_for_write(Article) == "default"
    assert router.allow_migrate("default", "articles") is True
    assert router.allow_migrate("replica", "articles") is False
