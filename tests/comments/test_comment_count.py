"""The article page's JSON-LD counts the comments readers see (`commentCount`)."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def json_ld(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(script)


def test_json_ld_counts_only_the_visible_comments(client, article, make_article, make_comment):
    parent = make_comment()
    make_comment(parent=parent)
    make_comment()
    for status in ["pending", "rejected", "spam", "deleted"]:
        make_comment(status=status)
    make_comment(article=make_article())

    data = json_ld(client, article)

    assert data["commentCount"] == 3


def test_json_ld_counts_zero_for_an_article_without_comments(client, article):
    data = json_ld(client, article)

    assert data["commentCount"] == 0


def test_counting_costs_no_query_more_than_the_thread(client, article, make_comment):
    for _ in range(10):
        make_comment()

    with CaptureQueriesContext(connection) as page:
        data = json_ld(client, article)

    comment_queries = [q for q in page.captured_queries if 'FROM "comments_comment"' in q["sql"]]
    assert data["commentCount"] == 10
    # The thread's own two: its outline (which the count reads) and its page's comments.
    assert len(comment_queries) == 2
