"""Every kind of response carries the security headers, and no page needs inline code."""

from html.parser import HTMLParser

import pytest
from django.templatetags.static import static
from django.urls import reverse

from tests import public_pages

pytestmark = pytest.mark.django_db

PAGES = public_pages.PAGES | {
    "not found": lambda article: "/no-such-section/",
    "admin login": lambda article: reverse("admin:login"),
    "static file": lambda article: static("img/logo.svg"),
}
HTML_PAGES = ["front page", "section", "article", "search", "year", "not found"]


@pytest.fixture
def article(make_article):
    return make_article(original_path=public_pages.OLD_PATH)


def get(client, url, **extra):
    response = client.get(url, **extra)
    # Static files are streamed from an open file.
    response.close()
    return response


def policy(response):
    """The Content-Security-Policy header as {directive: [values]}."""
    directives = (part.split() for part in response["Content-Security-Policy"].split(";"))
    return {name: values for name, *values in directives}


@pytest.mark.parametrize("kind", PAGES)
def test_every_kind_of_response_carries_the_security_headers(client, article, kind):
    response = get(client, PAGES[kind](article))

    assert response.status_code < 500
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"][0] == "'self'"
    assert csp["style-src"][0] == "'self'"
    assert all(
        value.startswith("'nonce-") for value in csp["script-src"][1:] + csp["style-src"][1:]
    )
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]


# Scripts of other types (the article's JSON-LD) are data: never run, so the policy ignores them.
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


class InlineCode(HTMLParser):
    """Collects what a Content-Security-Policy would judge: inline scripts and styles with
    their nonce, style and event-handler attributes, and every nonce the page uses."""

    def __init__(self):
        super().__init__()
        self.blocks = []
        self.attributes = []
        self.nonces = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        runs = attrs.get("type", "text/javascript") in SCRIPT_TYPES
        if tag == "style" or (tag == "script" and runs and "src" not in attrs):
            self.blocks.append((tag, attrs.get("nonce")))
        self.attributes += [name for name in attrs if name == "style" or name.startswith("on")]
        if "nonce" in attrs:
            self.nonces.add(f"'nonce-{attrs['nonce']}'")


def inline_code(response):
    parser = InlineCode()
    parser.feed(response.content.decode())
    return parser


@pytest.mark.parametrize("kind", HTML_PAGES)
def test_the_sites_pages_have_no_inline_script_or_style(client, article, kind):
    response = get(client, PAGES[kind](article))

    found = inline_code(response)
    assert found.blocks == []
    assert found.attributes == []


@pytest.mark.parametrize(
    "view",
    [
        "admin:index",
        "admin:articles_article_changelist",
        "admin:articles_article_add",
        "admin:articles_section_changelist",
        "admin:auth_user_changelist",
    ],
)
def test_the_admin_marks_its_code_with_the_nonce_the_policy_allows(admin_client, view):
    response = get(admin_client, reverse(view))

    assert response.status_code == 200
    csp = policy(response)
    found = inline_code(response)
    assert found.nonces == set(csp["script-src"][1:]) == set(csp["style-src"][1:])
    assert len(found.nonces) == 1
    assert all(nonce is not None for _tag, nonce in found.blocks)
    assert found.attributes == []


def test_a_page_with_no_inline_code_names_no_nonce(client, article):
    response = get(client, article.get_absolute_url())

    assert policy(response)["script-src"] == ["'self'"]
