"""Search at /search/?q=: on both databases, then PostgreSQL's ranking and syntax."""

import threading

import psycopg
import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from articles import search
from articles.models import Article
from tests.conftest import queries_of

pytestmark = pytest.mark.django_db

# Full-text ranking and web-search syntax are PostgreSQL's; tests/conftest.py runs these
# only in the PostgreSQL run of the suite.
postgresql_only = pytest.mark.postgresql


@pytest.fixture(autouse=True)
def _searched_every_time(settings):
    """Each request searches: these tests are about the search, not the cache of its pages."""
    settings.PAGE_CACHE_SECONDS = 0


def found(client, query):
    """The headlines the search page shows for a query, in order."""
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    return [article.headline for article in response.context["page"].object_list]


# On both databases


def test_an_empty_query_asks_for_words_without_an_error(client, article):
    for params in [{}, {"q": ""}, {"q": "   "}]:
        response = client.get(reverse("search"), params)

        assert response.status_code == 200
        assert "Type a word or two in the search box" in response.content.decode()
        assert not response.context["page"].object_list


def test_the_search_page_is_not_indexed(client):
    page = client.get(reverse("search"), {"q": "budget"}).content.decode()

    assert '<meta name="robots" content="noindex">' in page


def test_a_word_is_found_in_the_headline_the_deck_or_the_body(client, make_article):
    make_article(headline="Council passes budget")
    make_article(deck="The Budget Is Late")
    make_article(body="Nobody read the budget before the vote.")
    make_article(headline="Zebras escape from the zoo")

    assert len(found(client, "budget")) == 3


def test_an_article_must_have_every_word_of_the_query(client, make_article):
    make_article(headline="Council passes budget")
    make_article(headline="Budget is late")

    assert found(client, "council budget") == ["Council passes budget"]


def test_no_match_says_so(client, article):
    response = client.get(reverse("search"), {"q": "xylophone"})

    assert "No articles match “xylophone”" in response.content.decode()


def test_matching_words_are_marked_in_a_snippet_whose_text_is_escaped(client, make_article):
    make_article(body='Profits & losses < the budget > forecasts, said "Bob".')

    page = client.get(reverse("search"), {"q": "budget"}).content.decode()

    assert "&amp; losses &lt; the <mark>budget</mark> &gt; forecasts" in page


def test_markup_in_the_query_is_shown_as_text(client, article):
    page = client.get(reverse("search"), {"q": "<script>alert(1)</script>"}).content.decode()

    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize(
    "query", ["budget " * 2000, "x" * 10_000, "\"'&|!:*()<>-", '""', "-", "or or or"]
)
def test_any_query_is_answered_never_an_error(client, article, query):
    response = client.get(reverse("search"), {"q": query})

    assert response.status_code == 200
    assert len(response.context["query"]) <= search.MAX_QUERY_CHARS


def test_results_come_twenty_a_page_and_the_next_page_keeps_the_query(client, make_article):
    for _ in range(21):
        make_article(deck="Budget News")

    first = client.get(reverse("search"), {"q": "budget"})
    second = client.get(reverse("search"), {"q": "budget", "page": 2})

    assert len(first.context["page"].object_list) == 20
    assert len(second.context["page"].object_list) == 1
    assert 'rel="next" href="?q=budget&amp;page=2"' in first.content.decode()


def test_the_search_makes_the_same_number_of_queries_for_1_result_as_for_25(client, make_article):
    make_article(deck="Budget News")
    with_one = queries_of(client, reverse("search"), {"q": "budget"})
    for _ in range(24):
        make_article(deck="Budget News")

    with_many = queries_of(client, reverse("search"), {"q": "budget"})

    assert with_many == with_one


# PostgreSQL: ranking, web-search syntax, stemming, the index


@postgresql_only
def test_a_match_in_the_headline_ranks_above_the_deck_and_the_deck_above_the_body(
    client, make_article
):
    # Made newest first, so that ranking, not date, has to put them in this order.
    make_article(headline="Body match", body="The zebra crossed.")
    make_article(headline="Deck match", deck="Zebra Crossing")
    make_article(headline="Zebra crossing in the headline")

    assert found(client, "zebra") == ["Zebra crossing in the headline", "Deck match", "Body match"]


@postgresql_only
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"budget vote"', ["The budget vote"]),
        ("budget -council", ["The budget vote"]),
        ("zebra or council", ["A vote on the council budget", "Zebra escapes"]),
        ("budgets", ["The budget vote", "A vote on the council budget"]),
    ],
)
def test_quotes_minus_or_and_word_forms_work_as_on_search_engines(
    client, make_article, query, expected
):
    make_article(headline="The budget vote")
    make_article(headline="A vote on the council budget")
    make_article(headline="Zebra escapes")

    assert found(client, query) == expected


@postgresql_only
def test_the_search_document_is_kept_in_the_articles_row_not_out_of_line():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute "
            "WHERE attrelid = 'articles_article'::regclass AND attname = 'search_document'"
        )
        (storage,) = cursor.fetchone()

    # "m" (MAIN): compressed in the row; the TOAST table only when the row cannot fit a page.
    assert storage == "m"


@postgresql_only
def test_the_stored_search_document_is_read_through_its_gin_index():
    with connection.cursor() as cursor:
        # Tables this small are read whole, or in the order of another index, unless the
        # planner is told not to.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    query = SearchQuery("budget", search_type="websearch", config=search.CONFIG)

    plan = Article.objects.alias(document=search.StoredDocument()).filter(document=query).explain()

    assert "article_search_document" in plan


def test_past_the_ranked_matches_the_page_says_more_than_and_shows_the_newest(
    client, make_article, monkeypatch
):
    monkeypatch.setattr(search, "RANKED_MATCHES", 3)
    headlines = [make_article(headline=f"Budget {n}").headline for n in range(5)]

    response = client.get(reverse("search"), {"q": "budget"})

    assert "More than 3 articles found" in response.content.decode()
    assert sorted(found(client, "budget")) == sorted(headlines[:3])


def test_the_search_page_makes_a_fixed_number_of_queries(
    client, make_article, django_assert_num_queries
):
    for _ in range(25):
        make_article(deck="Budget News")
    # When the next scheduled article goes public (no copy may outlive it), the page, its
    # bylines and its comment counts, the sections for the navigation; on PostgreSQL also the
    # newest matches (which tell the count), the snippets, the time limit and the savepoint
    # around it; on SQLite the capped count.
    expected = 10 if connection.vendor == "postgresql" else 6

    with django_assert_num_queries(expected):
        client.get(reverse("search"), {"q": "budget"})


@override_settings(SEARCH_RATE_PER_MINUTE=2)
def test_too_many_searches_from_one_address_get_a_429_page_and_others_still_search(client, article):
    for _ in range(2):
        assert client.get(reverse("search"), {"q": "budget"}).status_code == 200

    refused = client.get(reverse("search"), {"q": "budget"})
    elsewhere = client.get(reverse("search"), {"q": "budget"}, REMOTE_ADDR="192.0.2.7")

    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert "Too many searches" in refused.content.decode()
    assert elsewhere.status_code == 200


@override_settings(SEARCH_RATE_PER_MINUTE=1)
def test_the_empty_search_page_does_not_count_against_the_limit(client):
    for _ in range(3):
        assert client.get(reverse("search")).status_code == 200


@postgresql_only
@pytest.mark.django_db(transaction=True)
@override_settings(SEARCH_TIMEOUT_MS=100)
def test_a_search_the_database_cannot_finish_in_time_asks_for_a_narrower_one(client, article):
    # Another connection holds the table, so the search waits until its time is up; it lets
    # go a while later, so that the page saying so can show the site's navigation.
    database = connection.settings_dict
    other = psycopg.connect(
        dbname=database["NAME"],
        user=database["USER"],
        host=database["HOST"],
        port=database["PORT"] or 5432,
    )
    other.execute("LOCK TABLE articles_article IN ACCESS EXCLUSIVE MODE")
    release = threading.Timer(3, other.rollback)
    release.start()
    try:
        response = client.get(reverse("search"), {"q": "budget"})
    finally:
        release.join()
        other.close()

    assert response.status_code == 503
    assert "Try a narrower search" in response.content.decode()
    assert client.get(reverse("search"), {"q": "budget"}).status_code == 200


def test_a_search_while_others_hold_every_place_is_asked_to_wait_a_moment(
    client, article, settings
):
    cache.set(search.RUNNING_KEY, settings.SEARCH_CONCURRENCY)

    busy = client.get(reverse("search"), {"q": "budget"})
    cache.decr(search.RUNNING_KEY)
    free = client.get(reverse("search"), {"q": "budget"})

    assert busy.status_code == 503
    assert busy["Retry-After"] == "5"
    assert "Search is busy" in busy.content.decode()
    assert free.status_code == 200
    assert cache.get(search.RUNNING_KEY) == settings.SEARCH_CONCURRENCY - 1
