"""After a change commits, the app purges its tags at every edge cache in EDGE_CACHES
(newsroom/caching/edges.py); an edge that does not answer costs nothing but a log line."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction

from newsroom import caching
from tests.gunicorn_site import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def edge(settings):
    """A stand-in edge cache: the tags of each purge it is sent, in order."""
    purges = []

    class Edge(BaseHTTPRequestHandler):
        def do_PURGE(self):
            purges.append(self.headers["xkey-purge"])
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Edge)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.EDGE_CACHES = [f"http://127.0.0.1:{server.server_address[1]}/"]
    yield purges
    server.shutdown()
    server.server_close()


def test_a_change_is_purged_at_the_edge_after_its_commit_not_before(
    edge, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        caching.changed("article:1", "front")
        before_commit = list(edge)

    assert before_commit == []
    assert edge == ["article:1 front"]


def test_a_new_comment_purges_its_thread_and_not_the_listings(
    edge, article, make_comment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_comment()

    assert edge == [f"comments:{article.pk}"]


def test_an_edited_article_purges_its_page_its_section_and_the_listings(
    edge, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article.headline = "Edited"
        article.save()

    assert edge == [f"article:{article.pk} front listings section:{article.section_id}"]


def test_an_edge_that_does_not_answer_is_logged_and_the_change_stands(
    settings, article, caplog, django_capture_on_commit_callbacks
):
    settings.EDGE_CACHES = [f"http://127.0.0.1:{free_port()}/"]  # Nothing listens there.

    with django_capture_on_commit_callbacks(execute=True):
        article.headline = "Edited while the edge is away"
        article.save()

    article.refresh_from_db()
    assert article.headline == "Edited while the edge is away"
    assert "Could not purge" in caplog.text
