"""The comment form survives whatever is sent to it: random unicode, 1 MB fields, NUL bytes,
missing, repeated and unknown fields, broken CSRF, wrong methods, raw bodies, odd articles and
parents. Every answer is a 2xx, 3xx or 4xx (429 included), never a 5xx, and the 303s, and
only they, each store one whole comment."""

import itertools
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.models import Article, CommentPolicy
from comments import spam
from comments.models import Comment, Report
from tests.fuzzing import assert_not_a_server_error, fuzz, methods, odd_values, queries

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
FIELDS = ["name", "email", "body", "website", "timestamp", "parent"]

huge = st.sampled_from(["x" * MB, "é" * (MB // 2 + 1)])
with_nul = odd_values.map(lambda value: f"{value}\x00{value}")
field_values = st.one_of(odd_values, huge, with_nul)
# Changes to a valid form: a field (known or made up) removed (None), or given one odd value
# or several (the field repeated).
mutations = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(FIELDS), st.text(max_size=10)),
        st.one_of(st.none(), st.lists(field_values, min_size=1, max_size=3)),
    ),
    max_size=3,
)
addresses = st.one_of(st.ip_addresses().map(str), st.sampled_from(["", "unknown", "::1"]))
# What arrives over HTTP is bytes, which WSGI hands over as latin-1 text.
latin1 = st.text(st.characters(max_codepoint=255), max_size=60)

# The names of the `site` fixture's articles and parents.
ARTICLES = ["open", "closed", "draft", "scheduled", "unknown", "beyond any integer column"]
PARENTS = [
    "none",
    "top",
    "reply",
    "pending",
    "deleted",
    "elsewhere",
    "unknown",
    "beyond any integer column",
]

# A body of its own for each valid form: the same text twice from one address is refused.
_numbers = itertools.count()


@pytest.fixture
def site(article, make_article, make_comment, settings):
    """Articles to post to and comments to reply to, by name. The form's time trap is off:
    the fuzzer posts at once."""
    settings.COMMENTS_MIN_FORM_SECONDS = 0
    recently = timezone.now() - timedelta(hours=3)
    elsewhere = make_article(published_at=recently)
    top = make_comment()
    return SimpleNamespace(
        article=article,
        elsewhere=elsewhere,
        articles={
            "open": article.pk,
            "closed": make_article(published_at=recently, comment_policy=CommentPolicy.CLOSED).pk,
            "draft": make_article(published_at=recently, status=Article.Status.DRAFT).pk,
            "scheduled": make_article(published_at=timezone.now() + timedelta(days=1)).pk,
            "unknown": 999_999,
            "beyond any integer column": 10**30,
        },
        parents={
            "none": None,
            "top": top.pk,
            "reply": make_comment(parent=top).pk,
            "pending": make_comment(status="pending").pk,
            "deleted": make_comment(status="deleted", body="").pk,
            "elsewhere": make_comment(article=elsewhere).pk,
            "unknown": 999_999,
            "beyond any integer column": "9" * 30,
        },
    )


def valid_form(site, parent="none"):
    form = {
        "name": "Fuzz Reader",
        "email": "fuzz@example.com",
        "body": f"Comment number {next(_numbers)}.",
        "website": "",
        "timestamp": spam.form_token(site.article.pk),
    }
    if site.parents[parent] is not None:
        form["parent"] = site.parents[parent]
    return form


def post_url(article_id, query=None):
    return f"{reverse('comments:post', args=[article_id])}?{urlencode(query or {})}"


def assert_every_comment_is_whole():
    """No comment without its article, none replying across articles or to a reply, and no
    report (posting never reports)."""
    comments = Comment.objects.all()
    assert not comments.exclude(article__in=Article.objects.all()).exists()
    assert not comments.filter(parent__isnull=False).exclude(parent__article=F("article")).exists()
    assert not comments.filter(parent__parent__isnull=False).exists()
    assert not Report.objects.exists()


@settings(fuzz, max_examples=80)
# Each choice leans to what a browser sends, so that some examples get as far as a 303.
@given(
    target=st.one_of(st.just("open"), st.sampled_from(ARTICLES)),
    parent=st.one_of(st.just("none"), st.sampled_from(PARENTS)),
    token_elsewhere=st.one_of(st.just(False), st.booleans()),
    changes=st.one_of(st.just([]), mutations),
    method=st.one_of(st.just("POST"), methods),
    query=queries,
    address=addresses,
)
def test_any_form_gets_a_client_answer_and_only_a_303_stores_a_comment(
    client, site, target, parent, token_elsewhere, changes, method, query, address
):
    # Each example starts with no rate-limit counts: the limit would soon answer every post.
    cache.clear()
    form = valid_form(site, parent)
    if token_elsewhere:
        form["timestamp"] = spam.form_token(site.elsewhere.pk)
    for field, values in changes:
        if values is None:
            form.pop(field, None)
        else:
            form[field] = values
    url = post_url(site.articles[target], query)
    before = Comment.objects.count()

    if method == "POST":
        response = client.post(url, form, REMOTE_ADDR=address)
    else:
        body = urlencode(form, doseq=True)
        response = client.generic(
            method, url, body, "application/x-www-form-urlencoded", REMOTE_ADDR=address
        )

    assert_not_a_server_error(response, url)
    assert Comment.objects.count() - before == (response.status_code == 303)
    assert_every_comment_is_whole()


@settings(fuzz, max_examples=40)
@given(
    body=st.one_of(st.binary(max_size=2000), st.just(b"body=" + b"x" * MB)),
    content_type=st.one_of(
        st.sampled_from(
            [
                "application/x-www-form-urlencoded",
                "multipart/form-data",
                "multipart/form-data; boundary=fuzz",
                "application/json",
                "",
            ]
        ),
        latin1,
    ),
)
def test_any_raw_body_gets_a_client_answer_and_stores_nothing(client, site, body, content_type):
    cache.clear()
    url = post_url(site.articles["open"])
    before = Comment.objects.count()

    response = client.generic("POST", url, body, content_type)

    assert_not_a_server_error(response, url)
    assert Comment.objects.count() == before


@settings(fuzz, max_examples=40)
@given(
    fetch_site=st.one_of(
        st.none(), st.sampled_from(["same-origin", "none", "same-site", "cross-site", ""])
    ),
    origin=st.one_of(
        st.none(),
        st.sampled_from(
            ["http://testserver", "https://testserver", "http://testserver:8000", "null", ""]
        ),
        st.from_regex(r"https?://[a-z0-9.-]{1,20}(:[0-9]{1,5})?", fullmatch=True),
    ),
)
def test_a_form_is_stored_only_when_the_browser_says_it_came_from_this_site(
    site, fetch_site, origin
):
    cache.clear()
    headers = {"Sec-Fetch-Site": fetch_site, "Origin": origin}
    headers = {name: value for name, value in headers.items() if value is not None}
    before = Comment.objects.count()

    response = Client().post(post_url(site.articles["open"]), valid_form(site), headers=headers)

    if fetch_site is not None:
        accepted = fetch_site in ("same-origin", "none")
    else:
        accepted = origin in (None, "http://testserver")
    assert response.status_code == (303 if accepted else 403)
    assert Comment.objects.count() - before == accepted
