"""Article search: full-text search on PostgreSQL, a plain match on SQLite.

On PostgreSQL a query is read with web-search syntax ("quoted phrase", -word, or), matched
against a document weighted headline > deck > body, ranked, and given a snippet of the body
with the matching words marked; a GIN index on the same document (migration 0003) serves it.
SQLite has none of that: there every word of the query must appear in the headline, the deck
or the body, newest first, and the snippet marks the words where they appear.

Snippets are HTML made safely: the text comes back with markers around the matches, is
escaped whole, and only then do the markers become <mark> tags. (PostgreSQL leaves out of its
snippets whatever looks like an HTML tag, `<b>` say; the other characters stay.)
"""

import re
import secrets

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles import markup
from articles.models import Article

# Longer queries are cut: nobody types more, and each word costs the database work.
MAX_QUERY_CHARS = 200
# The text-search configuration: English stemming and stop words.
CONFIG = "english"
# Snippet length in words, and the words of context shown before the first match (SQLite).
SNIPPET_WORDS = 30
_CONTEXT_WORDS = 8


def document():
    """The weighted text an article is searched by.

    Migration 0003 indexes this very expression; change it, and add a migration that replaces
    the index (tests/articles/test_search.py checks that the index still serves the search).
    """
    return (
        SearchVector("headline", weight="A", config=CONFIG)
        + SearchVector("deck", weight="B", config=CONFIG)
        + SearchVector("body", weight="C", config=CONFIG)
    )


def clean_query(text: str) -> str:
    """The query as searched: whitespace collapsed, and cut to MAX_QUERY_CHARS."""
    return " ".join(text.split())[:MAX_QUERY_CHARS].strip()


class Search:
    """One search: `results()` to page through, then `snippet()` for each article shown."""

    def __init__(self, query: str):
        self.query = clean_query(query)
        # Letters and digits only, so that they survive escaping and need no quoting in
        # PostgreSQL's headline options; random, so that no article's text can contain them.
        token = secrets.token_hex(8)
        self.start, self.stop = f"matchstart{token}", f"matchstop{token}"
        self.on_postgresql = connection.vendor == "postgresql"

    def results(self):
        """Published articles that match, best first (PostgreSQL) or newest first (SQLite)."""
        articles = Article.objects.published().for_listing()
        if not self.query:
            return articles.none()
        if self.on_postgresql:
            return self._ranked(articles)
        return self._matched(articles)

    def snippet(self, article: Article) -> SafeString:
        """A bit of the article's body with the matching words in <mark>."""
        text = article.snippet_text if self.on_postgresql else self._marked_excerpt(article)
        html = escape(text).replace(self.start, "<mark>").replace(self.stop, "</mark>")
        return mark_safe(html)  # noqa: S308 (escaped above; only our own markers became tags)

    def _ranked(self, articles):
        query = SearchQuery(self.query, search_type="websearch", config=CONFIG)
        return (
            articles.alias(document=document())
            .filter(document=query)
            .annotate(
                rank=SearchRank(document(), query),
                snippet_text=SearchHeadline(
                    "body",
                    query,
                    config=CONFIG,
                    start_sel=self.start,
                    stop_sel=self.stop,
                    max_words=SNIPPET_WORDS,
                    min_words=SNIPPET_WORDS // 2,
                ),
            )
            .order_by("-rank", "-published_at", "-id")
        )

    def _words(self) -> list[str]:
        return [word for word in (word.strip("\"'") for word in self.query.split()) if word]

    def _matched(self, articles):
        words = self._words()
        if not words:
            return articles.none()
        every_word = Q()
        for word in words:
            every_word &= (
                Q(headline__icontains=word) | Q(deck__icontains=word) | Q(body__icontains=word)
            )
        # The snippet is cut from the body here, so load it (a long one only for the page shown).
        return articles.filter(every_word).defer(None).defer("body_html")

    def _marked_excerpt(self, article: Article) -> str:
        words = " ".join(block.text for block in markup.blocks(article.body)).split()
        pattern = re.compile("|".join(map(re.escape, self._words())), re.IGNORECASE)
        first = next((i for i, word in enumerate(words) if pattern.search(word)), 0)
        start = max(first - _CONTEXT_WORDS, 0)
        excerpt = " ".join(words[start : start + SNIPPET_WORDS])
        marked = pattern.sub(lambda match: f"{self.start}{match[0]}{self.stop}", excerpt)
        ellipsis_before = "… " if start else ""
        ellipsis_after = " …" if start + SNIPPET_WORDS < len(words) else ""
        return f"{ellipsis_before}{marked}{ellipsis_after}"
