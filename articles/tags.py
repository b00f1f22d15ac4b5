"""What the public pages show of articles and sections, as cache tags (newsroom.caching), and
the signal receivers that mark those tags changed.

- `article:<id>`: the article's own page (and anything showing its text or corrections);
- `author:<id>`: the author's page and feed, and the pages of the articles in their byline;
- `section:<id>`: the section's page and feeds, and its articles' pages (their related list);
- `front`: the front page and the site's feeds;
- `listings`: archives, search results, sitemaps and the authors' list, which list articles from
  everywhere;
- `sections`: the navigation, on every HTML page.
"""

from articles.models import Article, Section
from newsroom import caching

SECTIONS = "sections"
FRONT = "front"
LISTINGS = "listings"


def article(pk):
    return f"article:{pk}"


def section(pk):
    return f"section:{pk}"


def author(pk):
    return f"author:{pk}"


def shows_articles(request, *tags):
    """While a public page renders: it lists public articles under these tags, so it changes
    by itself when the next scheduled article goes public (one query)."""
    caching.tag(request, *tags)
    caching.valid_until(request, Article.objects.next_publication())


def article_changed(sender, instance, **kwargs):
    """Signal receiver (articles/apps.py): an article was saved or deleted. Whether it was or
    becomes public, it may show on its page, its section's, the front page and the listings."""
    caching.changed(article(instance.pk), section(instance.section_id), FRONT, LISTINGS)


def correction_changed(sender, instance, **kwargs):
    """Signal receiver: a correction note was saved or deleted; its article changed."""
    article_changed(sender, instance.article)


def section_changed(sender, instance, **kwargs):
    """Signal receiver: a section was saved or deleted: the navigation on every page."""
    caching.changed(SECTIONS, section(instance.pk), FRONT, LISTINGS)


def author_changed(sender, instance, **kwargs):
    """Signal receiver: an author was saved or deleted. Their name and photo show on their page,
    their articles' pages and the cards of the lists those articles are in (one query)."""
    sections = Section.objects.filter(articles__bylines__author=instance.pk).distinct()
    caching.changed(
        author(instance.pk),
        FRONT,
        LISTINGS,
        *(section(pk) for pk in sections.values_list("pk", flat=True)),
    )


def byline_changed(sender, instance, **kwargs):
    """Signal receiver: an author was added to, moved in or taken off an article's byline: the
    article's pages and lists, and the author's page (one query)."""
    sections = Article.objects.filter(pk=instance.article_id).values_list("section", flat=True)
    caching.changed(
        article(instance.article_id),
        author(instance.author_id),
        FRONT,
        LISTINGS,
        *(section(pk) for pk in sections),
    )


def articles_created(articles):
    """New articles written without signals (the importer's bulk_create): the lists they join,
    and the navigation, which shows only sections with public articles."""
    sections = {section(new.section_id) for new in articles}
    caching.changed(SECTIONS, FRONT, LISTINGS, *sections)
