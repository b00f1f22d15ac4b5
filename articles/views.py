from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.core.paginator import InvalidPage
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.generic.dates import MonthArchiveView, YearArchiveView

from articles import tags
from articles.models import Article, Author, Section
from articles.paging import PAGE_SIZE, CappedPaginator
from articles.search import Search, SearchBusy, SearchTimedOut, is_rate_limited, search_slot
from newsroom.caching import public_page
from newsroom.networks import client_address

RELATED_COUNT = 3


def _page_of(request, articles):
    """The page of `?page=`, among the first `paging.MAX_PAGES` (the archives go further
    back); a 404 for one that is not a page number of this list, so that no made-up number
    makes a page of its own."""
    try:
        return CappedPaginator(articles).page(request.GET.get("page", 1))
    except InvalidPage as error:
        raise Http404(str(error)) from error


@public_page(params=["page"])
def front_page(request):
    """The newest article as the lead, then the rest newest first, PAGE_SIZE a page."""
    tags.shows_articles(request, tags.FRONT)
    page = _page_of(request, Article.objects.published().for_listing())
    return render(request, "articles/front_page.html", {"page": page})


@public_page(params=["page"])
def section_page(request, section):
    section = get_object_or_404(Section, slug=section)
    tags.shows_articles(request, tags.section(section.pk))
    articles = Article.objects.published().for_listing().filter(section=section)
    return render(
        request, "articles/section.html", {"section": section, "page": _page_of(request, articles)}
    )


@public_page
def author_list(request):
    """Everyone with a published article, by name."""
    tags.shows_articles(request, tags.LISTINGS)
    authors = Author.objects.with_published_articles()
    return render(request, "articles/authors.html", {"authors": authors})


@public_page(params=["page"])
def author_page(request, slug):
    """An author's bio, then their articles newest first, PAGE_SIZE a page."""
    author = get_object_or_404(Author, slug=slug)
    tags.shows_articles(request, tags.author(author.pk))
    articles = Article.objects.published().for_listing().by(author)
    return render(
        request, "articles/author.html", {"author": author, "page": _page_of(request, articles)}
    )


# The thread's parameters (comments/thread.py): its order and the comment a reply answers.
@public_page(params=["order", "reply_to", "page"])
def article_detail(request, section, year, month, day, slug):
    article = get_object_or_404(
        Article.objects.published().for_page(),
        section__slug=section,
        slug=slug,
    )
    published_on = article.published_on
    if (published_on.year, published_on.month, published_on.day) != (year, month, day):
        # Right article, wrong date in the link: send the reader to the canonical address.
        return redirect(article, permanent=True)
    # With its related list (the section's newest articles) and its byline.
    tags.shows_articles(
        request,
        tags.article(article.pk),
        tags.section(article.section_id),
        *(tags.author(author.pk) for author in article.byline_authors),
    )
    return _article_page(request, article, "articles/article.html")


@never_cache
@staff_member_required
@permission_required("articles.view_article", raise_exception=True)
def article_preview(request, pk):
    """Any article, drafts and scheduled ones too, as readers would see it; staff only."""
    article = get_object_or_404(Article.objects.for_page(), pk=pk)
    return _article_page(request, article, "articles/preview.html")


def _article_page(request, article, template_name):
    """The article (loaded `for_page`), its corrections, and the RELATED_COUNT newest other
    articles of its section: two queries besides the article's (one when it has no
    corrections), however many there are."""
    related = (
        Article.objects.published()
        .for_listing()
        .filter(section=article.section_id)
        .exclude(pk=article.pk)[:RELATED_COUNT]
    )
    context = {
        "article": article,
        "canonical_url": request.build_absolute_uri(article.get_absolute_url()),
        "corrections": article.corrections.all() if article.has_corrections else (),
        "related": related,
    }
    return render(request, template_name, context)


def old_path_redirect(request, original_path):
    """The previous site's address of an article (a seed's second line): one 301 to its page."""
    article = get_object_or_404(
        Article.objects.published().by_original_path(original_path).select_related("section")
    )
    return redirect(article, permanent=True)


@public_page(params=["q", "page"])
def search_page(request):
    """/search/?q=: matching articles, PAGE_SIZE a page, each with a snippet. Too many searches
    from one address get a 429 page; a search while SEARCH_CONCURRENCY others run, or one the
    database gives up on, a 503 page. Each asks the reader to try again."""
    search = Search(request.GET.get("q", ""))
    context = {"query": search.query}
    if search.query and is_rate_limited(client_address(request)):
        response = render(request, "articles/search_refused.html", context, status=429)
        response["Retry-After"] = "60"
        return response
    try:
        with search_slot():
            page = search.page(request.GET.get("page"))
    except InvalidPage as error:
        raise Http404(str(error)) from error
    except SearchBusy:
        response = render(
            request, "articles/search_refused.html", context | {"busy": True}, status=503
        )
        response["Retry-After"] = "5"
        return response
    except SearchTimedOut:
        return render(
            request, "articles/search_refused.html", context | {"timed_out": True}, status=503
        )
    # After the search, which alone runs under its time limit.
    tags.shows_articles(request, tags.LISTINGS)
    return render(request, "articles/search.html", context | {"page": page})


class _Archive:
    """A period's public articles, newest first, PAGE_SIZE a page; a 404 for an empty one."""

    date_field = "published_at"
    paginate_by = PAGE_SIZE

    def get(self, request, *args, **kwargs):
        tags.shows_articles(request, tags.LISTINGS)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # A method, not a class attribute: "published" depends on the time of the request.
        return Article.objects.published().for_listing()


class YearArchive(_Archive, YearArchiveView):
    """/<yyyy>/: the year's articles, and links to its months that have some."""

    make_object_list = True
    template_name = "articles/archive_year.html"
    # A year holds tens of thousands of articles; past the cap its months take over.
    paginator_class = CappedPaginator


class MonthArchive(_Archive, MonthArchiveView):
    """/<yyyy>/<mm>/: the month's articles, and links to the months before and after. Not
    capped: a month's pages are as many as a month's articles allow, and paging through them
    skips a month's rows at most."""

    month_format = "%m"
    template_name = "articles/archive_month.html"
