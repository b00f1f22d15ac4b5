from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import paging
from articles.models import Article
from tests.conftest import queries_of

pytestmark = pytest.mark.django_db


def test_the_front_page_leads_with_the_newest_article_then_the_rest(client, make_article):
    older = make_article(headline="Older story")
    newest = make_article(headline="Newest story", published_at=timezone.now())

    page = client.get(reverse("front_page")).content.decode()

    lead = page.index("card card-lead")
    assert lead < page.index(newest.headline) < page.index(older.headline)
    assert page.count("card-lead") == 1


def test_the_front_page_shows_twenty_articles_a_page(client, make_article):
    for _ in range(21):
        make_article()

    first = client.get(reverse("front_page"))
    second = client.get(reverse("front_page"), {"page": 2})

    assert len(first.context["page"].object_list) == 20
    assert len(second.context["page"].object_list) == 1
    assert 'rel="next" href="?page=2"' in first.content.decode()
    assert "card-lead" not in second.content.decode()


def test_a_page_number_that_is_not_a_page_finds_nothing(client, make_article):
    """Else every made-up number would make a page of its own in the caches."""
    make_article()

    for page in ["x", "-1", "0", "2", "99999", ""]:
        assert client.get(reverse("front_page"), {"page": page}).status_code == 404


def test_the_navigation_lists_sections_that_have_published_articles(
    client, make_article, make_section
):
    make_article()
    empty = make_section("Empty")

    page = client.get(reverse("front_page")).content.decode()

    assert '<a href="/news/"' in page
    assert empty.name not in page


def test_a_section_page_lists_only_its_own_articles(client, make_article, make_section):
    sport = make_section("Sport")
    ours = make_article(section=sport, headline="Match report")
    theirs = make_article(headline="Election night")

    response = client.get(sport.get_absolute_url())

    assert response.status_code == 200
    assert ours.headline in response.content.decode()
    assert theirs.headline not in response.content.decode()
    assert "<h1" in response.content.decode()


def test_an_unknown_section_is_a_friendly_404(client):
    response = client.get("/no-such-section/")

    assert response.status_code == 404
    assert "We couldn’t find that page" in response.content.decode()


def test_the_article_page_shows_every_part(client, make_article):
    article = make_article(
        label="Analysis",
        headline="The headline",
        deck="The Deck Line",
        dateline="WASHINGTON",
        body="First paragraph.\n\n## What’s Next\n\nLast paragraph.",
        credit="This article is based on reporting from The Verge.",
        source_domain="theverge.com",
        reading_minutes=12,
        reading_minutes_fixed=True,
    )

    page = client.get(article.get_absolute_url()).content.decode()

    assert page.count("<h1") == 1
    assert "<h1>The headline</h1>" in page
    assert "Analysis" in page
    assert "The Deck Line" in page
    assert '<span class="dateline">WASHINGTON —</span> First paragraph.' in page
    assert f'<time datetime="{article.published_on.isoformat()}T' in page
    assert "12 min read" in page
    assert "<h2>What’s Next</h2>" in page
    assert "This article is based on reporting from The Verge." in page
    assert '<a href="https://theverge.com/" rel="noopener">theverge.com</a>' in page


def test_the_article_url_is_date_based(make_article):
    article = make_article(slug="a-story", published_at=timezone.now().replace(2026, 3, 8, 12))

    assert article.get_absolute_url() == "/news/2026/03/08/a-story/"


def test_an_article_link_with_the_wrong_date_redirects_to_the_right_one(client, make_article):
    article = make_article(slug="a-story", published_at=timezone.now().replace(2026, 3, 8, 12))

    response = client.get("/news/2026/03/09/a-story/")

    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_an_old_link_answers_one_permanent_redirect_to_the_article(client, make_article):
    article = make_article(original_path="News/2026-03-08-an-old-slug-cut-mid-wo")

    response = client.get("/News/2026-03-08-an-old-slug-cut-mid-wo")

    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200


def test_an_unknown_old_link_is_a_404(client):
    assert client.get("/News/2026-03-08-never-existed").status_code == 404


def test_a_section_without_its_trailing_slash_is_redirected_to_it(client, article):
    response = client.get("/news")

    assert response.status_code == 301
    assert response["Location"] == "/news/"


@pytest.mark.parametrize("status", ["draft", "scheduled"])
def test_unpublished_articles_are_nowhere_on_the_public_pages(client, make_article, status):
    visible = make_article(headline="Visible story", original_path="News/2026-01-01-visible")
    hidden = make_article(
        headline="Hidden story",
        original_path="News/2026-01-01-hidden",
        status=Article.Status.DRAFT if status == "draft" else Article.Status.PUBLISHED,
        published_at=timezone.now() + timedelta(days=1 if status == "scheduled" else -1),
    )

    for url in [reverse("front_page"), visible.section.get_absolute_url()]:
        assert hidden.headline not in client.get(url).content.decode()
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get("/News/2026-01-01-hidden").status_code == 404


def test_text_from_a_seed_is_shown_as_text_never_as_markup(client, make_article):
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    article = make_article(headline=evil, label=evil, deck=evil, body=evil, credit=evil)

    urls = [article.get_absolute_url(), reverse("front_page"), article.section.get_absolute_url()]
    for url in urls:
        page = client.get(url).content.decode()
        assert "<script>alert" not in page
        assert "<img src=x" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


@pytest.mark.parametrize("url", ["/", "/news/"])
def test_listings_make_the_same_number_of_queries_for_1_article_as_for_50(
    client, make_article, url
):
    make_article()
    with_one = queries_of(client, url)
    for _ in range(49):
        make_article()

    with CaptureQueriesContext(connection) as with_fifty:
        response = client.get(url)

    assert len(response.context["page"].object_list) == 20
    assert len(with_fifty) == with_one


def test_under_an_article_are_the_three_newest_other_articles_of_its_section(
    client, make_article, make_section
):
    shown = make_article(headline="The story read")
    newest = [make_article(headline=f"Related {n}") for n in range(4)][:3]
    make_article(headline="In another section", section=make_section("Sport"))
    make_article(headline="A draft", status=Article.Status.DRAFT, published_at=timezone.now())

    response = client.get(shown.get_absolute_url())

    assert [article.headline for article in response.context["related"]] == [
        article.headline for article in newest
    ]
    assert "More from News" in response.content.decode()


def test_an_article_alone_in_its_section_has_no_related_list(client, article):
    page = client.get(article.get_absolute_url()).content.decode()

    assert "More from" not in page


def test_the_article_page_makes_the_same_number_of_queries_for_1_related_article_as_for_5(
    client, make_article
):
    shown = make_article(published_at=timezone.now())
    make_article()
    with_one = queries_of(client, shown.get_absolute_url())
    for _ in range(4):
        make_article()

    with_five = queries_of(client, shown.get_absolute_url())

    assert with_five == with_one


def test_listings_page_no_further_than_their_cap_and_then_point_to_the_months(
    client, make_article, monkeypatch
):
    monkeypatch.setattr(paging, "MAX_PAGES", 2)
    articles = [make_article() for _ in range(45)]
    oldest_shown = articles[39].published_on

    last = client.get(reverse("front_page"), {"page": 2})
    beyond = client.get(reverse("front_page"), {"page": 3})

    html = last.content.decode()
    assert "Page 2 of 2" in html
    month = reverse("archive_month", args=[oldest_shown.year, oldest_shown.month])
    assert f'<a href="{month}">Older, by month</a>' in html
    assert beyond.status_code == 404
