"""Drafts and scheduled articles never reach readers: every public page, feed and sitemap."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author, Byline

pytestmark = pytest.mark.django_db


@pytest.fixture
def visible(make_article):
    """A public article; the search word "zanzibar" finds it and the hidden ones."""
    return make_article(
        headline="Zanzibar visible story",
        published_at=timezone.now() - timedelta(hours=1),
        original_path="News/2026-01-01-zanzibar-visible",
    )


@pytest.fixture
def author(visible, hidden):
    """The author of all three: their page and feeds list only the public one."""
    author = Author.objects.create(name="Ada Lovelace", slug="ada-lovelace")
    for article in [visible, *hidden]:
        Byline.objects.create(article=article, author=author)
    return author


@pytest.fixture
def hidden(make_article, visible):
    """A draft with the public article's time, and an article scheduled for next year."""
    return [
        make_article(
            headline="Zanzibar draft story",
            status=Article.Status.DRAFT,
            published_at=visible.published_at,
            original_path="News/2026-01-01-zanzibar-draft",
        ),
        make_article(
            headline="Zanzibar scheduled story",
            published_at=timezone.now() + timedelta(days=400),
            original_path="News/2026-01-01-zanzibar-scheduled",
        ),
    ]


def public_urls(visible, scheduled, author=None):
    """Every public URL, each with the status it answers and whether `visible` is on it; with
    `author` (of `visible`), theirs too."""
    section = visible.section.slug
    now, later = (
        timezone.localtime(visible.published_at),
        timezone.localtime(scheduled.published_at),
    )
    urls = {
        reverse("front_page"): (200, True),
        reverse("section", args=[section]): (200, True),
        visible.get_absolute_url(): (200, True),
        reverse("search") + "?q=zanzibar": (200, True),
        reverse("feeds"): (302, False),
        reverse("latest_feed"): (200, True),
        reverse("latest_feed_atom"): (200, True),
        reverse("section_feed", args=[section]): (200, True),
        reverse("section_feed_atom", args=[section]): (200, True),
        reverse("comments:feed", args=[visible.pk]): (200, True),
        reverse("comments:feed_atom", args=[visible.pk]): (200, True),
        reverse("comments:feed", args=[scheduled.pk]): (404, False),
        reverse("sitemap"): (200, False),
        reverse("sitemap_part", args=["sections"]): (200, False),
        reverse("sitemap_part", args=["articles"]): (200, True),
        reverse("news_sitemap"): (200, True),
        reverse("archive_year", args=[now.year]): (200, True),
        reverse("archive_month", args=[now.year, now.month]): (200, True),
        reverse("archive_year", args=[later.year]): (404, False),
        reverse("archive_month", args=[later.year, later.month]): (404, False),
        reverse("robots"): (200, False),
    }
    if author is not None:
        urls |= {
            reverse("authors"): (200, False),
            reverse("author", args=[author.slug]): (200, True),
            reverse("author_feed", args=[author.slug]): (200, True),
            reverse("author_feed_atom", args=[author.slug]): (200, True),
        }
    return urls


def test_drafts_and_scheduled_articles_are_on_no_public_page_feed_or_sitemap(
    client, visible, hidden, author
):
    for url, (status, lists_visible) in public_urls(visible, hidden[1], author).items():
        response = client.get(url)

        content = response.content.decode()
        assert response.status_code == status, url
        assert (visible.get_absolute_url() in content) == lists_visible, url
        for article in hidden:
            assert article.headline not in content, url
            assert article.get_absolute_url() not in content, url


def test_a_draft_or_scheduled_articles_own_address_and_old_link_are_404s(client, hidden):
    for article in hidden:
        assert client.get(article.get_absolute_url()).status_code == 404
        assert client.get(f"/{article.original_path}").status_code == 404
