"""Date archives, /<yyyy>/ and /<yyyy>/<mm>/, and the paths sections may not take."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles import paging
from articles.models import Section
from tests.conftest import queries_of

pytestmark = pytest.mark.django_db


def on(year, month, day):
    return datetime(year, month, day, 12, tzinfo=UTC)


@pytest.fixture
def dated(make_article):
    """Two articles of 2025, in March and July, and one of 2024."""
    return {
        "march": make_article(headline="March story", published_at=on(2025, 3, 5)),
        "july": make_article(headline="July story", published_at=on(2025, 7, 1)),
        "older": make_article(headline="Last year's story", published_at=on(2024, 12, 31)),
    }


def headlines(response):
    return [article.headline for article in response.context["page_obj"].object_list]


def test_a_year_lists_its_articles_newest_first_and_links_to_its_months(client, dated):
    response = client.get(reverse("archive_year", args=[2025]))

    page = response.content.decode()
    assert headlines(response) == ["July story", "March story"]
    assert '<a href="/2025/03/">March</a>' in page
    assert '<a href="/2025/07/">July</a>' in page
    assert "Last year's story" not in page


def test_a_month_lists_its_articles_and_links_to_the_months_around_it(client, dated):
    response = client.get(reverse("archive_month", args=[2025, 3]))

    page = response.content.decode()
    assert headlines(response) == ["March story"]
    assert '<a href="/2024/12/">December 2024</a>' in page
    assert '<a href="/2025/07/">July 2025</a>' in page
    assert '<a href="/2025/">All of 2025</a>' in page


@pytest.mark.parametrize(
    "path", ["/2023/", "/2025/02/", "/2025/13/", "/2025/00/", "/0000/", "/9999/"]
)
def test_a_period_without_articles_or_outside_the_calendar_is_a_404(client, dated, path):
    assert client.get(path).status_code == 404


def test_an_archive_shows_twenty_articles_a_page(client, make_article):
    for day in range(1, 22):
        make_article(published_at=on(2025, 3, day))

    first = client.get(reverse("archive_month", args=[2025, 3]))
    second = client.get(reverse("archive_month", args=[2025, 3]), {"page": 2})

    assert len(headlines(first)) == 20
    assert len(headlines(second)) == 1


@pytest.mark.parametrize("url", [reverse("archive_year", args=[2025]), "/2025/03/"])
def test_archives_make_the_same_number_of_queries_for_1_article_as_for_25(
    client, make_article, url
):
    make_article(published_at=on(2025, 3, 1))
    with_one = queries_of(client, url)
    for day in range(2, 27):
        make_article(published_at=on(2025, 3, day))

    with_many = queries_of(client, url)

    assert with_many == with_one


@pytest.mark.parametrize("slug", ["search", "feeds", "2026", "admin"])
def test_a_section_cannot_take_a_path_the_site_uses(slug):
    section = Section(name=slug, slug=slug)

    with pytest.raises(ValidationError) as refused:
        section.full_clean()

    assert [error.code for error in refused.value.error_dict["slug"]] == ["reserved"]


def test_a_section_may_have_a_slug_of_digits_that_is_not_a_year():
    Section(name="101", slug="101").full_clean()


def test_a_year_archive_pages_no_further_than_the_listing_cap(client, make_article, monkeypatch):
    monkeypatch.setattr(paging, "MAX_PAGES", 1)
    for day in range(1, 23):
        make_article(published_at=on(2025, 3, day))

    first = client.get(reverse("archive_year", args=[2025]))
    second = client.get(reverse("archive_year", args=[2025]), {"page": 2})

    assert len(headlines(first)) == 20
    assert "Older, by month" in first.content.decode()
    assert second.status_code == 404
