"""In Chromium: another site's page cannot make a reader's browser post a comment, and the
comment form's time starts when the reader starts on it (static/js/comment-form.js)."""

import threading
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from comments import spam
from comments.models import Comment

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def other_site():
    """`other_site(html)`: the URL of a page with this HTML served from another origin (a port
    of 127.0.0.1 of its own; the live server is `localhost`)."""
    server = None

    def serve(html):
        nonlocal server

        class Page(BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(html.encode())

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    if server is not None:
        server.shutdown()
        server.server_close()


def test_a_page_of_another_site_that_submits_the_comment_form_stores_nothing(
    page, site, article, other_site, writing_takes_no_time
):
    action = site + reverse("comments:post", args=[article.pk])
    fields = {
        "name": "Mallory",
        "body": "Posted in your name from elsewhere.",
        "website": "",
        "timestamp": spam.form_token(article.pk),
    }
    inputs = "".join(
        f'<input type="hidden" name="{name}" value="{escape(value)}">'
        for name, value in fields.items()
    )
    attack = other_site(
        f'<form id="attack" method="post" action="{escape(action)}">{inputs}</form>'
        '<script>document.getElementById("attack").submit()</script>'
    )

    with page.expect_navigation(url=action) as navigation:
        page.goto(attack)

    assert navigation.value.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "This form was not sent from our site"
    )
    assert Comment.objects.count() == 0


def test_with_javascript_the_forms_time_starts_when_the_reader_starts_on_it(page, site, article):
    page.goto(site + article.get_absolute_url())
    timestamp = page.locator('#comment-form input[name="timestamp"]')
    rendered = timestamp.get_attribute("value")

    with page.expect_response(lambda response: "form-token" in response.url):
        page.get_by_role("textbox", name="Name").focus()

    expect(timestamp).not_to_have_value(rendered)
