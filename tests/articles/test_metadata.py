"""What an article page tells machines: canonical link, OpenGraph, Twitter card, JSON-LD."""

import json
from datetime import datetime
from html.parser import HTMLParser

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


class Head(HTMLParser):
    """A page's <meta> tags by name or property, its <link>s by rel, its JSON-LD scripts."""

    def __init__(self, html):
        super().__init__()
        self.meta, self.links, self.json_ld = {}, {}, []
        self._in_json_ld = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs:
            self.meta[attrs.get("property") or attrs.get("name")] = attrs["content"]
        elif tag == "link":
            self.links.setdefault(attrs["rel"], attrs["href"])
        self._in_json_ld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))
            self._in_json_ld = False


@pytest.fixture
def story(make_article):
    return make_article(
        headline="Council approves budget",
        deck="A Late Night at City Hall",
        dateline="SPRINGFIELD",
        body="One two three four.\n\n## Five six\n\nSeven eight.",
        source_domain="example.com",
        label="Analysis",
        published_at=timezone.now().replace(2026, 3, 8, 9, 30, 0, 0),
    )


def head_of(client, article):
    return Head(client.get(article.get_absolute_url()).content.decode())


def test_the_page_has_its_canonical_link_and_opengraph_tags(client, story):
    head = head_of(client, story)

    url = f"http://testserver{story.get_absolute_url()}"
    assert head.links["canonical"] == url
    assert head.meta["og:type"] == "article"
    assert head.meta["og:title"] == "Council approves budget"
    assert head.meta["og:description"] == "A Late Night at City Hall"
    assert head.meta["og:url"] == url
    assert head.meta["article:published_time"] == "2026-03-08T09:30:00+00:00"
    assert head.meta["article:modified_time"] == "2026-03-08T09:30:00+00:00"
    assert head.meta["article:section"] == "News"


def test_the_page_has_twitter_card_tags(client, story):
    head = head_of(client, story)

    assert head.meta["twitter:card"] == "summary"
    assert head.meta["twitter:title"] == "Council approves budget"
    assert head.meta["twitter:description"] == "A Late Night at City Hall"


def test_the_page_describes_itself_as_a_news_article_in_json_ld(client, story):
    (data,) = head_of(client, story).json_ld

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Council approves budget"
    assert data["description"] == "A Late Night at City Hall"
    assert datetime.fromisoformat(data["datePublished"]) == story.published_at
    assert datetime.fromisoformat(data["dateModified"]) == story.published_at
    assert data["articleSection"] == "News"
    assert data["dateline"] == "SPRINGFIELD"
    assert data["isBasedOn"] == "https://example.com/"
    assert data["wordCount"] == 8
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "Newsroom"
    assert data["publisher"]["logo"]["url"].startswith("http://testserver/static/img/logo")


def test_json_ld_leaves_out_what_the_article_does_not_have(client, make_article):
    (data,) = head_of(client, make_article(deck="", dateline="", source_domain="")).json_ld

    assert {"description", "dateline", "isBasedOn"}.isdisjoint(data)


def test_text_that_could_end_the_script_stays_inside_the_json(client, make_article):
    evil = '</script><script>alert("x")</script> & <!--'
    article = make_article(headline=evil)

    html = client.get(article.get_absolute_url()).content.decode()

    (data,) = Head(html).json_ld
    assert data["headline"] == evil
    assert html.count("<script>alert") == 0
