"""Sitemaps and robots.txt, parsed."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.conftest import queries_of

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def xml_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 (the site's own output)


def entries(client, url, tag="url"):
    """{loc: lastmod} of a sitemap's <url>s, or of an index's <sitemap>s."""
    root = xml_of(client, url)
    return {
        entry.findtext(f"{SITEMAP}loc"): entry.findtext(f"{SITEMAP}lastmod")
        for entry in root.findall(f"{SITEMAP}{tag}")
    }


def test_the_sitemap_is_an_index_of_the_sections_and_the_articles(client, article):
    index = entries(client, reverse("sitemap"), tag="sitemap")

    assert set(index) == {
        "http://testserver/sitemap-sections.xml",
        "http://testserver/sitemap-articles.xml",
    }
    assert all(index.values())


def test_the_articles_sitemap_lists_each_article_with_its_last_change(client, make_article):
    article = make_article(published_at=timezone.now().replace(2026, 3, 8, 0, 0, 0, 0))

    urls = entries(client, reverse("sitemap_part", args=["articles"]))

    assert urls == {f"http://testserver{article.get_absolute_url()}": "2026-03-08"}


def test_the_sections_sitemap_lists_sections_with_public_articles(
    client, make_article, make_section
):
    newest = make_article()
    make_article()
    make_section("Empty")

    urls = entries(client, reverse("sitemap_part", args=["sections"]))

    assert list(urls) == ["http://testserver/news/"]
    assert urls["http://testserver/news/"] == newest.published_on.isoformat()


def test_the_news_sitemap_has_the_last_two_days_articles_with_googles_news_tags(
    client, make_article
):
    recent = make_article(headline="Fresh & new", published_at=timezone.now() - timedelta(hours=3))
    make_article(headline="Old news", published_at=timezone.now() - timedelta(days=3))

    root = xml_of(client, reverse("news_sitemap"))

    (url,) = root.findall(f"{SITEMAP}url")
    news = url.find(f"{NEWS}news")
    assert url.findtext(f"{SITEMAP}loc") == f"http://testserver{recent.get_absolute_url()}"
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Newsroom"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}title") == "Fresh & new"
    published = datetime.fromisoformat(news.findtext(f"{NEWS}publication_date"))
    assert published == recent.published_at


def test_robots_txt_names_both_sitemaps_by_their_full_address(client):
    response = client.get(reverse("robots"))

    lines = response.content.decode().splitlines()
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines
    assert "User-agent: *" in lines


@pytest.mark.parametrize(
    "url",
    [
        reverse("sitemap"),
        reverse("sitemap_part", args=["articles"]),
        reverse("sitemap_part", args=["sections"]),
        reverse("news_sitemap"),
    ],
)
def test_sitemaps_make_the_same_number_of_queries_for_1_article_as_for_10(
    client, make_article, make_section, url
):
    make_article()
    with_one = queries_of(client, url)
    for n in range(9):
        make_article(section=make_section(f"Section {n}"), published_at=timezone.now())

    with_ten = queries_of(client, url)

    assert with_ten == with_one


def test_each_file_holds_the_articles_of_limit_ids_and_the_index_lists_every_file(
    client, make_article, monkeypatch
):
    from articles.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    made = [make_article() for _ in range(3)]
    articles = reverse("sitemap_part", args=["articles"])
    # File n holds the ids 2n - 1 and 2n: the last article is in the last file.
    last = -(-made[2].pk // 2)

    index = entries(client, reverse("sitemap"), tag="sitemap")
    files = {
        page: list(entries(client, f"{articles}?p={page}"))
        for page in {-(-article.pk // 2) for article in made}
    }

    assert f"http://testserver{articles}?p={last}" in index
    assert f"http://testserver{articles}?p={last + 1}" not in index
    assert sorted(url for urls in files.values() for url in urls) == sorted(
        f"http://testserver{article.get_absolute_url()}" for article in made
    )
    assert files[last][-1] == f"http://testserver{made[2].get_absolute_url()}"
    assert client.get(articles, {"p": last + 1}).status_code == 404


def test_a_file_whose_ids_went_to_drafts_is_empty_and_the_draft_is_in_no_file(
    client, make_article, monkeypatch
):
    from articles.models import Article
    from articles.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 1)
    draft = make_article(status=Article.Status.DRAFT)
    make_article()
    articles = reverse("sitemap_part", args=["articles"])

    response = client.get(articles, {"p": draft.pk})

    assert response.status_code == 200
    assert entries(client, f"{articles}?p={draft.pk}") == {}


def test_a_deep_file_is_one_range_of_ids(client, make_article, monkeypatch):
    from articles.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    made = [make_article() for _ in range(6)]
    page = -(-made[-1].pk // 2)

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("sitemap_part", args=["articles"]), {"p": page})

    listing = [q["sql"] for q in queries if '"section__slug"' in q["sql"]]
    assert len(listing) == 1
    assert "OFFSET" not in listing[0]
    assert f'"articles_article"."id" <= {page * 2}' in listing[0]


def test_the_index_dates_the_articles_by_their_newest_publication_or_note(client, make_article):
    article = make_article(published_at=timezone.now().replace(2026, 3, 8, 12, 0, 0, 0))
    make_article(published_at=timezone.now().replace(2026, 3, 1, 12, 0, 0, 0))
    article.corrections.create(
        note="A name was misspelt.", created_at=article.published_at.replace(day=20)
    )

    index = entries(client, reverse("sitemap"), tag="sitemap")

    assert index["http://testserver/sitemap-articles.xml"].startswith("2026-03-20")
