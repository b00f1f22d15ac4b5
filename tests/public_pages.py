"""One URL of each kind of public page, for the tests that go over them all (headers, fuzzing).

Each is built from an article that has an old path (see the `article` fixtures there).
"""

from django.urls import reverse

PAGES = {
    "front page": lambda article: reverse("front_page"),
    "section": lambda article: article.section.get_absolute_url(),
    "article": lambda article: article.get_absolute_url(),
    "old link": lambda article: f"/{article.original_path}",
    "search": lambda article: reverse("search"),
    "feed": lambda article: reverse("latest_feed"),
    "section feed": lambda article: reverse("section_feed", args=[article.section.slug]),
    "authors": lambda article: reverse("authors"),
    "comments feed": lambda article: reverse("comments:feed", args=[article.pk]),
    "sitemap": lambda article: reverse("sitemap"),
    "year": lambda article: reverse("archive_year", args=[article.published_at.year]),
    "robots.txt": lambda article: reverse("robots"),
    "health": lambda article: reverse("healthz"),
    "readiness": lambda article: reverse("readyz"),
}

# The original_path an article needs for the "old link" page.
OLD_PATH = "News/2026-03-08-an-old-link"
