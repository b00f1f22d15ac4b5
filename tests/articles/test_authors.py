"""Authors and bylines: the byline on articles and cards, the author's page and feeds, and what
machines are told (JSON-LD, article:author, the feeds' author)."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Byline, Section
from tests.articles.test_metadata import head_of
from tests.conftest import queries_of

pytestmark = pytest.mark.django_db


def test_the_article_page_shows_its_authors_in_order_each_linking_to_their_page(
    client, article, make_author
):
    make_author("Grace Hopper", article)
    make_author("Ada Lovelace", article)
    make_author("Margaret Hamilton", article)

    page = client.get(article.get_absolute_url()).content.decode()

    assert (
        'By <a href="/authors/grace-hopper/" rel="author">Grace Hopper</a>, '
        '<a href="/authors/ada-lovelace/" rel="author">Ada Lovelace</a> and '
        '<a href="/authors/margaret-hamilton/" rel="author">Margaret Hamilton</a>'
    ) in page


def test_an_article_without_authors_shows_no_byline(client, article):
    page = client.get(article.get_absolute_url()).content.decode()

    assert 'class="byline"' not in page
    assert "article:author" not in page
    assert '"author"' not in page


def test_an_authors_name_is_escaped_wherever_it_shows(client, article, make_author):
    author = make_author("<b>Bold</b> & Co", article, bio="<script>alert(1)</script>")

    pages = [
        client.get(url).content.decode()
        for url in [article.get_absolute_url(), author.get_absolute_url(), reverse("front_page")]
    ]

    for page in pages:
        assert "<b>Bold</b>" not in page
        assert "&lt;b&gt;Bold&lt;/b&gt; &amp; Co" in page
    assert "<script>alert(1)</script>" not in pages[1]


def test_listing_cards_show_the_byline(client, make_article, make_author):
    article = make_article(headline="Budget passes")
    make_author("Ada Lovelace", article)
    make_author("Grace Hopper", article)

    for url in [reverse("front_page"), article.section.get_absolute_url()]:
        page = client.get(url).content.decode()

        assert re.search(r'class="byline">By\s*<a href="/authors/ada-lovelace/"', page), url
        assert "Ada Lovelace</a> and <a" in page


def test_a_listing_makes_as_many_queries_for_3_authors_a_card_as_for_1(
    client, make_article, make_author, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    first = make_article()
    make_author("Ada Lovelace", first)
    section_page = reverse("section", args=[first.section.slug])
    one = queries_of(client, section_page)
    others = [make_article() for _ in range(4)]
    make_author("Grace Hopper", first, *others)
    make_author("Margaret Hamilton", first, *others)

    with django_assert_num_queries(one):
        page = client.get(section_page).content.decode()

    assert page.count("Margaret Hamilton</a>") == 5


def test_the_author_page_shows_the_bio_and_their_public_articles_newest_first(
    client, make_article, make_author
):
    older = make_article(headline="Older story")
    newer = make_article(headline="Newer story", published_at=timezone.now() - timedelta(hours=1))
    draft = make_article(headline="Draft story", status="draft")
    someone_elses = make_article(headline="Someone else's story")
    author = make_author("Ada Lovelace", older, newer, draft, bio="Covers the city council.")
    make_author("Grace Hopper", someone_elses)

    page = client.get(author.get_absolute_url()).content.decode()

    assert '<h1 class="section-title">Ada Lovelace</h1>' in page
    assert "Covers the city council." in page
    assert page.index("Newer story") < page.index("Older story")
    assert "Draft story" not in page
    assert "Someone else" not in page
    assert reverse("author_feed", args=[author.slug]) in page


def test_the_author_page_is_paginated(client, make_article, make_author):
    author = make_author("Ada Lovelace", *[make_article() for _ in range(21)])

    first = client.get(author.get_absolute_url()).content.decode()
    second = client.get(author.get_absolute_url() + "?page=2").content.decode()

    assert "Page 1 of 2" in first
    assert first.count('<article class="card') == 20
    assert second.count('<article class="card') == 1


def test_an_unknown_author_is_a_404(client, db):
    assert client.get(reverse("author", args=["nobody"])).status_code == 404
    assert client.get(reverse("author_feed", args=["nobody"])).status_code == 404


def test_the_authors_page_lists_those_with_published_articles(client, make_article, make_author):
    make_author("Ada Lovelace", make_article())
    make_author("Grace Hopper", make_article(status="draft"))

    page = client.get(reverse("authors")).content.decode()

    assert "Ada Lovelace" in page
    assert "Grace Hopper" not in page


def test_an_authors_feeds_carry_their_articles_with_the_byline(client, make_article, make_author):
    article = make_article(headline="Budget passes")
    author = make_author("Ada Lovelace", article)
    make_author("Grace Hopper", article)

    rss = client.get(reverse("author_feed", args=[author.slug])).content.decode()
    atom = client.get(reverse("author_feed_atom", args=[author.slug])).content.decode()

    assert "<title>Newsroom: Ada Lovelace</title>" in rss
    assert "Budget passes" in rss
    assert ">Ada Lovelace and Grace Hopper</dc:creator>" in rss
    assert "<author><name>Ada Lovelace and Grace Hopper</name></author>" in atom


def test_the_sites_feed_names_the_authors_and_leaves_out_an_article_without(
    client, make_article, make_author
):
    make_author("Ada Lovelace", make_article(headline="With a byline"))
    make_article(headline="Without one")

    rss = client.get(reverse("latest_feed")).content.decode()

    assert rss.count("<dc:creator") == 1


def test_json_ld_and_open_graph_name_the_authors_with_their_pages(client, article, make_author):
    make_author("Ada Lovelace", article)
    make_author("Grace Hopper", article)

    head = head_of(client, article)

    assert head.json_ld[0]["author"] == [
        {
            "@type": "Person",
            "name": "Ada Lovelace",
            "url": "http://testserver/authors/ada-lovelace/",
        },
        {
            "@type": "Person",
            "name": "Grace Hopper",
            "url": "http://testserver/authors/grace-hopper/",
        },
    ]
    page = client.get(article.get_absolute_url()).content.decode()
    assert (
        '<meta property="article:author" content="http://testserver/authors/ada-lovelace/">' in page
    )
    assert (
        '<meta property="article:author" content="http://testserver/authors/grace-hopper/">' in page
    )


def test_an_author_with_articles_cannot_be_deleted_from_under_them(article, make_author):
    author = make_author("Ada Lovelace", article)

    with pytest.raises(Exception, match="protected"):
        author.delete()


def test_a_section_cannot_take_the_authors_address(db):
    with pytest.raises(ValidationError, match="taken by the site"):
        Section(name="Authors", slug="authors").full_clean()
    assert not Section.objects.exists()


def test_renaming_an_author_shows_at_once_on_every_kept_page_with_their_byline(
    article, make_author
):
    author = make_author("Grace Hopper", article)
    urls = [
        article.get_absolute_url(),
        author.get_absolute_url(),
        article.section.get_absolute_url(),
        reverse("front_page"),
    ]
    for url in urls:
        Client().get(url)  # Kept.

    author.name = "Rear Admiral Grace Hopper"
    author.save()

    pages = {url: Client().get(url).content.decode() for url in urls}
    assert all("Rear Admiral Grace Hopper" in page for page in pages.values()), pages.keys()


def test_a_byline_added_shows_at_once_on_the_kept_article_and_author_pages(article, make_author):
    author = make_author("Ada Lovelace")
    article_page, author_page = article.get_absolute_url(), author.get_absolute_url()
    Client().get(article_page), Client().get(author_page)  # Kept.

    Byline.objects.create(article=article, author=author, position=0)

    assert "By <a" in Client().get(article_page).content.decode()
    assert article.headline in Client().get(author_page).content.decode()
