from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path, register_converter
from django.views.generic import RedirectView, TemplateView

from articles import converters, feeds, sitemaps, views
from newsroom.caching import public_page

register_converter(converters.Year, "yyyy")
register_converter(converters.TwoDigits, "dd")

urlpatterns = [
    path("", views.front_page, name="front_page"),
    # The site's own paths come before the section pattern, which would match them; a
    # section may not take one of them as its slug (`validate_section_slug`).
    path("search/", views.search_page, name="search"),
    path("preview/<int:pk>/", views.article_preview, name="article_preview"),
    path("feeds/", RedirectView.as_view(pattern_name="latest_feed"), name="feeds"),
    path("feeds/latest/", public_page(feeds.LatestFeed()), name="latest_feed"),
    path("feeds/latest/atom/", public_page(feeds.LatestAtomFeed()), name="latest_feed_atom"),
    path(
        "sitemap.xml",
        sitemaps.public(sitemap_views.index),
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "sitemap_part"},
        name="sitemap",
    ),
    path("sitemap-news.xml", sitemaps.news_sitemap, name="news_sitemap"),
    path(
        "sitemap-<slug:section>.xml",
        # Django's sitemap pages are numbered with ?p=.
        sitemaps.public(sitemap_views.sitemap, params=["p"]),
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap_part",
    ),
    path(
        "robots.txt",
        public_page(
            TemplateView.as_view(template_name="articles/robots.txt", content_type="text/plain")
        ),
        name="robots",
    ),
    path("authors/", views.author_list, name="authors"),
    path("authors/<slug:slug>/", views.author_page, name="author"),
    path("authors/<slug:slug>/feed/", public_page(feeds.AuthorFeed()), name="author_feed"),
    path(
        "authors/<slug:slug>/feed/atom/",
        public_page(feeds.AuthorAtomFeed()),
        name="author_feed_atom",
    ),
    path(
        "<yyyy:year>/",
        public_page(views.YearArchive.as_view(), params=["page"]),
        name="archive_year",
    ),
    path(
        "<yyyy:year>/<dd:month>/",
        public_page(views.MonthArchive.as_view(), params=["page"]),
        name="archive_month",
    ),
    path(
        "<slug:section>/<yyyy:year>/<dd:month>/<dd:day>/<slug:slug>/",
        views.article_detail,
        name="article",
    ),
    path("<slug:section>/feed/", public_page(feeds.SectionFeed()), name="section_feed"),
    path(
        "<slug:section>/feed/atom/",
        public_page(feeds.SectionAtomFeed()),
        name="section_feed_atom",
    ),
    path("<slug:section>/", views.section_page, name="section"),
    # Old links, as the previous site served them: /News/2026-03-08-some-headline
    re_path(
        r"^(?P<original_path>[^/]+/[0-9]{4}-[0-9]{2}-[0-9]{2}-[^/]+)/?$",
        views.old_path_redirect,
        name="old_path",
    ),
]
