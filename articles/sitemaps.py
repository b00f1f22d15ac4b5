"""Sitemaps for crawlers: sections and articles (`/sitemap.xml`, an index of the two, so that
the articles can fill as many files as they need, one for each 1,000 ids), and a Google News
sitemap of the last two days' articles (`/sitemap-news.xml`)."""

from datetime import timedelta
from functools import cached_property, wraps

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import x_robots_tag
from django.core.paginator import Page, Paginator
from django.db.models import Max, OuterRef, Subquery
from django.shortcuts import render
from django.utils import timezone

from articles import metadata, tags
from articles.models import Article, Correction, Section
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


class IdRangePaginator(Paginator):
    """Pages of a list ordered by id that hold `per_page` ids each: page 1 the ids 1 to
    `per_page`, page 2 the next as many, and so on, up to the highest id in the list.

    Each page is one range of the primary key's index, as quick to read at any depth, where
    pages of `per_page` rows would skip every row before them (an OFFSET); and the number of
    pages comes from the highest id rather than from counting every row. A page holds fewer
    than `per_page` rows where ids went to rows outside the list (drafts, deleted articles);
    rarely none."""

    @cached_property
    def count(self):
        # The last row by id: a walk down the index from its end, which stops at the first
        # public article, where MAX() over these joined, filtered rows read every one.
        return self.object_list.order_by("-pk").values_list("pk", flat=True).first() or 0

    def page(self, number):
        number = self.validate_number(number)
        after = (number - 1) * self.per_page
        return Page(
            self.object_list.filter(pk__gt=after, pk__lte=after + self.per_page), number, self
        )


class ArticleSitemap(Sitemap):
    # Crawlers take up to 50,000 addresses a file, and an index of up to 50,000 files. A file
    # of 1,000 takes tens of milliseconds to make, at any size of the archive (one of 50,000
    # took seconds); the index lists as many as there are.
    limit = 1000

    @property
    def paginator(self):
        return IdRangePaginator(self.items(), self.limit)

    def items(self):
        # Oldest first, so that new articles land on the last page and the others stay put.
        # Plain rows of what an address and its date are made of: a file has thousands, and
        # making a model instance of each took most of its time.
        return (
            Article.objects.published()
            .with_modified_at()
            .order_by("pk")
            .values_list("section__slug", "published_at", "slug", "modified_at", named=True)
        )

    def location(self, row):
        return Article.url_for(row.section__slug, row.published_at, row.slug)

    def lastmod(self, row):
        return row.modified_at

    def get_latest_lastmod(self):
        """For the index: the newest publication or note of a public article. Two queries on
        indexes, where Django's default would load every article (and the articles'
        `modified_at` would look up each one's notes)."""
        public = Article.objects.published()
        published = public.aggregate(latest=Max("published_at"))["latest"]
        noted = Correction.objects.filter(article__in=public).aggregate(latest=Max("created_at"))[
            "latest"
        ]
        return max(filter(None, [published, noted]), default=None)


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
