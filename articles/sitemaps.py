"""Sitemaps for crawlers: sections and articles (`/sitemap.xml`, an index of the two, so that
the articles can grow past one file's 50,000 addresses), and a Google News sitemap of the last
two days' articles (`/sitemap-news.xml`)."""

from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import x_robots_tag
from django.db.models import Max, OuterRef, Subquery
from django.shortcuts import render
from django.utils import timezone

from articles import metadata, tags
from articles.models import Article, Section
from newsroom.caching import public_page

# Google News reads articles published in the last two days, a thousand at most.
NEWS_MAX_AGE = timedelta(days=2)
NEWS_MAX_ARTICLES = 1000


class SectionSitemap(Sitemap):
    def items(self):
        newest = Article.objects.published().filter(section=OuterRef("pk")).values("published_at")
        return Section.objects.with_published_articles().annotate(newest=Subquery(newest[:1]))

    def lastmod(self, section):
        """When the section's page last changed: its newest article's publication."""
        return section.newest


class ArticleSitemap(Sitemap):
    def items(self):
        # Oldest first, so that new articles land on the last page and the others stay put.
        return (
            Article.objects.published().for_listing(bylines=False).with_modified_at().order_by("pk")
        )

    def lastmod(self, article):
        return article.modified_at

    def get_latest_lastmod(self):
        """For the index; one query, where Django's default would load every article."""
        modified = Article.objects.published().with_modified_at()
        return modified.aggregate(latest=Max("modified_at"))["latest"]


SITEMAPS = {"sections": SectionSitemap, "articles": ArticleSitemap}


def public(view, params=()):
    """One of Django's sitemap views as a public page, listing articles from everywhere."""

    @wraps(view)
    def listing(request, *args, **kwargs):
        tags.shows_articles(request, tags.LISTINGS)
        return view(request, *args, **kwargs)

    return public_page(listing, params=params)


@public_page
@x_robots_tag
def news_sitemap(request):
    """The Google News sitemap: the articles published in the last two days, newest first."""
    tags.shows_articles(request, tags.LISTINGS)
    since = timezone.now() - NEWS_MAX_AGE
    articles = (
        Article.objects.published().for_listing(bylines=False).filter(published_at__gte=since)
    )
    return render(
        request,
        "articles/sitemap_news.xml",
        {
            "articles": articles[:NEWS_MAX_ARTICLES],
            "publication": settings.SITE_NAME,
            "language": metadata.language(),
        },
        content_type="application/xml",
    )
