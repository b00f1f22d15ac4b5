"""RSS and Atom feeds of the newest public articles: the whole site's and each section's.

Feed readers show titles and descriptions as HTML, so both are escaped text (Django escapes
item titles by default; descriptions are escaped here).
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from articles import tags
from articles.metadata import SITE_NAME
from articles.models import Article, Section

FEED_SIZE = 30


def _newest(articles):
    """The newest public articles of a manager, with what an item needs; one query."""
    return articles.published().for_listing().with_modified_at()[:FEED_SIZE]


class LatestFeed(Feed):
    """The newest articles of the whole site, as RSS."""

    title = f"{SITE_NAME}: latest news"
    description = f"The newest articles on {SITE_NAME}."

    def get_object(self, request):
        tags.shows_articles(request, tags.FRONT)

    def link(self):
        return reverse("front_page")

    def items(self):
        return _newest(Article.objects)

    def item_description(self, article):
        return escape(article.deck)

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        """The latest correction or update; Atom shows it, RSS's lastBuildDate follows it."""
        return article.modified_at

    def item_categories(self, article):
        return [article.section.name]


class LatestAtomFeed(LatestFeed):
    feed_type = Atom1Feed
    subtitle = LatestFeed.description


class SectionFeed(LatestFeed):
    """The newest articles of one section, as RSS: /<section>/feed/."""

    def get_object(self, request, section):
        section = get_object_or_404(Section, slug=section)
        tags.shows_articles(request, tags.section(section.pk))
        return section

    def title(self, section):
        return f"{SITE_NAME}: {section.name}"

    def description(self, section):
        return f"The newest articles in {section.name} on {SITE_NAME}."

    def link(self, section):
        return section.get_absolute_url()

    def items(self, section):
        return _newest(section.articles)


class SectionAtomFeed(SectionFeed):
    feed_type = Atom1Feed
    subtitle = SectionFeed.description
