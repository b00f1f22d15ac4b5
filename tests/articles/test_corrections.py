"""Corrections and updates: dated notes at the foot of an article, and its modified time."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from articles.models import Article, Correction

pytestmark = pytest.mark.django_db

PUBLISHED = datetime(2026, 3, 8, 9, 0, tzinfo=UTC)
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def story(make_article):
    return make_article(published_at=PUBLISHED)


def note(article, when, kind=Correction.Kind.CORRECTION, text="A name was misspelt."):
    return Correction.objects.create(article=article, kind=kind, note=text, created_at=when)


def test_readers_see_the_notes_at_the_foot_of_the_article_oldest_first(client, story):
    note(story, datetime(2026, 3, 10, tzinfo=UTC), Correction.Kind.UPDATE, "Results <b>in</b>.")
    note(story, datetime(2026, 3, 9, tzinfo=UTC), text="Line one.\nLine two.")

    page = client.get(story.get_absolute_url()).content.decode()

    foot = page[page.index('id="corrections"') :]
    assert page.index("article-body") < page.index('id="corrections"')
    assert foot.index("<strong>Correction</strong>, <time") < foot.index("<strong>Update</strong>")
    assert "March 9, 2026</time>: Line one.<br>Line two." in foot
    assert "Results &lt;b&gt;in&lt;/b&gt;." in foot


def test_an_article_without_notes_has_no_corrections_section(client, story):
    page = client.get(story.get_absolute_url()).content.decode()

    assert 'id="corrections"' not in page
    assert "Updated" not in page


def test_the_modified_time_follows_the_latest_note(story):
    note(story, datetime(2026, 3, 9, tzinfo=UTC))
    note(story, datetime(2026, 3, 12, 15, 30, tzinfo=UTC))

    article = Article.objects.with_modified_at().get()

    assert article.modified_at == datetime(2026, 3, 12, 15, 30, tzinfo=UTC)


def test_a_note_dated_before_publication_leaves_the_modified_time_at_publication(story):
    note(story, datetime(2026, 3, 1, tzinfo=UTC))

    assert Article.objects.with_modified_at().get().modified_at == PUBLISHED


def test_the_pages_metadata_gives_the_latest_notes_time(client, story):
    note(story, datetime(2026, 3, 12, 15, 30, tzinfo=UTC))

    page = client.get(story.get_absolute_url()).content.decode()

    assert '<meta property="article:modified_time" content="2026-03-12T15:30:00+00:00">' in page
    assert '"dateModified": "2026-03-12T15:30:00Z"' in page
    assert "· Updated <time" in page


def test_the_atom_feed_gives_the_latest_notes_time_as_the_entrys_update(client, story):
    note(story, datetime(2026, 3, 12, 15, 30, tzinfo=UTC))

    feed = ET.fromstring(client.get(reverse("latest_feed_atom")).content)  # noqa: S314 (ours)

    entry = feed.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}updated") == "2026-03-12T15:30:00+00:00"
    assert entry.findtext(f"{ATOM}published") == "2026-03-08T09:00:00+00:00"
    assert feed.findtext(f"{ATOM}updated") == "2026-03-12T15:30:00+00:00"


def test_the_sitemap_gives_the_latest_notes_date_as_the_articles_lastmod(client, story):
    note(story, datetime(2026, 3, 12, 15, 30, tzinfo=UTC))

    sitemap = client.get(reverse("sitemap_part", args=["articles"])).content
    url = ET.fromstring(sitemap).find(f"{SITEMAP}url")  # noqa: S314 (the site's own output)

    assert url.findtext(f"{SITEMAP}lastmod") == "2026-03-12"
