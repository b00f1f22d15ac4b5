"""Hostile text posted as a name and a comment shows as text everywhere it appears."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils.html import escape

from comments.models import Comment

ATTACKS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click me</a>',
    "javascript:alert(1)",
    '"><svg onload=alert(1)>',
    "' onmouseover='alert(1)' x='",
    "<b>broken <i>tags",
    "</textarea><script>alert(1)</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<!-- <style>body{display:none}</style>",
]

pytestmark = pytest.mark.parametrize("attack", ATTACKS)


def assert_shown_as_text(html, attack):
    assert escape(attack) in html
    if escape(attack) != attack:
        assert attack not in html
    assert 'href="javascript:' not in html


def test_the_article_page_shows_it_as_text(client, article, post_comment, attack):
    post_comment(article, name=attack, body=f"{attack}\n{attack}")

    html = client.get(article.get_absolute_url()).content.decode()

    assert_shown_as_text(html, attack)
    # The thread's own template escapes quotes with numeric references (&#34;, not &quot;).
    [author] = re.findall(r'<span class="comment-author">([^<]*)</span>', html)
    assert unescape(author) == attack


def test_the_form_shown_again_keeps_it_as_text(article, post_comment, attack):
    response = post_comment(article, name=attack, body=attack, email="bad")

    assert_shown_as_text(response.content.decode(), attack)


def test_the_admin_queue_and_change_page_show_it_as_text(
    admin_client, article, post_comment, attack
):
    post_comment(article, name=attack, body=attack)
    comment = Comment.objects.get()

    queue = admin_client.get(reverse("admin:comments_comment_changelist")).content.decode()
    change = admin_client.get(
        reverse("admin:comments_comment_change", args=[comment.pk])
    ).content.decode()
    article_page = admin_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()

    for html in (queue, change, article_page):
        assert_shown_as_text(html, attack)


def test_the_moderator_email_is_plain_text(
    settings, article, post_comment, mailoutbox, django_capture_on_commit_callbacks, attack
):
    settings.COMMENTS_POLICY = "premoderated"
    settings.COMMENTS_MODERATOR_EMAILS = ["desk@example.com"]

    with django_capture_on_commit_callbacks(execute=True):
        post_comment(article, name=attack, body=attack)

    [email] = mailoutbox
    assert email.content_subtype == "plain"
    assert not getattr(email, "alternatives", [])
    assert f", by {attack} <ada@example.com>" in email.body
    assert attack not in email.subject
