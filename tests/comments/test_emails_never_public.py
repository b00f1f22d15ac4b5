"""Commenters' emails appear on no public page or feed, not even in the page source."""

from datetime import timedelta

import pytest
from django.utils import timezone

from comments.models import Comment
from tests.articles.test_drafts import public_urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def visible(make_article):
    """A public article whose thread is open; the search word "zanzibar" finds it."""
    return make_article(
        headline="Zanzibar visible story", published_at=timezone.now() - timedelta(hours=1)
    )


@pytest.fixture
def scheduled(make_article):
    return make_article(published_at=timezone.now() + timedelta(days=400))


@pytest.fixture
def emails(visible, make_comment, post_comment, settings):
    """Distinctive emails on comments in every state a thread knows, one of them posted (and
    held) through the form by the test's client, whose pages then show it to its author."""
    top = make_comment(article=visible, email="zq.published@example.org")
    make_comment(article=visible, parent=top, email="ZQ.Reply@Example.ORG")
    for status in ["pending", "rejected", "spam", "deleted"]:
        make_comment(article=visible, status=status, email=f"zq.{status}@example.org")
    settings.COMMENTS_POLICY = "premoderated"
    post_comment(visible, email="zq.posted@example.org", body="Held for its author.")
    return list(Comment.objects.values_list("email", flat=True))


def test_no_public_page_or_feed_shows_a_commenters_email(client, visible, scheduled, emails):
    top = visible.comments.filter(parent=None).first()
    urls = [
        *public_urls(visible, scheduled),
        f"{visible.get_absolute_url()}?order=newest",
        f"{visible.get_absolute_url()}?reply_to={top.pk}",
    ]

    pages = {url: client.get(url).content.decode() for url in urls}

    assert len(emails) == 7
    assert "Held for its author." in pages[visible.get_absolute_url()]
    for url, page in pages.items():
        for email in emails:
            # The part before the @ alone: an address escaped or encoded in any way shows it.
            assert email.split("@")[0].lower() not in page.lower(), url
