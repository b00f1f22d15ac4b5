from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from articles.models import Article, Section

PAGE_SIZE = 20


def _page_of(request, articles):
    return Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))


def front_page(request):
    """The newest article as the lead, then the rest newest first, PAGE_SIZE a page."""
    page = _page_of(request, Article.objects.published().for_listing())
    return render(request, "articles/front_page.html", {"page": page})


def section_page(request, section):
    section = get_object_or_404(Section, slug=section)
    articles = Article.objects.published().for_listing().filter(section=section)
    return render(
        request, "articles/section.html", {"section": section, "page": _page_of(request, articles)}
    )


def article_detail(request, section, year, month, day, slug):
    article = get_object_or_404(
        Article.objects.published().select_related("section"), section__slug=section, slug=slug
    )
    published_on = article.published_on
    if (published_on.year, published_on.month, published_on.day) != (year, month, day):
        # Right article, wrong date in the link: send the reader to the canonical address.
        return redirect(article, permanent=True)
    return render(request, "articles/article.html", {"article": article})


def old_path_redirect(request, original_path):
    """The previous site's address of an article (a seed's second line): one 301 to its page."""
    article = get_object_or_404(
        Article.objects.published().by_original_path(original_path).select_related("section")
    )
    return redirect(article, permanent=True)
