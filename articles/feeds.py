"""RSS and Atom feeds of the newest public articles: the whole site's, each section's and each
author's.

Feed readers show titles and descriptions as HTML, so both are escaped text (Django escapes
item titles by default; descriptions are escaped here).
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from articles import tags
from articles.models import Article, Author, Section

FEED_SIZE = 30


def _newest(articles):
    """The newest public articles of a manager, with what an item needs; one query."""
    return articles.published().for_listing().with_modified_at()[:FEED_SIZE]


class LatestFeed(Feed):
    """The newest articles of the whole site, as RSS."""

    def title(self):
        return f"{settings.SITE_NAME}: latest news"

    def description(self):
        return f"The newest articles on {settings.SITE_NAME}."

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

    def item_author_name(self, article):
        """The byline (RSS's dc:creator, Atom's author name); none without authors."""
        return article.byline_names or None


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
        return f"{settings.SITE_NAME}: {section.name}"

    def description(self, section):
        return f"The newest articles in {section.name} on {settings.SITE_NAME}."

    def link(self, section):
        return section.get_absolute_url()

    def items(self, section):
        return _newest(section.articles)


class SectionAtomFeed(SectionFeed):
    feed_type = Atom1Feed
    subtitle = SectionFeed.description


class AuthorFeed(LatestFeed):
    """The newest articles of one author, as RSS: /authors/<slug>/feed/."""

    def get_object(self, request, slug):
        author = get_object_or_404(Author, slug=slug)
        tags.shows_articles(request, tags.author(author.pk))
        return author

    def title(self, author):
        return f"{settings.SITE_NAME}: {author.name}"

    def description(self, author):
        return f"The newest articles by {author.name} on {settings.SITE_NAME}."

    def link(self, author):
        return author.get_absolute_url()

    def items(self, author):
        return _newest(Article.objects.by(author))


class AuthorAtomFeed(AuthorFeed):
    feed_type = Atom1Feed
    subtitle = AuthorFeed.description
