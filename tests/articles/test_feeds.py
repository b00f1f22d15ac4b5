"""RSS and Atom feeds, parsed as XML."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import queries_of

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def rss_items(client, url):
    """The feed's <item>s, each as {tag: text} (categories as a list)."""
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (our own output)
    return [
        {child.tag: child.text for child in item} | {"categories": item.findall("category")}
        for item in channel.findall("item")
    ]


def atom_entries(client, url):
    response = client.get(url)
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")  # noqa: S314 (our own output)


def test_the_latest_feed_lists_the_newest_public_articles_first(client, make_article):
    older = make_article(headline="Older", deck="The Older Deck")
    newer = make_article(headline="Newer", published_at=timezone.now())

    items = rss_items(client, reverse("latest_feed"))

    assert [item["title"] for item in items] == ["Newer", "Older"]
    assert items[0]["link"] == f"http://testserver{newer.get_absolute_url()}"
    assert items[1]["description"] == "The Older Deck"
    assert items[1]["pubDate"]
    assert [category.text for category in items[1]["categories"]] == [older.section.name]


def test_the_atom_feed_gives_each_entry_its_published_and_updated_times(client, article):
    (entry,) = atom_entries(client, reverse("latest_feed_atom"))

    assert entry.find(f"{ATOM}title").text == article.headline
    assert entry.find(f"{ATOM}link").get("href").endswith(article.get_absolute_url())
    assert entry.find(f"{ATOM}published").text == entry.find(f"{ATOM}updated").text


def test_a_section_feed_has_only_its_sections_articles(client, make_article, make_section):
    sport = make_section("Sport")
    make_article(section=sport, headline="Match report")
    make_article(headline="Election night")

    rss = rss_items(client, reverse("section_feed", args=["sport"]))
    atom = atom_entries(client, reverse("section_feed_atom", args=["sport"]))

    assert [item["title"] for item in rss] == ["Match report"]
    assert [entry.find(f"{ATOM}title").text for entry in atom] == ["Match report"]


def test_an_unknown_sections_feed_is_a_404(client):
    assert client.get(reverse("section_feed", args=["nowhere"])).status_code == 404


def test_markup_in_a_headline_reaches_feed_readers_as_text(client, make_article):
    make_article(headline="<script>alert(1)</script>", deck="Tom & <b>Jerry</b>")

    (item,) = rss_items(client, reverse("latest_feed"))

    # Feed readers read titles and descriptions as HTML: escaped once more, they show the text.
    assert item["title"] == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert item["description"] == "Tom &amp; &lt;b&gt;Jerry&lt;/b&gt;"


def test_feeds_redirects_to_the_latest_feed(client):
    response = client.get("/feeds/")

    assert response["Location"] == reverse("latest_feed")


def test_every_page_links_to_the_latest_feeds_and_a_section_page_to_its_own(
    client, article, make_section
):
    front = client.get(reverse("front_page")).content.decode()
    section = client.get(article.section.get_absolute_url()).content.decode()
    page = client.get(article.get_absolute_url()).content.decode()

    latest = (
        '<link rel="alternate" type="application/rss+xml" title="Newsroom: latest news" '
        f'href="{reverse("latest_feed")}">'
    )
    own = (
        'type="application/atom+xml" title="Newsroom: News (Atom)" '
        f'href="{reverse("section_feed_atom", args=["news"])}"'
    )
    for html in [front, section, page]:
        assert latest in html
    assert own in section
    assert own in page
    assert own not in front


@pytest.mark.parametrize(
    "url",
    [reverse("latest_feed"), reverse("latest_feed_atom"), reverse("section_feed", args=["news"])],
)
def test_feeds_make_the_same_number_of_queries_for_1_article_as_for_10(client, make_article, url):
    make_article()
    with_one = queries_of(client, url)
    for _ in range(9):
        make_article(published_at=timezone.now() - timedelta(hours=1))

    with_ten = queries_of(client, url)

    assert with_ten == with_one
