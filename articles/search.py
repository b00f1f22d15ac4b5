"""Article search: full-text search on PostgreSQL, a plain match on SQLite.

On PostgreSQL a query is read with web-search syntax ("quoted phrase", -word, or) and matched
against each article's weighted document (headline > deck > body), which the database stores in
a column of its own and indexes (migration 0005): a search reads the index and the matching
rows' stored documents, never the articles' text. A common word matches most of the archive, so
only the newest `RANKED_MATCHES` matches are ranked and counted (a news archive is read newest
first), snippets are made for the page shown only, and every search is cut off after
`SEARCH_TIMEOUT_MS` (settings). SQLite has none of that: there every word of the query must
appear in the headline, the deck or the body, newest first, and the snippet marks the words
where they appear.

Snippets are HTML made safely: the text comes back with markers around the matches, is
escaped whole, and only then do the markers become <mark> tags. (PostgreSQL leaves out of its
snippets whatever looks like an HTML tag, `<b>` say; the other characters stay.)
"""

import re
import secrets
from contextlib import contextmanager, suppress

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, transaction
from django.db.models import Expression, Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles import markup
from articles.models import Article
from articles.paging import CappedPaginator
from newsroom import counters

# Longer queries are cut: nobody types more, and each word costs the database work.
MAX_QUERY_CHARS = 200
# The text-search configuration: English stemming and stop words.
CONFIG = "english"
# Snippet length in words, and the words of context shown before the first match (SQLite).
SNIPPET_WORDS = 30
_CONTEXT_WORDS = 8
# Matches ranked and counted, newest first; past them the page says "more than" this many.
RANKED_MATCHES = 300
# The column that holds the weighted document (PostgreSQL only; migration 0005 makes it).
DOCUMENT_COLUMN = "search_document"
MINUTE = 60
RUNNING_KEY = "search:running"


class SearchTimedOut(Exception):
    """The database gave up on a search: too broad for the time it may take."""


class SearchBusy(Exception):
    """SEARCH_CONCURRENCY searches are running already."""


class StoredDocument(Expression):
    """An article's weighted document, as the database keeps it: headline (weight A), deck (B)
    and body (C) in English, computed when the row is written (migration 0005).

    The column is in no model's state: SQLite has no tsvector, and a migration state cannot
    hold a column that only one database has.
    """

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.quote_name(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name(DOCUMENT_COLUMN)}", []


def clean_query(text: str) -> str:
    """The query as searched: whitespace collapsed, and cut to MAX_QUERY_CHARS."""
    return " ".join(text.split())[:MAX_QUERY_CHARS].strip()


@contextmanager
def search_slot():
    """Hold one of SEARCH_CONCURRENCY places for a running search, counted in the cache (across
    servers with Redis), or raise SearchBusy. The gunicorn workers are few: searches that took
    them all would leave the pages kept in the cache waiting for one.

    The count expires a little after the longest a search may run, so a worker killed while
    searching holds its place no longer than that (and a count that expired while searches
    ran is a little low until the next expiry)."""
    (running,) = counters.count({RUNNING_KEY: 2 * settings.SEARCH_TIMEOUT_MS // 1000 + 1})
    try:
        if running > settings.SEARCH_CONCURRENCY:
            raise SearchBusy
        yield
    finally:
        with suppress(ValueError):  # Expired meanwhile: nothing to give back.
            cache.decr(RUNNING_KEY)


def is_rate_limited(address):
    """Count one search from this address (an IPv6 /64 is one reader); True if it goes over
    SEARCH_RATE_PER_MINUTE. A search costs the database far more than a page from the cache."""
    return counters.over_limits("search:rate", address, [(settings.SEARCH_RATE_PER_MINUTE, MINUTE)])


class Search:
    """One search: `page()` gives a page of results, each with its `snippet`."""

    def __init__(self, query: str):
        self.query = clean_query(query)
        # Letters and digits only, so that they survive escaping and need no quoting in
        # PostgreSQL's headline options; random, so that no article's text can contain them.
        token = secrets.token_hex(8)
        self.start, self.stop = f"matchstart{token}", f"matchstop{token}"
        self.on_postgresql = connection.vendor == "postgresql"

    def page(self, number):
        """The page of results (raising InvalidPage for a number that names none), each
        article with a `snippet`.
        Three queries on PostgreSQL (the newest matches, the ranked page, the snippets), two on
        SQLite (the count, the page). Raises SearchTimedOut when the database takes longer than
        SEARCH_TIMEOUT_MS."""
        with self._time_limit():
            results, found = self.results()
            paginator = CappedPaginator(results, limit=RANKED_MATCHES, found=found)
            page = paginator.page(number or 1)
            snippets = self._snippets(page.object_list)
        for article in page.object_list:
            article.snippet = snippets.get(article.pk, "")
        return page

    def results(self):
        """(Published articles that match, how many: None where only counting them tells.)
        On PostgreSQL the newest RANKED_MATCHES of them best first, on SQLite all of them
        newest first."""
        articles = Article.objects.published().for_listing()
        if not self.query:
            return articles.none(), 0
        if self.on_postgresql:
            return self._ranked(articles)
        return self._matched(articles), None

    def _search_query(self):
        return SearchQuery(self.query, search_type="websearch", config=CONFIG)

    def _ranked(self, articles):
        """The newest matches, ranked, and how many they are (RANKED_MATCHES + 1 when there
        are more): they are found in one query, so that counting and ranking them read no
        document twice."""
        query = self._search_query()
        newest = list(
            articles.alias(document=StoredDocument())
            .filter(document=query)
            .order_by("-published_at", "-id")
            # One more than are ranked and shown, so that the count tells there are more.
            .values_list("pk", flat=True)[: RANKED_MATCHES + 1]
        )
        ranked = (
            Article.objects.for_listing()
            .filter(pk__in=newest)
            .alias(rank=SearchRank(StoredDocument(), query))
            .order_by("-rank", "-published_at", "-id")
        )
        return ranked, len(newest)

    @contextmanager
    def _time_limit(self):
        if not self.on_postgresql:
            yield
            return
        try:
            # Inside a transaction the reads stay on the primary, where SET LOCAL applies.
            with transaction.atomic(using=DEFAULT_DB_ALIAS):
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT set_config('statement_timeout', %s, true)",
                        [f"{settings.SEARCH_TIMEOUT_MS}ms"],
                    )
                yield
        except OperationalError as error:
            if getattr(error.__cause__, "sqlstate", None) == "57014":  # query_canceled
                raise SearchTimedOut from error
            raise

    def _snippets(self, articles) -> dict[int, SafeString]:
        """{article id: a bit of its body with the matching words in <mark>}, for the articles
        shown; one query (PostgreSQL), none (SQLite, whose results carry the body)."""
        if not articles:
            return {}
        if self.on_postgresql:
            headlines = Article.objects.filter(pk__in=[a.pk for a in articles]).values_list(
                "pk",
                SearchHeadline(
                    "body",
                    self._search_query(),
                    config=CONFIG,
                    start_sel=self.start,
                    stop_sel=self.stop,
                    max_words=SNIPPET_WORDS,
                    min_words=SNIPPET_WORDS // 2,
                ),
            )
            return {pk: self._marked(text) for pk, text in headlines}
        return {a.pk: self._marked(self._marked_excerpt(a)) for a in articles}

    def _marked(self, text: str) -> SafeString:
        html = escape(text).replace(self.start, "<mark>").replace(self.stop, "</mark>")
        return mark_safe(html)  # noqa: S308 (escaped above; only our own markers became tags)

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
