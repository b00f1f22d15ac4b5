"""Each article's comments as RSS and Atom, parsed as XML."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.articles.test_feeds import ATOM, atom_entries, rss_items
from tests.conftest import queries_of

pytestmark = pytest.mark.django_db

DC = "{http://purl.org/dc/elements/1.1/}"


def feed(article, atom=False):
    return reverse("comments:feed_atom" if atom else "comments:feed", args=[article.pk])


def test_the_feed_lists_the_articles_visible_comments_newest_first(
    client, article, make_article, make_comment
):
    older = make_comment(name="Ada", created_at=timezone.now() - timedelta(hours=2))
    newer = make_comment(name="Bo", body="First line\nsecond line")
    make_comment(status="pending")
    make_comment(status="rejected")
    make_comment(status="deleted", body="")
    make_comment(article=make_article())

    items = rss_items(client, feed(article))

    assert [item["title"] for item in items] == [
        f"Bo on {article.headline}",
        f"Ada on {article.headline}",
    ]
    assert items[0]["link"] == f"http://testserver/comments/{newer.pk}/"
    assert items[0]["description"] == "First line<br>\nsecond line"
    assert items[0][f"{DC}creator"] == "Bo"
    assert items[1]["link"] == f"http://testserver/comments/{older.pk}/"
    assert items[1]["pubDate"]


def test_the_feed_is_about_its_article(client, article):
    response = client.get(feed(article))

    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (our own output)
    assert channel.find("title").text == f"Newsroom: comments on {article.headline}"
    assert channel.find("link").text == f"http://testserver{article.get_absolute_url()}#comments"
    assert channel.findall("item") == []


def test_the_atom_feed_gives_each_entry_its_author_and_times(client, article, make_comment):
    comment = make_comment(name="Ada", edited_at=timezone.now() + timedelta(minutes=5))

    (entry,) = atom_entries(client, feed(article, atom=True))

    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Ada"
    assert entry.find(f"{ATOM}link").get("href").endswith(f"/comments/{comment.pk}/")
    assert entry.find(f"{ATOM}published").text < entry.find(f"{ATOM}updated").text


def test_the_feeds_name_commenters_but_never_give_their_email(client, article, make_comment):
    make_comment(name="Ada", email="ada.lovelace@example.com")

    rss = client.get(feed(article)).content.decode()
    (entry,) = atom_entries(client, feed(article, atom=True))

    assert "ada.lovelace" not in rss
    assert "<author>" not in rss
    assert entry.find(f"{ATOM}author/{ATOM}email") is None


def test_markup_in_a_comment_reaches_feed_readers_as_text(client, article, make_comment):
    make_comment(name="<b>Mallory</b>", body="<script>alert(1)</script> see example.com")

    (item,) = rss_items(client, feed(article))

    # Feed readers read titles and descriptions as HTML: escaped, they show the text.
    assert item["title"].startswith("&lt;b&gt;Mallory&lt;/b&gt; on ")
    assert item["description"].startswith("&lt;script&gt;alert(1)&lt;/script&gt; see <a ")
    assert 'rel="ugc nofollow noopener"' in item["description"]


def test_the_feeds_of_unpublished_and_unknown_articles_are_404s(client, make_article, make_comment):
    draft = make_article(status=Article.Status.DRAFT)
    scheduled = make_article(published_at=timezone.now() + timedelta(days=1))
    for hidden in [draft, scheduled]:
        make_comment(article=hidden)

    statuses = {
        client.get(feed(article, atom)).status_code
        for article in [draft, scheduled, Article(pk=999_999)]
        for atom in [False, True]
    }

    assert statuses == {404}


def test_the_article_page_links_its_comments_feeds(client, article):
    html = client.get(article.get_absolute_url()).content.decode()

    links = re.findall(
        r'<link rel="alternate" type="([^"]+)" title="([^"]+)" href="([^"]+)">', html
    )
    assert ("application/rss+xml", f"Comments on {article.headline}", feed(article)) in links
    assert (
        "application/atom+xml",
        f"Comments on {article.headline} (Atom)",
        feed(article, atom=True),
    ) in links


@pytest.mark.parametrize("atom", [False, True])
def test_the_feeds_make_the_same_number_of_queries_for_1_comment_as_for_10(
    client, article, make_comment, atom
):
    url = feed(article, atom)
    make_comment()
    with_one = queries_of(client, url)
    for _ in range(9):
        make_comment()

    with_ten = queries_of(client, url)

    assert with_ten == with_one
